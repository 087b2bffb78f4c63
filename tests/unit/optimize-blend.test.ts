// A fuel-blend optimisation (the mass fraction of CH4 in an RP-1/CH4 fuel as a decision variable):
// the spec lays out the blend instead of a choice, a design opens as the blended reactant table,
// and saving it with an experiment and sharing it keeps the blend, so the link reruns to the same front.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadNodeEngine, runRocketOptimisation, type NodeEngine } from './support/engine-node.ts';
import { createExperiment, restoreExperiment } from '../../app/domain/experiment.ts';
import { addOptimisationStudy, paretoOfResult, studyOptimizeSpec } from '../../app/domain/optimize-study.ts';
import { encodeShare, decodeShare } from '../../app/domain/share-link.ts';
import { designProblem, resolveOptimizeSpec, type OptimizeSpec } from '../../app/domain/optimize-spec.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../../app/domain/templates.ts';

const SPEC: OptimizeSpec = {
  fuels: ['RP-1', 'CH4(L)'], oxidizers: ['O2(L)'],
  variables: { of: [2, 3.5], pc: 7e6, areaRatio: 40, fuelBlend: [0.2, 0.8] },
  objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
  population: 8, generations: 3, seed: 3,
  separation: 'mark', // Ae/At 40 at 70 bar separates at sea level; kept, marked
};
const NOW = '2025-01-02T03:04:05.000Z';

let eng: NodeEngine;
beforeAll(async () => {
  eng = await loadNodeEngine();
});
const run = (spec: unknown) => runRocketOptimisation(eng, spec);

describe('fuel-blend optimisation', () => {
  it('varies the blend fraction instead of choosing a fuel, and opens a design as the blended reactants', () => {
    const r = resolveOptimizeSpec(SPEC);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.variables.map((v) => [v.name, v.lower, v.upper, v.kind])).toEqual([['of', 2, 3.5, 'real'], ['fuelBlend', 0.2, 0.8, 'real']]);
    // 25 % CH4 by mass in the fuel: RP-1 0.75 and CH4 0.25 of the fuel, the oxidizer whole.
    const p = designProblem(r.value, { fuel: 'RP-1 + CH4(L)', oxidizer: 'O2(L)', fuelBlend: 0.25, of: 2.8, pc: 7e6, areaRatio: 40 });
    expect(p.reactants.map((x) => [x.name, x.role, x.massFraction])).toEqual([['RP-1', 'fuel', 0.75], ['CH4(L)', 'fuel', 0.25], ['O2(L)', 'oxidizer', 1]]);
    expect(p).toMatchObject({ of: 2.8, pc: 7e6, exits: [{ areaRatio: 40 }] });
  });

  it('names the field and value of a bad blend bound', () => {
    const bad = (fuelBlend: unknown) => resolveOptimizeSpec({ ...SPEC, variables: { ...SPEC.variables, fuelBlend } });
    expect(bad([0.2, 1.5])).toMatchObject({ ok: false, error: { field: 'variables.fuelBlend[1]', message: 'fuel blend fraction must be ≤ 1 (got 1.5)' } });
    expect(bad([-0.1, 0.5])).toMatchObject({ ok: false, error: { field: 'variables.fuelBlend[0]', message: 'fuel blend fraction must be ≥ 0 (got -0.1)' } });
    expect(bad([0.8, 0.2])).toMatchObject({ ok: false, error: { field: 'variables.fuelBlend', message: expect.stringMatching(/lower bound 0.8 is above upper bound 0.2/) } });
  });

  it('keeps the blend through saving with an experiment, restore and the share link, which reruns to the same front', async () => {
    const first = await run(SPEC);
    expect(first.pareto.length).toBeGreaterThan(0);
    for (const d of first.pareto) {
      expect(d.fuel).toBe('RP-1 + CH4(L)');
      expect(d.fuelBlend).toBeGreaterThanOrEqual(0.2);
      expect(d.fuelBlend).toBeLessThanOrEqual(0.8);
    }
    const e0 = createExperiment({ name: 'Methane in kerosene', problem: findTemplate(STARTER_TEMPLATE_ID)!.problem }, { now: () => NOW, newId: () => 'e1' });
    const { experiment, results } = addOptimisationStudy(e0, { spec: SPEC, pareto: first.pareto, hypervolume: first.hypervolume, evaluations: first.evaluations, now: NOW, id: () => 'a' });
    expect(paretoOfResult(results[0])).toEqual(first.pareto);

    const restored = restoreExperiment(JSON.parse(JSON.stringify(experiment)));
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(studyOptimizeSpec(restored.value.studies[0])).toEqual(SPEC);

    const shared = await decodeShare(await encodeShare(experiment));
    expect(shared.ok).toBe(true);
    if (!shared.ok) return;
    const spec = studyOptimizeSpec(shared.experiment.studies[0]);
    expect(spec).toEqual(SPEC);
    expect((await run(spec)).pareto).toEqual(first.pareto);
  });
});

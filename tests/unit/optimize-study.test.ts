// An optimisation run saved with its experiment: the study survives restore and backup, the share
// link carries its spec and seed (not its results), and rerunning the shared spec reproduces the
// saved Pareto set exactly.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadNodeEngine, runRocketOptimisation, type NodeEngine } from './support/engine-node.ts';
import { createExperiment, restoreExperiment } from '../../app/domain/experiment.ts';
import { addOptimisationStudy, paretoOfResult, studyOptimizeSpec } from '../../app/domain/optimize-study.ts';
import { encodeShare, decodeShare } from '../../app/domain/share-link.ts';
import type { OptimizeSpec } from '../../app/domain/optimize-spec.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../../app/domain/templates.ts';

const SPEC: OptimizeSpec = {
  fuels: ['RP-1', 'CH4(L)'], oxidizers: ['O2(L)'],
  variables: { of: [1.5, 4], pc: [5e6, 1.5e7], areaRatio: 40 },
  objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
  constraints: [{ quantity: 'Tc', max: 3700 }],
  population: 12, generations: 4, seed: 7,
};
const NOW = '2025-01-02T03:04:05.000Z';

let eng: NodeEngine;
beforeAll(async () => {
  eng = await loadNodeEngine();
});
const run = (spec: unknown) => runRocketOptimisation(eng, spec);

describe('optimisation studies', () => {
  it('round-trip through restore, keep the Pareto set in the results, and rerun from a share link to the same front', async () => {
    const first = await run(SPEC);
    expect(first.pareto.length).toBeGreaterThan(0);
    const e0 = createExperiment({ name: 'Booster trade', problem: findTemplate(STARTER_TEMPLATE_ID)!.problem }, { now: () => NOW, newId: () => 'e1' });
    const { experiment, results } = addOptimisationStudy(e0, { spec: SPEC, pareto: first.pareto, hypervolume: first.hypervolume, evaluations: first.evaluations, now: NOW, id: () => 'a' });
    const st = experiment.studies[0];
    expect(st).toMatchObject({ id: 'opt-a', kind: 'optimisation', seed: 7, status: 'done', resultsRef: 'e1:opt-a' });
    expect(st.summary?.paretoSize).toBe(first.pareto.length);
    expect(results[0]).toMatchObject({ id: 'e1:opt-a', experimentId: 'e1', studyId: 'opt-a' });
    expect(paretoOfResult(results[0])).toEqual(first.pareto);

    const restored = restoreExperiment(JSON.parse(JSON.stringify(experiment)));
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(studyOptimizeSpec(restored.value.studies[0])).toEqual(SPEC);

    const link = await encodeShare(experiment);
    const shared = await decodeShare(link);
    expect(shared.ok).toBe(true);
    if (!shared.ok) return;
    const sst = shared.experiment.studies[0];
    expect(sst.resultsRef).toBeNull(); // inputs and seeds only
    const spec = studyOptimizeSpec(sst);
    expect(spec).toEqual(SPEC);
    const again = await run(spec);
    expect(again.pareto).toEqual(first.pareto);
  });
  it('refuses to reopen a study whose spec no longer validates, and other kinds', () => {
    const e0 = createExperiment({ name: 'x', problem: findTemplate(STARTER_TEMPLATE_ID)!.problem }, { now: () => NOW, newId: () => 'e2' });
    const { experiment } = addOptimisationStudy(e0, { spec: SPEC, pareto: [], hypervolume: null, evaluations: 0, now: NOW, id: () => 'b' });
    const st = experiment.studies[0];
    expect(studyOptimizeSpec({ ...st, spec: { ...st.spec, population: 7 } })).toBeNull();
    expect(studyOptimizeSpec({ ...st, kind: 'sweep' })).toBeNull();
    expect(st.summary?.hypervolume).toBeUndefined();
  });
});

// Seeded fuzz of `optimize` (issue 11): random small specs over the propellant library — choices
// and blends, every objective and constraint quantity, pamb from vacuum up, frozen chemistry,
// ranges up to the engine's limits — and the same specs spoiled (junk values and types, missing
// and extra fields, unknown propellants, budgets far over the limit). Each run ends either ok, with
// every number of the answer finite (hypervolume may be null, as documented, never NaN) and every
// design within its ranges, or as a named error {code, message, field}. The optimum-O/F search gets
// the same treatment.
import { describe, expect, it } from 'vitest';
import { loadNodeEngine } from './support/engine-node.ts';
import { errorProblems, nonFinitePath } from './support/outcome.ts';
import { createRng, type Rng } from '../../app/domain/ml-random.ts';
import { BUILT_IN_PROPELLANTS } from '../../app/domain/propellants.ts';
import { CONSTRAINT_QUANTITIES, OBJECTIVE_QUANTITIES } from '../../app/domain/optimize-spec.ts';
import { findOptimumOf, runNsga2, type Nsga2RunResult } from '../../workers/optimize-api.ts';
import type { Result } from '../../app/domain/result.ts';

const e = await loadNodeEngine();
const evaluate = (ps: unknown[]) => ps.map((p) => e.engine.solveRocket(p));

const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.int(list.length)];
const logUniform = (rng: Rng, lo: number, hi: number) => lo * (hi / lo) ** rng.next();
const JUNK: unknown[] = [NaN, Infinity, -Infinity, -1, 0, 1e300, '7', '', null, true, [], {}, [1], [2, 1], [1, 2, 3]];
const FUELS = BUILT_IN_PROPELLANTS.filter((p) => p.role !== 'oxidizer');
const OXIDIZERS = BUILT_IN_PROPELLANTS.filter((p) => p.role !== 'fuel');

// A name as a user may give it: thermo species, library id or display name.
function nameOf(rng: Rng, list: typeof FUELS): string {
  const p = pick(rng, list);
  return pick(rng, [p.id, p.name, p.components[0].name]);
}

function range(rng: Rng, lo: number, hi: number): unknown {
  if (rng.next() < 0.25) return logUniform(rng, lo, hi);
  const a = logUniform(rng, lo, hi), b = logUniform(rng, lo, hi);
  return [Math.min(a, b), Math.max(a, b)];
}

function validSpec(rng: Rng): Record<string, unknown> {
  const nf = 1 + rng.int(3), no = 1 + rng.int(2);
  const fuels = [...new Set(Array.from({ length: nf }, () => nameOf(rng, FUELS)))];
  const oxidizers = [...new Set(Array.from({ length: no }, () => nameOf(rng, OXIDIZERS)))];
  const variables: Record<string, unknown> = {
    of: range(rng, pick(rng, [0.05, 0.5, 1, 1e-6]), pick(rng, [3, 8, 30, 1e4])),
    pc: range(rng, pick(rng, [1e5, 1e6, 1e-3]), pick(rng, [1e7, 3e7, 1e10])),
    areaRatio: range(rng, 1, pick(rng, [2, 50, 300, 1e5])),
  };
  if (typeof variables.of === 'number' && typeof variables.pc === 'number' && typeof variables.areaRatio === 'number' && fuels.length === 1 && oxidizers.length === 1) variables.of = [0.5, 8];
  if (fuels.length === 2 && rng.next() < 0.4) variables.fuelBlend = pick(rng, [[0, 1], [0.2, 0.4], 0.5]);
  if (oxidizers.length === 2 && rng.next() < 0.4) variables.oxidizerBlend = pick(rng, [[0, 1], 0.3]);
  const qs = [...OBJECTIVE_QUANTITIES].sort(() => rng.next() - 0.5).slice(0, 1 + rng.int(4));
  const spec: Record<string, unknown> = {
    fuels, oxidizers, variables,
    objectives: qs.map((q) => (rng.next() < 0.5 ? { maximize: q } : { minimize: q })),
    population: pick(rng, [4, 6, 8, 10, 12]), generations: 1 + rng.int(3), seed: rng.int(1000),
  };
  const pamb = rng.next();
  if (pamb < 0.25) spec.pamb = 0;
  else if (pamb < 0.4) spec.pamb = pick(rng, [2e4, 5e6, 1e10]);
  if (rng.next() < 0.5) {
    spec.constraints = Array.from({ length: 1 + rng.int(2) }, () => {
      const q = pick(rng, CONSTRAINT_QUANTITIES.filter((c) => c !== 'peOverPamb' || spec.pamb !== 0));
      return rng.next() < 0.5 ? { quantity: q, min: logUniform(rng, 1e-3, 1e4) } : { quantity: q, max: logUniform(rng, 1, 1e7) };
    });
  }
  if (rng.next() < 0.3) spec.chemistry = pick(rng, ['frozen', 'equilibrium']);
  if (rng.next() < 0.2) spec.costs = { [fuels[0]]: pick(rng, [0, 1, 1e6]) };
  return spec;
}

const MUTATIONS: ((rng: Rng, s: Record<string, unknown>) => void)[] = [
  (rng, s) => { s[pick(rng, ['population', 'generations', 'seed', 'pamb', 'chemistry', 'costs', 'constraints', 'objectives', 'fuels', 'oxidizers', 'variables'])] = pick(rng, JUNK); },
  (rng, s) => { const v = s.variables as Record<string, unknown>; v[pick(rng, ['of', 'pc', 'areaRatio', 'fuelBlend', 'oxidizerBlend', 'thrust'])] = pick(rng, [...JUNK, [0.5, 10], [1, 2e10], [10, 1e6], [0, 3], [1e-12, 2e4]]); },
  (rng, s) => { delete s[pick(rng, ['fuels', 'oxidizers', 'variables', 'objectives', 'population', 'generations', 'seed'])]; },
  (rng, s) => { s.population = pick(rng, [2000, 7, 2, 3000]); s.generations = pick(rng, [100000, 101, 1e9, 1.5]); },
  (rng, s) => { (s.fuels as unknown[]).push(pick(rng, ['unobtainium', 42, '', s.oxidizers && (s.oxidizers as unknown[])[0], (s.fuels as unknown[])[0]])); },
  (rng, s) => { s.objectives = [pick(rng, [{ maximize: 'thrust' }, { maximize: 'ispVac', minimize: 'Tc' }, {}, 'ispVac', { maximize: 'ispVac' }])]; },
  (rng, s) => { s.constraints = [pick(rng, [{ quantity: 'Tc' }, { quantity: 'peOverPamb', min: 0.4 }, { quantity: 'Tc', min: 5, max: 1 }, { quantity: 'x', max: 1 }, null])]; },
  (_rng, s) => { s.pamb = 0; s.constraints = [{ quantity: 'peOverPamb', min: 0.4 }]; },
  (_rng, s) => { s.comment = 'extra fields are ignored'; },
  (rng, s) => { s.costs = pick(rng, [{ x: -1 }, { 'RP-1': NaN }, 'cheap']); },
];

function randomSpec(rng: Rng): unknown {
  if (rng.next() < 0.03) return pick(rng, [null, 42, 'spec', [], true]);
  const s = validSpec(rng);
  if (rng.next() < 0.45) for (let k = 1 + rng.int(2); k > 0; k--) pick(rng, MUTATIONS)(rng, s);
  return s;
}

// Why a run's answer breaks the contract, or null.
function runProblem(spec: unknown, r: Result<Nsga2RunResult>): string | null {
  if (!r.ok) return errorProblems(r.error, typeof spec === 'object' && spec !== null && !Array.isArray(spec));
  const v = r.value;
  // documented: hypervolume and its reference are null with more than 3 objectives or no feasible design
  const bad = nonFinitePath({ ...v, hypervolume: v.hypervolume ?? 0, hypervolumeReference: v.hypervolumeReference ?? [] });
  if (bad) return `non-finite or null at ${bad}`;
  if (v.failedEvaluations >= v.evaluations) return `ok although all ${v.evaluations} evaluations failed`;
  const vars = (spec as { variables: Record<string, unknown> }).variables;
  for (const d of v.pareto) {
    for (const k of ['of', 'pc', 'areaRatio', 'fuelBlend', 'oxidizerBlend'] as const) {
      const rg = vars[k];
      if (rg === undefined) continue;
      const [lo, hi] = Array.isArray(rg) ? rg as number[] : [rg as number, rg as number];
      if (!(d[k]! >= lo && d[k]! <= hi)) return `design ${k} ${d[k]} outside [${lo}, ${hi}]`;
    }
    if ('peOverPamb' in d && (spec as { pamb?: number }).pamb === 0) return 'peOverPamb with pamb 0';
  }
  return null;
}

const RUNS = 150;

describe('fuzz: optimize', () => {
  it(`${RUNS} seeded random and spoiled specs each end in a finite answer or a named error`, async () => {
    const rng = createRng(20261202);
    const tally: Record<string, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const spec = randomSpec(rng);
      // now and then the engine's answers come back mangled (a worker's reply): a failed evaluation, never a crash
      const mangle = rng.next() < 0.05;
      const r = await runNsga2(e.core, spec, { evaluate: mangle ? (ps) => ps.map((_, k) => (k % 3 ? null : { ok: true, value: { exits: [] } })) as never : evaluate });
      const why = runProblem(spec, r);
      if (why) expect.fail(`run ${i}: ${why}\nspec: ${JSON.stringify(spec)}\nanswer: ${JSON.stringify(r).slice(0, 600)}`);
      const key = r.ok ? 'ok' : r.error.code;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    console.log('fuzz optimize outcomes', tally);
    expect(tally.ok).toBeGreaterThan(RUNS * 0.3);
    expect(tally['all-failed']).toBeGreaterThan(0);
    expect(tally['bad-input']).toBeGreaterThan(0);
  });

  it('the same seed gives the same answers (deterministic)', async () => {
    const run = async () => {
      const rng = createRng(11);
      const out: string[] = [];
      for (let i = 0; i < 8; i++) out.push(JSON.stringify(await runNsga2(e.core, randomSpec(rng), { evaluate })));
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it('the optimum-O/F search: a finite optimum or a named error', async () => {
    const rng = createRng(404);
    for (let i = 0; i < 25; i++) {
      const input: Record<string, unknown> = {
        fuel: rng.next() < 0.9 ? nameOf(rng, FUELS) : pick(rng, JUNK), oxidizer: nameOf(rng, OXIDIZERS),
        of: rng.next() < 0.85 ? range(rng, 0.01, 50) : pick(rng, JUNK),
        pc: rng.next() < 0.9 ? logUniform(rng, 1e5, 3e7) : pick(rng, JUNK),
        areaRatio: rng.next() < 0.9 ? logUniform(rng, 1, 300) : pick(rng, JUNK),
      };
      if (rng.next() < 0.3) input.pamb = pick(rng, [0, 101325, -1]);
      if (rng.next() < 0.3) input.objective = pick(rng, [{ maximize: 'densityIsp' }, { minimize: 'Tc' }, { maximize: 'nope' }]);
      const r = await findOptimumOf(e.core, input as never, (p) => e.engine.solveRocket(p));
      const tag = JSON.stringify(input);
      if (!r.ok) expect(errorProblems(r.error, true), tag).toBeNull();
      else expect(nonFinitePath(r.value), tag).toBeNull();
    }
  });
});

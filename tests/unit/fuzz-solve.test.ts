// Seeded fuzz of the engine's `solve` (issue 11): random and adversarial problems — random reactant
// mixes with unknown names and wrong types, extreme, negative, NaN, infinite, huge and string
// values for T, p, pc, of, phi and the exits, every chemistry/freezeAt combination, tp and hp far
// below and above the thermo data, missing and extra fields — each end either ok with every number
// finite (in every station, and no null anywhere), or as a named error {code, message, field}. The
// same holds for each exit inside an ok answer, for the sweep call and for the command line.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadNodeEngine } from './support/engine-node.ts';
import { errorProblems, nonFinitePath } from './support/outcome.ts';
import { createRng, type Rng } from '../../app/domain/ml-random.ts';
import { BUILT_IN_PROPELLANTS, propellantReactants } from '../../app/domain/propellants.ts';
import type { ProblemResult } from '../../app/domain/problem.ts';

const { engine } = await loadNodeEngine();

const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.int(list.length)];
const logUniform = (rng: Rng, lo: number, hi: number) => lo * (hi / lo) ** rng.next();

// Values no field should survive, or should survive only when the engine can stand behind them.
const JUNK: unknown[] = [NaN, Infinity, -Infinity, -1, 0, -0, 5e-324, 1e-300, 1e300, Number.MAX_VALUE, '7', '', null, true, [], {}, [1, 2]];
const LIBRARY = BUILT_IN_PROPELLANTS.flatMap((p) => propellantReactants(p, 1, p.role === 'oxidizer' ? 'oxidizer' : 'fuel'));
const GASES = ['H2', 'O2', 'CH4', 'N2', 'Air', 'CO', 'NH3', 'AR', 'F2', 'CL2'];
const UNKNOWN = ['Unobtainium', 'o2(l)', 'RP-2', ' O2(L)', 'H2O(cr)x', 'e-'];

const FUELS = BUILT_IN_PROPELLANTS.filter((p) => p.role !== 'oxidizer');
const OXIDIZERS = BUILT_IN_PROPELLANTS.filter((p) => p.role !== 'fuel');
const ratio = (rng: Rng) => pick(rng, [1, 1 + 1e-12, 1 + 1e-8, 1.0001, 1.01, 1.5, 2, 10, 40, 100, 1e3, 1e4, 1e5, logUniform(rng, 1.01, 1e4), logUniform(rng, 1.01, 1e4)]);

/** A problem that passes validation, with values up to the edges of what the engine accepts. */
function validProblem(rng: Rng): Record<string, unknown> {
  const kind = pick(rng, ['rocket', 'rocket', 'rocket', 'hp', 'tp', 'tp'] as const);
  const p: Record<string, unknown> = { problem: kind };
  const u = rng.next();
  if (u < 0.6) {
    p.reactants = [...propellantReactants(pick(rng, FUELS), 1, 'fuel'), ...propellantReactants(pick(rng, OXIDIZERS), 1, 'oxidizer')];
    if (rng.next() < 0.8) p.of = pick(rng, [logUniform(rng, 0.05, 60), 1e-3, 1e4]);
    else p.phi = logUniform(rng, 0.05, 20);
  } else if (u < 0.8) {
    p.reactants = [{ name: pick(rng, GASES.slice(0, 4)), role: 'fuel', massFraction: 1 }, { name: pick(rng, ['O2', 'Air', 'F2', 'N2O']), role: 'oxidizer', massFraction: 1, T: pick(rng, [298.15, 600, 1000]) }];
    p.of = logUniform(rng, 0.05, 60);
  } else {
    // a whole propellant without roles: a solid, a monopropellant, a random blend
    const parts = Array.from({ length: 1 + rng.int(3) }, () => pick(rng, LIBRARY));
    const w = parts.map(() => 0.05 + rng.next());
    const sum = w.reduce((a, b) => a + b, 0);
    p.reactants = parts.map((r, i) => ({ ...r, role: undefined, massFraction: i === parts.length - 1 ? 1 - w.slice(0, -1).reduce((a, b) => a + b / sum, 0) : w[i] / sum }));
  }
  if (rng.next() < 0.2) p.ions = true;
  if (kind === 'rocket') {
    p.pc = pick(rng, [logUniform(rng, 1e4, 5e7), 1, 1e-3, 1e9, 1e10]);
    if (rng.next() < 0.5) p.pamb = pick(rng, [0, 101325, 2e7, 1e10]);
    p.exits = Array.from({ length: rng.int(5) }, () => (rng.next() < 0.5 ? { areaRatio: ratio(rng) } : { pcOverPe: Math.max(1.0000001, ratio(rng)) }));
    if (rng.next() < 0.45) { p.chemistry = 'frozen'; if (rng.next() < 0.7) p.freezeAt = pick(rng, ['chamber', 'throat']); }
  } else {
    p.p = pick(rng, [logUniform(rng, 1e2, 1e8), 1e-10, 1, 1e10]);
    if (kind === 'tp') p.T = pick(rng, [1, 20, 60, 159, 160, 170, 200, 300, logUniform(rng, 200, 20000), logUniform(rng, 200, 20000), 6000, 19999, 20000]);
  }
  return p;
}

// One way of spoiling a problem.
const MUTATIONS: ((rng: Rng, p: Record<string, unknown>) => void)[] = [
  (rng, p) => { p[pick(rng, ['T', 'p', 'pc', 'of', 'phi', 'pamb'])] = pick(rng, JUNK); },
  (rng, p) => { p.T = pick(rng, [21000, 25000, 1e5, 1e300]); },
  (rng, p) => { delete p[pick(rng, ['reactants', 'pc', 'p', 'T', 'of', 'exits', 'problem'])]; },
  (rng, p) => { p.problem = pick(rng, ['uv', 'sp', '', 1, 'Rocket']); },
  (rng, p) => { p.chemistry = pick(rng, ['shifting', 'FROZEN', 0, 'frozen']); p.freezeAt = pick(rng, ['exit', 'throat', 2, undefined]); },
  (rng, p) => { p.ions = pick(rng, ['yes', 1, null]); },
  (_rng, p) => { p.of = 2; p.phi = 1; },
  (rng, p) => { p.comment = 'extra fields are ignored'; p.exits2 = pick(rng, JUNK); },
  (rng, p) => { p.reactants = pick(rng, [[], null, 'O2(L)', {}, [null], [[]]]); },
  (rng, p) => { p.exits = pick(rng, [JUNK[rng.int(JUNK.length)], Array.from({ length: 70 }, () => ({ areaRatio: 10 }))]); },
  (rng, p) => {
    const list = Array.isArray(p.exits) ? p.exits : (p.exits = []);
    list.push(pick(rng, [{ areaRatio: 0.5 }, { pcOverPe: 1 }, { pcOverPe: 0.5 }, { areaRatio: 1e6 }, { pcOverPe: 1e9 }, { areaRatio: 10, pcOverPe: 10 }, {}, null, 10, { mach: 2 }, { areaRatio: pick(rng, JUNK) }, { pcOverPe: pick(rng, JUNK) }]));
  },
  (rng, p) => {
    const rs = Array.isArray(p.reactants) ? p.reactants as Record<string, unknown>[] : [];
    const r = rs[rng.int(rs.length)];
    if (!r || typeof r !== 'object') return;
    const key = pick(rng, ['name', 'massFraction', 'T', 'role', 'formula', 'enthalpy']);
    r[key] = key === 'name' ? pick(rng, [...UNKNOWN, 42, '', null]) : key === 'role' ? pick(rng, ['either', 'fuel ', 3]) : key === 'formula' ? pick(rng, [{ C: 1, H: 4 }, { Xx: 1 }, { C: -1 }, {}, { N: Infinity }, 'CH4']) : pick(rng, [...JUNK, 1.5, 0.5, 25000, 50]);
  },
  (rng, p) => {
    const rs = Array.isArray(p.reactants) ? p.reactants : (p.reactants = []);
    rs.push(pick(rng, [{ name: pick(rng, UNKNOWN), role: 'fuel', massFraction: 0.5 }, { name: 'custom', formula: { C: 1, H: 4 }, enthalpy: pick(rng, [-74600, NaN, 1e30]), massFraction: 0 }, { ...pick(rng, LIBRARY), massFraction: 0 }, 'O2(L)', null]));
  },
  (rng, p) => { p.reactants = Array.from({ length: 25 }, () => ({ ...pick(rng, LIBRARY), massFraction: 1 / 25, role: undefined })); delete p.of; delete p.phi; },
];

/** One random problem: half valid (to the edges of the ranges), the rest spoiled in one to three ways. */
function randomProblem(rng: Rng): unknown {
  if (rng.next() < 0.03) return pick(rng, [null, 42, 'rocket', [], [{ problem: 'rocket' }], true]);
  const p = validProblem(rng);
  if (rng.next() < 0.5) for (let k = 1 + rng.int(3); k > 0; k--) pick(rng, MUTATIONS)(rng, p);
  return p;
}

/** Why an answer breaks the contract, or null. */
function contractProblem(raw: unknown, r: ProblemResult): string | null {
  const bad = nonFinitePath(r);
  if (bad) return `non-finite or null at ${bad}`;
  if (!r.ok) return errorProblems(r.error, typeof raw === 'object' && raw !== null && !Array.isArray(raw));
  if ('exits' in r) {
    for (const [i, e] of r.exits.entries()) {
      if ('ok' in e) {
        const why = errorProblems(e.error, true);
        if (why) return `exits[${i}]: ${why}`;
      }
    }
  }
  return null;
}

const CASES = 2500;

describe('fuzz: solve', () => {
  it(`${CASES} seeded random and adversarial problems each end in finite numbers or a named error`, () => {
    const rng = createRng(20261201);
    const tally: Record<string, number> = {};
    for (let i = 0; i < CASES; i++) {
      const raw = randomProblem(rng);
      const r = engine.solveProblem(raw);
      const why = contractProblem(raw, r);
      if (why) expect.fail(`case ${i}: ${why}\nproblem: ${JSON.stringify(raw)}\nanswer: ${JSON.stringify(r).slice(0, 600)}`);
      const key = r.ok ? 'ok' : r.error.code;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    console.log('fuzz solve outcomes', tally);
    // The fuzz reaches the engine, not only the validation: a fair share of problems are solved.
    expect(tally.ok).toBeGreaterThan(CASES * 0.15);
    expect(Object.keys(tally).length).toBeGreaterThan(5);
  });

  it('the same seed gives the same answers (deterministic)', () => {
    const run = () => {
      const rng = createRng(7);
      return Array.from({ length: 60 }, () => JSON.stringify(engine.solveProblem(randomProblem(rng))));
    };
    expect(run()).toEqual(run());
  });

  it('sweeps with random points: each station ok with finite values, or a status that names an error', () => {
    const rng = createRng(99);
    let solved = 0;
    for (let c = 0; c < 40; c++) {
      const problem = randomProblem(rng);
      const points = Array.from({ length: 1 + rng.int(8) }, () => {
        const pt: Record<string, unknown> = {};
        for (const key of ['of', 'pc', 'p', 'T'] as const) if (rng.next() < 0.4) pt[key] = rng.next() < 0.85 ? logUniform(rng, 0.1, 3e7) : pick(rng, JUNK);
        return pt;
      });
      const r = engine.runSweep({ problem, points: points as never });
      if (!r.ok) {
        expect(errorProblems(r.error, true), JSON.stringify({ problem, points })).toBeNull();
        continue;
      }
      const { values, status, stations, fields } = r.value;
      for (let k = 0; k < r.value.points * stations; k++) {
        const row = values.subarray(k * fields.length, (k + 1) * fields.length);
        if (status[k] === 0) {
          solved++;
          expect(row.every(Number.isFinite), JSON.stringify({ problem, points, k })).toBe(true);
        } else {
          expect(errorProblems(engine.sweepStatusError(status[k]), false)).toBeNull();
        }
      }
    }
    expect(solved).toBeGreaterThan(20);
  });

  it('the command line answers an array of hostile problems (1e400 reads as Infinity) one for one, with no null', () => {
    const rng = createRng(31337);
    const problems = Array.from({ length: 120 }, () => randomProblem(rng));
    // JSON has no NaN or Infinity: a non-finite number goes as 1e400 (Infinity once parsed) or null.
    const text = JSON.stringify(problems, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : `@${v > 0 ? '' : '-'}1e400@`) : v))
      .replace(/"@(-?1e400)@"/g, '$1');
    expect(text).toContain('1e400');
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const out = spawnSync(process.execPath, ['bin/rfo.cjs', 'solve'], { cwd: root, input: text, encoding: 'utf8', timeout: 60_000 });
    expect(out.status, out.stderr).toBe(0);
    const answers = JSON.parse(out.stdout) as ProblemResult[];
    expect(answers).toHaveLength(problems.length);
    const parsed = JSON.parse(text) as unknown[];
    answers.forEach((a, i) => {
      const why = contractProblem(parsed[i], a);
      if (why) expect.fail(`problem ${i}: ${why}\n${JSON.stringify(parsed[i])}`);
    });
  });
});

// Bad finite-area-combustor input: every failure names the field and the value; impossible
// combustors computed by the engine are named errors.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeSpeciesDb, prepareProblem } from '../../app/domain/thermo-problem.ts';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeThermoSolver } from '../../wasm-core/thermo.ts';
import type { FacRocketResult, RocketResult } from '../../app/domain/problem.ts';

const db = makeSpeciesDb(JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')));
const fuel = { name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 };
const ox = { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 };
const fac = (over: Record<string, unknown> = {}) => ({ problem: 'rocket', reactants: [fuel, ox], of: 2.45, pc: 4.5e6, combustor: { contractionRatio: 3 }, exits: [{ areaRatio: 12 }], ...over });

function failure(raw: unknown) {
  const r = prepareProblem(raw, db);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('finite-area combustor validation', () => {
  it('contraction ratio must be a number > 1', () => {
    expect(failure(fac({ combustor: { contractionRatio: 1 } }))).toMatchObject({ field: 'combustor.contractionRatio', message: 'contraction ratio Ac/At must be > 1 (got 1)' });
    expect(failure(fac({ combustor: { contractionRatio: '3' } })).field).toBe('combustor.contractionRatio');
  });
  it('mass flux must be > 0 kg/(s·m²)', () => {
    expect(failure(fac({ combustor: { massFlux: -3 } }))).toMatchObject({ field: 'combustor.massFlux', message: 'mass flux per chamber area must be > 0 kg/(s·m²) (got -3)' });
  });
  it('exactly one of contractionRatio and massFlux', () => {
    expect(failure(fac({ combustor: { contractionRatio: 3, massFlux: 2 } })).field).toBe('combustor');
    expect(failure(fac({ combustor: {} })).field).toBe('combustor');
    expect(failure(fac({ combustor: 3 })).message).toContain('(got 3)');
  });
  it('subsonic area ratio between 1 and the contraction ratio', () => {
    expect(failure(fac({ exits: [{ subsonicAreaRatio: 3 }] }))).toMatchObject({ field: 'exits[0].subsonicAreaRatio', message: 'subsonic area ratio Ae/At must be < the contraction ratio Ac/At = 3 (got 3)' });
    expect(failure(fac({ exits: [{ areaRatio: 5 }, { subsonicAreaRatio: 0.9 }] })).field).toBe('exits[1].subsonicAreaRatio');
    expect(failure(fac({ exits: [{ subsonicAreaRatio: 2, areaRatio: 3 }] })).field).toBe('exits[0]');
    // an infinite chamber takes any subsonic area ratio above 1
    expect(prepareProblem(fac({ combustor: undefined, exits: [{ subsonicAreaRatio: 50 }] }), db).ok).toBe(true);
  });
  it('frozen at the chamber (given or by default) is refused with a finite chamber', () => {
    expect(failure(fac({ chemistry: 'frozen' }))).toMatchObject({ field: 'freezeAt' });
    expect(failure(fac({ chemistry: 'frozen', freezeAt: 'chamber' })).message).toContain('only at the throat');
    expect(prepareProblem(fac({ chemistry: 'frozen', freezeAt: 'throat' }), db).ok).toBe(true);
  });
  it('the pressure is named the injector pressure', () => {
    expect(failure(fac({ pc: -1 })).message).toBe('injector pressure must be > 0 Pa (got -1)');
  });
});

describe('finite-area combustor: named engine errors', async () => {
  const solver = makeThermoSolver(await loadCoreNode(), db);
  it('a mass flux the throat cannot pass, or a vanishing one', () => {
    const hi = solver.solve(fac({ combustor: { massFlux: 2500 } }));
    expect(!hi.ok && hi.error).toMatchObject({ code: 'mass-flux-too-high', field: 'combustor.massFlux' });
    expect(!hi.ok && hi.error.message).toContain('2500');
    const lo = solver.solve(fac({ combustor: { massFlux: 0.01 } }));
    expect(!lo.ok && lo.error).toMatchObject({ code: 'mass-flux-too-low', field: 'combustor.massFlux' });
  });
  it('an exit pressure above p_inf, and a frozen subsonic exit, fail alone', () => {
    const r = solver.solve(fac({ chemistry: 'frozen', freezeAt: 'throat', exits: [{ subsonicAreaRatio: 2 }, { areaRatio: 10 }, { pcOverPe: 1.01 }] })) as FacRocketResult;
    expect(r.ok).toBe(true);
    expect(r.exits[0]).toMatchObject({ ok: false, error: { code: 'frozen-subsonic-exit', field: 'exits[0]' } });
    expect('T' in r.exits[1]).toBe(true);
    expect(r.exits[2]).toMatchObject({ ok: false, error: { code: 'exit-above-stagnation', field: 'exits[2].pcOverPe' } });
    expect(!('T' in r.exits[2]) && r.exits[2].error.message).toContain('p_inj/p_inf = 1.0227');
  });
  it('a subsonic exit beyond the contraction ratio a mass flux gives', () => {
    const r = solver.solve(fac({ combustor: { massFlux: 1200 }, exits: [{ subsonicAreaRatio: 50 }] })) as FacRocketResult;
    expect(r.exits[0]).toMatchObject({ ok: false, error: { code: 'subsonic-area-ratio-range', field: 'exits[0].subsonicAreaRatio' } });
  });
  // (the warm start lands elsewhere inside the nozzle iterations' tolerance: p within ~1e-4 at an area ratio)
  it('a sweep (batch) over injector pressure gives each point as solved alone', () => {
    const pp = prepareProblem(fac({ exits: [{ pcOverPe: 40 }, { subsonicAreaRatio: 2 }, { areaRatio: 12 }] }), db);
    if (!pp.ok) throw new Error(pp.error.message);
    const pcs = [3e6, 4e6, 5e6, 6e6];
    const b = solver.batch(pp.value, pcs.map((pc) => ({ pc })), true);
    const f = (name: string) => b.fields.indexOf(name);
    pcs.forEach((pc, i) => {
      const r = solver.solve(fac({ pc, exits: [{ pcOverPe: 40 }, { subsonicAreaRatio: 2 }, { areaRatio: 12 }] })) as FacRocketResult;
      const alone = [r.injector, r.throat, ...r.exits] as RocketResult['throat'][];
      alone.forEach((st, s) => {
        for (const name of ['T', 'p', 'cstar', 'ispVac', 'mach']) {
          const v = b.values[(i * b.stations + s) * b.fields.length + f(name)];
          expect(Math.abs(v - (st as unknown as Record<string, number>)[name]), `${pc} station ${s} ${name}`).toBeLessThanOrEqual(1e-4 * Math.abs(v));
        }
      });
    });
  });
});

describe('finite-area combustor in a stored experiment', () => {
  it('keeps the combustor and subsonic exits through restoreExperiment', async () => {
    const { restoreExperiment } = await import('../../app/domain/experiment.ts');
    const { experimentFromTemplate, TEMPLATES } = await import('../../app/domain/templates.ts');
    const e = experimentFromTemplate(TEMPLATES[0], 'SI', { now: () => '2026-12-01T00:00:00.000Z', newId: () => 'x' });
    e.inputs.problem = { ...e.inputs.problem, combustor: { massFlux: 1500 }, exits: [{ subsonicAreaRatio: 1.5 }, { areaRatio: 20 }] };
    const r = restoreExperiment(JSON.parse(JSON.stringify(e)));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.inputs.problem.combustor).toEqual({ massFlux: 1500 });
    expect(r.value.inputs.problem.exits).toEqual([{ subsonicAreaRatio: 1.5 }, { areaRatio: 20 }]);
    expect(r.warnings).toEqual([]);
  });
});

// Property test, finite-area combustor: random problems over every propellant system (contraction
// ratio or mass flux, equilibrium or frozen after the throat, subsonic, supersonic and pressure-ratio
// exits) end with a finite result or a named error — never NaN/Infinity, never a hang — and every
// result keeps the combustor's balances.
import { mulberry32 } from '../fixtures/generate-experiments.ts';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeThermoSolver } from '../../wasm-core/thermo.ts';
import { makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import type { FacRocketResult } from '../../app/domain/problem.ts';
import { expectOutcome } from './support/outcome.ts';
import { logUniform, reactantTemplates } from './support/random-problems.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/cea-reference-trimmed.json', import.meta.url), 'utf8'));
const db = makeSpeciesDb(JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')));
const solver = makeThermoSolver(await loadCoreNode(), db);

const templates = reactantTemplates(fixture.rocket);

describe('finite-area combustor: property', () => {
  it('random problems end with a finite result or a named error', () => {
    const r = mulberry32(20261201);
    const systems = [...templates.keys()];
    const outcomes: Record<string, number> = {};
    const count = (k: string) => { outcomes[k] = (outcomes[k] ?? 0) + 1; };
    for (let i = 0; i < 240; i++) {
      const sys = systems[i % systems.length];
      const t = templates.get(sys)!;
      const cr = 1 + logUniform(r, 0.02, 20);
      const base: Record<string, unknown> = { problem: 'rocket', reactants: t.reactants, pc: logUniform(r, 0.5e5, 300e5) };
      if (t.roles) base.of = logUniform(r, 0.2, 30);
      // mass flux: up to ~1.5× the choking limit, so some are too high on purpose
      base.combustor = r() < 0.7 ? { contractionRatio: cr } : { massFlux: logUniform(r, 20, 2e4) * (base.pc as number) / 5e6 };
      const exits: Record<string, number>[] = [{ pcOverPe: logUniform(r, 1.05, 1e4) }, { areaRatio: logUniform(r, 1.01, 300) }];
      if (r() < 0.5) exits.push({ subsonicAreaRatio: 1 + (cr - 1) * (0.02 + 0.96 * r()) });
      base.exits = exits;
      if (r() < 0.35) { base.chemistry = 'frozen'; base.freezeAt = 'throat'; }
      const res = solver.solve(base);
      const tag = `${sys} #${i} ${JSON.stringify({ ...base, reactants: undefined })}`;
      expectOutcome(res, tag);
      if (!res.ok) {
        count(res.error.code);
        continue;
      }
      const f = res as FacRocketResult;
      expect(f.pInf, tag).toBeLessThan(base.pc as number);
      expect(f.combustorEnd.mach, tag).toBeGreaterThan(0);
      expect(f.combustorEnd.mach, tag).toBeLessThan(1);
      const u = f.combustorEnd.mach * f.combustorEnd.a;
      expect(Math.abs(f.combustorEnd.p + f.combustorEnd.rho * u * u - f.injector.p) / f.injector.p, tag).toBeLessThan(1e-6);
      for (const [k, e] of f.exits.entries()) {
        if ('ok' in e) {
          expect(e.error.code, tag).toMatch(/^[a-z-]+$/);
          expect(e.error.field?.startsWith(`exits[${k}]`), tag).toBe(true);
          count(`exit ${e.error.code}`);
        } else if ('subsonicAreaRatio' in exits[k]) {
          expect(e.mach, tag).toBeLessThan(1);
        }
      }
      count('ok');
    }
    console.log('fac outcomes', outcomes);
    expect(outcomes.ok ?? 0).toBeGreaterThan(180);
  });
});

// A cold-gas thruster of humid nitrogen (the transport set's N2 + 1 % H2O by mass) with a finite
// chamber: ice appears at the throat (~267 K), and whether it is in at a given pressure depends on
// the state a solve starts from, so the p_inf loop's residual repeats only to a few 1e-6 and never
// reached its 1e-8 (fac-no-convergence). It now takes the best p_inf seen when that is within NASA
// CEA's own tolerance (2e-5), and says so in a warning; dry nitrogen still closes to 1e-8.
describe('finite-area combustor: a residual that repeats only to CEA\'s tolerance', () => {
  const humid = [{ name: 'N2', massFraction: 0.99, T: 298.15 }, { name: 'H2O', massFraction: 0.01, T: 298.15 }];
  const balance = (f: FacRocketResult): number => {
    const u = f.combustorEnd.mach * f.combustorEnd.a;
    return Math.abs(f.combustorEnd.p + f.combustorEnd.rho * u * u - f.injector.p) / f.injector.p;
  };
  it('humid nitrogen at 1 bar, Ac/At 2: a result within 2e-5 with a warning; dry nitrogen within 1e-8, no warning', () => {
    const p = { problem: 'rocket', reactants: humid, pc: 1e5, combustor: { contractionRatio: 2 }, exits: [{ areaRatio: 4 }] };
    const r = solver.solve(p);
    expectOutcome(r, 'humid');
    expect(r.ok, JSON.stringify((r as { error?: unknown }).error)).toBe(true);
    const f = r as FacRocketResult;
    expect(balance(f)).toBeLessThan(2e-5);
    expect(f.warnings.join(' ')).toMatch(/momentum balance .* NASA CEA accepts 0\.002 %/);
    const dry = solver.solve({ ...p, reactants: [{ name: 'N2', massFraction: 1, T: 298.15 }] }) as FacRocketResult;
    expect(dry.ok).toBe(true);
    expect(balance(dry)).toBeLessThan(1e-7);
    expect(dry.warnings).toEqual([]);
  });
});

// Property test: random but valid rocket, tp and hp problems with transport: true, over every
// propellant system of the reference fixtures (ions now and then), end in a finite result or a named
// error; every computed station carries positive transport figures that keep their identities.
import { mulberry32 } from '../fixtures/generate-experiments.ts';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeThermoSolver } from '../../wasm-core/thermo.ts';
import { makeTransportDb } from '../../wasm-core/transport.ts';
import { makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import type { Station } from '../../app/domain/problem.ts';
import { expectOutcome } from './support/outcome.ts';
import { logUniform, reactantTemplates } from './support/random-problems.ts';

const read = (p: string) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const rocketFixture = read('../fixtures/cea-reference-trimmed.json');
const transportFixture = read('../fixtures/cea-reference-transport-trimmed.json');
const db = makeSpeciesDb(read('../../wasm-core/data/thermo.json'));
const solver = makeThermoSolver(await loadCoreNode(), db, makeTransportDb(read('../../wasm-core/data/trans.json')));

const templates = reactantTemplates([...rocketFixture.rocket, ...rocketFixture.equilibrium, ...transportFixture.cases]);

function checkStation(st: Station, equilibrium: boolean, tag: string): void {
  for (const f of ['viscosity', 'conductivityFrozen', 'cpFrozen', 'prandtlFrozen'] as const) expect(st[f], `${tag} ${f}`).toBeGreaterThan(0);
  expect(Math.abs(st.prandtlFrozen! / (st.viscosity! * st.cpFrozen! / st.conductivityFrozen!) - 1), tag).toBeLessThan(1e-12);
  if (equilibrium) {
    expect(st.prandtl, tag).toBeGreaterThan(0);
    // the reaction contribution (Butler–Brokaw) cannot be negative
    expect(st.conductivity!, tag).toBeGreaterThanOrEqual(st.conductivityFrozen! * (1 - 1e-12));
  } else {
    expect(st.conductivity, tag).toBeUndefined();
    expect(st.prandtl, tag).toBeUndefined();
  }
}

describe('transport properties: property', () => {
  it('random valid problems with transport end in a finite result or a named error', () => {
    const r = mulberry32(20261201);
    const systems = [...templates.keys()];
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < 240; i++) {
      const sys = systems[i % systems.length];
      const t = templates.get(sys)!;
      const kind = i % 4 === 3 ? (r() < 0.5 ? 'hp' : 'tp') : 'rocket';
      const base: Record<string, unknown> = { problem: kind, reactants: t.reactants, transport: true };
      if (t.roles) base.of = logUniform(r, 0.1, 50);
      if (r() < 0.15) base.ions = true;
      let frozen = false;
      if (kind === 'rocket') {
        base.pc = logUniform(r, 0.1e5, 500e5);
        base.exits = [{ areaRatio: logUniform(r, 1.01, 500) }, { pcOverPe: logUniform(r, 1.5, 1e4) }];
        if (r() < 0.4) { frozen = true; base.chemistry = 'frozen'; base.freezeAt = r() < 0.5 ? 'chamber' : 'throat'; }
      } else {
        base.p = logUniform(r, 0.01e5, 500e5);
        if (kind === 'tp') base.T = 250 + r() * 9000;
      }
      const res = solver.solve(base);
      const tag = `${sys} #${i} ${JSON.stringify({ ...base, reactants: undefined })}`;
      expectOutcome(res, tag);
      if (!res.ok) {
        outcomes[res.error.code] = (outcomes[res.error.code] ?? 0) + 1;
        continue;
      }
      outcomes.ok = (outcomes.ok ?? 0) + 1;
      if ('state' in res) { checkStation(res.state, true, tag); continue; }
      if (!('chamber' in res)) throw new Error(`${tag}: expected an infinite-area combustor result`);
      checkStation(res.chamber, !frozen, `${tag} chamber`);
      checkStation(res.throat, !frozen, `${tag} throat`);
      res.exits.forEach((e, k) => {
        if ('ok' in e) { outcomes[`exit ${e.error.code}`] = (outcomes[`exit ${e.error.code}`] ?? 0) + 1; return; }
        checkStation(e, !frozen, `${tag} exit ${k}`);
      });
    }
    console.log('outcomes', outcomes);
    expect(outcomes.ok ?? 0).toBeGreaterThan(200);
  });
});

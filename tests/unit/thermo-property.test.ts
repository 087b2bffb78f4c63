// Property test: random but valid problems over every propellant system end with a result or a
// named error — never NaN/Infinity, never a hang (the kernels cap every iteration).
import { mulberry32 } from '../fixtures/generate-experiments.ts';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeThermoSolver } from '../../wasm-core/thermo.ts';
import { makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import { expectOutcome } from './support/outcome.ts';
import { logUniform, reactantTemplates } from './support/random-problems.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/cea-reference-trimmed.json', import.meta.url), 'utf8'));
const db = makeSpeciesDb(JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')));
const solver = makeThermoSolver(await loadCoreNode(), db);

const rng = mulberry32;
// one reactant set per system (rocket and tp/hp files)
const templates = reactantTemplates([...fixture.rocket, ...fixture.equilibrium]);

describe('equilibrium engine: property', () => {
  it('random valid problems end with a result or a named error', () => {
    const r = rng(20240611);
    const systems = [...templates.keys()];
    const kinds: Record<string, number> = {};
    for (let i = 0; i < 360; i++) {
      const sys = systems[i % systems.length];
      const t = templates.get(sys)!;
      const kind = i % 6 === 5 ? (r() < 0.5 ? 'hp' : 'tp') : 'rocket';
      const base: Record<string, unknown> = { problem: kind, reactants: t.reactants };
      if (t.roles) base.of = logUniform(r, 0.1, 50);
      if (kind === 'rocket') {
        base.pc = logUniform(r, 0.1e5, 500e5);
        base.exits = [{ areaRatio: logUniform(r, 1.01, 500) }, { pcOverPe: logUniform(r, 1.5, 1e4) }, { areaRatio: logUniform(r, 1.01, 500) }];
        if (r() < 0.4) { base.chemistry = 'frozen'; base.freezeAt = r() < 0.5 ? 'chamber' : 'throat'; }
      } else {
        base.p = logUniform(r, 0.1e5, 500e5);
        if (kind === 'tp') base.T = 300 + r() * 5000;
      }
      const res = solver.solve(base);
      const tag = `${sys} #${i} ${JSON.stringify({ ...base, reactants: undefined })}`;
      expectOutcome(res, tag);
      if (!res.ok) {
        kinds[res.error.code] = (kinds[res.error.code] ?? 0) + 1;
      } else if ('exits' in res) {
        for (const e of res.exits) if ('ok' in e) kinds[`exit ${e.error.code}`] = (kinds[`exit ${e.error.code}`] ?? 0) + 1;
        kinds.ok = (kinds.ok ?? 0) + 1;
      } else {
        kinds.ok = (kinds.ok ?? 0) + 1;
      }
    }
    console.log('outcomes', kinds);
    // Most random problems are physically fine: equilibrium must not give up on them.
    expect(kinds.ok ?? 0).toBeGreaterThan(300);
  });
});

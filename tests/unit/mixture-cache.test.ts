// Prepared mixtures are shared between problems with the same inputs (app/domain/thermo-problem.ts):
// a hit must be exactly what preparing afresh gives, and an input that only looks the same is not a hit.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeSpeciesDb, prepareMixture, prepareProblem } from '../../app/domain/thermo-problem.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';

const db = makeSpeciesDb(JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument);
const problem = (patch: Record<string, unknown> = {}) => ({
  problem: 'hp', p: 1e6, of: 6,
  reactants: [{ name: 'H2(L)', role: 'fuel', massFraction: 1, T: 20.27 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
  ...patch,
});

describe('the prepared-mixture cache', () => {
  it('gives a repeated problem the mixture a fresh preparation gives', () => {
    const a = prepareProblem(problem(), db);
    const b = prepareProblem(problem(), db);
    const fresh = prepareMixture(problem(), db);
    expect(a.ok && b.ok && fresh.ok).toBe(true);
    if (!a.ok || !b.ok || !fresh.ok) return;
    expect(b.value.mix).toEqual(fresh.value);
    // H2/O2 at O/F 6: b(H) = 2 · 1000/2.01588/7 mol/kg, b(O) = 2 · 1000/31.9988 · 6/7 (hand calculation)
    expect(b.value.mix.elements).toEqual(['H', 'O']);
    expect(b.value.mix.b0[0]).toBeCloseTo(2000 / 2.01588 / 7, 6);
    expect(b.value.mix.b0[1]).toBeCloseTo(2000 / 31.9988 * 6 / 7, 6);
  });

  it('does not answer a different O/F, reactant temperature or ions flag from the cache', () => {
    const base = prepareProblem(problem(), db);
    const of = prepareProblem(problem({ of: 5 }), db);
    const ions = prepareProblem(problem({ ions: true }), db);
    expect(base.ok && of.ok && ions.ok).toBe(true);
    if (!base.ok || !of.ok || !ions.ok) return;
    expect(of.value.mix.of).toBe(5);
    expect(of.value.mix.b0[0]).toBeCloseTo(2000 / 2.01588 / 6, 6);
    expect(ions.value.mix.elements).toEqual(['H', 'O', 'E']);
    const warmer = prepareProblem(problem({ reactants: [{ name: 'H2', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }] }), db);
    expect(warmer.ok && warmer.value.mix.h0_J_kg).not.toBe(base.value.mix.h0_J_kg);
  });

  it('still refuses an input that differs only in its type after the valid one was cached', () => {
    expect(prepareProblem(problem(), db).ok).toBe(true);
    const r = prepareProblem(problem({ reactants: [{ name: 'H2(L)', role: 'fuel', massFraction: '1', T: 20.27 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }] }), db);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-input', field: 'reactants[0].massFraction' }) });
    const nan = prepareProblem(problem({ of: NaN }), db);
    expect(nan).toEqual({ ok: false, error: expect.objectContaining({ field: 'of' }) });
  });

  it('answers a reactant list changed in place after it was cached with the changed mixture', () => {
    // the app may keep one list object and edit it: the cache holds its own copy, not the caller's
    const p = problem();
    const before = prepareProblem(p, db);
    (p.reactants[0] as { T: number }).T = 298.15;
    (p.reactants[0] as { name: string }).name = 'H2';
    const after = prepareProblem(p, db);
    const fresh = prepareMixture(p, db);
    expect(before.ok && after.ok && fresh.ok).toBe(true);
    if (!before.ok || !after.ok || !fresh.ok) return;
    expect(after.value.mix).toEqual(fresh.value);
    expect(after.value.mix.h0_J_kg).not.toBe(before.value.mix.h0_J_kg);
    // a member added, or one more reactant, is another list too
    (p.reactants[1] as Record<string, unknown>).massFraction = 0.5;
    (p.reactants as unknown[]).push({ name: 'N2', role: 'oxidizer', massFraction: 0.5, T: 298.15 });
    const three = prepareProblem(p, db);
    expect(three.ok && three.value.mix.elements).toEqual(['H', 'N', 'O']);
  });

  it('gives a run of problems over one list at many O/F ratios what preparing each afresh gives', () => {
    for (let i = 0; i < 700; i++) { // (past the cache's 512 entries: it starts again)
      const of = 2 + (i % 350) / 50;
      const p = problem({ of, ions: i % 7 === 0 });
      const a = prepareProblem(p, db);
      const fresh = prepareMixture(p, db, i % 7 === 0);
      expect(a.ok && fresh.ok).toBe(true);
      if (!a.ok || !fresh.ok) return;
      expect(a.value.mix, `problem ${i}`).toEqual(fresh.value);
    }
  });
});

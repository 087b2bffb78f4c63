// Bad input to the equilibrium engine: every failure names the field and the value.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeSpeciesDb, prepareProblem, mixtureAtOf } from '../../app/domain/thermo-problem.ts';
import { parseThermoInp, toDocument } from '../../app/domain/thermo-inp.ts';

const db = makeSpeciesDb(JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')));
const fuel = { name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 };
const ox = { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 };
const rocket = (over: Record<string, unknown> = {}) => ({ problem: 'rocket', reactants: [fuel, ox], of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }], ...over });

function failure(raw: unknown, d = db) {
  const r = prepareProblem(raw, d);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('problem validation: sanity', () => {
  it('accepts the issue example and computes O/F weights', () => {
    const r = prepareProblem(rocket(), db);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.mix.elements).toEqual(['C', 'H', 'O']);
    // RP-1 (CH1.95, M 13.976183) and O2 at O/F 2.6: b_C = (1/3.6)·1000/13.976183 mol/kg
    expect(r.value.mix.b0[0]).toBeCloseTo(1000 / 3.6 / 13.976183, 9);
    const again = mixtureAtOf(r.value.mix, 2.6);
    expect(again.b0).toEqual(r.value.mix.b0.map((v) => expect.closeTo(v, 12)));
  });
  it('φ = 1 for CH4/air gives the stoichiometric O/F (2 O2 per CH4 in air)', () => {
    const r = prepareProblem({ problem: 'hp', p: 1e5, phi: 1, reactants: [{ name: 'CH4', role: 'fuel', massFraction: 1 }, { name: 'Air', role: 'oxidizer', massFraction: 1 }] }, db);
    expect(r.ok && r.value.mix.of).toBeCloseTo(17.2, 1);
  });
});

describe('problem validation: special values', () => {
  it('unknown species', () => {
    const e = failure(rocket({ reactants: [{ ...fuel, name: 'Kerosene-X' }, ox] }));
    expect(e).toMatchObject({ code: 'unknown-species', field: 'reactants[0].name' });
    expect(e.message).toContain('Kerosene-X');
  });
  it('negative pressure', () => {
    expect(failure(rocket({ pc: -5 }))).toMatchObject({ field: 'pc', message: expect.stringContaining('-5') });
    expect(failure({ problem: 'tp', reactants: [fuel, ox], of: 2, p: -1, T: 2000 })).toMatchObject({ field: 'p' });
  });
  it('fractions not summing to 1', () => {
    const e = failure(rocket({ reactants: [{ ...fuel, massFraction: 0.7 }, { name: 'CH4(L)', role: 'fuel', massFraction: 0.2, T: 111.643 }, ox] }));
    expect(e.field).toBe('reactants[0].massFraction');
    expect(e.message).toContain('0.9');
  });
  it('missing O/F', () => {
    expect(failure(rocket({ of: undefined }))).toMatchObject({ field: 'of', message: expect.stringContaining('of') });
  });
  it('reactant-only species at a temperature other than its own', () => {
    const e = failure(rocket({ reactants: [fuel, { ...ox, T: 100 }] }));
    expect(e).toMatchObject({ field: 'reactants[1].T' });
    expect(e.message).toMatch(/90\.17.*100/);
  });
  it('database species outside its data range', () => {
    const e = failure(rocket({ reactants: [fuel, { name: 'O2', role: 'oxidizer', massFraction: 1, T: 50 }] }));
    expect(e).toMatchObject({ field: 'reactants[1].T', message: expect.stringContaining('50') });
  });
  it('unknown element in a custom formula', () => {
    const e = failure(rocket({ reactants: [{ name: 'X', role: 'fuel', massFraction: 1, formula: { C: 1, Zz: 2 }, enthalpy: 0 }, ox] }));
    expect(e).toMatchObject({ field: 'reactants[0].formula.Zz', message: expect.stringContaining('Zz') });
  });
  it('custom reactant without an enthalpy', () => {
    expect(failure(rocket({ reactants: [{ name: 'X', role: 'fuel', massFraction: 1, formula: { C: 1, H: 2 } }, ox] }))).toMatchObject({ field: 'reactants[0].enthalpy' });
  });
  it('element with no products (a user thermo file without argon species)', () => {
    const small = makeSpeciesDb(toDocument(parseThermoInp(readFileSync(new URL('../fixtures/thermo-snippet.inp', import.meta.url), 'utf8')), { source: 's', sha256: '', date: '', reference: '' }));
    const e = failure({ problem: 'hp', p: 1e5, of: 17, reactants: [{ name: 'CH4', role: 'fuel', massFraction: 1 }, { name: 'Air', role: 'oxidizer', massFraction: 1 }] }, small);
    expect(e).toMatchObject({ field: 'reactants[1]', message: expect.stringMatching(/element (Ar|N) .*Air/) });
  });
  it('bad exits, chemistry and problem kind', () => {
    expect(failure(rocket({ exits: [{ areaRatio: 0.5 }] }))).toMatchObject({ field: 'exits[0].areaRatio' });
    expect(failure(rocket({ exits: [{ pcOverPe: 10, areaRatio: 5 }] }))).toMatchObject({ field: 'exits[0]' });
    expect(failure(rocket({ chemistry: 'shifting' }))).toMatchObject({ field: 'chemistry', message: expect.stringContaining('shifting') });
    expect(failure({ ...rocket(), problem: 'uv' })).toMatchObject({ field: 'problem' });
    expect(failure(rocket({ of: 2, phi: 1 }))).toMatchObject({ field: 'phi' });
  });
});

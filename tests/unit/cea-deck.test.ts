import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCeaDeck, toCeaDeck } from '../../app/domain/cea-deck.ts';
import { TEMPLATES } from '../../app/domain/templates.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';

const fx = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const reference = JSON.parse(fx('cea-deck-inputs.json')).cases as Record<
  string,
  { reactants: { name: string; role: string; mass_fraction_within_role?: number; mass_fraction_in_propellant: number; T_K: number; formula?: Record<string, number>; hf_J_per_mol?: number }[]; o_f: number | null; pc_Pa: number; exits_requested: { type: string; pc_over_pe?: number; Ae_At?: number }[] }
>;

function mustParse(text: string) {
  const r = parseCeaDeck(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('CEA deck import of the reference decks', () => {
  it.each(Object.keys(reference))('%s matches the recorded inputs', (id) => {
    const { problem, caseName, warnings } = mustParse(fx(`cea-${id}.inp`));
    const ref = reference[id];
    expect(caseName).toMatch(/^c\d{3}$/);
    expect(problem.pc).toBeCloseTo(ref.pc_Pa, 6);
    if (ref.o_f === null) expect(problem.of).toBeUndefined();
    else expect(problem.of).toBe(ref.o_f);
    expect(problem.reactants.length).toBe(ref.reactants.length);
    ref.reactants.forEach((rr, i) => {
      const r = problem.reactants[i];
      expect(r.name).toBe(rr.name);
      expect(r.T).toBe(rr.T_K);
      if (rr.role === 'propellant') {
        expect(r.role).toBeUndefined();
        expect(r.massFraction).toBeCloseTo(rr.mass_fraction_in_propellant, 12);
      } else {
        expect(r.role).toBe(rr.role);
        expect(r.massFraction).toBeCloseTo(rr.mass_fraction_within_role!, 12);
      }
      if (rr.formula) {
        expect(r.formula).toEqual(rr.formula);
        expect(r.enthalpy).toBeCloseTo(rr.hf_J_per_mol!, 9);
      }
    });
    expect(problem.exits).toEqual(ref.exits_requested.map((e) => (e.type === 'pressure_ratio' ? { pcOverPe: e.pc_over_pe } : { areaRatio: e.Ae_At })));
    // every reference deck asks for "equilibrium frozen nfz=1": imported as equilibrium, with a note
    expect(problem.chemistry).toBe('equilibrium');
    expect(warnings.some((w) => w.includes('equilibrium and frozen'))).toBe(true);
  });
});

describe('CEA deck export', () => {
  it('writes the HTPB/N2O case as the reference deck says it', () => {
    const { problem } = mustParse(fx('cea-n2o_htpb-eq-of4-pc68.05.inp'));
    const deck = toCeaDeck(problem, 'c123');
    expect(deck).toBe(
      [
        'reac',
        '  fuel = HTPB  C 7.3165 H 10.336 O 0.1063  wt%=100  t,k=298.15  h,cal=1200',
        '  oxid = N2O  wt%=100  t,k=298.15',
        'prob  rocket  case=c123  p,bar=68.05  o/f=4  equilibrium',
        '   pi/p=67.160128,  supar=10,40,100',
        'output  siunits',
        'end',
        '',
      ].join('\n'),
    );
  });

  it.each(TEMPLATES.map((t) => [t.id, t.problem] as const))('%s round-trips through a deck', (_id, p) => {
    const back = mustParse(toCeaDeck(p)).problem;
    const strip = (q: RocketProblem) => ({ ...q, pamb: undefined, exits: [...(q.exits ?? [])].sort((a, b) => Number('areaRatio' in a) - Number('areaRatio' in b)) });
    const a = strip(p);
    const b = strip(back);
    expect(b.reactants.length).toBe(a.reactants.length);
    b.reactants.forEach((r, i) => {
      expect(r.name).toBe(a.reactants[i].name);
      expect(r.massFraction).toBeCloseTo(a.reactants[i].massFraction, 9);
      expect(r.enthalpy ?? 0).toBeCloseTo(a.reactants[i].enthalpy ?? 0, 4);
    });
    expect(b.pc).toBeCloseTo(a.pc, 3);
    expect(b.of).toBe(a.of);
    expect(b.exits!.length).toBe(a.exits!.length);
    b.exits!.forEach((e, i) => expect(Object.values(e)[0]).toBeCloseTo(Object.values(a.exits![i])[0], 6));
  });

  it('writes frozen at the throat as nfz=2 and reads it back', () => {
    const p: RocketProblem = { ...TEMPLATES[0].problem, chemistry: 'frozen', freezeAt: 'throat' };
    const deck = toCeaDeck(p);
    expect(deck).toContain('frozen  nfz=2');
    expect(mustParse(deck).problem).toMatchObject({ chemistry: 'frozen', freezeAt: 'throat' });
  });
});

describe('CEA deck edge cases', () => {
  it('reads units, %fuel, several values and free layout', () => {
    const deck = `! a comment
reac
 fuel RP-1 wt% = 100 t,k = 298.15
 oxid O2(L) wt%=100 t,r=162.306
prob case=x rocket p,psia=1000,2000 %fuel=30 frozen nfz=1
 supar = 10 20
   pi/p=68.0457
outp siunits
end`;
    const { problem, warnings } = mustParse(deck);
    expect(problem.pc).toBeCloseTo(1000 * 6894.757293168361, 6);
    expect(problem.of).toBeCloseTo(70 / 30, 12);
    expect(problem.reactants[1].T).toBeCloseTo(90.17, 9); // 162.306 °R × 5/9
    expect(problem.exits).toEqual([{ pcOverPe: 68.0457 }, { areaRatio: 10 }, { areaRatio: 20 }]);
    expect(problem).toMatchObject({ chemistry: 'frozen', freezeAt: 'chamber' });
    expect(warnings.some((w) => w.includes('2 values'))).toBe(true);
  });

  it('normalises weight fractions and tells so', () => {
    const { problem, warnings } = mustParse('reac\n fuel=N2H4(L) wt%=1 t,k=298.15\n fuel=CH6N2(L) wt%=3 t,k=298.15\n oxid=N2O4(L) t,k=298.15\nprob rocket p,bar=10 o/f=2\nend');
    expect(problem.reactants.map((r) => r.massFraction)).toEqual([0.25, 0.75, 1]);
    expect(warnings.some((w) => w.includes('add up to 4'))).toBe(true);
  });

  it('reads sodium in a formula rather than a new "name" reactant', () => {
    const { problem } = mustParse('reac\n name=X NA 1 N 1 O 3 wt%=100 t,k=298.15 h,kj=-467.9\nprob rocket p,bar=10\nend');
    expect(problem.reactants[0]).toMatchObject({ name: 'X', formula: { Na: 1, N: 1, O: 3 }, enthalpy: -467900 });
  });

  it.each([
    ['', 'reac'],
    ['reac\n fuel=H2(L)\nend', 'prob'],
    ['reac\n fuel=H2(L) t,k=20.27\n oxid=O2(L) t,k=90.17\nprob tp p,bar=1 t,k=3000 o/f=6\nend', 'prob'],
    ['reac\n fuel=H2(L) t,k=20.27\n oxid=O2(L) t,k=90.17\nprob rocket p,bar=10\nend', 'prob'],
    ['reac\n fuel=H2(L) t,k=20.27\n oxid=O2(L) t,k=90.17\nprob rocket fac p,bar=10 o/f=6\nend', 'prob'],
    ['reac\n fuel=X C 1 Qq 2 wt%=100\n oxid=O2(L)\nprob rocket p,bar=10 o/f=1\nend', 'reac'],
    ['reac\n fuel=X C 1 H 4 wt%=100\n oxid=O2(L)\nprob rocket p,bar=10 o/f=1\nend', 'reac'],
    ['reac\n fuel=H2(L) mol=1\n oxid=O2(L)\nprob rocket p,bar=10 o/f=1\nend', 'reac'],
    ['reac\n fuel=H2(L) wt%=abc\n oxid=O2(L)\nprob rocket p,bar=10 o/f=1\nend', 'reac'],
  ])('rejects %j naming the %s dataset', (deck, field) => {
    const r = parseCeaDeck(deck);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe(field);
  });
});

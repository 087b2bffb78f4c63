// CEA decks with a finite-area combustor (fac, acat, ma) and subsonic area ratios (subar): every
// public FAC reference deck (inputs.cea_input_deck, copied verbatim into the FAC fixture) imports as
// the problem the reference case describes, and the equilibrium ones export back to the same deck.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCeaDeck, toCeaDeck } from '../../app/domain/cea-deck.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/cea-reference-fac-trimmed.json', import.meta.url), 'utf8'));
interface Case { id: string; chemistry: string; problem: RocketProblem; cea_input_deck: string }
const cases = fixture.cases as Case[];

function mustParse(text: string) {
  const r = parseCeaDeck(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('CEA deck import: finite-area combustor reference decks', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const { problem, warnings } = mustParse(c.cea_input_deck);
    const ref = c.problem;
    expect(problem.pc).toBeCloseTo(ref.pc, 6);
    expect(problem.combustor).toEqual(ref.combustor);
    if (ref.of === undefined) expect(problem.of).toBeUndefined();
    else expect(problem.of).toBe(ref.of);
    expect(problem.reactants.map((r) => r.name)).toEqual(ref.reactants.map((r) => r.name));
    problem.reactants.forEach((r, i) => {
      expect(r.massFraction).toBeCloseTo(ref.reactants[i].massFraction, 12);
      expect(r.T).toBe(ref.reactants[i].T);
      if (ref.reactants[i].formula) expect(r.formula).toEqual(ref.reactants[i].formula);
    });
    // exits in CEA's column order, as the reference lists them
    expect(problem.exits).toEqual(ref.exits);
    // "equilibrium frozen nfz=3" (the frozen cases) imports as equilibrium, with a note
    expect(problem.chemistry).toBe('equilibrium');
    expect(warnings.some((w) => w.includes('equilibrium and frozen'))).toBe(c.chemistry === 'frozen');
  });
});

describe('CEA deck export: finite-area combustor', () => {
  it.each(cases.filter((c) => c.chemistry === 'equilibrium').map((c) => [c.id, c] as const))('%s writes the reference deck', (_id, c) => {
    const caseName = /case=(\S+)/.exec(c.cea_input_deck)![1];
    expect(toCeaDeck(c.problem, caseName)).toBe(c.cea_input_deck);
  });

  it('writes frozen after the throat as nfz=3 with fac and reads it back', () => {
    const p = { ...cases[0].problem, chemistry: 'frozen' as const, freezeAt: 'throat' as const, exits: [{ pcOverPe: 44.4 }, { areaRatio: 12 }] };
    const deck = toCeaDeck(p, 'f1');
    expect(deck).toContain('prob  rocket  fac  acat=3  case=f1  p,bar=45  o/f=2.45  frozen  nfz=3');
    expect(mustParse(deck).problem).toMatchObject({ chemistry: 'frozen', freezeAt: 'throat', combustor: { contractionRatio: 3 } });
  });

  it('writes a mass flux as ma= and reads it back', () => {
    const p: RocketProblem = { ...cases[0].problem, combustor: { massFlux: 1750 } };
    const deck = toCeaDeck(p, 'f2');
    expect(deck).toContain('prob  rocket  fac  ma=1750  case=f2');
    expect(mustParse(deck).problem.combustor).toEqual({ massFlux: 1750 });
  });
});

describe('CEA deck import: finite-area combustor special values', () => {
  const deck = (prob: string, exits = '   pi/p=40,  supar=12') =>
    `reac\n  fuel = RP-1  wt%=100  t,k=298.15\n  oxid = O2(L)  wt%=100  t,k=90.17\nprob  rocket  ${prob}  p,bar=45  o/f=2.45\n${exits}\nend\n`;
  const failure = (text: string) => {
    const r = parseCeaDeck(text);
    if (r.ok) throw new Error('expected a failure');
    return r.error;
  };

  it('fac without acat or ma, or with both', () => {
    expect(failure(deck('fac equilibrium')).message).toMatch(/fac needs acat= .* or ma=/);
    expect(failure(deck('fac acat=3 ma=1750')).message).toContain('acat or ma, not both');
  });
  it('acat ≤ 1 and ma ≤ 0 are refused with the value', () => {
    expect(failure(deck('fac acat=0.8')).message).toContain('got 0.8');
    expect(failure(deck('fac ma=-5')).message).toContain('got -5');
  });
  it('subar at or above acat, or ≤ 1, is refused', () => {
    expect(failure(deck('fac acat=3', '   subar=3  supar=12')).message).toContain('subar must be < acat = 3 (got 3)');
    expect(failure(deck('fac acat=3', '   subar=0.9')).message).toContain('subar must be > 1 (got 0.9)');
  });
  it('frozen at the injector or the combustor end is refused as CEA refuses nfz=2', () => {
    expect(failure(deck('fac acat=3 frozen nfz=2')).message).toContain('only at the throat');
    expect(failure(deck('fac acat=3 frozen nfz=1')).message).toContain('nfz=1');
    expect(mustParse(deck('fac acat=3 frozen nfz=3')).problem).toMatchObject({ chemistry: 'frozen', freezeAt: 'throat' });
  });
  it('a mass flux in lbm/(s·in²) is converted; acat without fac is ignored with a warning', () => {
    expect((mustParse(deck('fac ma,lbm/s/in**2=2')).problem.combustor as { massFlux: number }).massFlux).toBeCloseTo(2 * 703.0695796, 4);
    const r = mustParse(deck('acat=3'));
    expect(r.problem.combustor).toBeUndefined();
    expect(r.warnings.some((w) => w.includes('acat ignored without fac'))).toBe(true);
  });
  it('subar without fac imports as subsonic exits of an infinite-area chamber', () => {
    expect(mustParse(deck('equilibrium', '   subar=2,4  pi/p=40')).problem.exits).toEqual([{ pcOverPe: 40 }, { subsonicAreaRatio: 2 }, { subsonicAreaRatio: 4 }]);
  });
});

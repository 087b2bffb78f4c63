// Imports that change data say so (issue 11, item 5): a document cut to 20 reactants or exits, a
// mix whose fractions no longer sum to one, a CEA deck with an impossible number, and test-fire
// CSV cells that are not finite or not physical — each reported with the field and the value.
import { describe, it, expect } from 'vitest';
import { restoreExperiment, LIMITS } from '../../app/domain/experiment.ts';
import { parseCeaDeck } from '../../app/domain/cea-deck.ts';
import { exportWorkspace, importWorkspace } from '../../app/domain/backup.ts';
import { parseTestFireCsv, pickerColumns, MAX_LISTED_ERRORS, MAX_PICKER_COLUMNS } from '../../app/domain/testfire-csv.ts';
import { listHead } from '../../app/domain/list-head.ts';

const reactant = (name: string, massFraction: number, role?: 'fuel' | 'oxidizer') => ({ name, massFraction, ...(role ? { role } : {}) });
const doc = (problem: Record<string, unknown>) => ({ type: 'rocket-fuel-optimizer/experiment', version: 3, id: 'x', name: 'Imported', inputs: { system: 'custom', units: 'SI', problem: { pc: 7e6, of: 2, ...problem } } });
const restored = (problem: Record<string, unknown>) => {
  const r = restoreExperiment(doc(problem));
  if (!r.ok) throw new Error(r.error.message);
  return r;
};

describe('restoreExperiment says what it changed', () => {
  it('a list of 25 reactants is cut to 20, naming the ones left out', () => {
    const fuels = Array.from({ length: 24 }, (_, i) => reactant(`F${i + 1}`, 1 / 24, 'fuel'));
    const r = restored({ reactants: [reactant('O2(L)', 1, 'oxidizer'), ...fuels], exits: [{ areaRatio: 10 }] });
    expect(r.value.inputs.problem.reactants).toHaveLength(LIMITS.reactants);
    expect(r.warnings[0]).toBe('inputs.problem.reactants had 25 entries; only the first 20 were kept (left out: F20, F21, F22, F23, F24)');
    // the 19 fuels kept sum to 19/24: said too, with the values
    expect(r.warnings[1]).toBe('inputs.problem.reactants: the fuel mass fractions sum to 0.791667, not 1 (F1 0.0416667, F2 0.0416667, F3 0.0416667, F4 0.0416667, F5 0.0416667 and 14 more); fix them before computing');
    expect(r.warnings).toHaveLength(2);
  });

  it('a list of 30 exits is cut to 20, and each invalid exit is named', () => {
    const exits = Array.from({ length: 30 }, (_, i) => ({ areaRatio: i + 2 }));
    exits[3] = { areaRatio: 0.5 };
    const r = restored({ reactants: [reactant('H2(L)', 1, 'fuel'), reactant('O2(L)', 1, 'oxidizer')], exits });
    expect(r.value.inputs.problem.exits).toHaveLength(19);
    expect(r.warnings).toEqual([
      'inputs.problem.exits had 30 nozzle exits; only the first 20 were kept (left out: {"areaRatio":22}, {"areaRatio":23}, {"areaRatio":24}, {"areaRatio":25}, {"areaRatio":26} and 5 more)',
      'inputs.problem.exits[3] was {"areaRatio":0.5} (needs pcOverPe > 1 or areaRatio ≥ 1); dropped',
    ]);
  });

  it('a fuel dropped for having no name leaves fractions that no longer sum to one: said, not hidden', () => {
    const r = restored({ reactants: [reactant('RP-1', 0.6, 'fuel'), { massFraction: 0.4, role: 'fuel' }, reactant('O2(L)', 1, 'oxidizer')] });
    expect(r.warnings).toEqual([
      'inputs.problem.reactants[1] has no name; dropped',
      'inputs.problem.reactants: the fuel mass fractions sum to 0.6, not 1 (RP-1 0.6); fix them before computing',
    ]);
  });

  it('a mass fraction that is not a number is set to 1, and the sum it breaks is said', () => {
    const r = restored({ reactants: [reactant('NH4CLO4(I)', 0.7), { name: 'AL(cr)', massFraction: 'lots' }] });
    expect(r.warnings).toEqual([
      'inputs.problem.reactants[1].massFraction was "lots"; set to 1',
      'inputs.problem.reactants: the propellant mass fractions sum to 1.7, not 1 (NH4CLO4(I) 0.7, AL(cr) 1); fix them before computing',
    ]);
  });

  it('a mix whose fractions sum to one within rounding gives no warning', () => {
    const r = restored({ reactants: [reactant('N2H4(L)', 0.1 + 0.2), reactant('C2H8N2(L),UDMH', 0.7)] });
    expect(r.warnings).toEqual([]);
  });
});

const deck = (prob: string, reac = 'reac\n fuel RP-1 wt%=100 t,k=298.15\n oxid O2(L) wt%=100 t,k=90.17\n') => `${reac}prob rocket ${prob}\nend\n`;
const deckError = (text: string) => {
  const r = parseCeaDeck(text);
  if (r.ok) throw new Error(`accepted: pc ${r.value.problem.pc}`);
  return r.error.message;
};

describe('CEA deck: an impossible number is a named error, never replaced by a default', () => {
  it.each([
    ['p,bar=1e400 o/f=2.6', 'prob: p,bar must be a finite number (got "1e400")'],
    ['p,psia=1d400 o/f=2.6', 'prob: p,psia must be a finite number (got "1d400")'],
    ['p,bar=1e304 o/f=2.6', 'prob: chamber pressure must be above 0 and at most 100000 bar (got p,bar=1e304)'],
    ['p,bar=2e5 o/f=2.6', 'prob: chamber pressure must be above 0 and at most 100000 bar (got p,bar=2e5)'],
    ['p,bar=70 o/f=1e400', 'prob: o/f must be a finite number (got "1e400")'],
    ['p,bar=70 f/o=0', 'prob: o/f must be above 0 and at most 10000 (got Infinity)'],
    ['p,bar=70 %fuel=0', 'prob: o/f must be above 0 and at most 10000 (got Infinity)'],
    ['p,bar=70 phi=1e5', 'prob: phi must be above 0 and at most 10000 (got 100000)'],
    ['p,bar=70 o/f=2.6 supar=10,1e400', 'prob: supar must be a finite number (got "1e400")'],
    ['p,bar=70 o/f=2.6 supar=2e5', 'prob: supar must be from 1 to 100000 (got 200000)'],
    ['p,bar=70 o/f=2.6 pi/p=1e9', 'prob: pi/p must be above 1 and at most 100000000 (got 1000000000)'],
  ])('%s', (prob, message) => {
    expect(deckError(deck(prob))).toBe(message);
  });

  it.each([
    ['reac\n fuel RP-1 wt%=1e400 t,k=298.15\n oxid O2(L) wt%=100 t,k=90.17\n', 'reac: wt% of RP-1 is not a finite number (got "1e400")'],
    ['reac\n fuel RP-1 wt%=100 t,k=1e400\n oxid O2(L) wt%=100 t,k=90.17\n', 'reac: t,k of RP-1 is not a finite number (got "1e400")'],
    ['reac\n fuel RP-1 wt%=100 t,c=-300\n oxid O2(L) wt%=100 t,k=90.17\n', 'reac: temperature of RP-1 must be above 0 K and at most 20000 K (got -26.85 K)'],
    ['reac\n fuel RP-1 wt%=120 t,k=298.15\n fuel JP-X wt%=-20 t,k=298.15\n oxid O2(L) wt%=100 t,k=90.17\n', 'reac: wt% of JP-X must be ≥ 0 (got -20)'],
    ['reac\n fuel X C 1e400 H 4 wt%=100 h,kj=-50\n oxid O2(L) wt%=100 t,k=90.17\n', 'reac: atoms of C in X must be a finite number ≥ 0 (got "1e400")'],
  ])('reac %#', (reac, message) => {
    expect(deckError(deck('p,bar=70 o/f=2.6', reac))).toBe(message);
  });
});

const HEADER = 'test,O/F,pc,thrust,mdot\n';
const csv = (rows: string[], units: Record<string, string> = {}) => {
  const r = parseTestFireCsv(HEADER + rows.join('\n'), { mapping: { testId: 0, of: 1, pc: 2, thrust: 3, mdot: 4 }, units: { pc: 'bar', ...units } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('test-fire CSV: cells that are not finite or not physical are rejected by cell', () => {
  it('names the row, the column and the value, with the limit in the column\'s unit', () => {
    const r = csv(['a,2.5,70,10000,3.5', 'b,1e400,70,10000,3.5', 'c,2.5,1e308,10000,3.5', 'd,1e6,70,10000,3.5', 'e,2.5,70,1e12,3.5']);
    expect(r.rows.map((x) => x.testId)).toEqual(['a']);
    expect(r.errors.map((e) => e.message)).toEqual([
      'row 3, column "O/F": O/F must be a finite number (got "1e400")',
      'row 4, column "pc": chamber pressure must be ≤ 100000 bar, a physical value (got 1e308)',
      'row 5, column "O/F": O/F must be ≤ 10000, a physical value (got 1e6)',
      'row 6, column "thrust": thrust must be ≤ 1000000000 N, a physical value (got 1e12)',
    ]);
    const psia = csv(['a,2.5,3e6,10000,3.5'], { pc: 'psia' });
    expect(psia.errors.map((e) => e.message)).toEqual(['row 2, column "pc": chamber pressure must be ≤ 1450380 psia, a physical value (got 3e6)']);
  });

  it('an Isp from thrust and mass flow beyond any rocket rejects the row, naming both columns', () => {
    const r = csv(['a,2.5,70,1e8,1e-3']);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 2, column: 'thrust / mdot', value: '1e8 / 1e-3', message: 'row 2, columns "thrust" / "mdot": thrust / mass flow gives an Isp of 100000000000 m/s, above the physical 10000 m/s (got 1e8 / 1e-3)' }]);
  });

  it('a 20,000-row file with two bad cells a row keeps every error but lists the first 50 and the count of the rest', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `t${i},x,-1,10000,3.5`);
    const r = csv(rows);
    expect(r.errors).toHaveLength(40_000);
    const head = listHead(r.errors, MAX_LISTED_ERRORS);
    expect(head.shown).toHaveLength(50);
    expect(head.more).toBe(39_950);
    expect(head.shown[1].message).toBe('row 2, column "pc": chamber pressure must be > 0 bar (got -1)');
  });

  it('a column picker offers the first 200 columns of a wide file, plus the ones already chosen', () => {
    const headers = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    const cols = pickerColumns(headers, { of: 3, pc: 4321 });
    expect(cols).toHaveLength(MAX_PICKER_COLUMNS + 1);
    expect(cols.at(-1)).toBe(4321);
    expect(pickerColumns(['a', 'b'], {})).toEqual([0, 1]);
  });
});

describe('files as editors save them, and hostile names', () => {
  it('a backup or a CEA deck that starts with a byte-order mark reads as without one', () => {
    const text = exportWorkspace({ experiments: [], results: [], models: [], propellants: [], settings: { units: 'US' } }, '2025-01-01T00:00:00.000Z');
    const r = importWorkspace('\ufeff' + text);
    expect(r.ok && r.value.workspace.settings).toEqual({ units: 'US' });
    const d = parseCeaDeck('\ufeff' + deck('p,bar=70 o/f=2.6'));
    expect(d.ok && d.value.problem.pc).toBe(70e5);
  });

  it('a result column whose dtype is an Object property name is unreadable, not a crash', () => {
    const f = JSON.parse(exportWorkspace({ experiments: [], results: [], models: [], propellants: [], settings: {} }, '2025-01-01T00:00:00.000Z'));
    f.experiments = [{ id: 'e1', name: 'E' }];
    f.results = [{ id: 'r1', experimentId: 'e1', columns: { of: { dtype: 'constructor', data: 'AAAA' } } }];
    const r = importWorkspace(JSON.stringify(f));
    expect(r.ok && r.value.skipped).toEqual(['result 1: unreadable']);
  });

  it('a CSV unit that is an Object property name is an unknown unit', () => {
    const r = parseTestFireCsv(HEADER + 'a,2.5,70,10000,3.5', { mapping: { of: 1, pc: 2 }, units: { pc: 'constructor' } });
    expect(!r.ok && r.error).toEqual({ code: 'bad-input', message: 'chamber pressure: unknown unit "constructor" (choose bar, Pa, kPa, MPa, psia, atm)', field: 'units.pc' });
  });
});

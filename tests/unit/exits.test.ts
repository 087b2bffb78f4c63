// Nozzle exits as the user edits them (issue 12, item 5): the exit "Add exit" proposes, the one-line
// text of each exit, and the PDF report and the CEA deck listing exactly the design's exits.
import { describe, expect, it } from 'vitest';
import { exitText, nextExit, MAX_EXIT_AREA_RATIO } from '../../app/domain/exits.ts';
import { designReport } from '../../app/domain/report.ts';
import { parseCeaDeck, toCeaDeck } from '../../app/domain/cea-deck.ts';
import type { ExitSpec, RocketProblem, RocketResult, Station } from '../../app/domain/problem.ts';

const st = (areaRatio: number): Station => ({
  T: 2000, p: 1e5, rho: 1, h: 0, u: 0, g: 0, s: 0, M: 20, MW: 20, cp: 2000, gammaS: 1.2, dlnVdlnP: -1, dlnVdlnT: 1, a: 1000,
  mach: 3, areaRatio, cstar: 1800, cf: 1.8, ispVac: 3000, isp: 2900, moleFractions: {},
});

describe('nextExit', () => {
  it('doubles the largest area ratio given', () => {
    expect(nextExit([{ pcOverPe: 95.7 }, { areaRatio: 16 }])).toEqual({ areaRatio: 32 });
    expect(nextExit([{ areaRatio: 60 }, { areaRatio: 12 }])).toEqual({ areaRatio: 120 });
  });
  it('proposes Ae/At 40 when no exit is given by area ratio, and stays within the field’s limit', () => {
    expect(nextExit([])).toEqual({ areaRatio: 40 });
    expect(nextExit([{ pcOverPe: 68 }, { subsonicAreaRatio: 3 }])).toEqual({ areaRatio: 40 });
    expect(nextExit([{ areaRatio: 8000 }])).toEqual({ areaRatio: MAX_EXIT_AREA_RATIO });
  });
});

describe('exitText', () => {
  it('says how each kind of exit is given, to 5 significant digits', () => {
    expect(exitText({ areaRatio: 16 })).toBe('Ae/At = 16.000');
    expect(exitText({ pcOverPe: 97e5 / 101325 })).toBe('pc/pe = 95.732'); // 97 bar / 1 atm = 95.7316
    expect(exitText({ subsonicAreaRatio: 3 })).toBe('Ae/At = 3.0000 (subsonic)');
  });
});

describe('every exit reaches the exports', () => {
  const exits: ExitSpec[] = [{ pcOverPe: 50 }, { areaRatio: 16 }, { areaRatio: 40 }];
  const problem: RocketProblem = { problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }], of: 2.4, pc: 5e6, exits, pamb: 101325 };
  const result: RocketResult = { ok: true, chamber: st(1), throat: st(1), exits: [st(8), st(16), st(40)], warnings: [] };

  it('the PDF report lists each exit among its inputs and gives each a column', () => {
    const r = designReport('Booster', problem, result, 'SI', '2026-12-01');
    expect(r.inputs.filter(([k]) => k.startsWith('Exit '))).toEqual([['Exit 1', 'pc/pe = 50.000'], ['Exit 2', 'Ae/At = 16.000'], ['Exit 3', 'Ae/At = 40.000']]);
    expect(r.table.head).toEqual(['Property', 'Chamber', 'Throat', 'Exit 1', 'Exit 2', 'Exit 3', 'Unit']);
  });

  it('the CEA deck carries the same exits, and reads back to them', () => {
    const deck = toCeaDeck(problem, 'booster');
    expect(deck).toMatch(/pi\/p=50\b/);
    expect(deck).toMatch(/supar=16,40\b/);
    const back = parseCeaDeck(deck);
    expect(back.ok && back.value.problem.exits).toEqual(exits);
  });
});

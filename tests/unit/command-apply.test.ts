// What command actions do to the app's documents (app/domain/command/apply.ts): a design change on
// a rocket problem, the Sweep grid of a sweep action, and the preview sentence in the user's units.
import { describe, expect, it } from 'vitest';
import { applyDesignChange, describeAction, sweepAxes, sweepDesign } from '../../app/domain/command/apply.ts';
import { parseCommand } from '../../app/domain/command/parse.ts';
import { findTemplate } from '../../app/domain/templates.ts';
import type { CommandAction } from '../../app/domain/command/schema.ts';

const booster = () => structuredClone(findTemplate('lox-rp1-booster')!.problem);
const solid = () => structuredClone(findTemplate('ap-htpb-al-solid')!.problem);
const parse = (t: string, units?: 'SI' | 'US'): CommandAction => {
  const r = parseCommand(t, { units });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('applyDesignChange', () => {
  it('replaces the fuel, keeps the oxidizer, sets O/F, pc, the first exit and ambient', () => {
    const r = applyDesignChange(booster(), { fuels: ['lch4'], of: 3.4, pc: 1e7, areaRatio: 40, pamb: 0 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.reactants.map((x) => [x.name, x.role, x.massFraction, x.T])).toEqual([['CH4(L)', 'fuel', 1, 111.643], ['O2(L)', 'oxidizer', 1, 90.17]]);
    expect(r.value).toMatchObject({ of: 3.4, pc: 1e7, pamb: 0 });
    expect(r.value.exits![0]).toEqual({ areaRatio: 40 });
    expect(r.value.exits![1]).toEqual({ areaRatio: 16 }); // the template's second exit stays
  });
  it('gives the exit by pc/pe: 100 bar over 1 atm = 98.692…', () => {
    const r = applyDesignChange(booster(), { pc: 1e7, pe: 101325 });
    expect(r.ok && r.value.exits![0]).toEqual({ pcOverPe: 1e7 / 101325 });
  });
  it('splits two fuels evenly by mass, and freezes at the chamber', () => {
    const r = applyDesignChange(booster(), { fuels: ['lch4', 'rp1'], chemistry: 'frozen' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.reactants.filter((x) => x.role === 'fuel').map((x) => x.massFraction)).toEqual([0.5, 0.5]);
    expect(r.value.chemistry).toBe('frozen');
    expect(r.value.freezeAt).toBe('chamber');
  });
  it('refuses what would leave a half-made design, naming the field', () => {
    const cases: [ReturnType<typeof solid>, Parameters<typeof applyDesignChange>[1], string][] = [
      [solid(), { fuels: ['rp1'] }, 'oxidizers'],
      [solid(), { fuels: ['rp1'], oxidizers: ['lox'] }, 'of'],
      [booster(), { pe: 2e7 }, 'pe'],
      [booster(), { fuels: ['nope'] }, 'fuels'],
    ];
    for (const [p, d, field] of cases) {
      const r = applyDesignChange(p, d);
      expect(r.ok, JSON.stringify(d)).toBe(false);
      if (!r.ok) expect(r.error.field).toBe(field);
    }
  });
  it('turns a premixed solid into a bipropellant when both roles and O/F are given', () => {
    const r = applyDesignChange(solid(), { fuels: ['rp1'], oxidizers: ['lox'], of: 2.5 });
    expect(r.ok && r.value.reactants.map((x) => x.name)).toEqual(['RP-1', 'O2(L)']);
  });
});

describe('sweepAxes', () => {
  it('maps range, steps and two "at" values to a two-axis grid', () => {
    const a = parse('sweep O/F 2.8 to 3.8 in 21 steps at 50 and 100 bar');
    const r = a.action === 'sweep' ? sweepAxes(a) : null;
    expect(r?.ok && r.value).toEqual([
      { variable: 'of', from: 2.8, to: 3.8, count: 21, spacing: 'linear' },
      { variable: 'pc', from: 5e6, to: 1e7, count: 2, spacing: 'linear' },
    ]);
  });
  it('takes geometric values as a log axis, refuses uneven ones, and counts 11 points by default', () => {
    const g = parse('sweep O/F 2 to 3 at 25, 50 and 100 bar');
    const r = g.action === 'sweep' ? sweepAxes(g) : null;
    expect(r?.ok && r.value[0].count).toBe(11);
    expect(r?.ok && r.value[1]).toEqual({ variable: 'pc', from: 25e5, to: 1e7, count: 3, spacing: 'log' });
    const u = parse('sweep O/F 2 to 3 at 20, 50 and 60 bar');
    const bad = u.action === 'sweep' ? sweepAxes(u) : null;
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) expect(bad.error.message).toContain('20 bar, 50 bar, 60 bar');
  });
  it('puts a single "at" value on the design', () => {
    const a: CommandAction = { action: 'sweep', variable: 'of', from: 2, to: 3, at: { variable: 'pc', values: [7e6] }, design: { fuels: ['rp1'] } };
    if (a.action === 'sweep') expect(sweepDesign(a)).toEqual({ fuels: ['rp1'], pc: 7e6 });
  });
});

describe('describeAction (the preview)', () => {
  it('says what will happen in the user units', () => {
    expect(describeAction(parse('LOX and methane at 100 bar, O/F 3.4, expansion 40'))).toBe(
      "Set Explore's design: fuel Liquid methane (LCH4), oxidizer Liquid oxygen (LOX), O/F 3.4, chamber pressure 100 bar, area ratio Ae/At 40.");
    // 1000 psi = 68.9476 bar
    expect(describeAction(parse('pc 1000 psi'), 'SI')).toBe("Set Explore's design: chamber pressure 68.9476 bar.");
    expect(describeAction(parse('pc 1000 psi'), 'US')).toBe("Set Explore's design: chamber pressure 1000 psia.");
    expect(describeAction(parse('sweep O/F 2.8 to 3.8 at 50 and 100 bar'))).toBe(
      "Run a sweep of O/F from 2.8 to 3.8 in 11 points at chamber pressure 50 bar, 100 bar on Explore's design.");
    expect(describeAction(parse('maximise Isp and density for RP-1 and methane'))).toBe(
      'Set up an optimisation: maximise vacuum Isp and maximise density-Isp (vacuum Isp × bulk density), over fuels RP-1 (kerosene) + Liquid methane (LCH4).');
    expect(describeAction(parse('open the hybrid template'))).toBe('Open the template “N2O/HTPB hybrid” in Explore.');
    expect(describeAction(parse('compare my last two experiments'))).toBe('Compare your 2 most recent experiments.');
  });
});

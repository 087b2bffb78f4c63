// The ideal-rocket calculator's store in node with its engine bridge passed in: the default form
// against the textbook c* formula, errors in the form's units beside the right field, and
// "latest call wins" between quick edits.
import { describe, it, expect, vi } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import type { UnitSystem } from '../../app/domain/experiment.ts';
import { createIdealStore } from '../../app/state/ideal-store.ts';
import { logged, nodeEngineBridge } from './support/engine-bridge-node.ts';

const eng = await nodeEngineBridge();
const R = 8314.462618; // J/(kmol·K)

/** c* = √(R T / M) / (√γ · (2/(γ+1))^((γ+1)/(2(γ−1)))), the ideal characteristic velocity. */
const cstar = (g: number, M: number, T: number) => Math.sqrt((R * T) / M) / (Math.sqrt(g) * Math.pow(2 / (g + 1), (g + 1) / (2 * (g - 1))));

describe('ideal store', () => {
  it('computes the default form (γ 1.2, M 22, Tc 3500 K) to the textbook c*', async () => {
    const s = createRoot(() => createIdealStore({ engine: eng.bridge, debounceMs: 0 }));
    await vi.waitFor(() => expect(s.result()).not.toBeNull());
    expect(Math.abs(s.result()!.cstar_m_s / cstar(1.2, 22, 3500) - 1)).toBeLessThan(1e-9);
    expect(s.result()!.areaRatio).toBeCloseTo(16, 9);
    s.setForm({ gamma: '1.3', Tc: '3000' });
    await vi.waitFor(() => expect(Math.abs(s.result()!.cstar_m_s / cstar(1.3, 22, 3000) - 1)).toBeLessThan(1e-9));
  });

  it('names the field of a bad entry, in bar for pressures', async () => {
    const s = createRoot(() => createIdealStore({ engine: eng.bridge, debounceMs: 0 }));
    s.setForm('gamma', 'abc');
    await vi.waitFor(() => expect(s.errors.gamma).toBe('γ must be a number (got "abc")'));
    expect(s.result()).toBeNull();
    s.setForm({ gamma: '1.2', pc: '-5' });
    await vi.waitFor(() => expect(s.errors.pc).toBeDefined());
    expect(s.errors.gamma).toBeUndefined();
    expect(s.errors.pc).toContain('-5 bar');
    expect(s.errors.pc).not.toContain('Pa');
  });

  it('in US units reads °R and psia, checks limits in psia, and restates the fields when the units change', async () => {
    const PSI = 6894.757293168; // Pa (NIST SP 811: 1 psi = 6.894757 kPa)
    const [units, setUnits] = createSignal<UnitSystem>('US');
    const s = createRoot(() => createIdealStore({ engine: eng.bridge, debounceMs: 0, units }));
    // The default design point (3500 K, 70 bar, sea level) written in °R and psia: 3500 × 1.8 = 6300.
    expect(s.form.Tc).toBe('6300');
    expect(Number(s.form.pc)).toBeCloseTo(7e6 / PSI, 2); // 1015.26 psia
    expect(Number(s.form.pamb)).toBeCloseTo(101325 / PSI, 3); // 14.696 psia
    await vi.waitFor(() => expect(s.result()).not.toBeNull());
    expect(Math.abs(s.result()!.cstar_m_s / cstar(1.2, 22, 3500) - 1)).toBeLessThan(1e-5);
    // 5400 °R is 3000 K; 1000 psia is 68.9476 bar.
    s.setForm({ Tc: '5400', pc: '1000' });
    await vi.waitFor(() => expect(Math.abs(s.result()!.cstar_m_s / cstar(1.2, 22, 3000) - 1)).toBeLessThan(1e-9));
    expect(s.result()!.pe_Pa * s.result()!.pcOverPe / PSI).toBeCloseTo(1000, 6);
    s.setForm('pc', '-5');
    await vi.waitFor(() => expect(s.errors.pc).toBe('chamber pressure must be > 0 psia (got -5 psia)'));
    s.setForm('pc', '1000');
    s.setForm('Tc', '40000');
    await vi.waitFor(() => expect(s.errors.Tc).toBe('chamber temperature must be ≤ 36000 °R (got 40000 °R)'));
    s.setForm('Tc', '5400');
    setUnits('SI');
    // 1000 psia = 68.9476 bar; 5400 °R = 3000 K.
    expect(s.form.pc).toBe('68.9476');
    expect(s.form.Tc).toBe('3000');
    await vi.waitFor(() => expect(s.errors.Tc).toBeUndefined());
  });

  it('keeps only the newest answer', async () => {
    const held: Array<() => void> = [];
    const b = logged((_m, input) => new Promise((resolve) => held.push(() => resolve(eng.engine.engine.idealRocket(input)))));
    const s = createRoot(() => createIdealStore({ engine: b.bridge, debounceMs: 0 }));
    await vi.waitFor(() => expect(held).toHaveLength(1));
    s.setForm('Tc', '2000');
    await vi.waitFor(() => expect(held).toHaveLength(2));
    held[1]();
    await vi.waitFor(() => expect(s.result()).not.toBeNull());
    held[0]();
    await new Promise((r) => setTimeout(r, 20));
    expect(Math.abs(s.result()!.cstar_m_s / cstar(1.2, 22, 2000) - 1)).toBeLessThan(1e-9);
  });
});

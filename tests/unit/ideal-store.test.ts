// The ideal-rocket calculator's store in node with its engine bridge passed in: the default form
// against the textbook c* formula, errors in the form's units beside the right field, and
// "latest call wins" between quick edits.
import { describe, it, expect, vi } from 'vitest';
import { createRoot } from 'solid-js';
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
    s.setForm({ gamma: '1.2', pc_bar: '-5' });
    await vi.waitFor(() => expect(s.errors.pc_bar).toBeDefined());
    expect(s.errors.gamma).toBeUndefined();
    expect(s.errors.pc_bar).toContain('-5 bar');
    expect(s.errors.pc_bar).not.toContain('Pa');
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

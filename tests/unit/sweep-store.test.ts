// Sweep's store in node with its engine (pool) bridge passed in: a saved sweep shown, then the
// optimum O/F along each of its O/F curves searched on the pool in parallel — each a maximum of
// the engine's vacuum Isp — and a new quantity replaces the old searches' answers.
import { describe, it, expect, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { createSweepStore } from '../../app/state/sweep-store.ts';
import type { SweepSpec } from '../../app/domain/sweep.ts';
import { isStation } from '../../app/state/explore-store.ts';
import { nodeEngineBridge } from './support/engine-bridge-node.ts';
import { JobQueue, memoryJobStore } from '../../app/jobs/queue.ts';
import { memoryDraftBackend, openDraftStore } from '../../app/data/drafts.ts';

const SPEC: SweepSpec = {
  base: {
    problem: 'rocket',
    reactants: [{ name: 'CH4(L)', role: 'fuel', massFraction: 1, T: 111.64 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
    of: 3.2, pc: 7e6, exits: [{ areaRatio: 40 }], chemistry: 'equilibrium',
  },
  axes: [
    { variable: 'of', from: 2.4, to: 4.4, count: 5, spacing: 'linear' },
    { variable: 'pc', from: 2e6, to: 2e7, count: 3, spacing: 'log' },
  ],
};

const eng = await nodeEngineBridge();

/** The rest of the store's I/O: an empty queue, a memory draft, a design point (a saved study is shown, no job). */
const noQueue = () => ({
  densitiesOf: () => null, jobs: () => [], queue: new JobQueue(memoryJobStore(), {}, 1),
  drafts: openDraftStore(memoryDraftBackend(), () => 1000), origin: () => ({ kind: 'point' as const, name: 'A design point' }),
});

describe('sweep store: optimum per curve', () => {
  it('searches every curve on the pool at once, each answer a maximum of vacuum Isp', async () => {
    const b = await nodeEngineBridge(eng.engine);
    const s = createRoot(() => createSweepStore({ engine: b.bridge, ...noQueue() }));
    s.showStored('study-1', SPEC, {});
    await vi.waitFor(() => expect(s.optima()?.rows.every((r) => r.result !== null)).toBe(true), { timeout: 30_000 });
    const o = s.optima()!;
    expect(o.quantity).toBe('ispVac');
    expect(o.rows).toHaveLength(3);
    expect(b.calls).toEqual(['findOptimumOfProblem', 'findOptimumOfProblem', 'findOptimumOfProblem']);
    expect(b.maxInFlight()).toBe(3);
    const ispVac = (pc: number, of: number) => {
      const r = eng.engine.engine.solveRocket({ ...SPEC.base, pc, of });
      if (!r.ok || !isStation(r.value.exits[0])) throw new Error('engine failed');
      return r.value.exits[0].ispVac;
    };
    for (const row of o.rows) {
      if (!row.result?.ok) throw new Error('search failed');
      const { of, value } = row.result.value;
      const pc = row.problem.pc;
      expect(of).toBeGreaterThan(2.4);
      expect(of).toBeLessThan(4.4);
      expect(Math.abs(ispVac(pc, of) / value - 1)).toBeLessThan(1e-9);
      expect(ispVac(pc, of * 0.98)).toBeLessThan(value);
      expect(ispVac(pc, of * 1.02)).toBeLessThan(value);
    }
    // the optimum moves to higher O/F with chamber pressure (less dissociation), as CEA shows for LOX/CH4
    const ofs = o.rows.map((r) => (r.result?.ok ? r.result.value.of : NaN));
    expect(ofs[2]).toBeGreaterThan(ofs[0]);
  });

  it('a new quantity while searches run: only the new quantity\'s answers are shown', async () => {
    const b = await nodeEngineBridge(eng.engine);
    const s = createRoot(() => createSweepStore({ engine: b.bridge, ...noQueue() }));
    s.showStored('study-2', SPEC, {});
    await vi.waitFor(() => expect(b.calls.length).toBe(3));
    s.setOptimumQuantity('cstar');
    await vi.waitFor(() => expect(s.optima()?.quantity === 'cstar' && s.optima()!.rows.every((r) => r.result !== null)).toBe(true), { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 50));
    const o = s.optima()!;
    expect(o.quantity).toBe('cstar');
    for (const row of o.rows) {
      const r = eng.engine.engine.solveRocket({ ...row.problem, of: row.result!.ok ? row.result!.value.of : NaN });
      if (!r.ok || !row.result?.ok) throw new Error('failed');
      // the value shown is c*, not vacuum Isp
      expect(Math.abs(r.value.throat.cstar / row.result.value.value - 1)).toBeLessThan(1e-6);
    }
  });
});

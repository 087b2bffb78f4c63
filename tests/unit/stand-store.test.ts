// The Test stand store in node with its I/O passed in (the module loads no bridge and no app
// singleton; the Stand page wires the app's): the ideal Isp it asks of an engine bridge is that
// engine's own Isp at the problem's ambient pressure, or in vacuum without one; and on opening, the
// last stored firing is read from the database given and restored in the stream given.
import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { createStandStore, engineIdealIsp, type StandIo } from '../../app/state/stand-store.ts';
import type { StandIn } from '../../app/domain/firing/live.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';
import { ok } from '../../app/domain/result.ts';
import { nodeEngineBridge } from './support/engine-bridge-node.ts';

const eng = await nodeEngineBridge();
const LOX_RP1: RocketProblem = {
  problem: 'rocket',
  reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
  of: 2.6, pc: 6.895e6, exits: [{ areaRatio: 40 }], chemistry: 'equilibrium',
};

describe('stand store with its I/O passed in', () => {
  it('ideal Isp through the engine given: at the ambient pressure when the problem has one, else in vacuum', async () => {
    const isp = engineIdealIsp(eng.bridge);
    const cold = (p: RocketProblem) => {
      const r = eng.engine.engine.solveRocket(p);
      if (!r.ok || 'ok' in r.value.exits[0]) throw new Error('engine failed');
      return r.value.exits[0];
    };
    const vac = await isp(LOX_RP1);
    const sea = await isp({ ...LOX_RP1, pamb: 101325 });
    expect(vac).toEqual(ok(cold(LOX_RP1).ispVac));
    expect(sea).toEqual(ok(cold({ ...LOX_RP1, pamb: 101325 }).ispAmb));
    // at sea level the ambient pressure costs thrust: Isp below vacuum
    if (!vac.ok || !sea.ok) throw new Error('no Isp');
    expect(sea.value).toBeLessThan(vac.value);
  });

  it('recover reads the last firing from the database given and restores it in the stream given', async () => {
    const sent: StandIn[] = [];
    const firing = { id: 'f1', startedAt: '2026-01-02T03:04:05Z', source: 'bench.csv', headerLine: 't_s,F_N', samples: 3, chunks: 1, status: 'recording' as const };
    const columns = [new Float64Array([0, 0.1, 0.2]), new Float64Array([0, 900, 1000])];
    const io = {
      openStream: () => ({ send: (m: StandIn) => { sent.push(m); } }),
      db: { latestFiring: async () => ok(firing), loadFiringColumns: async () => ok(columns) },
      webSocket: () => { throw new Error('no socket in this test'); },
      workspace: () => ({ experiments: () => [] }),
      idealIsp: async () => ok(0),
    } as unknown as StandIo;
    const s = createRoot(() => createStandStore(io));
    await s.recover();
    expect(s.status()).toBe('recovered');
    expect(s.stored()).toBe(3);
    expect(s.message()).toMatch(/^Recovered the interrupted firing from bench\.csv: 3 samples/);
    const restore = sent.find((m) => m.type === 'restore');
    expect(restore).toMatchObject({ type: 'restore', headerLine: 't_s,F_N' });
  });
});

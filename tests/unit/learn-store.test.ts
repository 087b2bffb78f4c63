// The Learn section's composed store (learn-store.ts) in node with all its I/O passed in — the module
// loads no bridge, queue or app singleton (learn-app-store.ts wires the app's): sampling goes to the
// engine given, cut into the slices given; the training goes to the queue given; the backend comes
// from the ML bridge given. The fake engine's vacuum Isp is a made-up linear function of O/F, so each
// training row can be checked by hand.
import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { createLearnStore } from '../../app/state/learn-store.ts';
import type { SubmitOptions } from '../../app/jobs/queue.ts';
import type { TrainJobSpec } from '../../app/jobs/train-runner.ts';
import type { MlBridge } from '../../app/bridge/ml.ts';
import type { LearnModelOptions } from '../../app/state/learn-model-store.ts';
import { logged } from './support/engine-bridge-node.ts';

const fakeIsp = (of: number) => 3000 + 100 * of;

describe('Learn store (composed, I/O passed in)', () => {
  it('samples on the engine given in the slices given, trains in the queue given, reads the backend from the ML bridge given', async () => {
    const engine = logged((_m, input) => ({
      ok: true,
      value: (input as { problems: { of: number }[] }).problems.map((p) => ({ ok: true, value: { exits: [{ ispVac: fakeIsp(p.of) }] } })),
    }));
    const submitted: SubmitOptions[] = [];
    const mlCalls: string[] = [];
    const ml = { call: async (method: string) => { mlCalls.push(method); return { ok: true, value: { active: 'cpu', available: ['cpu'] } }; } } as unknown as MlBridge;
    const s = createRoot(() => createLearnStore({
      dataset: { engine: engine.bridge, slices: 2, experiments: () => [], datasetOf: async () => ({ ok: false, error: { code: 'not-found', message: 'none kept' } }) },
      model: {
        ml, applyBackendPreference: async () => null, setBackendPreference: async () => null,
        experiments: { units: () => 'SI' } as unknown as LearnModelOptions['experiments'],
        origin: () => ({ kind: 'point', name: 'Design point' }),
      },
      jobs: { submit: async (o) => { submitted.push(o); return 'job-1'; }, cancel: async () => {}, subscribe: () => () => {} },
      onTrainEvent: () => () => {},
    }));
    s.setForm({ samples: '8', members: '1', epochs: '5' });
    await s.train();
    expect(engine.calls).toEqual(['solveRockets', 'solveRockets']);
    expect(submitted).toHaveLength(1);
    const spec = submitted[0].spec as TrainJobSpec;
    expect(spec.input.x).toHaveLength(8);
    spec.input.x.forEach((x, i) => expect(spec.input.y[i][0]).toBeCloseTo(fakeIsp(x[0]), 9));
    await s.refreshBackend();
    expect(mlCalls).toContain('getBackend');
    expect(s.backend()?.active).toBe('cpu');
  });
});

// The Learn training store driven in node through its injected I/O: a fake job queue (what is
// submitted, cancelled; snapshots pushed by the test), a fake training-event source, a fake model
// store, and the real dataset store sampling through a fake engine whose vacuum Isp is a made-up
// linear function of O/F (so every training row can be checked by hand).
import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { createLearnDatasetStore, createLearnMessages } from '../../app/state/learn-dataset-store.ts';
import { createLearnTrainingStore } from '../../app/state/learn-training-store.ts';
import type { JobProgress, SubmitOptions } from '../../app/jobs/queue.ts';
import type { TrainEvent, TrainJobSpec } from '../../app/domain/train-job.ts';
import type { TrainOutput } from '../../app/domain/ml-contract.ts';
import type { ModelDataset } from '../../app/state/workspace.ts';
import { TRAIN_JOB } from '../../app/domain/jobs.ts';
import { logged } from './support/engine-bridge-node.ts';

/** The fake engine's vacuum Isp (m/s) at mixture ratio `of`. */
const fakeIsp = (of: number) => 3000 + 100 * of;

function setup() {
  const messages = createLearnMessages();
  const engine = logged((_m, input) => ({
    ok: true,
    value: (input as { problems: { of: number }[] }).problems.map((p) => ({ ok: true, value: { exits: [{ ispVac: fakeIsp(p.of) }] } })),
  }));
  const dataset = createRoot(() => createLearnDatasetStore({ messages, engine: engine.bridge, slices: 1, experiments: () => [], datasetOf: async () => ({ ok: false, error: { code: 'not-found', message: 'none kept' } }) }));
  const submitted: SubmitOptions[] = [];
  const cancelled: string[] = [];
  let pushSnapshot: (s: JobProgress[]) => void = () => {};
  let pushEvent: (e: TrainEvent) => void = () => {};
  const model = {
    cleared: 0,
    shown: [] as { r: TrainOutput; data: ModelDataset | null }[],
    refreshed: 0,
    clear() { this.cleared++; },
    showTrained(r: TrainOutput, data: ModelDataset | null) { this.shown.push({ r, data }); },
    async refreshBackend() { this.refreshed++; return null; },
  };
  const training = createRoot(() => createLearnTrainingStore({
    messages, dataset, model: model as never,
    jobs: {
      submit: async (o) => { submitted.push(o); return `job-${submitted.length}`; },
      cancel: async (id) => { cancelled.push(id); },
      subscribe: (fn) => { pushSnapshot = fn; return () => {}; },
    },
    onTrainEvent: (fn) => { pushEvent = fn; return () => {}; },
  }));
  const snapshot = (id: string, status: string, error?: string) =>
    pushSnapshot([{ job: { id, status, error } as unknown as JobProgress['job'], etaSeconds: null }]);
  return { messages, engine, dataset, model, training, submitted, cancelled, snapshot, event: (e: TrainEvent) => pushEvent(e) };
}

describe('Learn training store with injected queue and events', () => {
  it('starting a training submits one train job with the form\'s inputs and the sampled rows', async () => {
    const s = setup();
    s.dataset.setForm({ samples: '8', seed: '5', members: '2', epochs: '10', search: false });
    await s.training.train();
    expect(s.engine.calls).toEqual(['solveRockets']);
    expect(s.submitted).toHaveLength(1);
    const o = s.submitted[0];
    expect(o.kind).toBe(TRAIN_JOB);
    expect(o.sequential).toBe(true);
    // 2 members × 10 epochs, no search: 20 epochs in one chunk
    expect(o.pointsTotal).toBe(20);
    expect(o.chunkSize).toBe(20);
    const spec = o.spec as TrainJobSpec;
    expect(spec.kind).toBe('surrogate');
    expect(spec.input.members).toBe(2);
    expect(spec.input.seed).toBe(5);
    expect(spec.input.hyper.epochs).toBe(10);
    expect(spec.input.search).toBeUndefined();
    expect(spec.input.x).toHaveLength(8);
    // every row's target is the fake engine's Isp at that row's O/F
    spec.input.x.forEach((x, i) => expect(spec.input.y[i][0]).toBeCloseTo(fakeIsp(x[0]), 9));
    expect(s.messages.status()).toBe('Training…');
    expect(s.training.training()).toBe(true);
    expect(s.model.cleared).toBe(1);
  });

  it('a refused form enqueues nothing and names the field', async () => {
    const s = setup();
    s.dataset.setForm({ members: '0' });
    await s.training.train();
    expect(s.submitted).toEqual([]);
    expect(s.engine.calls).toEqual([]);
    expect(s.messages.error()).toMatch(/^Fix the marked field first: .*Ensemble members/);
    expect(s.training.busy()).toBe(false);
  });

  it('the job\'s progress draws the curve, its result is shown with its dataset, its end stops training', async () => {
    const s = setup();
    s.dataset.setForm({ samples: '8', members: '2', epochs: '10' });
    await s.training.train();
    const progress = { phase: 'train', index: 1, count: 2, epoch: 4, loss: 0.5, valLoss: 0.75 } as never;
    s.event({ jobId: 'job-1', progress, epochsDone: 14 });
    // another job's report is not this training's
    s.event({ jobId: 'job-9', progress, epochsDone: 14 });
    expect(s.messages.status()).toBe('Training 2/2, epoch 4');
    expect(s.training.curve()).toEqual([{ step: 1, member: 1, loss: 0.5, valLoss: 0.75 }]);
    const result = { model: { kind: 'surrogate' } } as unknown as TrainOutput;
    s.event({ jobId: 'job-1', result });
    expect(s.model.shown).toHaveLength(1);
    expect(s.model.shown[0].r).toBe(result);
    expect(s.model.shown[0].data?.dataset.name).toBe('LOX/RP-1 simulated, 8 samples (seed 1)');
    s.snapshot('job-1', 'running');
    expect(s.training.training()).toBe(true);
    s.snapshot('job-1', 'done');
    expect(s.training.training()).toBe(false);
    expect(s.messages.error()).toBeNull();
    expect(s.model.refreshed).toBe(1);
  });

  it('a failed job shows its reason; cancel reaches the queue for the job shown', async () => {
    const s = setup();
    s.dataset.setForm({ samples: '8' });
    await s.training.train();
    s.training.cancel();
    expect(s.cancelled).toEqual(['job-1']);
    s.snapshot('job-1', 'failed', 'points 0–0: the ML worker ran out of memory');
    expect(s.messages.error()).toBe('the ML worker ran out of memory');
    expect(s.training.training()).toBe(false);
    // nothing trains now: cancel has nothing to stop
    s.training.cancel();
    expect(s.cancelled).toEqual(['job-1']);
  });
});

// Sweep's grid after a reload, in node: the store reads its draft and the app queue's jobs (both
// passed in). Edits are kept as a draft; a sweep job started after the draft (a reload mid-sweep)
// brings its own grid into the form; a draft edited after the job, or an edit made before the
// queue has loaded, stays.
import { describe, it, expect } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import { createSweepStore, DEFAULT_AXES, SWEEP_DRAFT } from '../../app/state/sweep-store.ts';
import { memoryDraftBackend, openDraftStore } from '../../app/data/drafts.ts';
import { JobQueue, memoryJobStore, type JobProgress } from '../../app/jobs/queue.ts';
import type { JobRecord } from '../../app/domain/jobs.ts';
import type { EngineBridge } from '../../app/bridge/engine.ts';
import type { SweepAxis, SweepSpec } from '../../app/domain/sweep.ts';
import { DEFAULT_PROBLEM } from '../../app/domain/experiment.ts';

const noEngine = { call: async () => ({ ok: false, error: { code: 'none', message: 'no engine in this test' } }) } as unknown as EngineBridge;

const JOB_AXES: SweepAxis[] = [
  { variable: 'pc', from: 1e6, to: 3e7, count: 40, spacing: 'log' },
  { variable: 'areaRatio', from: 8, to: 120, count: 25, spacing: 'linear' },
];

function sweepJob(createdAt: number, axes = JOB_AXES): JobProgress {
  const spec: SweepSpec = { base: structuredClone(DEFAULT_PROBLEM), axes };
  const job: JobRecord = {
    type: 'job', version: 1, id: `job-${createdAt}`, kind: 'sweep', label: 'Sweep', priority: 0, status: 'interrupted',
    createdAt, updatedAt: createdAt, pointsTotal: 1000, chunkSize: 250, chunksDone: [0], pointsDone: 250, failures: [], failureCount: 0, spec,
  };
  return { job, etaSeconds: null };
}

function setup(now = { t: 1000 }) {
  const backend = memoryDraftBackend();
  const [jobs, setJobs] = createSignal<JobProgress[]>([]);
  const make = () => createSweepStore({ engine: noEngine, densitiesOf: () => null, drafts: openDraftStore(backend, () => now.t), jobs, queue: new JobQueue(memoryJobStore(), {}, 1), origin: () => ({ kind: 'point', name: 'A design point' }) });
  const open = () => createRoot(make);
  return { open, make, setJobs, backend, now };
}

const plain = (a: readonly SweepAxis[]) => JSON.parse(JSON.stringify(a)) as SweepAxis[];

describe('sweep store: the grid survives a reload', () => {
  it('keeps edits as a draft; a new store opens with them', async () => {
    const { open } = setup();
    const a = open();
    expect(plain(a.axes)).toEqual(DEFAULT_AXES);
    a.setAxes(0, { from: 2.2, count: 9 });
    a.setAxes([...a.axes, { variable: 'areaRatio', from: 10, to: 100, count: 3, spacing: 'log' }]);
    const b = open();
    expect(plain(b.axes)).toEqual([
      { ...DEFAULT_AXES[0], from: 2.2, count: 9 },
      DEFAULT_AXES[1],
      { variable: 'areaRatio', from: 10, to: 100, count: 3, spacing: 'log' },
    ]);
  });

  it('keeps an edit made before the store\'s effects first ran (held back while the page\'s code loads)', () => {
    const { open, make } = setup();
    // made and edited in one update: its effects run only after it (as under a pending transition)
    createRoot(() => make().setAxes(0, { from: 2, to: 3, count: 200 }));
    expect(plain(open().axes)[0]).toEqual({ ...DEFAULT_AXES[0], from: 2, to: 3, count: 200 });
  });

  it('a sweep job started after the draft (a reload mid-sweep): the form shows its grid once the queue has loaded', () => {
    const { open, setJobs, now } = setup();
    open().setAxes(0, { count: 5 }); // draft at t = 1000
    now.t = 5000;
    const s = open();
    expect(s.axes[0].count).toBe(5); // the queue has not loaded yet
    setJobs([sweepJob(2000)]);
    expect(plain(s.axes)).toEqual(JOB_AXES);
    expect(s.jobId()).toBe('job-2000');
  });

  it('without any draft the job\'s grid is shown too', () => {
    const { open, setJobs } = setup();
    setJobs([sweepJob(2000)]);
    expect(plain(open().axes)).toEqual(JOB_AXES);
  });

  it('a draft edited after the job started stays (unsaved edits are not replaced)', () => {
    const { open, setJobs, now } = setup();
    now.t = 3000;
    open().setAxes(0, { count: 7 });
    const s = open();
    setJobs([sweepJob(2000)]);
    expect(s.axes[0].count).toBe(7);
    expect(s.axes[1]).toEqual(DEFAULT_AXES[1]);
  });

  it('an edit made before the queue loads is not replaced by the job\'s grid', () => {
    const { open, setJobs } = setup();
    const s = open();
    s.setAxes(1, { count: 11 });
    setJobs([sweepJob(9000)]);
    expect(s.axes[1].count).toBe(11);
  });

  it('a stored draft that is not a grid is ignored', () => {
    const { open, backend } = setup();
    backend.setItem(`rfo-draft:${SWEEP_DRAFT}`, JSON.stringify({ type: 'rfo-draft', version: 1, savedAt: 1, value: [{ variable: 'nonsense', from: 1, to: 2, count: 3, spacing: 'linear' }] }));
    expect(plain(open().axes)).toEqual(DEFAULT_AXES);
  });
});

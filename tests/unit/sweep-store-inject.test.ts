// The Sweep store driven in node through its injected I/O: a fake job queue (what is submitted;
// stored chunks and streamed chunks supplied by the test), the queue's job list, the design's
// origin, a memory draft store and an engine that answers every search with a named error.
import { describe, it, expect, vi } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import { createSweepStore, SWEEP_DRAFT } from '../../app/state/sweep-store.ts';
import { memoryDraftBackend, openDraftStore } from '../../app/data/drafts.ts';
import type { JobProgress, SubmitOptions } from '../../app/jobs/queue.ts';
import type { JobRecord } from '../../app/domain/jobs.ts';
import type { EngineBridge } from '../../app/bridge/engine.ts';
import type { DesignOrigin } from '../../app/state/design.ts';
import { SWEEP_COLUMNS, type SweepAxis, type SweepSpec } from '../../app/domain/sweep.ts';
import { DEFAULT_PROBLEM } from '../../app/domain/experiment.ts';

const noEngine = { call: async () => ({ ok: false, error: { code: 'none', message: 'no engine in this test' } }) } as unknown as EngineBridge;

// 3 O/F values × 2 chamber pressures = 6 points
const AXES: SweepAxis[] = [
  { variable: 'of', from: 2, to: 3, count: 3, spacing: 'linear' },
  { variable: 'pc', from: 1e6, to: 1e7, count: 2, spacing: 'log' },
];

/** A stored chunk whose every column holds `values`, from point `start`. */
const chunk = (start: number, values: number[]) => ({ start, columns: Object.fromEntries(SWEEP_COLUMNS.map((c) => [c, Float64Array.from(values)])) });

function setup(origin: DesignOrigin = { kind: 'experiment', id: 'exp-7', name: 'Raptor-ish' }) {
  const [jobs, setJobs] = createSignal<JobProgress[]>([]);
  const records = new Map<string, JobRecord>();
  const chunks = new Map<string, Map<number, unknown>>();
  const submitted: SubmitOptions[] = [];
  let emitChunk: (id: string, index: number, data: unknown) => void = () => {};
  const put = (id: string, o: SubmitOptions, status: JobRecord['status']) => {
    const rec = { type: 'job', version: 1, id, kind: o.kind, label: o.label, priority: 0, status, createdAt: 1, updatedAt: 1, pointsTotal: o.pointsTotal, chunkSize: 4, chunksDone: [], pointsDone: 0, failures: [], failureCount: 0, spec: o.spec } as JobRecord;
    records.set(id, rec);
    setJobs([...records.values()].map((job) => ({ job, etaSeconds: null })));
  };
  const queue = {
    submit: async (o: SubmitOptions) => {
      submitted.push(o);
      const id = `job-${submitted.length}`;
      put(id, o, 'queued');
      return id;
    },
    submitBatch: async (list: SubmitOptions[]) => Promise.all(list.map((o) => queue.submit(o))),
    get: (id: string) => records.get(id),
    chunks: async (id: string) => chunks.get(id) ?? new Map(),
    onChunk: (fn: typeof emitChunk) => { emitChunk = fn; return () => {}; },
  };
  const drafts = openDraftStore(memoryDraftBackend(), () => 1000);
  drafts.save(SWEEP_DRAFT, AXES);
  const warmed: number[] = [];
  const s = createRoot(() => createSweepStore({ engine: noEngine, densitiesOf: () => null, drafts, jobs, queue, origin: () => origin, warm: () => void warmed.push(submitted.length) }));
  const setStatus = (id: string, status: JobRecord['status']) => {
    records.set(id, { ...records.get(id)!, status });
    setJobs([...records.values()].map((job) => ({ job, etaSeconds: null })));
  };
  return { s, submitted, warmed, chunks, setStatus, emit: (id: string, i: number, d: unknown) => emitChunk(id, i, d) };
}

describe('Sweep store with an injected queue', () => {
  it('Run submits one sweep job of the grid on the design, saved with the experiment it came from', async () => {
    const t = setup();
    const id = await t.s.run(DEFAULT_PROBLEM);
    expect(id).toBe('job-1');
    expect(t.submitted).toHaveLength(1);
    const o = t.submitted[0];
    expect(o.kind).toBe('sweep');
    expect(o.pointsTotal).toBe(6);
    expect(o.label).toBe('Sweep of O/F × chamber pressure (6 points)');
    expect(o.experimentId).toBe('exp-7');
    expect((o.spec as SweepSpec).axes).toEqual(AXES);
    expect((o.spec as SweepSpec).base).toEqual(DEFAULT_PROBLEM);
    expect(t.s.jobId()).toBe('job-1');
    expect(t.s.submitError()).toBeNull();
    // The workers were asked to start before the job was submitted (while its record is written).
    expect(t.warmed).toEqual([0]);
  });

  it('a design that is not an experiment\'s is swept without one', async () => {
    const t = setup({ kind: 'point', name: 'A design point' });
    await t.s.run(DEFAULT_PROBLEM);
    expect(t.submitted[0].experimentId).toBeUndefined();
  });

  it('a refused grid enqueues nothing and names the axis', async () => {
    const t = setup();
    t.s.setAxes(0, 'count', 0);
    expect(await t.s.run(DEFAULT_PROBLEM)).toBeNull();
    expect(t.submitted).toEqual([]);
    expect(t.warmed).toEqual([]);
    expect(t.s.submitError()).toMatch(/^axis 1 point count/);
  });

  it('a finished job\'s stored chunks fill the table in place, and its O/F curves are searched', async () => {
    const t = setup();
    t.chunks.set('job-1', new Map([[1, chunk(4, [5, 6])], [0, chunk(0, [1, 2, 3, 4])]]));
    await t.s.run(DEFAULT_PROBLEM);
    t.setStatus('job-1', 'done');
    await vi.waitFor(() => expect(t.s.table()?.done).toBe(6));
    const table = t.s.table()!;
    expect([...table.columns.ispVac]).toEqual([1, 2, 3, 4, 5, 6]);
    // point order: the first axis varies fastest (point 4 is O/F 2.5 at 1e7 Pa)
    expect([...table.axes[0]]).toEqual([2, 2.5, 3, 2, 2.5, 3]);
    expect([...table.axes[1]].map((x) => +x.toPrecision(12))).toEqual([1e6, 1e6, 1e6, 1e7, 1e7, 1e7]);
    // one O/F curve per chamber pressure, each search's error kept on its row
    await vi.waitFor(() => expect(t.s.optima()?.rows.every((r) => r.result !== null)).toBe(true));
    const o = t.s.optima()!;
    expect(o.rows).toHaveLength(2);
    expect(o.range).toEqual([2, 3]);
    for (const r of o.rows) expect(r.result).toEqual({ ok: false, error: { code: 'none', message: 'no engine in this test' } });
  });

  it('a running job\'s streamed chunk reaches the table; a chunk of another job does not', async () => {
    const t = setup();
    await t.s.run(DEFAULT_PROBLEM);
    t.setStatus('job-1', 'running');
    await vi.waitFor(() => expect(t.s.table()?.done).toBe(0));
    t.emit('job-9', 0, chunk(0, [9, 9, 9, 9]));
    t.emit('job-1', 0, chunk(0, [1, 2, 3, 4]));
    t.emit('job-1', 0, chunk(0, [7, 7, 7, 7])); // the same chunk twice is merged once
    await vi.waitFor(() => expect(t.s.table()?.done).toBe(4), { timeout: 3000 });
    expect([...t.s.table()!.columns.ispVac.slice(0, 4)]).toEqual([1, 2, 3, 4]);
    expect(Number.isNaN(t.s.table()!.columns.ispVac[4])).toBe(true);
    expect(t.s.optima()).toBeNull(); // not finished: no optimum search yet
  });

  it('a batch submits one job per experiment the grid fits and names the others', async () => {
    const t = setup();
    const oneMixture = { ...structuredClone(DEFAULT_PROBLEM), reactants: DEFAULT_PROBLEM.reactants.map((r) => ({ ...r, role: undefined })) };
    const r = await t.s.runBatch([
      { id: 'a', name: 'Alpha', problem: DEFAULT_PROBLEM },
      { id: 'b', name: 'Beta', problem: oneMixture },
    ]);
    expect(r).toEqual({ submitted: 1, skipped: ['Beta: axis 1: O/F needs fuel and oxidizer roles (this propellant is one mixture)'] });
    expect(t.submitted.map((o) => [o.experimentId, o.label])).toEqual([['a', 'Alpha: sweep of O/F × chamber pressure (6 points)']]);
  });
});

// The job queue with a fake chunk runner and an in-memory store: chunking, failures, cancel,
// resume after a "reload" (a new queue over the same store), priorities, retry of crashed chunks.
import { describe, it, expect } from 'vitest';
import { JobQueue, memoryJobStore, type ChunkRunner } from '../../app/jobs/queue.ts';
import { planChunks, remainingChunks, etaSeconds, chooseChunkSize, chunkSpan } from '../../app/domain/jobs.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A runner that squares point indices; points divisible by 7 fail. */
function squares(calls: number[][]): ChunkRunner {
  return async (_job, c, signal) => {
    calls.push([c.start, c.end]);
    await tick();
    if (signal.aborted) return { ok: false, error: { code: 'aborted', message: 'aborted' } };
    const out = new Float64Array(c.end - c.start);
    const failures = [];
    for (let i = c.start; i < c.end; i++) {
      if (i % 7 === 0) failures.push({ point: i, message: `point ${i} failed` });
      out[i - c.start] = i % 7 === 0 ? NaN : i * i;
    }
    return { ok: true, value: { failures, data: out } };
  };
}

describe('chunk planning', () => {
  it('covers every point exactly once', () => {
    const chunks = planChunks(1003, 100);
    expect(chunks).toHaveLength(11);
    expect(chunks.at(-1)).toEqual({ index: 10, start: 1000, end: 1003 });
    expect(chunks.reduce((n, c) => n + c.end - c.start, 0)).toBe(1003);
    expect(remainingChunks({ pointsTotal: 1003, chunkSize: 100, chunksDone: [0, 2, 10] }).map((c) => c.index)).toEqual([1, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('rejects nonsense with the value in the message', () => {
    expect(() => planChunks(10, 0)).toThrow('chunk size must be a whole number ≥ 1 (got 0)');
    expect(() => planChunks(-1, 5)).toThrow('(got -1)');
  });
  it('estimates time left linearly and sizes chunks for the pool', () => {
    expect(etaSeconds(250, 1000, 5)).toBe(15);
    expect(etaSeconds(0, 1000, 5)).toBeNull();
    // 10,000 points, one worker: at least 4 chunks (2,500 each), capped at 1,000 points
    expect(chooseChunkSize(10_000, 1)).toBe(1000);
    // three workers: 10,000 / 3 / 4 = 833.3 → 834
    expect(chooseChunkSize(10_000, 3)).toBe(834);
    expect(chooseChunkSize(40, 2)).toBe(5);
  });
  it('names a chunk in the job\'s unit, counted from 1', () => {
    expect(chunkSpan('sweep', { index: 1, start: 250, end: 500 })).toBe('points 251–500');
    expect(chunkSpan('optimize', { index: 0, start: 0, end: 100 })).toBe('evaluations 1–100');
    expect(chunkSpan('train', { index: 0, start: 0, end: 1 })).toBe('epoch 1');
  });
});

describe('job queue', () => {
  it('runs every chunk, keeps results and counts failed points without stopping', async () => {
    const store = memoryJobStore();
    const calls: number[][] = [];
    const q = new JobQueue(store, { sq: squares(calls) }, 2);
    const id = await q.submit({ kind: 'sq', label: 'squares', spec: null, pointsTotal: 100, chunkSize: 10 });
    await q.idle();
    const job = q.get(id)!;
    expect(job.status).toBe('done');
    expect(job.pointsDone).toBe(100);
    expect(job.failureCount).toBe(15); // 0, 7, …, 98
    expect(job.failures[1]).toEqual({ point: 7, message: 'point 7 failed' });
    const chunks = await store.loadChunks(id);
    expect(chunks.size).toBe(10);
    expect((chunks.get(3) as Float64Array)[2]).toBe(32 * 32);
  });

  it('cancels mid-run and resumes after a reload with only the missing chunks', async () => {
    const store = memoryJobStore();
    const calls: number[][] = [];
    const q = new JobQueue(store, { sq: squares(calls) }, 1);
    const id = await q.submit({ kind: 'sq', label: 'squares', spec: null, pointsTotal: 50, chunkSize: 10 });
    while ((q.get(id)?.chunksDone.length ?? 0) < 2) await tick();
    // The page "dies": a new queue loads the same store.
    const stored = (await store.loadJobs()).find((j) => j.id === id)!;
    expect(stored.status).toBe('running');
    await q.cancel(id);
    await store.saveJob({ ...q.get(id)!, status: 'running' }); // as if the tab closed while running
    const calls2: number[][] = [];
    const q2 = new JobQueue(store, { sq: squares(calls2) }, 1);
    await q2.load();
    expect(q2.get(id)!.status).toBe('interrupted');
    const doneBefore = q2.get(id)!.chunksDone.length;
    await q2.resume(id);
    await q2.idle();
    expect(q2.get(id)!.status).toBe('done');
    expect(q2.get(id)!.pointsDone).toBe(50);
    expect(calls2).toHaveLength(5 - doneBefore);
    expect((await store.loadChunks(id)).size).toBe(5);
  });

  it('runs higher priority first and a batch in submission order', async () => {
    const order: string[] = [];
    const runner: ChunkRunner = async (job) => {
      order.push(job.label);
      await tick();
      return { ok: true, value: { failures: [], data: null } };
    };
    const q = new JobQueue(memoryJobStore(), { r: runner }, 1);
    // The first submission starts at once; the rest wait and are ordered by priority.
    await q.submitBatch([
      { kind: 'r', label: 'first', spec: null, pointsTotal: 1 },
      { kind: 'r', label: 'low', spec: null, pointsTotal: 1 },
      { kind: 'r', label: 'high', spec: null, pointsTotal: 1, priority: 5 },
      { kind: 'r', label: 'low2', spec: null, pointsTotal: 1 },
    ]);
    await q.idle();
    expect(order).toEqual(['first', 'high', 'low', 'low2']);
  });

  it('retries a chunk whose worker crashed once, then fails the job with the reason', async () => {
    let n = 0;
    const flaky: ChunkRunner = async (_j, c) => {
      n++;
      if (c.index === 1 && n < 3) return { ok: false, error: { code: 'worker-crashed', message: 'the worker stopped' } };
      return { ok: true, value: { failures: [], data: null } };
    };
    const q = new JobQueue(memoryJobStore(), { f: flaky }, 1);
    const ok = await q.submit({ kind: 'f', label: 'f', spec: null, pointsTotal: 3, chunkSize: 1 });
    await q.idle();
    expect(q.get(ok)!.status).toBe('done');

    const broken: ChunkRunner = async () => ({ ok: false, error: { code: 'bad-input', message: 'pc must be > 0 Pa (got -1)' } });
    const q2 = new JobQueue(memoryJobStore(), { b: broken }, 1);
    const bad = await q2.submit({ kind: 'b', label: 'b', spec: null, pointsTotal: 3, chunkSize: 1 });
    await q2.idle();
    expect(q2.get(bad)!.status).toBe('failed');
    expect(q2.get(bad)!.error).toBe('point 1: pc must be > 0 Pa (got -1)');
  });

  it('runs a sequential job one chunk at a time in order, and a resume after a reload starts it over', async () => {
    const store = memoryJobStore();
    let inFlight = 0;
    let most = 0;
    const order: number[] = [];
    const runner: ChunkRunner = async (_job, c, signal) => {
      inFlight++;
      most = Math.max(most, inFlight);
      order.push(c.index);
      await tick();
      inFlight--;
      if (signal.aborted) return { ok: false, error: { code: 'aborted', message: 'aborted' } };
      return { ok: true, value: { failures: c.index === 1 ? [{ point: c.start, message: 'no convergence' }] : [], data: c.index } };
    };
    const q = new JobQueue(store, { gen: runner }, 4);
    const id = await q.submit({ kind: 'gen', label: 'generations', spec: null, pointsTotal: 60, chunkSize: 10, sequential: true });
    while ((q.get(id)?.chunksDone.length ?? 0) < 3) await tick();
    await q.cancel(id);
    await q.idle();
    expect(most).toBe(1);
    expect(order.slice(0, 3)).toEqual([0, 1, 2]);
    expect(q.get(id)!.failureCount).toBe(1);
    await store.saveJob({ ...q.get(id)!, status: 'running' }); // the tab closed while it ran

    const q2 = new JobQueue(store, { gen: runner }, 4);
    await q2.load();
    expect(q2.get(id)!.status).toBe('interrupted');
    order.length = 0;
    await q2.resume(id);
    expect(q2.get(id)!.pointsDone).toBe(0);
    await q2.idle();
    const end = q2.get(id)!;
    expect(end.status).toBe('done');
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(end.pointsDone).toBe(60);
    expect(end.failureCount).toBe(1); // counted once, not again on top of the first attempt
    expect(most).toBe(1);
  });

  it('shows progress reported inside a chunk in memory only, and the stored record stays chunk-based', async () => {
    const store = memoryJobStore();
    const gate: { open: (() => void) | null } = { open: null };
    const next = () => new Promise<void>((r) => (gate.open = r));
    const step = () => gate.open!();
    const runner: ChunkRunner = async (_job, c, signal, progress) => {
      for (let n = 1; n < c.end - c.start; n++) {
        await next();
        if (signal.aborted) return { ok: false, error: { code: 'aborted', message: 'aborted' } };
        progress(n * 10); // more than the chunk holds: the queue clamps it
        progress(n);
      }
      await next();
      return { ok: true, value: { failures: [], data: c.index } };
    };
    let t = 0;
    const q = new JobQueue(store, { epochs: runner }, 2, () => t);
    const id = await q.submit({ kind: 'epochs', label: 'training', spec: null, pointsTotal: 8, chunkSize: 4, sequential: true });
    const shown = () => q.snapshot().find((p) => p.job.id === id)!;
    while (!gate.open) await tick();
    t = 1000;
    step();
    await tick();
    t = 2000;
    step();
    await tick();
    expect(shown().job.pointsDone).toBe(2);
    expect(shown().etaSeconds).toBe(6); // 2 of 8 in 2 s
    expect(q.get(id)!.pointsDone).toBe(0);
    expect((await store.loadJobs())[0].pointsDone).toBe(0);
    for (let i = 0; i < 2; i++) {
      step();
      await tick();
    }
    expect(shown().job.pointsDone).toBe(4); // the first chunk stored
    expect((await store.loadJobs())[0].pointsDone).toBe(4);
    step();
    await tick();
    expect(shown().job.pointsDone).toBe(5);
    await q.cancel(id);
    step();
    await q.idle();
    expect(shown().job.status).toBe('cancelled');
    expect(shown().job.pointsDone).toBe(4); // what a resume would keep; the in-flight part is gone
  });

  it('a cancel during a chunk\'s write shows "cancelled" only with that chunk counted, and the count never moves after', async () => {
    const base = memoryJobStore();
    const gate: { open: (() => void) | null } = { open: null };
    // The second chunk's write hangs until the test lets it through.
    const store = { ...base, saveChunk: async (j: Parameters<typeof base.saveChunk>[0], i: number, d: unknown) => {
      if (i === 1) await new Promise<void>((r) => (gate.open = r));
      await base.saveChunk(j, i, d);
    } };
    const q = new JobQueue(store, { sq: squares([]) }, 1);
    const seen: { status: string; points: number }[] = [];
    q.subscribe((snap) => {
      const p = snap[0];
      if (p) seen.push({ status: p.job.status, points: p.job.pointsDone });
    });
    const id = await q.submit({ kind: 'sq', label: 'squares', spec: null, pointsTotal: 100, chunkSize: 10 });
    while (!gate.open) await tick();
    const cancelled = q.cancel(id);
    await tick();
    gate.open();
    await cancelled;
    await q.idle();
    const first = seen.findIndex((s) => s.status === 'cancelled');
    expect(first).toBeGreaterThan(-1);
    expect(seen[first].points).toBe(20); // chunks 0 and 1: the one being written is kept
    expect(seen.slice(first).every((s) => s.status === 'cancelled' && s.points === 20)).toBe(true);
    const stored = (await base.loadJobs())[0];
    expect([stored.status, stored.pointsDone]).toEqual(['cancelled', 20]);
    expect([...(await base.loadChunks(id)).keys()].sort()).toEqual([0, 1]);
  });
});

/** What IndexedDB throws when the origin's storage is full. */
const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** A runner whose chunk data is the indices of its points, so every stored point can be counted. */
const indices = (calls: number[]): ChunkRunner => async (_job, c) => {
  calls.push(c.index);
  await tick();
  return { ok: true, value: { failures: [], data: Float64Array.from({ length: c.end - c.start }, (_, k) => c.start + k) } };
};

/** Every point index held by a job's stored chunks, sorted. */
async function storedPoints(store: ReturnType<typeof memoryJobStore>, id: string): Promise<number[]> {
  return [...(await store.loadChunks(id)).values()].flatMap((d) => [...(d as Float64Array)]).sort((a, b) => a - b);
}

describe('failures inside a job', () => {
  it('a chunk write refused for lack of space fails the job with that reason; resume stores every point exactly once', async () => {
    const store = memoryJobStore();
    const saveChunk = store.saveChunk;
    let refusals = 0;
    // The fourth write fails, while other chunks are still in flight on the other workers.
    let writes = 0;
    store.saveChunk = async (job, index, data) => {
      if (++writes === 4) {
        refusals++;
        throw quotaError();
      }
      return saveChunk(job, index, data);
    };
    const calls: number[] = [];
    const q = new JobQueue(store, { pts: indices(calls) }, 3);
    const id = await q.submit({ kind: 'pts', label: 'sweep', spec: null, pointsTotal: 100, chunkSize: 10 });
    await q.idle();

    const failed = q.get(id)!;
    expect(refusals).toBe(1);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^The results of points \d+–\d+ could not be saved: the browser's storage is full\. Free some space/);
    expect(failed.pointsDone).toBeLessThan(100);
    // Memory, the stored record and the stored chunks agree: no chunk is counted without its results.
    const stored = (await store.loadJobs()).find((j) => j.id === id)!;
    const chunkKeys = [...(await store.loadChunks(id)).keys()].sort((a, b) => a - b);
    expect([...stored.chunksDone].sort((a, b) => a - b)).toEqual(chunkKeys);
    expect([...failed.chunksDone].sort((a, b) => a - b)).toEqual(chunkKeys);
    expect(stored.pointsDone).toBe(chunkKeys.length * 10);
    expect(failed.pointsDone).toBe(chunkKeys.length * 10);

    // A reload, then Resume: only the chunks not stored run again.
    const calls2: number[] = [];
    const q2 = new JobQueue(store, { pts: indices(calls2) }, 3);
    await q2.load();
    expect(q2.get(id)!.status).toBe('failed');
    await q2.resume(id);
    await q2.idle();
    const done = q2.get(id)!;
    expect(done.status).toBe('done');
    expect(done.error).toBeUndefined();
    expect(done.pointsDone).toBe(100);
    expect(calls2.sort((a, b) => a - b)).toEqual([...Array(10).keys()].filter((i) => !chunkKeys.includes(i)));
    expect(await storedPoints(store, id)).toEqual([...Array(100).keys()]);
  });

  it('a worker runs its next chunk while the last one is still being written, at most two writes ahead', async () => {
    const store = memoryJobStore();
    const saveChunk = store.saveChunk;
    // Writes wait until the test lets them go (a slow disk).
    const held: (() => void)[] = [];
    store.saveChunk = (job, index, data) => new Promise<void>((ok, fail) => held.push(() => void saveChunk(job, index, data).then(ok, fail)));
    const calls: number[] = [];
    const q = new JobQueue(store, { pts: indices(calls) }, 1);
    const id = await q.submit({ kind: 'pts', label: 'sweep', spec: null, pointsTotal: 60, chunkSize: 10 });
    for (let i = 0; i < 20; i++) await tick();
    // Chunk 0's write is held, yet chunks 1 and 2 ran; the third waits for a write to end.
    expect(held).toHaveLength(1);
    expect(calls).toEqual([0, 1, 2]);
    while (q.get(id)!.status !== 'done') {
      held.shift()?.();
      await tick();
    }
    expect(calls).toEqual([0, 1, 2, 3, 4, 5]);
    expect(q.get(id)!.pointsDone).toBe(60);
    expect(await storedPoints(store, id)).toEqual([...Array(60).keys()]);
  });

  it('the first chunk runs while the job\'s "running" record is still being written; chunk records are written after it', async () => {
    const store = memoryJobStore();
    const saveJob = store.saveJob;
    const saveChunk = store.saveChunk;
    let release: () => void = () => {};
    const order: string[] = [];
    store.saveJob = async (j) => {
      if (j.status === 'running') await new Promise<void>((ok) => { release = ok; });
      order.push(`job ${j.status}`);
      return saveJob(j);
    };
    store.saveChunk = async (j, i, d) => {
      order.push(`chunk ${i}`);
      return saveChunk(j, i, d);
    };
    const calls: number[] = [];
    const q = new JobQueue(store, { pts: indices(calls) }, 1);
    const id = await q.submit({ kind: 'pts', label: 'sweep', spec: null, pointsTotal: 20, chunkSize: 10 });
    for (let i = 0; i < 10; i++) await tick();
    expect(calls).toEqual([0, 1]);
    expect(order).toEqual(['job queued']);
    release();
    await q.idle();
    expect(order).toEqual(['job queued', 'job running', 'chunk 0', 'chunk 1', 'job done']);
    expect(q.get(id)!.status).toBe('done');
    const stored = (await store.loadJobs()).find((j) => j.id === id)!;
    expect(stored.status).toBe('done');
    expect(stored.pointsDone).toBe(20);
  });

  it('a runner that throws fails its job with the message, and the queue goes on', async () => {
    const boom: ChunkRunner = async (_j, c) => {
      if (c.index === 2) throw new TypeError('enginePool is not a function');
      return { ok: true, value: { failures: [], data: null } };
    };
    const q = new JobQueue(memoryJobStore(), { boom, pts: indices([]) }, 1);
    const bad = await q.submit({ kind: 'boom', label: 'b', spec: null, pointsTotal: 40, chunkSize: 10 });
    const next = await q.submit({ kind: 'pts', label: 'after', spec: null, pointsTotal: 20, chunkSize: 10 });
    await q.idle();
    expect(q.get(bad)!.status).toBe('failed');
    expect(q.get(bad)!.error).toBe('points 21–30: enginePool is not a function');
    expect(q.get(bad)!.chunksDone).toEqual([0, 1]);
    expect(q.get(next)!.status).toBe('done');
  });

  it('a job whose record cannot be written ends failed, not running, and the next job still runs', async () => {
    const store = memoryJobStore();
    const saveJob = store.saveJob;
    let refuse = false;
    store.saveJob = async (job) => {
      if (refuse && job.status === 'running') {
        refuse = false;
        throw quotaError();
      }
      return saveJob(job);
    };
    const gate: { open: (() => void) | null } = { open: null };
    const slow: ChunkRunner = async () => {
      await new Promise<void>((r) => (gate.open = r));
      return { ok: true, value: { failures: [], data: null } };
    };
    const q = new JobQueue(store, { slow, pts: indices([]) }, 1);
    const first = await q.submit({ kind: 'slow', label: 'first', spec: null, pointsTotal: 1 });
    while (!gate.open) await tick();
    refuse = true; // storage fills up while the first job runs: the second cannot even start
    const second = await q.submit({ kind: 'pts', label: 'second', spec: null, pointsTotal: 10, chunkSize: 10 });
    const third = await q.submit({ kind: 'pts', label: 'third', spec: null, pointsTotal: 10, chunkSize: 10 });
    gate.open();
    await q.idle();
    expect(q.get(first)!.status).toBe('done');
    expect(q.get(second)!.status).toBe('failed');
    expect(q.get(second)!.error).toMatch(/^The job could not be saved: the browser's storage is full\./);
    expect(q.get(third)!.status).toBe('done');
  });

  it('a job that cannot be stored is not submitted at all', async () => {
    const store = memoryJobStore();
    store.saveJob = async () => {
      throw quotaError();
    };
    const q = new JobQueue(store, { pts: indices([]) }, 1);
    await expect(q.submit({ kind: 'pts', label: 'x', spec: null, pointsTotal: 10 })).rejects.toThrow('quota');
    expect(q.snapshot()).toEqual([]);
  });
});

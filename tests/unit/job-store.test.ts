// The IndexedDB job store (fake-indexeddb): a job and its chunks survive a "reload" (a new store
// object over the same database), and the queue resumes from them.
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openJobStore } from '../../app/data/job-store.ts';
import { JobQueue, type ChunkRunner } from '../../app/jobs/queue.ts';

const runner = (calls: number[]): ChunkRunner => async (_j, c) => {
  calls.push(c.index);
  return { ok: true, value: { failures: [], data: { values: Float64Array.from({ length: c.end - c.start }, (_, k) => c.start + k) } } };
};

describe('job store in IndexedDB', () => {
  it('keeps records and typed-array chunks across a reload and deletes them together', async () => {
    const store = openJobStore('test-jobs-1');
    const q = new JobQueue(store, { r: runner([]) }, 1);
    const id = await q.submit({ kind: 'r', label: 'sweep', spec: { a: 1 }, pointsTotal: 25, chunkSize: 10 });
    await q.idle();

    const again = openJobStore('test-jobs-1');
    const jobs = await again.loadJobs();
    expect(jobs.map((j) => [j.id, j.status, j.pointsDone])).toEqual([[id, 'done', 25]]);
    const chunks = await again.loadChunks(id);
    expect([...chunks.keys()].sort()).toEqual([0, 1, 2]);
    const last = chunks.get(2) as { values: Float64Array };
    expect(last.values).toBeInstanceOf(Float64Array);
    expect([...last.values]).toEqual([20, 21, 22, 23, 24]);

    await again.deleteJob(id);
    expect(await again.loadJobs()).toEqual([]);
    expect((await again.loadChunks(id)).size).toBe(0);
  });

  it('resumes an interrupted job from its stored chunks', async () => {
    const store = openJobStore('test-jobs-2');
    const job = {
      type: 'job' as const, version: 1 as const, id: 'j1', kind: 'r', label: 'half done', priority: 0, status: 'running' as const,
      createdAt: 1, updatedAt: 1, pointsTotal: 40, chunkSize: 10, chunksDone: [0, 1], pointsDone: 20, failures: [], failureCount: 0, spec: null,
    };
    await store.saveChunk(job, 0, 'a');
    await store.saveChunk(job, 1, 'b');
    const calls: number[] = [];
    const q = new JobQueue(openJobStore('test-jobs-2'), { r: runner(calls) }, 1);
    await q.load();
    expect(q.get('j1')!.status).toBe('interrupted');
    await q.resume('j1');
    await q.idle();
    expect(calls.sort()).toEqual([2, 3]);
    expect(q.get('j1')!.status).toBe('done');
    expect((await store.loadChunks('j1')).get(0)).toBe('a');
  });
});

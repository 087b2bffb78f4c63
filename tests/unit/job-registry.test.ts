// The registry of job kinds: every kind the app submits has a runner, and a runner's code loads
// once, when first run; a download that fails fails the job with its message, and Resume retries it.
import { describe, it, expect } from 'vitest';
import { JOB_KINDS, lazyRunner } from '../../app/jobs/registry.ts';
import { JobQueue, memoryJobStore, type ChunkRunner } from '../../app/jobs/queue.ts';
import { ANALYSIS_JOB, OPTIMIZE_JOB, SWEEP_JOB, TRAIN_JOB } from '../../app/domain/jobs.ts';

describe('job registry', () => {
  it('has a runner for each kind of job the app submits, and saves only finished sweeps and analyses (with their experiment)', () => {
    expect(Object.keys(JOB_KINDS).sort()).toEqual([ANALYSIS_JOB, OPTIMIZE_JOB, SWEEP_JOB, TRAIN_JOB].sort());
    expect(Object.values(JOB_KINDS).every((k) => typeof k.run === 'function')).toBe(true);
    expect(Object.keys(JOB_KINDS).filter((k) => JOB_KINDS[k].done).sort()).toEqual([ANALYSIS_JOB, SWEEP_JOB].sort());
  });

  it('loads a runner once, on first use; a failed load fails the job, and Resume loads it again', async () => {
    let loads = 0;
    const real: ChunkRunner = async () => ({ ok: true, value: { failures: [], data: null } });
    const lazy = lazyRunner(async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module: ./assets/sweep-runner.js');
      return real;
    });
    expect(loads).toBe(0);
    const q = new JobQueue(memoryJobStore(), { k: lazy }, 1);
    const id = await q.submit({ kind: 'k', label: 'lazy', spec: null, pointsTotal: 30, chunkSize: 10 });
    await q.idle();
    expect(q.get(id)!.status).toBe('failed');
    expect(q.get(id)!.error).toBe('points 1–10: Failed to fetch dynamically imported module: ./assets/sweep-runner.js');
    await q.resume(id);
    await q.idle();
    expect(q.get(id)!.status).toBe('done');
    expect(loads).toBe(2);
  });
});

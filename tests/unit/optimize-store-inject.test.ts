// Optimize's store driven in node through its injected I/O: a job queue over a memory store whose
// generations are hand-made, a fake generation event source, a fake design and fake experiments:
// live generations move the progress line and the front; a finished run is saved as a study of
// the experiment the design came from, or of a new experiment around the design.
import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { JobQueue, memoryJobStore, type ChunkRunner } from '../../app/jobs/queue.ts';
import { OPTIMIZE_JOB } from '../../app/domain/jobs.ts';
import { memoryDraftBackend, openDraftStore } from '../../app/data/drafts.ts';
import { DEFAULT_OPTIMIZE_SPEC, createOptimizeStore } from '../../app/state/optimize-store.ts';
import type { EvaluatedDesign } from '../../app/domain/optimize-spec.ts';
import type { OptimizeChunkData, OptimizeGeneration } from '../../app/domain/optimize-job.ts';
import type { DesignOrigin } from '../../app/state/design.ts';
import { DEFAULT_PROBLEM, createExperiment, type Experiment } from '../../app/domain/experiment.ts';
import type { StoredResult } from '../../app/domain/stored-records.ts';

const frontOf = (n: number) => Array.from({ length: n }, (_, i) => ({ fuel: 'RP-1', oxidizer: 'O2(L)', of: 2 + i / 10, pc: 5e6 + i * 1e6, areaRatio: 20 + i, ispVac: 3300 - 10 * i, densityIsp: 3.4e6 + 1e4 * i, Tc: 3500 - i })) as unknown as EvaluatedDesign[];

function setup(originOf: (kept: Experiment) => DesignOrigin) {
  const front = frontOf(3);
  const runner: ChunkRunner = async (job, chunk) => {
    const last = chunk.index === job.pointsTotal / job.chunkSize - 1;
    const data: OptimizeChunkData = { generation: chunk.index + 1, evaluations: chunk.end, hypervolume: 0.5 + chunk.index, ...(last ? { front } : {}) };
    return { ok: true, value: { failures: [], data } };
  };
  const queue = new JobQueue(memoryJobStore(), { [OPTIMIZE_JOB]: runner }, 1, () => 1000);
  const kept = createExperiment({ name: 'Kept one', problem: DEFAULT_PROBLEM });
  const saves: { e: Experiment; results: StoredResult[] }[] = [];
  let emit: (g: OptimizeGeneration) => void = () => {};
  const store = createRoot(() => createOptimizeStore({
    queue,
    drafts: openDraftStore(memoryDraftBackend(), () => 1000),
    onGeneration: (fn) => { emit = fn; return () => {}; },
    experiments: { byId: (id) => (id === kept.id ? kept : undefined), save: async (e, results) => { saves.push({ e, results }); return true; } },
    design: { origin: () => originOf(kept), snapshot: () => structuredClone(DEFAULT_PROBLEM) },
  }, DEFAULT_OPTIMIZE_SPEC));
  return { queue, store, kept, saves, front, emit: (g: OptimizeGeneration) => emit(g) };
}

describe('optimize store with injected events, design and experiments', () => {
  it('a generation of this run moves the progress line and the front; another job\'s does not', async () => {
    const t = setup(() => ({ kind: 'point', name: 'A point' }));
    t.store.setSpec({ population: 4, generations: 3, seed: 7 });
    await t.store.run();
    const id = t.queue.snapshot()[0].job.id;
    const live = frontOf(2);
    t.emit({ jobId: 'other', generation: 2, generations: 3, evaluations: 8, hypervolume: 9, front: frontOf(1), done: false });
    t.emit({ jobId: id, generation: 2, generations: 3, evaluations: 8, hypervolume: 0.25, front: live, done: false });
    expect(t.store.progress()).toEqual({ generation: 2, generations: 3, evaluations: 8, hypervolume: 0.25 });
    expect(t.store.front()).toBe(live);
    await t.queue.idle();
  });

  it('a finished run is saved as a study of the experiment the design came from', async () => {
    const u = setup((kept) => ({ kind: 'experiment', id: kept.id, name: kept.name }));
    u.store.setSpec({ population: 4, generations: 3, seed: 7 });
    await u.store.run();
    await u.queue.idle();
    const id = u.queue.snapshot()[0].job.id;
    u.emit({ jobId: id, generation: 3, generations: 3, evaluations: 12, hypervolume: 2.5, front: u.front, done: true });
    expect(u.store.running()).toBe(false);
    const e = await u.store.saveToExperiment();
    expect(u.saves).toHaveLength(1);
    expect(e?.id).toBe(u.kept.id);
    expect(u.saves[0].e.studies.length).toBe(u.kept.studies.length + 1);
    expect(u.saves[0].results).toHaveLength(1);
    expect(u.saves[0].results[0].experimentId).toBe(u.kept.id);
  });

  it('a run on a design of no experiment is saved with a new experiment around that design', async () => {
    const t = setup(() => ({ kind: 'point', name: 'A point' }));
    t.store.setSpec({ population: 4, generations: 3, seed: 7 });
    await t.store.run();
    await t.queue.idle();
    const id = t.queue.snapshot()[0].job.id;
    t.emit({ jobId: id, generation: 3, generations: 3, evaluations: 12, hypervolume: 2.5, front: t.front, done: true });
    const e = await t.store.saveToExperiment();
    expect(e).not.toBeNull();
    expect(e!.id).not.toBe(t.kept.id);
    expect(e!.name).toMatch(/^Optimisation \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(e!.inputs.problem).toEqual(DEFAULT_PROBLEM);
    expect(t.saves.map((s) => s.e.id)).toEqual([e!.id]);
  });

  it('nothing is saved before a run has a front', async () => {
    const t = setup((kept) => ({ kind: 'experiment', id: kept.id, name: kept.name }));
    expect(await t.store.saveToExperiment()).toBeNull();
    expect(t.saves).toEqual([]);
  });
});

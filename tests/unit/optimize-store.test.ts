// Optimize's store in node, with its job queue (a fake generation runner over an in-memory job
// store) and its draft store passed in: the form is kept as a draft at every edit; a finished run's
// front comes back after a "reload" (a new queue and a new store over the same storage) with its
// progress line, and neither an unfinished run nor a newer draft is replaced by it.
import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { JobQueue, memoryJobStore, type ChunkRunner } from '../../app/jobs/queue.ts';
import { OPTIMIZE_JOB } from '../../app/domain/jobs.ts';
import { memoryDraftBackend, openDraftStore } from '../../app/data/drafts.ts';
import { DEFAULT_OPTIMIZE_SPEC, OPTIMIZE_DRAFT, createOptimizeStore } from '../../app/state/optimize-store.ts';
import type { EvaluatedDesign } from '../../app/domain/optimize-spec.ts';
import type { OptimizeChunkData } from '../../app/domain/optimize-job.ts';
import { DEFAULT_PROBLEM } from '../../app/domain/experiment.ts';

/** A front of `n` hand-made designs, distinct in every figure the table shows. */
const frontOf = (n: number) => Array.from({ length: n }, (_, i) => ({ fuel: 'RP-1', oxidizer: 'O2(L)', of: 2 + i / 10, pc: 5e6 + i * 1e6, areaRatio: 20 + i, ispVac: 3300 - 10 * i, densityIsp: 3.4e6 + 1e4 * i, Tc: 3500 - i })) as unknown as EvaluatedDesign[];

/** One generation per chunk, as the real runner stores them: the figures, and the front on the last. */
function fakeGenerations(front: EvaluatedDesign[], stopAt = Infinity): ChunkRunner {
  return async (job, chunk) => {
    if (chunk.index >= stopAt) return new Promise(() => {}); // a page that dies here
    const gens = job.pointsTotal / job.chunkSize;
    const done = chunk.index === gens - 1;
    const data: OptimizeChunkData = { generation: chunk.index + 1, evaluations: chunk.end, hypervolume: 0.5 + chunk.index, ...(done ? { front } : {}) };
    return { ok: true, value: { failures: [], data } };
  };
}

/** The store's other I/O, unused by these tests: no generation events, no experiments, a fixed design. */
const noEvents = {
  onGeneration: () => () => {},
  experiments: { byId: () => undefined, save: async () => false },
  design: { origin: () => ({ kind: 'point', name: 'A point' }) as const, snapshot: () => structuredClone(DEFAULT_PROBLEM) },
};

function setup(runner: ChunkRunner, now = { t: 1000 }) {
  const jobs = memoryJobStore();
  const backend = memoryDraftBackend();
  const clock = () => now.t;
  const open = () => {
    const queue = new JobQueue(jobs, { [OPTIMIZE_JOB]: runner }, 1, clock);
    const drafts = openDraftStore(backend, clock);
    return { queue, store: createRoot(() => createOptimizeStore({ queue, drafts, ...noEvents }, DEFAULT_OPTIMIZE_SPEC)) };
  };
  return { open, backend, now };
}

const small = { population: 4, generations: 3, seed: 7 };

describe('optimize store: the form is a draft', () => {
  it('keeps every edit, and a new store (a reload) opens with them', async () => {
    const { open } = setup(fakeGenerations(frontOf(3)));
    const a = open().store;
    a.setSpec('population', 60);
    a.setSpec('fuels', ['CH4(L)']);
    a.setSpec('variables', 'pc', [3e6, 9e6]);
    await Promise.resolve();
    const b = open().store;
    expect(b.spec.population).toBe(60);
    expect(b.spec.fuels).toEqual(['CH4(L)']);
    expect(b.spec.variables.pc).toEqual([3e6, 9e6]);
    expect(b.spec.oxidizers).toEqual(DEFAULT_OPTIMIZE_SPEC.oxidizers);
  });

  it('keeps an edit made before the store\'s effects first ran (held back while the page\'s code loads)', () => {
    const { open, backend } = setup(fakeGenerations(frontOf(3)));
    const queue = new JobQueue(memoryJobStore(), {}, 1);
    // made and edited in one update: its effects run only after it (as under a pending transition)
    createRoot(() => createOptimizeStore({ queue, drafts: openDraftStore(backend), ...noEvents }, DEFAULT_OPTIMIZE_SPEC).setSpec('population', 48));
    expect(open().store.spec.population).toBe(48);
  });

  it('a draft that is not an Optimize spec is ignored: the form opens on the defaults', () => {
    const { open, backend } = setup(fakeGenerations(frontOf(3)));
    backend.setItem(`rfo-draft:${OPTIMIZE_DRAFT}`, JSON.stringify({ type: 'rfo-draft', version: 1, savedAt: 1, value: { fuels: 'RP-1', population: 'many' } }));
    expect(open().store.spec.population).toBe(DEFAULT_OPTIMIZE_SPEC.population);
    backend.setItem(`rfo-draft:${OPTIMIZE_DRAFT}`, '{not json');
    expect(open().store.spec.fuels).toEqual(DEFAULT_OPTIMIZE_SPEC.fuels);
  });
});

describe('optimize store: a finished run survives a reload', () => {
  it('shows the last run\'s front, its progress and its spec again', async () => {
    const front = frontOf(5);
    const { open, now } = setup(fakeGenerations(front));
    const first = open();
    for (const [k, v] of Object.entries(small)) first.store.setSpec(k as keyof typeof small, v);
    now.t = 2000;
    await first.store.run();
    await first.queue.idle();
    expect(first.queue.snapshot()[0].job.status).toBe('done');

    now.t = 3000;
    const { store } = open();
    await store.restored;
    expect(store.front()).toEqual(front);
    // generation 3 of 3, evaluations = population × generations, the last generation's hypervolume
    expect(store.progress()).toEqual({ generation: 3, generations: 3, evaluations: 12, hypervolume: 2.5 });
    expect(store.ranSpec()).toMatchObject(small);
    expect(store.spec.population).toBe(4);
    expect(store.running()).toBe(false);
  });

  it('the form keeps edits made after the run started; the front is still the run\'s', async () => {
    const front = frontOf(2);
    const { open, now } = setup(fakeGenerations(front));
    const first = open();
    for (const [k, v] of Object.entries(small)) first.store.setSpec(k as keyof typeof small, v);
    now.t = 2000;
    await first.store.run();
    await first.queue.idle();
    now.t = 2500;
    first.store.setSpec('seed', 99); // edited after the run: the draft is newer

    const { store } = open();
    await store.restored;
    expect(store.front()).toEqual(front);
    expect(store.ranSpec()?.seed).toBe(7);
    expect(store.spec.seed).toBe(99);
  });

  it('a run the page died in shows no front (the Jobs panel offers to resume it)', async () => {
    const { open, now } = setup(fakeGenerations(frontOf(4), 2));
    const first = open();
    for (const [k, v] of Object.entries(small)) first.store.setSpec(k as keyof typeof small, v);
    now.t = 2000;
    await first.store.run();
    await new Promise((r) => setTimeout(r, 10));
    const { queue, store } = open();
    await store.restored;
    expect(queue.snapshot()[0].job.status).toBe('interrupted');
    expect(store.front()).toEqual([]);
    expect(store.progress()).toBeNull();
  });

  it('a run started before the stored one is read back is not replaced by it', async () => {
    const { open, now } = setup(fakeGenerations(frontOf(3)));
    const first = open();
    for (const [k, v] of Object.entries(small)) first.store.setSpec(k as keyof typeof small, v);
    now.t = 2000;
    await first.store.run();
    await first.queue.idle();
    const { store } = open();
    store.open({ ...DEFAULT_OPTIMIZE_SPEC, seed: 42 }, frontOf(1));
    await store.restored;
    expect(store.front()).toHaveLength(1);
    expect(store.spec.seed).toBe(42);
  });
});

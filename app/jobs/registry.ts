// Every kind of job the app runs, registered once at start-up (main.tsx calls registerJobRunners),
// so a job submitted from a page or resumed from the Jobs panel always finds its runner. A runner's
// module loads when its kind first runs, not with the page: the first load carries none of them
// (the train runner's path leads to the ML worker, the sweep runner's to the workspace store).
import { jobQueue, registerJobRunner } from './app-queue.ts';
import type { ChunkRunner } from './queue.ts';
import { OPTIMIZE_JOB, SWEEP_JOB, TRAIN_JOB } from '../domain/jobs.ts';

/** A runner whose code loads when it first runs; a failed load fails the chunk like any other throw. */
export function lazyRunner(load: () => Promise<ChunkRunner>): ChunkRunner {
  let runner: Promise<ChunkRunner> | null = null;
  return async (job, chunk, signal, progress) => {
    runner ??= load().catch((e: unknown) => {
      runner = null; // let a later chunk try the download again
      throw e;
    });
    return (await runner)(job, chunk, signal, progress);
  };
}

const sweepRunner = () => import('./sweep-runner.ts');

let registered = false;

/** Registers the runners of every job kind, and saves finished sweeps with their experiments. */
export function registerJobRunners(): void {
  if (registered) return;
  registered = true;
  registerJobRunner(SWEEP_JOB, lazyRunner(() => sweepRunner().then((m) => m.runSweepChunk)));
  registerJobRunner(OPTIMIZE_JOB, lazyRunner(() => import('./optimize-runner.ts').then((m) => m.runOptimizeChunk)));
  registerJobRunner(TRAIN_JOB, lazyRunner(() => import('./train-runner.ts').then((m) => m.runTrainChunk)));

  // A sweep submitted for an experiment is stored with it when it finishes — whichever page is
  // open, and also one that finished just before the page was closed.
  const saved = new Set<string>();
  jobQueue().subscribe((snap) => {
    for (const { job } of snap) {
      if (job.kind !== SWEEP_JOB || job.status !== 'done' || !job.experimentId || saved.has(job.id)) continue;
      saved.add(job.id);
      void sweepRunner().then((m) => m.saveSweepWithExperiment(job));
    }
  });
}

// Every kind of job the app runs, and how: the one table the app's queue (app-queue.ts) is built
// with, so a job submitted from a page or resumed from the Jobs panel always finds its runner, and
// the path from a Run button to its worker follows the imports. A runner's module loads when its
// kind first runs, not with the page: the first load carries none of them (the train runner's
// path leads to the ML worker, the sweep runner's to the workspace store).
import type { ChunkRunner } from './queue.ts';
import { ANALYSIS_JOB, OPTIMIZE_JOB, SWEEP_JOB, TRAIN_JOB, type JobRecord } from '../domain/jobs.ts';

export interface JobKind {
  /** Runs one chunk of a job of this kind. */
  run: ChunkRunner;
  /** Called once per session for each finished job of this kind (also one finished before a reload). */
  done?: (job: JobRecord) => Promise<void>;
}

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
const analysisRunner = () => import('./analysis-runner.ts');

export const JOB_KINDS: Record<string, JobKind> = {
  [SWEEP_JOB]: {
    run: lazyRunner(() => sweepRunner().then((m) => m.runSweepChunk)),
    // A sweep submitted for an experiment is stored with it when it finishes, whichever page is open.
    done: async (job) => {
      if (job.experimentId) await (await sweepRunner()).saveSweepWithExperiment(job);
    },
  },
  [OPTIMIZE_JOB]: { run: lazyRunner(() => import('./optimize-runner.ts').then((m) => m.runOptimizeChunk)) },
  [TRAIN_JOB]: { run: lazyRunner(() => import('./train-runner.ts').then((m) => m.runTrainChunk)) },
  [ANALYSIS_JOB]: {
    run: lazyRunner(() => analysisRunner().then((m) => m.runAnalysisJobChunk)),
    // like a sweep: an analysis submitted for an experiment is kept with it when it finishes
    done: async (job) => {
      if (job.experimentId) await (await analysisRunner()).saveAnalysisWithExperiment(job);
    },
  },
};

// Training runs as jobs of the app's queue (so the Jobs panel shows their progress in epochs with
// an ETA, can cancel them, and offers Resume): one chunk per run, the hyperparameter search and
// the ensemble together (a sequential job: the networks live in the ML worker until the end, so a
// resume starts over — the same seed trains the same model). The worker's epoch reports move the
// job's progress inside that chunk and reach listeners (the Learn page's live learning curve); the
// stored chunk keeps the model document only, never the training rows. registry.ts lists the runner.
import type { ChunkOutput, ChunkRunner } from './queue.ts';
import { TRAIN_JOB } from '../domain/jobs.ts';
import type { ModelDoc } from '../domain/ml-model.ts';
import { epochsDone, type TrainEvent, type TrainJobSpec } from '../domain/train-job.ts';
import { ok } from '../domain/result.ts';
import type { SearchScore, TrainOutput, TrainProgress } from '../domain/ml-contract.ts';

export { TRAIN_JOB };
export type { TrainEvent, TrainJobSpec };

/** A stored chunk: the trained model and the search's ranking. */
export interface TrainChunkData {
  model: ModelDoc;
  search?: SearchScore[];
}

const listeners = new Set<(e: TrainEvent) => void>();
/** Hears every epoch report and every result of every training job. */
export function onTrainEvent(fn: (e: TrainEvent) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Runs a training job's one chunk in the ML worker. */
export const runTrainChunk: ChunkRunner = async (job, _chunk, signal, progress) => {
  const s = job.spec as TrainJobSpec;
  const budget = { members: s.input.members, epochs: s.input.hyper.epochs, search: s.input.search };
  const onProgress = (p: TrainProgress) => {
    if (signal.aborted) return;
    const done = epochsDone(p, budget);
    progress(done);
    for (const fn of listeners) fn({ jobId: job.id, progress: p, epochsDone: done });
  };
  // Loaded with the first training, not with the module: importing this module for its listeners
  // or types must never fetch the ML bridge.
  const [{ ml }, { applyMlBackendPreference, forgetAppliedMlBackend }] = await Promise.all([import('../bridge/ml.ts'), import('../state/ml-backend.ts')]);
  await applyMlBackendPreference();
  const r = await ml().call(s.kind === 'efficiency' ? 'trainEfficiency' : 'trainSurrogate', s.input, { signal, onProgress });
  // A cancel terminates the ML worker: its successor starts on the automatic backend.
  if (signal.aborted) forgetAppliedMlBackend();
  if (!r.ok) return r;
  const model: ModelDoc = { ...r.value.model, reactants: s.reactants, ...(s.kind === 'efficiency' ? { idealBasis: s.idealBasis ?? 'vacuum', ...(s.ambient ? { ambient: s.ambient } : {}) } : {}) };
  const out: TrainOutput = { ...r.value, model };
  for (const fn of listeners) fn({ jobId: job.id, result: out });
  const data: TrainChunkData = { model, ...(r.value.search ? { search: r.value.search } : {}) };
  return ok({ failures: [], data } satisfies ChunkOutput);
};

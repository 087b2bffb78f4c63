// The Learn section's store for the session, wired with the app's I/O: the engine pool for samples,
// the ML worker with the Settings backend preference, the workspace, Explore's design origin and the
// app's job queue. A module of its own (not app-stores.ts): the Learn page alone loads it.
import { createRoot } from 'solid-js';
import { createLearnStore, type LearnStore } from './learn-store.ts';
import { enginePool } from '../bridge/engine-pool.ts';
import { ml } from '../bridge/ml.ts';
import { jobQueue } from '../jobs/app-queue.ts';
import { onTrainEvent } from '../jobs/train-runner.ts';
import { applyMlBackendPreference, setMlBackendPreference } from './ml-backend.ts';
import { workspace } from './workspace.ts';
import { designStore } from './design.ts';

let shared: LearnStore | null = null;
/** The Learn section's state for the tab's life: a training that ends while another section is
 *  open, and the form, the imported CSV and the result, are there on coming back. */
export const learnStore = (): LearnStore => (shared ??= createRoot(() => {
  const pool = enginePool();
  const ws = workspace();
  return createLearnStore({
    dataset: { engine: pool, slices: pool.size, experiments: () => ws.experiments(), datasetOf: (e, s) => ws.datasetOf(e, s) },
    model: {
      ml: ml(),
      applyBackendPreference: applyMlBackendPreference,
      setBackendPreference: setMlBackendPreference,
      experiments: ws,
      origin: () => designStore().origin(),
    },
    jobs: jobQueue(),
    onTrainEvent,
  });
}));

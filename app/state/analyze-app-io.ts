// The app's I/O of the Analyze store and of Optimize's Bayesian optimisation on a Learn model:
// the job queue, Explore's design, the workspace's saved studies and models, and the ML worker.
// The stores themselves (analyze-store.ts, bayes-model-store.ts) take their I/O as an argument, so
// node tests run them with fakes; the pages pass these.
import { jobQueue, jobsState } from '../jobs/app-queue.ts';
import { designStore } from './design.ts';
import { workspace, type SavedModel } from './workspace.ts';
import type { AnalyzeIO } from './analyze-store.ts';
import type { BayesModelIO } from './bayes-model-store.ts';

/** Every model saved with an experiment of the workspace, newest first. */
export async function allSavedModels(): Promise<SavedModel[]> {
  const ws = workspace();
  await ws.whenReady();
  const withModels = ws.experiments().filter((e) => e.studies.some((s) => s.kind === 'model'));
  const lists = await Promise.all(withModels.map((e) => ws.modelsOf(e.id)));
  return lists.flatMap((r) => (r.ok ? r.value.models : [])).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const analyzeAppIO: AnalyzeIO = {
  queue: () => jobQueue(),
  jobs: () => jobsState.jobs(),
  origin: () => designStore().origin(),
  loadStudy: async (experimentId, studyId) => {
    const ws = workspace();
    await ws.whenReady();
    const study = ws.byId(experimentId)?.studies.find((x) => x.id === studyId && x.kind === 'analysis');
    if (!study) return null;
    const stored = (await ws.resultsOf(experimentId)).find((r) => r.id === study.resultsRef);
    return stored?.columns.y ? { spec: study.spec, y: stored.columns.y } : null;
  },
  savedModels: allSavedModels,
  units: () => workspace().units(),
};

// The ML worker on the Settings backend, imported on first use (TensorFlow.js loads only now).
export const bayesModelAppIO: BayesModelIO = {
  savedModels: allSavedModels,
  optimize: async (spec) => {
    const [{ ml }, { applyMlBackendPreference }] = await Promise.all([import('../bridge/ml.ts'), import('./ml-backend.ts')]);
    await applyMlBackendPreference();
    return ml().call('bayesOptimize', { spec });
  },
};

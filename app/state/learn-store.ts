// Learn section state, from three stores sharing one status line and error: the dataset
// (learn-dataset-store.ts: the form, CSV import, kept datasets, sampling on the engine pool), the
// training (learn-training-store.ts: a job of the app's queue with a live loss curve) and the
// model (learn-model-store.ts: the result, backend, suggestions, files, saving with an experiment).
// Their I/O is passed in: learn-app-store.ts wires the app's for the session; node tests pass fakes.
import { createLearnDatasetStore, createLearnMessages, type LearnDatasetOptions } from './learn-dataset-store.ts';
import { createLearnModelStore, type LearnModelOptions } from './learn-model-store.ts';
import { createLearnTrainingStore, type LearnTrainingOptions } from './learn-training-store.ts';

export { LEARN_REACTANTS, type LearnForm } from './learn-dataset-store.ts';
export { INPUT_COLUMNS } from './learn-training-store.ts';

export interface LearnStoreOptions {
  /** The dataset's I/O: where samples are solved (the engine pool in the app), the kept datasets. */
  dataset: Omit<LearnDatasetOptions, 'messages'>;
  /** The model's I/O: the ML worker, the backend preference, the workspace, Explore's design origin. */
  model: Omit<LearnModelOptions, 'messages' | 'bounds'>;
  /** The job queue trainings run in (the app's: see learn-app-store.ts). */
  jobs: LearnTrainingOptions['jobs'];
  /** Where the training jobs' epoch reports and results are heard. */
  onTrainEvent: LearnTrainingOptions['onTrainEvent'];
}

export function createLearnStore(opts: LearnStoreOptions) {
  const messages = createLearnMessages();
  const dataset = createLearnDatasetStore({ ...opts.dataset, messages });
  const model = createLearnModelStore({ ...opts.model, messages, bounds: dataset.bounds });
  const training = createLearnTrainingStore({ messages, dataset, model, jobs: opts.jobs, onTrainEvent: opts.onTrainEvent });
  return {
    form: dataset.form, setForm: dataset.setForm, status: messages.status, error: messages.error, busy: training.busy, curve: training.curve,
    result: model.result, backend: model.backend, suggestions: model.suggestions, csv: dataset.csv, csvRows: dataset.csvRows, csvErrors: dataset.csvErrors,
    comparison: model.comparison, units: dataset.units, setUnits: dataset.setUnits, csvWarnings: dataset.csvWarnings, csvConfirmed: dataset.csvConfirmed, confirmCsv: dataset.confirmCsv,
    refreshBackend: model.refreshBackend, chooseBackend: model.chooseBackend, loadCsv: dataset.loadCsv, setMapping: dataset.setMapping,
    parseCsvNow: dataset.parseCsvNow, train: training.train, cancel: training.cancel, suggest: model.suggest, suggestMethod: model.suggestMethod, setSuggestMethod: model.setSuggestMethod, compareBackends: model.compareBackends,
    exportModel: model.exportModel,
    importModel: (fileName: string, text: string) => model.importModel(fileName, text, training.clearCurve),
    openSaved: (modelId: string) => model.openSaved(modelId, training.clearCurve),
    saveToExperiment: model.saveToExperiment, saved: model.saved, keptDatasets: dataset.keptDatasets, stored: dataset.stored, pickStored: dataset.pickStored,
  };
}

export type LearnStore = ReturnType<typeof createLearnStore>;

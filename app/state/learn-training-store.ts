// Learn's training: the dataset made ready (sampled or paired through the engine), then a training
// job of the app's queue (jobs/train-runner.ts: the ML worker, with an optional hyperparameter search
// first) with its live loss curve; a training resumed from the Jobs panel is picked up here too.
import { createSignal, batch, onCleanup } from 'solid-js';
import { parseNumberText } from '../domain/number-text.ts';
import { learnFormErrors } from '../domain/learn-form.ts';
import { trainingRows } from '../domain/learn-dataset.ts';
import { SEARCH_GRID, searchEpochs, trainJobLabel } from '../domain/train-job.ts';
import type { ModelDataset } from './workspace.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { TRAIN_JOB } from '../domain/jobs.ts';
import { trainJobEpochs, type TrainEvent, type TrainJobSpec } from '../domain/train-job.ts';
import type { LearnMessages, LearnDatasetStore } from './learn-dataset-store.ts';
import type { LearnModelStore } from './learn-model-store.ts';

export const INPUT_COLUMNS = [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }];

export interface CurvePoint { step: number; member: number; loss: number; valLoss: number | null }

export interface LearnTrainingOptions {
  messages: LearnMessages;
  dataset: Pick<LearnDatasetStore, 'form' | 'datasetToTrain'>;
  model: Pick<LearnModelStore, 'clear' | 'showTrained' | 'refreshBackend'>;
  /** The app's job queue (submit, cancel, subscribe): jobs/app-queue.ts's in the app, a fake in node tests. */
  jobs: Pick<JobQueue, 'submit' | 'cancel' | 'subscribe'>;
  /** Hears every training job's epoch reports and results (jobs/train-runner.ts's onTrainEvent in the app). */
  onTrainEvent: (fn: (e: TrainEvent) => void) => () => void;
}

export function createLearnTrainingStore(opts: LearnTrainingOptions) {
  const { setStatus, setError } = opts.messages;
  const { form } = opts.dataset;
  const { jobs } = opts;
  /** Sampling or pairing the dataset through the engine, before the training job. */
  const [preparing, setPreparing] = createSignal(false);
  /** The training job runs (or waits in the queue). */
  const [training, setTraining] = createSignal(false);
  const busy = () => preparing() || training();
  const [curve, setCurve] = createSignal<CurvePoint[]>([]);
  /** The queue job of the training shown (null before the first). */
  let jobId: string | null = null;
  /** What this session's training jobs train on (kept with the model when it is saved). */
  const trainingData = new Map<string, ModelDataset>();
  let step = 0;

  const offEvents = opts.onTrainEvent((e) => {
    // A training resumed from the Jobs panel (this one, or one from before a reload) is shown when
    // nothing else trains here.
    if (!busy() && 'progress' in e) {
      jobId = e.jobId;
      step = 0;
      batch(() => {
        setTraining(true);
        setError(null);
        opts.model.clear();
        setCurve([]);
      });
    }
    if (e.jobId !== jobId) return;
    if ('progress' in e) {
      const p = e.progress;
      batch(() => {
        setStatus(`${p.phase === 'search' ? 'Search' : 'Training'} ${p.index + 1}/${p.count}, epoch ${p.epoch}`);
        setCurve((c) => [...c, { step: ++step, member: p.index, loss: p.loss, valLoss: p.valLoss }]);
      });
      return;
    }
    opts.model.showTrained(e.result, trainingData.get(e.jobId) ?? null);
  });

  // The job's end: done (the result came with its last event), failed, cancelled here or from the
  // Jobs panel, or removed.
  const offJobs = jobs.subscribe((snap) => {
    if (!jobId || !training()) return;
    const j = snap.find((x) => x.job.id === jobId)?.job;
    if (j?.status === 'running' || j?.status === 'queued') return;
    batch(() => {
      setTraining(false);
      if (j?.status === 'failed') setError((j.error ?? 'the training failed').replace(/^points \d+–\d+: /, ''));
      else if (j?.status !== 'done') setStatus('Training cancelled.');
    });
    void opts.model.refreshBackend();
  });
  onCleanup(() => {
    offEvents();
    offJobs();
  });

  async function train() {
    if (busy()) return;
    // never train on a field's refused text (the page shows each message beside its field)
    const refused = Object.values(learnFormErrors(form));
    if (refused.length) return setError(`Fix the marked field${refused.length > 1 ? 's' : ''} first: ${refused.join('; ')}`);
    batch(() => {
      setError(null);
      opts.model.clear();
      setCurve([]);
      setPreparing(true);
    });
    try {
      const seed = parseNumberText(form.seed) ?? 1;
      const members = Math.max(1, Math.min(20, Math.round(parseNumberText(form.members) ?? 3)));
      const epochs = Math.max(1, Math.round(parseNumberText(form.epochs) ?? 150));
      const data = await opts.dataset.datasetToTrain(seed);
      if (!data) return;
      const ds = data.dataset;
      const rows = trainingRows(ds);
      if (!rows.x.length) {
        setError(`“${ds.name}” has no row with every value a model needs (inputs, Isp${rows.ideal ? ' and its ideal' : ''})`);
        return;
      }
      const simulated = ds.spec.source === 'simulated';
      const search = form.search ? { ...SEARCH_GRID, epochs: searchEpochs(epochs) } : undefined;
      // What Explore needs to use the model at a design point: its propellants and the ideal's basis.
      const spec: TrainJobSpec = {
        kind: simulated ? 'surrogate' : 'efficiency',
        input: {
          name: ds.spec.source === 'simulated' ? 'LOX/RP-1 vacuum Isp surrogate' : `efficiency from ${ds.spec.fileName}`,
          inputs: INPUT_COLUMNS,
          outputs: [{ name: 'Isp' }],
          x: rows.x, y: rows.y, ideal: rows.ideal, members, seed, testFraction: 0.2,
          hyper: { epochs, evalEvery: 5 },
          ...(search ? { search } : {}),
        },
        reactants: ds.reactants.map((x) => x.name),
        ...(simulated ? {} : { idealBasis: rows.idealBasis ?? 'vacuum', ...(rows.ambient ? { ambient: rows.ambient } : {}) }),
      };
      const label = trainJobLabel({ kind: spec.kind, output: 'Isp vac', members, fileName: ds.spec.source === 'simulated' ? undefined : ds.spec.fileName, search: !!search });
      const total = trainJobEpochs(spec);
      step = 0;
      jobId = null; // until the queue names the new job, the last one's end is no news
      setStatus('Training…');
      setTraining(true);
      jobId = await jobs.submit({ kind: TRAIN_JOB, label, spec, sequential: true, priority: 1, pointsTotal: total, chunkSize: total });
      trainingData.set(jobId, data);
    } finally {
      setPreparing(false);
    }
  }

  /** Stops the training (the Jobs panel's Cancel does the same). */
  function cancel(): void {
    if (jobId && training()) void jobs.cancel(jobId);
  }

  return { busy, training, curve, clearCurve: () => setCurve([]), train, cancel };
}

export type LearnTrainingStore = ReturnType<typeof createLearnTrainingStore>;

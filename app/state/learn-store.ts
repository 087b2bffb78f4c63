// Learn section state: the dataset (simulated LHS samples through the engine, imported test
// firings paired with the engine's ideal values, or either kind kept with an experiment), training
// as a job of the app's queue (jobs/train-runner.ts: the ML worker, with an optional hyperparameter
// search first) with a live loss curve, held-out metrics, the active backend, and next-test
// suggestions. A model saved to an experiment keeps its dataset there.
import { createSignal, batch, createRoot, onCleanup } from 'solid-js';
import { createStore } from 'solid-js/store';
import { engine } from '../bridge/engine.ts';
import { ml } from '../bridge/ml.ts';
import { latinHypercube, type SampleDim } from '../domain/lhs.ts';
import { parseNumberText } from '../domain/number-text.ts';
import { csvHeaders, guessMapping, parseTestFireCsv, type RowError, type TestFireImportOptions, type TestFireRow } from '../domain/testfire-csv.ts';
import type { ModelDoc } from '../domain/ml-model.ts';
import { DESIGN_INPUTS, parseModelFile } from '../domain/model-study.ts';
import { createExperiment, type Experiment } from '../domain/experiment.ts';
import type { RocketProblem } from '../domain/problem.ts';
import { datasetsIn, measuredDataset, simulatedDataset, trainingRows } from '../domain/learn-dataset.ts';
import { workspace, type ModelDataset } from './workspace.ts';
import { designStore } from './design.ts';
import { SEARCH_GRID, searchEpochs, trainJobLabel } from '../domain/train-job.ts';
import { jobQueue } from '../jobs/app-queue.ts';
import { TRAIN_JOB, onTrainEvent, trainJobEpochs, type TrainJobSpec } from '../jobs/train-runner.ts';
import type { MlBackend, Suggestion, TrainOutput } from '../domain/ml-contract.ts';
import { applyMlBackendPreference, setMlBackendPreference } from './ml-backend.ts';

export const LEARN_REACTANTS = [
  { name: 'RP-1', role: 'fuel' as const, massFraction: 1, T: 298.15 },
  { name: 'O2(L)', role: 'oxidizer' as const, massFraction: 1, T: 90.17 },
];
export const INPUT_COLUMNS = [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }];

export interface LearnForm {
  /** 'stored': a dataset kept with one of the user's experiments. */
  source: 'simulated' | 'csv' | 'stored';
  ofMin: string; ofMax: string; pcMin_bar: string; pcMax_bar: string; epsMin: string; epsMax: string;
  samples: string; seed: string; members: string; epochs: string;
  /** Search layers, width and learning rate (SEARCH_GRID) before training the ensemble. */
  search: boolean;
  /** Area ratio assumed for firings without an area-ratio column. */
  csvEps: string;
  decimal: '.' | ',';
}

const defaults: LearnForm = {
  source: 'simulated', ofMin: '1.5', ofMax: '3.5', pcMin_bar: '1', pcMax_bar: '250', epsMin: '5', epsMax: '150',
  samples: '300', seed: '1', members: '3', epochs: '150', search: false, csvEps: '40', decimal: '.',
};

export function createLearnStore() {
  const [form, setForm] = createStore<LearnForm>({ ...defaults });
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  /** Sampling or pairing the dataset through the engine, before the training job. */
  const [preparing, setPreparing] = createSignal(false);
  /** The training job runs (or waits in the queue). */
  const [training, setTraining] = createSignal(false);
  const busy = () => preparing() || training();
  const [curve, setCurve] = createSignal<{ step: number; member: number; loss: number; valLoss: number | null }[]>([]);
  const [result, setResult] = createSignal<TrainOutput | null>(null);
  const [backend, setBackendSig] = createSignal<{ active: MlBackend; available: MlBackend[]; notice?: string; hint?: string } | null>(null);
  const [suggestions, setSuggestions] = createSignal<Suggestion[]>([]);
  const [csv, setCsv] = createSignal<{ name: string; text: string; headers: string[]; mapping: TestFireImportOptions['mapping'] } | null>(null);
  const [csvRows, setCsvRows] = createSignal<TestFireRow[]>([]);
  const [csvErrors, setCsvErrors] = createSignal<RowError[]>([]);
  const [comparison, setComparison] = createSignal<string | null>(null);
  /** What the current model was trained on: kept with it when saved, and names a new experiment. */
  const [trained, setTrained] = createSignal<ModelDataset | null>(null);
  /** The dataset picked among those kept in experiments. */
  const [stored, setStored] = createSignal<Required<ModelDataset> | null>(null);
  const [saved, setSaved] = createSignal<{ id: string; name: string } | null>(null);
  /** Datasets kept in the user's experiments, for the picker. */
  const keptDatasets = () => datasetsIn(workspace().experiments());
  /** The queue job of the training shown (null before the first). */
  let jobId: string | null = null;
  /** What this session's training jobs train on (kept with the model when it is saved). */
  const trainingData = new Map<string, ModelDataset>();
  let step = 0;

  const offEvents = onTrainEvent((e) => {
    // A training resumed from the Jobs panel (this one, or one from before a reload) is shown when
    // nothing else trains here.
    if (!busy() && 'progress' in e) {
      jobId = e.jobId;
      step = 0;
      batch(() => {
        setTraining(true);
        setError(null);
        setResult(null);
        setSaved(null);
        setSuggestions([]);
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
    const r = e.result;
    const best = r.search?.[0]?.candidate;
    const chose = best ? ` The search chose ${best.hidden.length} × ${best.hidden[0]} neurons, learning rate ${best.lr}.` : '';
    batch(() => {
      setResult(r);
      setTrained(trainingData.get(e.jobId) ?? null);
      setStatus(`Trained ${r.model.members.length} networks on ${r.model.nTrain} rows.${chose}`);
    });
  });

  // The job's end: done (the result came with its last event), failed, cancelled here or from the
  // Jobs panel, or removed.
  const offJobs = jobQueue().subscribe((snap) => {
    if (!jobId || !training()) return;
    const j = snap.find((x) => x.job.id === jobId)?.job;
    if (j?.status === 'running' || j?.status === 'queued') return;
    batch(() => {
      setTraining(false);
      if (j?.status === 'failed') setError((j.error ?? 'the training failed').replace(/^points \d+–\d+: /, ''));
      else if (j?.status !== 'done') setStatus('Training cancelled.');
    });
    void refreshBackend();
  });
  onCleanup(() => {
    offEvents();
    offJobs();
  });

  function bounds(): SampleDim[] | null {
    const n = (t: string) => parseNumberText(t);
    const v = [n(form.ofMin), n(form.ofMax), n(form.pcMin_bar), n(form.pcMax_bar), n(form.epsMin), n(form.epsMax)];
    if (v.some((x) => x === null)) {
      setError('every bound must be a number');
      return null;
    }
    return [
      { name: 'O/F', min: v[0]!, max: v[1]! },
      { name: 'pc', min: v[2]! * 1e5, max: v[3]! * 1e5, log: true },
      { name: 'eps', min: v[4]!, max: v[5]!, log: true },
    ];
  }

  async function idealIsp(of: number, pc: number, eps: number, pamb?: number): Promise<number | string> {
    const r = await engine().call('solveRocket', { problem: 'rocket', reactants: LEARN_REACTANTS, of, pc, exits: [{ areaRatio: eps }], ...(pamb ? { pamb } : {}) });
    if (!r.ok) return r.error.message;
    const e = r.value.exits[0];
    if ('ok' in e) return e.error.message;
    return pamb && e.ispAmb !== undefined ? e.ispAmb : e.ispVac;
  }

  async function refreshBackend() {
    const why = await applyMlBackendPreference();
    const r = await ml().call('getBackend', undefined);
    if (r.ok) setBackendSig(why ? { ...r.value, notice: [r.value.notice, `${why}.`].filter(Boolean).join(' ') } : r.value);
    else setError(r.error.message);
  }

  /** Switches backend here and keeps the choice as the Settings preference. */
  async function chooseBackend(name: MlBackend) {
    await applyMlBackendPreference();
    const why = await setMlBackendPreference(name);
    if (why) setError(why);
    await refreshBackend();
  }

  function loadCsv(name: string, text: string) {
    const headers = csvHeaders(text);
    setCsv({ name, text, headers, mapping: guessMapping(headers) });
    parseCsvNow();
  }

  function setMapping(field: keyof TestFireImportOptions['mapping'], col: number | undefined) {
    const c = csv();
    if (!c) return;
    setCsv({ ...c, mapping: { ...c.mapping, [field]: col } });
    parseCsvNow();
  }

  const [units, setUnits] = createStore<NonNullable<TestFireImportOptions['units']>>({ pc: 'bar', pamb: 'bar', thrust: 'N', mdot: 'kg/s', isp: 's', cstar: 'm/s' });

  function parseCsvNow() {
    const c = csv();
    if (!c) return;
    const r = parseTestFireCsv(c.text, { mapping: c.mapping, units: { ...units }, decimal: form.decimal });
    batch(() => {
      if (!r.ok) {
        setError(r.error.message);
        setCsvRows([]);
        setCsvErrors([]);
        return;
      }
      setError(null);
      setCsvRows(r.value.rows);
      setCsvErrors(r.value.errors);
    });
  }

  /** Opens a dataset kept with an experiment to train on; a record that fails validation says why and is not used. */
  async function pickStored(experimentId: string, studyId: string): Promise<boolean> {
    batch(() => {
      setForm('source', 'stored');
      setStored(null);
      setError(null);
    });
    const r = await workspace().datasetOf(experimentId, studyId);
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    const ds = r.value;
    batch(() => {
      setStored({ dataset: ds, keptIn: { experimentId, studyId } });
      // suggestions search the box a simulated dataset was sampled in
      if (ds.spec.source === 'simulated') {
        const [of, pc, eps] = ds.spec.bounds;
        const t = (v: number) => String(+v.toPrecision(12));
        setForm({ ofMin: t(of.min), ofMax: t(of.max), pcMin_bar: t(pc.min / 1e5), pcMax_bar: t(pc.max / 1e5), epsMin: t(eps.min), epsMax: t(eps.max) });
      }
    });
    return true;
  }

  /** The dataset to train on: sampled through the engine, the CSV's firings paired with the engine's ideal, or the picked stored one. */
  async function datasetToTrain(seed: number): Promise<ModelDataset | null> {
    if (form.source === 'stored') {
      const kept = stored();
      if (!kept) setError('choose a dataset kept in one of your experiments');
      return kept;
    }
    if (form.source === 'simulated') {
      const b = bounds();
      if (!b) return null;
      const n = Math.max(8, Math.min(5000, parseNumberText(form.samples) ?? 300));
      const pts = latinHypercube(b, n, seed);
      const isp: (number | null)[] = [];
      for (let i = 0; i < pts.length; i++) {
        if (i % 50 === 0) setStatus(`Engine: sample ${i + 1} of ${n}…`);
        const v = await idealIsp(pts[i][0], pts[i][1], pts[i][2]);
        isp.push(typeof v === 'string' ? null : v); // a failed point stays in the dataset, out of training
      }
      const solved = isp.filter((v) => v !== null).length;
      return { dataset: simulatedDataset({ name: `LOX/RP-1 simulated, ${solved} samples (seed ${seed})`, reactants: LEARN_REACTANTS, spec: { bounds: b, count: n, seed } }, pts, isp) };
    }
    const c = csv();
    const rows = csvRows();
    if (!c || !rows.some((r) => r.isp !== undefined)) {
      setError('no valid firings with an Isp (or thrust and mass flow) to learn from');
      return null;
    }
    const epsDefault = parseNumberText(form.csvEps) ?? 40;
    const ideal: (number | null)[] = [];
    for (const r of rows) {
      setStatus(`Engine: ideal Isp for ${r.testId}…`);
      const v = await idealIsp(r.of, r.pc, r.eps ?? epsDefault, r.pamb);
      ideal.push(typeof v === 'string' ? null : v);
    }
    const spec = { fileName: c.name, headers: c.headers, mapping: c.mapping, units: { ...units }, decimal: form.decimal, defaultAreaRatio: epsDefault };
    return { dataset: measuredDataset({ name: `Test firings ${c.name}`, reactants: LEARN_REACTANTS, spec }, rows, ideal) };
  }

  async function train() {
    if (busy()) return;
    batch(() => {
      setError(null);
      setResult(null);
      setSaved(null);
      setSuggestions([]);
      setCurve([]);
      setPreparing(true);
    });
    try {
      const seed = parseNumberText(form.seed) ?? 1;
      const members = Math.max(1, Math.min(20, Math.round(parseNumberText(form.members) ?? 3)));
      const epochs = Math.max(1, Math.round(parseNumberText(form.epochs) ?? 150));
      const data = await datasetToTrain(seed);
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
        ...(simulated ? {} : { idealBasis: rows.idealBasis ?? 'vacuum' }),
      };
      const label = trainJobLabel({ kind: spec.kind, output: 'Isp vac', members, fileName: ds.spec.source === 'simulated' ? undefined : ds.spec.fileName, search: !!search });
      const total = trainJobEpochs(spec);
      step = 0;
      jobId = null; // until the queue names the new job, the last one's end is no news
      setStatus('Training…');
      setTraining(true);
      jobId = await jobQueue().submit({ kind: TRAIN_JOB, label, spec, sequential: true, priority: 1, pointsTotal: total, chunkSize: total });
      trainingData.set(jobId, data);
    } finally {
      setPreparing(false);
    }
  }

  /** Stops the training (the Jobs panel's Cancel does the same). */
  function cancel(): void {
    if (jobId && training()) void jobQueue().cancel(jobId);
  }

  async function suggest(mode: 'expected-improvement' | 'uncertainty') {
    const r0 = result();
    const b = bounds();
    if (!r0 || !b) return;
    const r = await ml().call('suggestNext', { model: r0.model, bounds: b, mode, goal: 'max', count: 3, seed: 1, unit: r0.model.kind === 'efficiency' ? '' : 'm/s' });
    if (r.ok) setSuggestions(r.value);
    else setError(r.error.message);
  }

  async function compareBackends() {
    const r0 = result();
    if (!r0) return;
    const avail = backend()?.available ?? [];
    const backends: MlBackend[] = [...avail.filter((b) => b !== 'cpu').slice(0, 1), 'cpu'];
    const b = bounds();
    if (!b) return;
    const x = latinHypercube(b, 50, 3);
    const r = await ml().call('compareBackends', { model: r0.model, x, backends });
    if (r.ok) setComparison(`${r.value.backends.join(' vs ')}: largest relative difference ${r.value.maxRelDiff.toExponential(2)}`);
    else setError(r.error.message);
  }

  function exportModel(): ModelDoc | null {
    return result()?.model ?? null;
  }

  /** Shows a model from a file or storage as the current result (no held-out points to plot). */
  function showModel(doc: ModelDoc, from: string) {
    batch(() => {
      setError(null);
      setSuggestions([]);
      setComparison(null);
      setCurve([]);
      setSaved(null);
      setResult({ model: doc, heldOut: { truth: [], mean: [], lo: [], hi: [] } });
      setTrained(null);
      setStatus(`Loaded “${doc.name}” from ${from}: ${doc.members.length} networks trained on ${doc.nTrain} rows.`);
    });
  }

  /** Reads a model file (JSON) through restoreModelDoc; a bad file leaves the current model and says why. */
  function importModel(fileName: string, text: string): boolean {
    const r = parseModelFile(text, fileName);
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    showModel(r.value, fileName);
    return true;
  }

  /** Opens a model saved with an experiment. */
  async function openSaved(modelId: string) {
    const r = await workspace().modelById(modelId);
    if (!r.ok) setError(r.error.message);
    else if (!r.value) setError(`the saved model ${modelId} no longer exists`);
    else showModel(r.value.doc, `experiment “${workspace().byId(r.value.experimentId)?.name ?? r.value.experimentId}”`);
  }

  /** A LOX/RP-1 design in the middle of what the model was trained on (else of the Learn box), for an experiment made around it. */
  function centreProblem(doc: ModelDoc): RocketProblem {
    const designInputs = doc.inputs.map((c) => c.name).join('|') === DESIGN_INPUTS.join('|');
    const b = (designInputs ? doc.inputRanges : undefined) ?? bounds() ?? [{ min: 2.6, max: 2.6 }, { min: 7e6, max: 7e6 }, { min: 40, max: 40 }];
    const geo = (d: { min: number; max: number }) => Math.sqrt(d.min * d.max);
    return { problem: 'rocket', reactants: LEARN_REACTANTS, of: (b[0].min + b[0].max) / 2, pc: geo(b[1]), exits: [{ areaRatio: geo(b[2]) }], pamb: 0, chemistry: 'equilibrium' };
  }

  /**
   * Saves the current model, with its dataset, to the experiment that keeps the dataset already,
   * else the one the design came from, else a new experiment named after the dataset; returns that
   * experiment.
   */
  async function saveToExperiment(): Promise<Experiment | null> {
    const doc = result()?.model;
    if (!doc) return null;
    const ws = workspace();
    await ws.whenReady();
    const data = trained();
    const origin = designStore().origin();
    const target = (data?.keptIn && ws.byId(data.keptIn.experimentId))
      || (origin.kind === 'experiment' && ws.byId(origin.id))
      || createExperiment({ name: data?.dataset.name || doc.name, problem: centreProblem(doc), system: 'lox-rp1' });
    const e = await ws.saveModel(doc, target, data ?? undefined);
    if (!e) {
      setError(ws.notice()?.text ?? 'the model was not saved');
      return null;
    }
    setSaved({ id: e.id, name: e.name });
    // the dataset is kept now: saving again points at it instead of copying it
    const studyId = e.studies[0]?.spec.datasetStudyId;
    if (data && typeof studyId === 'string') setTrained({ ...data, keptIn: { experimentId: e.id, studyId } });
    return e;
  }

  return {
    form, setForm, status, error, busy, curve, result, backend, suggestions, csv, csvRows, csvErrors, comparison, units, setUnits,
    refreshBackend, chooseBackend, loadCsv, setMapping, parseCsvNow, train, cancel, suggest, compareBackends, exportModel,
    importModel, openSaved, saveToExperiment, saved, keptDatasets, stored, pickStored,
  };
}

export type LearnStore = ReturnType<typeof createLearnStore>;
let shared: LearnStore | null = null;
/** The Learn section's state for the tab's life: a training that ends while another section is
 *  open, and the form, the imported CSV and the result, are there on coming back. */
export const learnStore = (): LearnStore => (shared ??= createRoot(() => createLearnStore()));

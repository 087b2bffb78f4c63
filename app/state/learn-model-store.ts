// Learn's model: the trained (or opened) model and what it was trained on, the ML backend, next-test
// suggestions, the backend comparison, and model files and saving with an experiment.
import { createSignal, batch } from 'solid-js';
import type { MlBridge } from '../bridge/ml.ts';
import type { SampleDim } from '../domain/lhs.ts';
import { latinHypercube } from '../domain/lhs.ts';
import { modelAmbient, SEA_LEVEL_PA, type ModelDoc } from '../domain/ml-model.ts';
import { formatSig } from '../domain/number-text.ts';
import { toDisplay, unitLabel } from '../domain/units.ts';
import { DESIGN_INPUTS, parseModelFile } from '../domain/model-study.ts';
import { createExperiment, type Experiment } from '../domain/experiment.ts';
import type { RocketProblem } from '../domain/problem.ts';
import type { ModelDataset, WorkspaceStore } from './workspace.ts';
import type { DesignOrigin } from './design.ts';
import type { MlBackend, SuggestInput, Suggestion, TrainOutput } from '../domain/ml-contract.ts';
import { trainingRows } from '../domain/learn-dataset.ts';

/** How Learn suggests the next test: the trained ensemble, or a Gaussian process of the training data. */
export type SuggestMethod = 'ensemble' | 'gp';
import { LEARN_REACTANTS, type LearnMessages } from './learn-dataset-store.ts';

export interface LearnModelOptions {
  messages: LearnMessages;
  /** The sampling box of the form (suggestions search it), null with an error when a bound is not a number. */
  bounds: () => SampleDim[] | null;
  /** The ML worker (the app's, started on its first call; a fake in node tests). */
  ml: MlBridge;
  /** Applies the Settings backend preference before ML calls; returns why it could not. */
  applyBackendPreference: () => Promise<string | null | undefined>;
  /** Keeps a backend chosen on the page as the preference and applies it; returns why it could not. */
  setBackendPreference: (name: MlBackend) => Promise<string | null | undefined>;
  /** Where models are opened from and saved with experiments (the app passes its workspace). */
  experiments: Pick<WorkspaceStore, 'units' | 'modelById' | 'byId' | 'whenReady' | 'saveModel' | 'notice'>;
  /** Where Explore's design came from: a model is saved with that experiment when its dataset is in none. */
  origin: () => DesignOrigin;
}

/** What the status says about the firings' ambient pressure when it had to be assumed. */
const ambientNote = (doc: ModelDoc, ws: LearnModelOptions['experiments']) => {
  if (!doc.ambient?.assumed) return '';
  const u = ws.units();
  return ` The firings give no ambient pressure: taken at sea level (${formatSig(toDisplay('pressure', SEA_LEVEL_PA, u), 6)} ${unitLabel('pressure', u)}), where Explore predicts with this model. Add an ambient-pressure column if they were not.`;
};

export function createLearnModelStore(opts: LearnModelOptions) {
  const { setStatus, setError } = opts.messages;
  const ml = () => opts.ml;
  const applyPreference = opts.applyBackendPreference;
  const ws = opts.experiments;
  const [result, setResult] = createSignal<TrainOutput | null>(null);
  const [backend, setBackendSig] = createSignal<{ active: MlBackend; available: MlBackend[]; notice?: string; hint?: string } | null>(null);
  const [suggestions, setSuggestions] = createSignal<Suggestion[]>([]);
  const [suggestMethod, setSuggestMethod] = createSignal<SuggestMethod>('ensemble');
  const [comparison, setComparison] = createSignal<string | null>(null);
  /** What the current model was trained on: kept with it when saved, and names a new experiment. */
  const [trained, setTrained] = createSignal<ModelDataset | null>(null);
  const [saved, setSaved] = createSignal<{ id: string; name: string } | null>(null);

  /** Forgets the model shown, before a training. */
  function clear() {
    batch(() => {
      setResult(null);
      setSaved(null);
      setSuggestions([]);
    });
  }

  /** A training's result becomes the model shown. */
  function showTrained(r: TrainOutput, data: ModelDataset | null) {
    const best = r.search?.[0]?.candidate;
    const chose = best ? ` The search chose ${best.hidden.length} × ${best.hidden[0]} neurons, learning rate ${best.lr}.` : '';
    batch(() => {
      setResult(r);
      setTrained(data);
      setStatus(`Trained ${r.model.members.length} networks on ${r.model.nTrain} rows.${chose}${ambientNote(r.model, ws)}`);
    });
  }

  async function refreshBackend() {
    const why = await applyPreference();
    const r = await ml().call('getBackend', undefined);
    if (r.ok) setBackendSig(why ? { ...r.value, notice: [r.value.notice, `${why}.`].filter(Boolean).join(' ') } : r.value);
    else setError(r.error.message);
  }

  /** Switches backend here and keeps the choice as the Settings preference. */
  async function chooseBackend(name: MlBackend) {
    await applyPreference();
    const why = await opts.setBackendPreference(name);
    if (why) setError(why);
    await refreshBackend();
  }

  /**
   * Next tests: by the ensemble's expected improvement or disagreement, or ('gp') by the expected
   * improvement of a Gaussian process of the data the model was trained on, three points as one
   * batch (kriging believer). The ensemble stays the default; the choice is kept for the next call.
   */
  async function suggest(mode: 'expected-improvement' | 'uncertainty', method: SuggestMethod = suggestMethod()) {
    const r0 = result();
    const b = opts.bounds();
    if (!r0 || !b) return;
    setSuggestMethod(method);
    const common = { model: r0.model, bounds: b, mode, goal: 'max' as const, count: 3, seed: 1, unit: r0.model.kind === 'efficiency' ? '' : 'm/s' };
    let input: SuggestInput = common;
    if (method === 'gp' && mode === 'expected-improvement') {
      const t = trained();
      if (!t) {
        setError('the Gaussian process learns from the data the model was trained on: train the model here first (a model opened from a file comes without them)');
        return;
      }
      const rows = trainingRows(t.dataset);
      // an efficiency model learns measured over ideal Isp, and its suggestions are in those terms
      const y = rows.ideal && r0.model.kind === 'efficiency' ? rows.y.map((v, i) => v[0] / rows.ideal![i][0]) : rows.y.map((v) => v[0]);
      input = { ...common, method: 'gp', data: { x: rows.x, y } };
    }
    const r = await ml().call('suggestNext', input);
    if (r.ok) setSuggestions(r.value);
    else setError(r.error.message);
  }

  async function compareBackends() {
    const r0 = result();
    if (!r0) return;
    const avail = backend()?.available ?? [];
    const backends: MlBackend[] = [...avail.filter((b) => b !== 'cpu').slice(0, 1), 'cpu'];
    const b = opts.bounds();
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
  function showModel(doc: ModelDoc, from: string, clearCurve: () => void) {
    batch(() => {
      setError(null);
      setSuggestions([]);
      setComparison(null);
      clearCurve();
      setSaved(null);
      setResult({ model: doc, heldOut: { truth: [], mean: [], lo: [], hi: [] } });
      setTrained(null);
      setStatus(`Loaded “${doc.name}” from ${from}: ${doc.members.length} networks trained on ${doc.nTrain} rows.`);
    });
  }

  /** Reads a model file (JSON) through restoreModelDoc; a bad file leaves the current model and says why. */
  function importModel(fileName: string, text: string, clearCurve: () => void): boolean {
    const r = parseModelFile(text, fileName);
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    showModel(r.value, fileName, clearCurve);
    return true;
  }

  /** Opens a model saved with an experiment. */
  async function openSaved(modelId: string, clearCurve: () => void) {
    const r = await ws.modelById(modelId);
    if (!r.ok) setError(r.error.message);
    else if (!r.value) setError(`the saved model ${modelId} no longer exists`);
    else showModel(r.value.doc, `experiment “${ws.byId(r.value.experimentId)?.name ?? r.value.experimentId}”`, clearCurve);
  }

  /**
   * A LOX/RP-1 design in the middle of what the model was trained on (else of the Learn box), for an
   * experiment made around it; at the ambient pressure of the model's firings (vacuum for a
   * surrogate, which predicts vacuum Isp; sea level for an older efficiency model paired at ambient).
   */
  function centreProblem(doc: ModelDoc): RocketProblem {
    const designInputs = doc.inputs.map((c) => c.name).join('|') === DESIGN_INPUTS.join('|');
    const b = (designInputs ? doc.inputRanges : undefined) ?? opts.bounds() ?? [{ min: 2.6, max: 2.6 }, { min: 7e6, max: 7e6 }, { min: 40, max: 40 }];
    const geo = (d: { min: number; max: number }) => Math.sqrt(d.min * d.max);
    return { problem: 'rocket', reactants: LEARN_REACTANTS, of: (b[0].min + b[0].max) / 2, pc: geo(b[1]), exits: [{ areaRatio: geo(b[2]) }], pamb: modelAmbient(doc), chemistry: 'equilibrium' };
  }

  /**
   * Saves the current model, with its dataset, to the experiment that keeps the dataset already,
   * else the one the design came from, else a new experiment named after the dataset; returns that
   * experiment.
   */
  async function saveToExperiment(): Promise<Experiment | null> {
    const doc = result()?.model;
    if (!doc) return null;
    await ws.whenReady();
    const data = trained();
    const origin = opts.origin();
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
    result, backend, suggestions, suggestMethod, setSuggestMethod, comparison, saved, clear, showTrained, refreshBackend, chooseBackend, suggest, compareBackends,
    exportModel, importModel, openSaved, saveToExperiment,
  };
}

export type LearnModelStore = ReturnType<typeof createLearnModelStore>;

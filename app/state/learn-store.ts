// Learn section state: the dataset (simulated LHS samples through the engine, or imported test
// firings paired with the engine's ideal values), training through the ML worker with a live loss
// curve, held-out metrics, the active backend, and next-test suggestions.
import { createSignal, batch } from 'solid-js';
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
import { workspace } from './workspace.ts';
import { designStore } from './design.ts';
import type { TrainOutput, TrainProgress } from '../../workers/ml/api.ts';
import type { Suggestion } from '../../workers/ml/suggest.ts';
import type { MlBackend } from '../../workers/ml.worker.ts';
import { applyMlBackendPreference, setMlBackendPreference } from './ml-backend.ts';

export const LEARN_REACTANTS = [
  { name: 'RP-1', role: 'fuel' as const, massFraction: 1, T: 298.15 },
  { name: 'O2(L)', role: 'oxidizer' as const, massFraction: 1, T: 90.17 },
];
export const INPUT_COLUMNS = [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }];

export interface LearnForm {
  source: 'simulated' | 'csv';
  ofMin: string; ofMax: string; pcMin_bar: string; pcMax_bar: string; epsMin: string; epsMax: string;
  samples: string; seed: string; members: string; epochs: string;
  /** Area ratio assumed for firings without an area-ratio column. */
  csvEps: string;
  decimal: '.' | ',';
}

const defaults: LearnForm = {
  source: 'simulated', ofMin: '1.5', ofMax: '3.5', pcMin_bar: '1', pcMax_bar: '250', epsMin: '5', epsMax: '150',
  samples: '300', seed: '1', members: '3', epochs: '150', csvEps: '40', decimal: '.',
};

export function createLearnStore() {
  const [form, setForm] = createStore<LearnForm>({ ...defaults });
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [curve, setCurve] = createSignal<{ step: number; member: number; loss: number; valLoss: number | null }[]>([]);
  const [result, setResult] = createSignal<TrainOutput | null>(null);
  const [backend, setBackendSig] = createSignal<{ active: MlBackend; available: MlBackend[]; notice?: string; hint?: string } | null>(null);
  const [suggestions, setSuggestions] = createSignal<Suggestion[]>([]);
  const [csv, setCsv] = createSignal<{ name: string; text: string; headers: string[]; mapping: TestFireImportOptions['mapping'] } | null>(null);
  const [csvRows, setCsvRows] = createSignal<TestFireRow[]>([]);
  const [csvErrors, setCsvErrors] = createSignal<RowError[]>([]);
  const [comparison, setComparison] = createSignal<string | null>(null);
  /** What the model was trained on, to name a new experiment after it. */
  const [dataset, setDataset] = createSignal('');
  const [saved, setSaved] = createSignal<{ id: string; name: string } | null>(null);

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

  async function train() {
    setError(null);
    setResult(null);
    setSaved(null);
    setSuggestions([]);
    setCurve([]);
    setBusy(true);
    try {
      const seed = parseNumberText(form.seed) ?? 1;
      const members = parseNumberText(form.members) ?? 3;
      const epochs = parseNumberText(form.epochs) ?? 150;
      let x: number[][] = [];
      let y: number[][] = [];
      let ideal: number[][] | undefined;
      let atAmbient = false;
      if (form.source === 'simulated') {
        const b = bounds();
        if (!b) return;
        const n = Math.max(8, Math.min(5000, parseNumberText(form.samples) ?? 300));
        const pts = latinHypercube(b, n, seed);
        for (let i = 0; i < pts.length; i++) {
          if (i % 50 === 0) setStatus(`Engine: sample ${i + 1} of ${n}…`);
          const v = await idealIsp(pts[i][0], pts[i][1], pts[i][2]);
          if (typeof v === 'string') continue; // a failed point is left out of the dataset
          x.push(pts[i]);
          y.push([v]);
        }
      } else {
        const rows = csvRows().filter((r) => r.isp !== undefined);
        if (!rows.length) {
          setError('no valid firings with an Isp (or thrust and mass flow) to learn from');
          return;
        }
        const epsDefault = parseNumberText(form.csvEps) ?? 40;
        ideal = [];
        for (const r of rows) {
          setStatus(`Engine: ideal Isp for ${r.testId}…`);
          const v = await idealIsp(r.of, r.pc, r.eps ?? epsDefault, r.pamb);
          if (typeof v === 'string') continue;
          x.push([r.of, r.pc, r.eps ?? epsDefault]);
          y.push([r.isp!]);
          ideal.push([v]);
          if (r.pamb) atAmbient = true;
        }
      }
      const channel = `learn-progress-${Math.random().toString(36).slice(2)}`;
      const bc = new BroadcastChannel(channel);
      let step = 0;
      bc.onmessage = (e: MessageEvent<TrainProgress>) => {
        const p = e.data;
        setStatus(`${p.phase === 'search' ? 'Search' : 'Training'} ${p.index + 1}/${p.count}, epoch ${p.epoch}`);
        setCurve((c) => [...c, { step: ++step, member: p.index, loss: p.loss, valLoss: p.valLoss }]);
      };
      const input = {
        name: form.source === 'simulated' ? 'LOX/RP-1 vacuum Isp surrogate' : `efficiency from ${csv()?.name ?? 'CSV'}`,
        inputs: INPUT_COLUMNS,
        outputs: [{ name: 'Isp' }],
        x, y, ideal, members, seed, testFraction: 0.2, progressChannel: channel,
        hyper: { epochs, evalEvery: 5 },
      };
      setStatus('Training…');
      const r = await ml().call(form.source === 'simulated' ? 'trainSurrogate' : 'trainEfficiency', input);
      bc.close();
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      // What Explore needs to use the model at a design point: its propellants and the ideal's basis.
      const model: ModelDoc = { ...r.value.model, reactants: LEARN_REACTANTS.map((x) => x.name), ...(r.value.model.kind === 'efficiency' ? { idealBasis: atAmbient ? 'ambient' : 'vacuum' } : {}) };
      setResult({ ...r.value, model });
      setDataset(form.source === 'simulated' ? `LOX/RP-1 simulated, ${x.length} samples (seed ${seed})` : `Test firings ${csv()?.name ?? 'CSV'}`);
      setStatus(`Trained ${r.value.model.members.length} networks on ${r.value.model.nTrain} rows.`);
      x = [];
      y = [];
    } finally {
      setBusy(false);
      void refreshBackend();
    }
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
      setDataset(doc.name);
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
   * Saves the current model with the experiment the design came from, or with a new experiment
   * named after the dataset; returns that experiment.
   */
  async function saveToExperiment(): Promise<Experiment | null> {
    const doc = result()?.model;
    if (!doc) return null;
    const ws = workspace();
    await ws.whenReady();
    const origin = designStore().origin();
    const target = (origin.kind === 'experiment' && ws.byId(origin.id)) || createExperiment({ name: dataset() || doc.name, problem: centreProblem(doc), system: 'lox-rp1' });
    const e = await ws.saveModel(doc, target);
    if (e) setSaved({ id: e.id, name: e.name });
    else setError(ws.notice()?.text ?? 'the model was not saved');
    return e;
  }

  return {
    form, setForm, status, error, busy, curve, result, backend, suggestions, csv, csvRows, csvErrors, comparison, units, setUnits,
    refreshBackend, chooseBackend, loadCsv, setMapping, parseCsvNow, train, suggest, compareBackends, exportModel,
    importModel, openSaved, saveToExperiment, saved,
  };
}

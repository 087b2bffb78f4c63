// Learn's dataset: the form's sampling box and training settings, the imported test-fire CSV (its
// column mapping and units), a dataset kept with an experiment, and the dataset to train on —
// simulated LHS samples or the firings paired with the engine's ideal Isp, both solved on the
// engine pool in slices (parallel, one message per slice instead of one per point).
import { createSignal, batch } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { EngineBridge } from '../bridge/engine.ts';
import { latinHypercube, type SampleDim } from '../domain/lhs.ts';
import { parseNumberText } from '../domain/number-text.ts';
import { checkTestFires, csvHeaders, fieldUnitFromHeader, guessMapping, needsUnit, parseTestFireCsv, unitsFromHeaders, type RowError, type TestFireField, type TestFireImportOptions, type TestFireRow, type TestFireWarning } from '../domain/testfire-csv.ts';
import { datasetsIn, measuredDataset, simulatedDataset } from '../domain/learn-dataset.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { ModelDataset, WorkspaceStore } from './workspace.ts';

export const LEARN_REACTANTS = [
  { name: 'RP-1', role: 'fuel' as const, massFraction: 1, T: 298.15 },
  { name: 'O2(L)', role: 'oxidizer' as const, massFraction: 1, T: 90.17 },
];

export interface LearnForm {
  /** 'stored': a dataset kept with one of the user's experiments. */
  source: 'simulated' | 'csv' | 'stored';
  ofMin: string; ofMax: string; pcMin_bar: string; pcMax_bar: string; epsMin: string; epsMax: string;
  samples: string; seed: string; members: string; epochs: string;
  /** Search layers, width and learning rate (SEARCH_GRID) before training the ensemble. */
  search: boolean;
  /** Area ratio assumed for firings without an area-ratio column. */
  csvEps: string;
  /** Throat area (cm²) for the c* check when the file has no throat-area column; '' for none. */
  csvAt_cm2: string;
  decimal: '.' | ',';
}

export const LEARN_DEFAULTS: LearnForm = {
  source: 'simulated', ofMin: '1.5', ofMax: '3.5', pcMin_bar: '1', pcMax_bar: '250', epsMin: '5', epsMax: '150',
  samples: '300', seed: '1', members: '3', epochs: '150', search: false, csvEps: '40', csvAt_cm2: '', decimal: '.',
};

/** The status line and error message the Learn page shows, shared by its stores. */
export interface LearnMessages {
  status: () => string;
  setStatus: (s: string) => void;
  error: () => string | null;
  setError: (e: string | null) => void;
}

export function createLearnMessages(): LearnMessages {
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  return { status, setStatus, error, setError };
}

/** One point whose ideal Isp the engine gives (vacuum, or at pamb when given). */
export interface IdealPoint { of: number; pc: number; eps: number; pamb?: number }

export interface LearnDatasetOptions {
  messages: LearnMessages;
  /** Where the engine solves the samples (the app passes its pool; node tests a node bridge). */
  engine: EngineBridge;
  /** Slices a batch of points is cut into (the pool's size; 1 when not given). */
  slices?: number;
  /** The experiments whose kept datasets can be picked (the app passes the workspace's). */
  experiments: () => Experiment[];
  /** A kept dataset's stored record (the app passes the workspace's). */
  datasetOf: WorkspaceStore['datasetOf'];
}

export function createLearnDatasetStore(opts: LearnDatasetOptions) {
  const { setStatus, setError } = opts.messages;
  const engine = opts.engine;
  const slices = Math.max(1, opts.slices ?? 1);
  const [form, setForm] = createStore<LearnForm>({ ...LEARN_DEFAULTS });
  const [csv, setCsv] = createSignal<{ name: string; text: string; headers: string[]; mapping: TestFireImportOptions['mapping'] } | null>(null);
  const [csvRows, setCsvRows] = createSignal<TestFireRow[]>([]);
  const [csvErrors, setCsvErrors] = createSignal<RowError[]>([]);
  /** Field → unit: read from the column's header, or chosen by the user; absent until one of them names it. */
  const [units, setUnitsStore] = createStore<NonNullable<TestFireImportOptions['units']>>({});
  /** Consistency warnings on the parsed firings (Isp vs thrust/mass flow, c* vs pc·At/ṁ, implausible magnitudes). */
  const [csvWarnings, setCsvWarnings] = createSignal<TestFireWarning[]>([]);
  /** The user has seen and confirmed the columns and units: only then are the firings accepted for training. */
  const [csvConfirmed, setCsvConfirmed] = createSignal(false);
  /** The dataset picked among those kept in experiments. */
  const [stored, setStored] = createSignal<Required<ModelDataset> | null>(null);
  /** Datasets kept in the user's experiments, for the picker. */
  const keptDatasets = () => datasetsIn(opts.experiments());

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

  /** The engine's ideal Isp (m/s) at each point, or the reason it has none; slices solved in parallel. */
  async function idealIsps(points: IdealPoint[]): Promise<(number | string)[]> {
    const problems = points.map((p) => ({ problem: 'rocket', reactants: LEARN_REACTANTS, of: p.of, pc: p.pc, exits: [{ areaRatio: p.eps }], ...(p.pamb ? { pamb: p.pamb } : {}) }));
    const size = Math.ceil(problems.length / slices);
    const parts = Array.from({ length: slices }, (_, i) => problems.slice(i * size, (i + 1) * size)).filter((x) => x.length);
    const replies = await Promise.all(parts.map((ps) => engine.call('solveRockets', { problems: ps })));
    const out: (number | string)[] = [];
    replies.forEach((r, k) => {
      if (!r.ok) return out.push(...parts[k].map(() => r.error.message));
      r.value.forEach((one, i) => {
        if (!one.ok) return out.push(one.error.message);
        const e = one.value.exits[0];
        if (!e) return out.push('the engine returned no exit station');
        if ('ok' in e) return out.push(e.error.message);
        const pamb = points[k * size + i].pamb;
        out.push(pamb && e.ispAmb !== undefined ? e.ispAmb : e.ispVac);
      });
    });
    return out;
  }

  function loadCsv(name: string, text: string) {
    const headers = csvHeaders(text);
    const mapping = guessMapping(headers);
    setCsv({ name, text, headers, mapping });
    setUnitsStore(reconcile(unitsFromHeaders(headers, mapping)));
    parseCsvNow();
  }

  function setMapping(field: TestFireField, col: number | undefined) {
    const c = csv();
    if (!c) return;
    setCsv({ ...c, mapping: { ...c.mapping, [field]: col } });
    // the new column's header names the unit, if it names one of the field's
    if (needsUnit(field)) setUnitsStore(field, col === undefined ? undefined : (fieldUnitFromHeader(field, c.headers[col] ?? '').unit ?? undefined));
    parseCsvNow();
  }

  /** The user's choice of a column's unit ('' clears it). */
  function setUnits(field: TestFireField, unit: string) {
    setUnitsStore(field, unit === '' ? undefined : unit);
    parseCsvNow();
  }

  /** The user confirms the columns and units shown: the firings are accepted for training. */
  function confirmCsv(): boolean {
    if (!csv() || !csvRows().length) {
      setError('there are no valid firings to accept: check the columns and units');
      return false;
    }
    setCsvConfirmed(true);
    return true;
  }

  function parseCsvNow() {
    const c = csv();
    if (!c) return;
    const r = parseTestFireCsv(c.text, { mapping: c.mapping, units: { ...units }, decimal: form.decimal, requireUnits: true });
    batch(() => {
      // any change to the file, columns, units or decimal mark asks for a new confirmation
      setCsvConfirmed(false);
      if (!r.ok) {
        setError(r.error.message);
        setCsvRows([]);
        setCsvErrors([]);
        setCsvWarnings([]);
        return;
      }
      setError(null);
      setCsvRows(r.value.rows);
      setCsvErrors(r.value.errors);
      const at = parseNumberText(form.csvAt_cm2);
      setCsvWarnings(checkTestFires(r.value.rows, { ...units }, at !== null && at > 0 ? { throatArea_m2: at * 1e-4 } : {}));
    });
  }

  /** Opens a dataset kept with an experiment to train on; a record that fails validation says why and is not used. */
  async function pickStored(experimentId: string, studyId: string): Promise<boolean> {
    batch(() => {
      setForm('source', 'stored');
      setStored(null);
      setError(null);
    });
    const r = await opts.datasetOf(experimentId, studyId);
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
      setStatus(`Engine: ${n} samples…`);
      const isp = (await idealIsps(pts.map(([of, pc, eps]) => ({ of, pc, eps })))).map((v) => (typeof v === 'string' ? null : v)); // a failed point stays in the dataset, out of training
      const solved = isp.filter((v) => v !== null).length;
      return { dataset: simulatedDataset({ name: `LOX/RP-1 simulated, ${solved} samples (seed ${seed})`, reactants: LEARN_REACTANTS, spec: { bounds: b, count: n, seed } }, pts, isp) };
    }
    const c = csv();
    const rows = csvRows();
    if (!c || !rows.some((r) => r.isp !== undefined)) {
      setError('no valid firings with an Isp (or thrust and mass flow) to learn from');
      return null;
    }
    if (!csvConfirmed()) {
      setError('check the columns and units of the test-fire file, then confirm them before training');
      return null;
    }
    const epsDefault = parseNumberText(form.csvEps) ?? 40;
    setStatus(`Engine: ideal Isp for ${rows.length} firings…`);
    const ideal = (await idealIsps(rows.map((r) => ({ of: r.of, pc: r.pc, eps: r.eps ?? epsDefault, pamb: r.pamb })))).map((v) => (typeof v === 'string' ? null : v));
    const spec = { fileName: c.name, headers: c.headers, mapping: c.mapping, units: { ...units }, decimal: form.decimal, defaultAreaRatio: epsDefault };
    return { dataset: measuredDataset({ name: `Test firings ${c.name}`, reactants: LEARN_REACTANTS, spec }, rows, ideal) };
  }

  return { form, setForm, csv, csvRows, csvErrors, csvWarnings, csvConfirmed, confirmCsv, units, setUnits, stored, keptDatasets, bounds, idealIsps, loadCsv, setMapping, parseCsvNow, pickStored, datasetToTrain };
}

export type LearnDatasetStore = ReturnType<typeof createLearnDatasetStore>;

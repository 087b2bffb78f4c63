// The ML operations behind ml.worker.ts, as plain functions over one input object each: validation
// in, Result out, progress through a callback. Node tests call these directly on the CPU backend.
import { err, ok, type KernelError, type Result } from '../../app/domain/result.ts';
import { restoreModelDoc, type ModelDoc, type ModelMetrics } from '../../app/domain/ml-model.ts';
import { validateDims } from '../../app/domain/lhs.ts';
import { inputRanges } from '../../app/domain/model-range.ts';
import { createRng, shuffleInPlace } from '../../app/domain/ml-random.ts';
import { DEFAULT_HYPER, EFFICIENCY_HYPER, predictEnsemble, trainEnsemble, type EnsembleModel, type Hyper, type MemberProgress, type Prediction } from './ensemble.ts';
import { predictDelivered, trainEfficiency } from './fidelity.ts';
import { regressionMetrics } from './metrics.ts';
import { searchGrid, searchHyper } from './search.ts';
import { docToModel, modelToDoc } from './serialize.ts';
import { suggestNext as suggest } from './suggest.ts';
import { suggestByGp } from '../../app/domain/analysis/gp-suggest.ts';
import type { PredictInput, SearchScore, SuggestInput, Suggestion, TrainInput, TrainOutput, TrainProgress } from '../../app/domain/ml-contract.ts';

export type { PredictInput, SuggestInput, TrainInput, TrainOutput, TrainProgress };

function checkRows(rows: unknown, width: number, field: string): KernelError | null {
  if (!Array.isArray(rows) || !rows.length) return { code: 'bad-input', message: `${field} needs at least one row`, field };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!Array.isArray(r) || r.length !== width) return { code: 'bad-input', message: `${field} row ${i + 1} must have ${width} values (got ${Array.isArray(r) ? r.length : typeof r})`, field: `${field}.${i}` };
    for (let j = 0; j < width; j++) {
      if (typeof r[j] !== 'number' || !Number.isFinite(r[j])) return { code: 'bad-input', message: `${field} row ${i + 1}, column ${j + 1} must be a finite number (got ${r[j]})`, field: `${field}.${i}.${j}` };
    }
  }
  return null;
}

const toRows = (p: Prediction, key: 'mean' | 'lo' | 'hi', n: number) => Array.from({ length: n }, (_, i) => p[key].map((col) => col[i]));

function validateTrain(t: TrainInput): KernelError | null {
  if (!t || !Array.isArray(t.inputs) || !t.inputs.length) return { code: 'bad-input', message: 'choose at least one input', field: 'inputs' };
  if (!Array.isArray(t.outputs) || !t.outputs.length) return { code: 'bad-input', message: 'choose at least one output', field: 'outputs' };
  const e = checkRows(t.x, t.inputs.length, 'x') ?? checkRows(t.y, t.outputs.length, 'y') ?? (t.ideal ? checkRows(t.ideal, t.outputs.length, 'ideal') : null);
  if (e) return e;
  if (t.x.length !== t.y.length) return { code: 'bad-input', message: `x has ${t.x.length} rows but y has ${t.y.length}`, field: 'y' };
  const minRows = 8;
  if (t.x.length < minRows) return { code: 'bad-input', message: `training needs at least ${minRows} rows (got ${t.x.length})`, field: 'x' };
  for (const [cols, rows, field] of [[t.inputs, t.x, 'inputs'], [t.outputs, t.y, 'outputs']] as const) {
    for (let j = 0; j < cols.length; j++) {
      if (cols[j].log && rows.some((r) => r[j] <= 0)) return { code: 'bad-input', message: `${cols[j].name} is learned on a log scale, so every value must be > 0`, field: `${field}.${j}` };
    }
  }
  return null;
}

/** Trains a surrogate (kind 'surrogate') or an efficiency model (kind 'efficiency', needs `ideal`). */
export async function trainModel(kind: ModelDoc['kind'], t: TrainInput, onProgress?: (p: TrainProgress) => void): Promise<Result<TrainOutput, KernelError>> {
  const bad = validateTrain(t);
  if (bad) return { ok: false, error: bad };
  if (kind === 'efficiency' && !t.ideal) return err('bad-input', 'efficiency learning needs the ideal value of every row', 'ideal');
  const seed = t.seed ?? 1;
  const n = t.x.length;
  const order = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, createRng(seed ^ 0x7e57));
  const nTest = Math.min(n - 8, Math.round(n * Math.max(0, Math.min(0.5, t.testFraction ?? 0.2))));
  const testRows = order.slice(0, nTest);
  const trainRows = order.slice(nTest);
  const sel = <T>(a: T[], rows: number[]) => rows.map((i) => a[i]);
  const base = kind === 'efficiency' ? EFFICIENCY_HYPER : DEFAULT_HYPER;
  let hyper: Hyper = { ...base, ...t.hyper };
  const opts = { inputs: t.inputs, outputs: t.outputs, members: Math.max(1, Math.min(20, t.members ?? 5)), valFraction: t.valFraction ?? 0.2, seed, hyper };
  const xTr = sel(t.x, trainRows);
  const yTr = kind === 'efficiency' ? sel(t.y, trainRows).map((r, i) => r.map((v, k) => v / t.ideal![trainRows[i]][k])) : sel(t.y, trainRows);
  let search: SearchScore[] | undefined;
  if (t.search) {
    const grid = searchGrid(t.search.layers, t.search.widths, t.search.lrs);
    const count = grid.length;
    search = await searchHyper(xTr, yTr, opts, grid, t.search.epochs, (c, p) => onProgress?.({ phase: 'search', index: c, count, epoch: p.epoch.epoch, loss: p.epoch.loss, valLoss: p.epoch.valLoss }));
    hyper = { ...hyper, hidden: search[0].candidate.hidden, lr: search[0].candidate.lr };
  }
  const progress = (p: MemberProgress) => onProgress?.({ phase: 'train', index: p.member, count: p.members, epoch: p.epoch.epoch, loss: p.epoch.loss, valLoss: p.epoch.valLoss });
  const model: EnsembleModel =
    kind === 'efficiency'
      ? await trainEfficiency(xTr, sel(t.y, trainRows), sel(t.ideal!, trainRows), { ...opts, hyper }, progress)
      : await trainEnsemble(xTr, yTr, { ...opts, hyper }, progress);
  const heldOut = { truth: [] as number[][], mean: [] as number[][], lo: [] as number[][], hi: [] as number[][] };
  let metrics: ModelMetrics[] | undefined;
  if (nTest) {
    const xTe = sel(t.x, testRows);
    const p = kind === 'efficiency' ? (await predictDelivered(model, xTe, sel(t.ideal!, testRows))).delivered : await predictEnsemble(model, xTe);
    heldOut.truth = sel(t.y, testRows);
    heldOut.mean = toRows(p, 'mean', nTest);
    heldOut.lo = toRows(p, 'lo', nTest);
    heldOut.hi = toRows(p, 'hi', nTest);
    metrics = t.outputs.map((_, k) => regressionMetrics(heldOut.truth.map((r) => r[k]), p.mean[k], p.lo[k], p.hi[k]));
  }
  const doc = modelToDoc(model, kind, t.name ?? (kind === 'efficiency' ? 'efficiency model' : 'surrogate'), metrics);
  // the rows the networks were fitted on: outside them, Explore says a prediction is an extrapolation
  return ok({ model: { ...doc, inputRanges: inputRanges(xTr) }, heldOut, ...(search ? { search } : {}) });
}

function loadModel(raw: unknown): Result<EnsembleModel & { kind: ModelDoc['kind'] }, KernelError> {
  const r = restoreModelDoc(raw);
  if (!r.ok) return { ok: false, error: { ...r.error, field: r.error.field ? `model.${r.error.field}` : 'model' } };
  return ok({ ...docToModel(r.value), kind: r.value.kind });
}

/** Mean, spread and 95 % interval per output (rows × outputs), SI units. */
export async function predict(input: PredictInput): Promise<Result<{ mean: Float64Array[]; std: Float64Array[]; lo: Float64Array[]; hi: Float64Array[] }, KernelError>> {
  const m = loadModel(input?.model);
  if (!m.ok) return m;
  const e = checkRows(input.x, m.value.inputs.length, 'x') ?? (input.ideal ? checkRows(input.ideal, m.value.outputs.length, 'ideal') : null);
  if (e) return { ok: false, error: e };
  if (m.value.kind === 'efficiency' && input.ideal) {
    const { delivered } = await predictDelivered(m.value, input.x, input.ideal);
    return ok({ mean: delivered.mean, std: delivered.std, lo: delivered.lo, hi: delivered.hi });
  }
  const p = await predictEnsemble(m.value, input.x);
  return ok({ mean: p.mean, std: p.std, lo: p.lo, hi: p.hi });
}

/** Next condition(s) to test, with a sentence saying why. */
export async function suggestNext(input: SuggestInput): Promise<Result<Suggestion[], KernelError>> {
  const m = loadModel(input?.model);
  if (!m.ok) return m;
  const b = validateDims(input.bounds ?? []);
  if (!b.ok) return { ok: false, error: { ...b.error, field: `bounds${b.error.field ? b.error.field.slice(4) : ''}` } };
  if (b.value.length !== m.value.inputs.length) return err('bad-input', `bounds must give ${m.value.inputs.length} inputs (got ${b.value.length})`, 'bounds');
  const output = input.output ?? 0;
  if (!(output >= 0 && output < m.value.outputs.length)) return err('bad-input', `output ${output} is not one of the model's ${m.value.outputs.length}`, 'output');
  if (input.method === 'gp') {
    if (input.mode !== 'expected-improvement') return err('bad-input', `the Gaussian process suggests by expected improvement only (got mode ${JSON.stringify(input.mode)})`, 'mode');
    const e = checkRows(input.data?.x, m.value.inputs.length, 'data.x');
    if (e) return { ok: false, error: e };
    return suggestByGp({ x: input.data!.x, y: input.data!.y ?? [], bounds: b.value, goal: input.goal ?? 'max', count: input.count ?? 1, seed: input.seed ?? 1, name: m.value.outputs[output].name, unit: input.unit });
  }
  return ok(await suggest(m.value, { bounds: b.value, output, mode: input.mode, goal: input.goal ?? 'max', best: input.best, count: input.count ?? 1, candidates: input.candidates ?? 2000, seed: input.seed ?? 1, unit: input.unit }));
}

// A trained Learn model as the model of an analysis (spec `"model":"surrogate"`, README "Command
// line: sensitivity"): which of the model's input columns the analysis varies, the fixed values of
// the others, and which output column is analysed. A model saved by Learn takes the design columns
// O/F, pc (Pa) and eps (model-study.ts DESIGN_INPUTS) and predicts Isp — vacuum Isp for a surrogate
// (kind 'surrogate') — so the rocket names of, pc, areaRatio and ispVac stand for those columns and
// the Analyze page's specs read the same with either model. An efficiency model predicts a
// measured/ideal ratio that needs the engine's ideal Isp, so it cannot stand in for the engine.
// Pure: the ML worker (workers/ml/api.ts) and the command line predict with the plan made here.
import { err, ok, type Result } from '../result.ts';
import { restoreModelDoc, type InputRange, type ModelDoc } from '../ml-model.ts';
import { formatValue } from '../validate.ts';
import { toDisplay, unitLabel } from '../units.ts';
import type { UnitSystem } from '../experiment.ts';
import { rocketInputKey, rocketInputLabel, rocketInputQuantity, ROCKET_OUTPUT_INFO, type RocketOutput } from './rocket-model.ts';

/** Rocket input names that stand for Learn's design columns. */
export const SURROGATE_INPUT_ALIASES: Record<string, string> = { of: 'O/F', pc: 'pc', areaRatio: 'eps' };
/** Rocket output names that stand for a surrogate's columns: Learn's surrogate learns vacuum Isp as "Isp". */
export const SURROGATE_OUTPUT_ALIASES: Record<string, string> = { ispVac: 'Isp' };

/**
 * A model saved in this browser (the Analyze page's specs): the job loads it by id; the name, input
 * columns and training ranges say which model it was and where it extrapolates, once it is gone.
 */
export interface SurrogateRef {
  modelId: string;
  name: string;
  inputs?: string[];
  inputRanges?: InputRange[];
}

/** How rows of analysis input values become rows of the model's inputs. */
export interface SurrogatePlan {
  /** Per model input column: the analysis input giving it, or −1 when it is fixed. */
  from: number[];
  /** Per model input column: its fixed value (NaN when an analysis input gives it). */
  fixed: number[];
  /** The model output analysed. */
  output: number;
  /** Inputs whose analysed span reaches beyond the model's training rows: where its predictions are extrapolations. */
  beyondTraining: { input: string; span: [number, number]; trained: [number, number] }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isSurrogateRef = (v: unknown): v is SurrogateRef => isRecord(v) && typeof v.modelId === 'string' && v.modelId !== '' && v.type === undefined;

/** The model document of a spec's `surrogate`: the document itself (an exported .model.json), checked; an error naming the field. */
export function surrogateDoc(v: unknown): Result<ModelDoc> {
  const r = restoreModelDoc(v);
  if (r.ok) return r;
  return err('bad-input', `surrogate: ${r.error.message}`, r.error.field ? `surrogate.${r.error.field}` : 'surrogate');
}

/** The model's name as the result, caption, sentence and report say it. */
export const surrogateTitle = (name: string) => `Learn model “${name}”`;

const colIndex = (doc: ModelDoc, name: string, aliases: Record<string, string>, cols: 'inputs' | 'outputs') => {
  const names = doc[cols].map((c) => c.name);
  const at = names.indexOf(name);
  return at >= 0 ? at : name in aliases ? names.indexOf(aliases[name]) : -1;
};

/** What a person calls an input: the rocket label for a rocket name, else the column name. */
const inputLabel = (name: string) => (rocketInputKey(name) ? rocketInputLabel(name) : name);

/**
 * The plan of an analysis of `doc`: `inputs` (analysis input names, with their spans) are model
 * columns or their rocket names; every other column takes its value from `fixed` (keyed the same
 * way), else from the rocket `problem` (its of, pc and first exit's areaRatio); `output` is an output
 * column (or ispVac for a surrogate's Isp), the first when null. Errors name the field and say why.
 */
export function surrogatePlan(
  doc: ModelDoc,
  inputs: { name: string; span: [number, number] }[],
  output: string | null,
  fixed: Record<string, number>,
  problem: Record<string, unknown> | null,
): Result<SurrogatePlan> {
  const who = `“${doc.name}”`;
  const takes = doc.inputs.map((c) => c.name).join(', ');
  if (doc.kind === 'efficiency') {
    return err('bad-input', `${who} is an efficiency model: it predicts measured/ideal ratios, which need the engine's ideal Isp; only a surrogate (trained on engine data) can stand in for the engine`, 'surrogate');
  }
  let outAt = 0;
  if (output !== null) {
    outAt = colIndex(doc, output, SURROGATE_OUTPUT_ALIASES, 'outputs');
    if (outAt < 0) {
      const label = ROCKET_OUTPUT_INFO[output as RocketOutput]?.label ?? output;
      return err('bad-input', `${who} predicts ${doc.outputs.map((c) => c.name).join(', ')}${doc.outputs[0]?.name === 'Isp' ? ' (vacuum Isp)' : ''}, not ${label} (got output ${formatValue(output)})`, 'output');
    }
  }
  const from = doc.inputs.map(() => -1);
  for (let i = 0; i < inputs.length; i++) {
    const c = colIndex(doc, inputs[i].name, SURROGATE_INPUT_ALIASES, 'inputs');
    if (c < 0) return err('bad-input', `${who} does not take ${inputLabel(inputs[i].name)} (it takes ${takes})`, `inputs[${i}].name`);
    if (from[c] >= 0) return err('bad-input', `${inputs[i].name} and ${inputs[from[c]].name} are the same input ${doc.inputs[c].name} of ${who}`, `inputs[${i}].name`);
    from[c] = i;
  }
  const fixedAt = doc.inputs.map(() => Number.NaN);
  for (const [k, v] of Object.entries(fixed)) {
    const c = colIndex(doc, k, SURROGATE_INPUT_ALIASES, 'inputs');
    if (c < 0) return err('bad-input', `fixed.${k}: ${who} has no input ${formatValue(k)} (it takes ${takes})`, `fixed.${k}`);
    if (from[c] >= 0) return err('bad-input', `fixed.${k}: ${k} is also an input; give it fixed or varied, not both`, `fixed.${k}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) return err('bad-input', `fixed.${k} must be a finite number (got ${formatValue(v)})`, `fixed.${k}`);
    fixedAt[c] = v;
  }
  // the problem's design values for Learn's design columns not varied and not given in `fixed`
  const exit = problem && Array.isArray(problem.exits) && isRecord(problem.exits[0]) ? problem.exits[0] : {};
  const fromProblem: Record<string, unknown> = problem ? { 'O/F': problem.of, pc: problem.pc, eps: exit.areaRatio } : {};
  for (let c = 0; c < doc.inputs.length; c++) {
    if (from[c] >= 0 || Number.isFinite(fixedAt[c])) continue;
    const v = fromProblem[doc.inputs[c].name];
    if (typeof v === 'number' && Number.isFinite(v)) fixedAt[c] = v;
    else return err('bad-input', `${who} also takes ${doc.inputs[c].name}: vary it, or give its value in "fixed" (e.g. {"${doc.inputs[c].name}": …})`, 'fixed');
  }
  for (let c = 0; c < doc.inputs.length; c++) {
    const i = from[c];
    if (doc.inputs[c].log && i >= 0 && !(inputs[i].span[0] > 0)) return err('bad-input', `${doc.inputs[c].name} is learned on a log scale, so its values must stay > 0 (got ${inputs[i].span[0]} to ${inputs[i].span[1]})`, `inputs[${i}]`);
    if (doc.inputs[c].log && i < 0 && !(fixedAt[c] > 0)) return err('bad-input', `${doc.inputs[c].name} is learned on a log scale, so its fixed value must be > 0 (got ${fixedAt[c]})`, 'fixed');
  }
  // reactants: a surrogate of RP-1 + LOX does not stand for LOX + methane
  const reactants = problem && Array.isArray(problem.reactants) ? (problem.reactants as { name?: unknown }[]).map((r) => String(r?.name)) : null;
  const key = (r: string[]) => [...r].sort().join(' + ');
  if (doc.reactants && reactants && key(doc.reactants) !== key(reactants)) {
    return err('bad-input', `${who} was trained for ${doc.reactants.join(' + ')}, not ${reactants.join(' + ')}`, 'surrogate');
  }
  return ok({ from, fixed: fixedAt, output: outAt, beyondTraining: beyondTraining(doc.inputs.map((c) => c.name), doc.inputRanges, inputs) });
}

/** The inputs whose span reaches beyond the training rows of a model with these columns and ranges. */
export function beyondTraining(columns: string[], ranges: InputRange[] | undefined, inputs: { name: string; span: [number, number] }[]): SurrogatePlan['beyondTraining'] {
  const out: SurrogatePlan['beyondTraining'] = [];
  if (!ranges) return out;
  for (const { name, span } of inputs) {
    const c = columns.indexOf(columns.includes(name) ? name : SURROGATE_INPUT_ALIASES[name] ?? '');
    const t = ranges[c];
    if (c < 0 || !t) continue;
    // the training rows' extremes are a sample of the box they were drawn from: 2 % of the span is not beyond it
    const tol = 0.02 * (t.max - t.min) + 1e-9 * Math.max(Math.abs(t.min), Math.abs(t.max), 1);
    if (span[0] < t.min - tol || span[1] > t.max + tol) out.push({ input: name, span, trained: [t.min, t.max] });
  }
  return out;
}

/** Rows of analysis input values as rows of the model's inputs. */
export function surrogateRows(plan: SurrogatePlan, rows: number[][]): number[][] {
  return rows.map((x) => plan.from.map((i, c) => (i >= 0 ? x[i] : plan.fixed[c])));
}

const sig = (v: number) => String(Number(v.toPrecision(4)));

/**
 * The sentence saying which model gave the values, with a warning where it extrapolates: pressures
 * and temperatures in the unit system's units (bar or psia, K or °R), as the forms show them.
 */
export function surrogateNote(name: string, beyondTraining: SurrogatePlan['beyondTraining'], system: UnitSystem = 'SI'): string {
  const beyond = beyondTraining.map((b) => {
    const q = rocketInputQuantity(b.input);
    const v = (x: number) => sig(q ? toDisplay(q, x, system) : x);
    const u = q ? ` ${unitLabel(q, system)}` : '';
    return `${inputLabel(b.input)} ${v(b.span[0])}–${v(b.span[1])}${u} (trained on ${v(b.trained[0])}–${v(b.trained[1])}${u})`;
  });
  return `Computed on the predictions of the ${surrogateTitle(name)}, not the engine` +
    (beyond.length ? `; beyond its training data, where it extrapolates: ${beyond.join(', ')}.` : '.');
}

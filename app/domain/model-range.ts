// Where a model was trained: each input's smallest and largest training value, kept in the model
// document, and the check that tells Explore when a design lies outside it — the prediction is
// then an extrapolation, and its interval (measured on the training data) does not hold there.
import type { UnitSystem } from './experiment.ts';
import type { InputRange, ModelDoc } from './ml-model.ts';
import { toDisplay, unitLabel, type Quantity } from './units.ts';

/** Per column of `rows` (samples × inputs, SI), the smallest and largest value. */
export function inputRanges(rows: number[][]): InputRange[] {
  const n = rows[0]?.length ?? 0;
  return Array.from({ length: n }, (_, j) => {
    let min = Infinity;
    let max = -Infinity;
    for (const r of rows) {
      min = Math.min(min, r[j]);
      max = Math.max(max, r[j]);
    }
    return { min, max };
  });
}

/** One input of a design outside the training range (SI). */
export interface OutOfRange {
  input: string;
  value: number;
  min: number;
  max: number;
}

// A value that went through a unit conversion and back, or a station's area ratio as the solver
// converged it (ε 40 comes back as 39.9999996), is still "on" the bound it was typed at.
const REL_TOL = 1e-6;

/**
 * The inputs of `x` (one row in the model's input order, SI) outside the range `doc` was trained
 * on: empty when every input is inside, null when the document does not record its range.
 */
export function outsideTrainingRange(doc: ModelDoc, x: number[]): OutOfRange[] | null {
  const ranges = doc.inputRanges;
  if (!ranges) return null;
  const out: OutOfRange[] = [];
  doc.inputs.forEach((c, j) => {
    const { min, max } = ranges[j];
    const tol = REL_TOL * Math.max(Math.abs(min), Math.abs(max));
    const v = x[j];
    if (!(v >= min - tol && v <= max + tol)) out.push({ input: c.name, value: v, min, max });
  });
  return out;
}

/** How the design inputs are shown (the model's input names are O/F, pc, eps). */
export const MODEL_INPUT_SHOWN: Record<string, { label: string; q: Quantity }> = {
  'O/F': { label: 'O/F', q: 'dimensionless' },
  pc: { label: 'pc', q: 'pressure' },
  eps: { label: 'ε', q: 'dimensionless' },
};

const short = (v: number, digits: number) => String(Number(v.toPrecision(digits)));

/** "O/F 4.2 is outside the training range 1.5–3.5", in the display units of `system`. */
export function describeOutOfRange(o: OutOfRange, system: UnitSystem): string {
  const { label, q } = MODEL_INPUT_SHOWN[o.input] ?? { label: o.input, q: 'dimensionless' as const };
  const [v, lo, hi] = [o.value, o.min, o.max].map((x) => toDisplay(q, x, system));
  const bound = v < lo ? lo : hi;
  // enough digits that the value never reads the same as the bound it crossed
  let d = 3;
  while (d < 12 && short(v, d) === short(bound, d)) d++;
  const unit = q === 'dimensionless' ? '' : ` ${unitLabel(q, system)}`;
  const range = lo === hi ? `(trained at ${short(lo, d)}${unit} only)` : `${short(lo, d)}–${short(hi, d)}${unit}`;
  return `${label} ${short(v, d)}${unit} is outside the training range ${range}`;
}

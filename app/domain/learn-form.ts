// Learn's numeric fields, checked the shared way (field-check.ts): each field's label, unit and
// limits (SI), and the ranges whose "from" must not be above their "to". The page shows each
// message beside its field; training refuses to start while any is there.
import { checkFieldRange, checkFieldText, checkFieldValue, type FieldCheck, type FieldSpec } from './field-check.ts';
import { parseNumberText } from './number-text.ts';
import { ENGINE_LIMITS } from './problem.ts';
import type { UnitSystem } from './experiment.ts';

export type LearnNumberField =
  | 'ofMin' | 'ofMax' | 'pcMin_bar' | 'pcMax_bar' | 'epsMin' | 'epsMax'
  | 'samples' | 'seed' | 'members' | 'epochs' | 'csvEps' | 'csvAt_cm2';

/** Most samples one simulated dataset may ask the engine for. */
export const MAX_LEARN_SAMPLES = 5000;

const OF: Omit<FieldSpec, 'label'> = { min: ENGINE_LIMITS.of.gt, minExclusive: true, max: ENGINE_LIMITS.of.le };
// The learn form keeps chamber pressures as bar text; the page shows and types them in the workspace's unit.
const PC: Omit<FieldSpec, 'label'> = { quantity: 'pressure', system: 'SI' as UnitSystem, min: ENGINE_LIMITS.pc_Pa.gt, minExclusive: true, max: ENGINE_LIMITS.pc_Pa.le };
const EPS: Omit<FieldSpec, 'label'> = { min: ENGINE_LIMITS.areaRatio.ge, max: ENGINE_LIMITS.areaRatio.le };

export const LEARN_FIELDS: Record<LearnNumberField, FieldSpec> = {
  ofMin: { label: 'O/F from', ...OF },
  ofMax: { label: 'O/F to', ...OF },
  pcMin_bar: { label: 'Chamber pressure from', ...PC },
  pcMax_bar: { label: 'Chamber pressure to', ...PC },
  epsMin: { label: 'Area ratio from', ...EPS },
  epsMax: { label: 'Area ratio to', ...EPS },
  samples: { label: 'Samples', integer: true, min: 8, max: MAX_LEARN_SAMPLES },
  seed: { label: 'Seed', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER },
  members: { label: 'Ensemble members', integer: true, min: 1, max: 20 },
  epochs: { label: 'Epochs', integer: true, min: 1, max: 100_000 },
  csvEps: { label: 'Area ratio when the file has none', ...EPS },
  // cm² typed, m² inside: the limit is in SI like every other
  csvAt_cm2: { label: 'Throat area for the c* check', unitText: 'cm²', min: 0, minExclusive: true },
};

/** Ranges: [from, to, the message's label]; a reversed one is reported on its "to" field. */
const RANGES: [LearnNumberField, LearnNumberField, string][] = [
  ['ofMin', 'ofMax', 'O/F'], ['pcMin_bar', 'pcMax_bar', 'Chamber pressure'], ['epsMin', 'epsMax', 'Area ratio'],
];

/** The fields a source shows (and trains with). */
export function learnFieldsOf(source: 'simulated' | 'csv' | 'stored'): LearnNumberField[] {
  const common: LearnNumberField[] = ['ofMin', 'ofMax', 'pcMin_bar', 'pcMax_bar', 'epsMin', 'epsMax', 'seed', 'members', 'epochs'];
  return source === 'simulated' ? [...common, 'samples'] : source === 'csv' ? [...common, 'csvEps', 'csvAt_cm2'] : common;
}

/** The message of every field of `source` that holds text it refuses (empty, junk, out of range, a
 * reversed range), with pressures named in `system`'s unit (the form's pressure text is in bar). */
export function learnFormErrors(form: Record<LearnNumberField, string> & { source: 'simulated' | 'csv' | 'stored' }, system: UnitSystem = 'SI'): Partial<Record<LearnNumberField, string>> {
  const out: Partial<Record<LearnNumberField, string>> = {};
  const si: Partial<Record<LearnNumberField, number>> = {};
  const check = (f: LearnNumberField): FieldCheck => {
    const spec = LEARN_FIELDS[f].quantity ? { ...LEARN_FIELDS[f], system } : LEARN_FIELDS[f];
    const bar = f === 'pcMin_bar' || f === 'pcMax_bar' ? parseNumberText(form[f]) : null;
    return bar === null ? checkFieldText(form[f], spec) : checkFieldValue(bar * 1e5, spec);
  };
  for (const f of learnFieldsOf(form.source)) {
    // an empty throat area means "none": the c* check is skipped
    if (f === 'csvAt_cm2' && form[f].trim() === '') continue;
    const r = check(f);
    if (r.ok) si[f] = r.si;
    else out[f] = r.message;
  }
  for (const [lo, hi, label] of RANGES) {
    const a = si[lo], b = si[hi];
    if (a === undefined || b === undefined) continue;
    const m = checkFieldRange(a, b, { ...LEARN_FIELDS[lo], system, label });
    if (m) out[hi] = m;
  }
  return out;
}

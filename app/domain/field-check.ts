// The one way a form field checks what a person typed: limits are defined in SI and compared in SI
// (with a tolerance for the display-unit round trip, so "0.01 bar" is not refused by a limit of
// 1000 Pa), and the message names the field, the limit and the typed value in the field's own
// display unit, rounded to a sensible number of significant digits.
import type { UnitSystem } from './experiment.ts';
import { parseNumberText } from './number-text.ts';
import { fromDisplay, toDisplay, unitLabel, type Quantity } from './units.ts';

/** Relative tolerance of a limit comparison: display ↔ SI conversions lose a few ulps (0.01 bar → 999.9999999999999 Pa). */
export const ROUND_TRIP_TOLERANCE = 1e-9;

const near = (a: number, b: number) => Math.abs(a - b) <= ROUND_TRIP_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));

export interface FieldLimits {
  /** Lower bound in SI (inclusive unless minExclusive). */
  min?: number;
  minExclusive?: boolean;
  /** Upper bound in SI (inclusive unless maxExclusive). */
  max?: number;
  maxExclusive?: boolean;
  /** Only whole numbers (counts, seeds). */
  integer?: boolean;
  /** Only even whole numbers (a population). */
  even?: boolean;
}

export interface FieldSpec extends FieldLimits {
  /** The field's label as the user reads it ("Chamber pressure"). */
  label: string;
  /** The quantity (pressure, temperature…); without one the number is shown as typed. */
  quantity?: Quantity;
  system?: UnitSystem;
  /** A unit to name when the quantity has none of its own ("%", "kg/(s·m²)"). */
  unitText?: string;
}

export type FieldCheck = { ok: true; si: number } | { ok: false; message: string };

/** `v` to `digits` significant digits; 'up' / 'down' round away from the nearest only when that
 * would cross `v` by more than the round-trip tolerance (a shown lower limit is never below the true one). */
export function roundSig(v: number, digits = 6, dir: 'nearest' | 'up' | 'down' = 'nearest'): number {
  if (!Number.isFinite(v) || v === 0) return v;
  let r = Number(v.toPrecision(digits));
  const ulp = 10 ** (Math.floor(Math.log10(Math.abs(r))) - digits + 1);
  if (dir === 'up' && r < v && !near(r, v)) r = Number((r + ulp).toPrecision(digits));
  if (dir === 'down' && r > v && !near(r, v)) r = Number((r - ulp).toPrecision(digits));
  return r;
}

/** A number rounded to `digits` significant digits, with no trailing zeros and no float noise: 0.09999999999999999 → "0.1". */
export function formatPlain(v: number, digits = 6, dir: 'nearest' | 'up' | 'down' = 'nearest'): string {
  if (!Number.isFinite(v)) return String(v);
  const r = roundSig(v, digits, dir);
  return Object.is(r, -0) ? '0' : String(r);
}

/** The unit a field shows ('' when it has none). */
export function fieldUnit(spec: Pick<FieldSpec, 'quantity' | 'system' | 'unitText'>): string {
  if (spec.unitText !== undefined) return spec.unitText;
  if (!spec.quantity) return '';
  const u = unitLabel(spec.quantity, spec.system ?? 'SI');
  return u === '–' ? '' : u;
}

/** An SI value as the field shows it. */
export const toShown = (si: number, spec: Pick<FieldSpec, 'quantity' | 'system'>): number =>
  spec.quantity ? toDisplay(spec.quantity, si, spec.system ?? 'SI') : si;
/** A shown value in SI. */
export const fromShown = (shown: number, spec: Pick<FieldSpec, 'quantity' | 'system'>): number =>
  spec.quantity ? fromDisplay(spec.quantity, shown, spec.system ?? 'SI') : shown;

/** "0.01 bar", "14.5038 psia", "3": a shown number with the field's unit. */
export function withFieldUnit(shown: number, spec: Pick<FieldSpec, 'quantity' | 'system' | 'unitText'>, dir: 'nearest' | 'up' | 'down' = 'nearest'): string {
  const u = fieldUnit(spec);
  const n = formatPlain(shown, 6, dir);
  return u ? (u === '%' ? `${n} %` : `${n} ${u}`) : n;
}

/** An SI value formatted in the field's display unit ("0.01 bar" for 1000 Pa). */
export function formatForField(si: number, spec: Pick<FieldSpec, 'quantity' | 'system' | 'unitText'>, dir: 'nearest' | 'up' | 'down' = 'nearest'): string {
  return withFieldUnit(toShown(si, spec), spec, dir);
}

/** Checks an SI value against the spec's limits. A value within the round-trip tolerance of an
 * inclusive limit is taken as the limit itself (from either side), so what is stored passes the same check in SI. */
export function checkFieldValue(si: number, spec: FieldSpec, shown = toShown(si, spec)): FieldCheck {
  const got = `(got ${withFieldUnit(shown, spec)})`;
  const { label } = spec;
  if (!Number.isFinite(si)) return { ok: false, message: `${label} must be a number ${got}` };
  if (spec.integer || spec.even) {
    if (!Number.isInteger(shown)) return { ok: false, message: `${label} must be a whole number ${got}` };
    if (spec.even && shown % 2 !== 0) return { ok: false, message: `${label} must be an even number ${got}` };
  }
  let v = si;
  if (spec.min !== undefined) {
    const lim = formatForField(spec.min, spec, 'up');
    if (spec.minExclusive ? v <= spec.min || near(v, spec.min) : v < spec.min && !near(v, spec.min)) {
      return { ok: false, message: `${label} must be ${spec.minExclusive ? '>' : '≥'} ${lim} ${got}` };
    }
    if (v < spec.min || near(v, spec.min)) v = spec.min;
  }
  if (spec.max !== undefined) {
    const lim = formatForField(spec.max, spec, 'down');
    if (spec.maxExclusive ? v >= spec.max || near(v, spec.max) : v > spec.max && !near(v, spec.max)) {
      return { ok: false, message: `${label} must be ${spec.maxExclusive ? '<' : '≤'} ${lim} ${got}` };
    }
    if (v > spec.max || near(v, spec.max)) v = spec.max;
  }
  return { ok: true, si: v };
}

/** Checks text typed into a field: empty, not a number, not whole, out of range; on success the SI value. */
export function checkFieldText(text: string, spec: FieldSpec): FieldCheck {
  if (text.trim() === '') {
    const u = fieldUnit(spec);
    return { ok: false, message: `${spec.label} is empty: enter a number${u && u !== '%' ? ` in ${u}` : ''}` };
  }
  const shown = parseNumberText(text);
  if (shown === null) {
    const t = text.trim();
    return { ok: false, message: `${spec.label} must be a number (got "${t.length > 30 ? t.slice(0, 30) + '…' : t}")` };
  }
  return checkFieldValue(fromShown(shown, spec), spec, shown);
}

/** A range's two ends, already checked one by one, in order: the message names both in the field's unit. */
export function checkFieldRange(loSi: number, hiSi: number, spec: Pick<FieldSpec, 'label' | 'quantity' | 'system' | 'unitText'>): string | null {
  return loSi > hiSi && !near(loSi, hiSi)
    ? `${spec.label}: “from” ${formatForField(loSi, spec)} is above “to” ${formatForField(hiSi, spec)}`
    : null;
}

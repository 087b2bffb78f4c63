// Small validators that name the field and the value in their message.
import { err, type KernelError } from './result.ts';

/** The failure half of a Result. */
export type Failure = { ok: false; error: KernelError };

export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length}`;
  return 'an object';
}

export interface NumberRule {
  field: string;
  label: string;
  unit?: string;
  /** exclusive lower bound */
  gt?: number;
  /** inclusive lower bound */
  ge?: number;
  /** exclusive upper bound */
  lt?: number;
  /** inclusive upper bound */
  le?: number;
}

/**
 * Whether v is a finite number within the bounds (checkNumber passes exactly these): a check for hot
 * paths that builds no message; checkNumber then only runs for a value that fails.
 */
export function withinBounds(v: unknown, b: Pick<NumberRule, 'gt' | 'ge' | 'lt' | 'le'>): boolean {
  return typeof v === 'number' && Number.isFinite(v) && (b.gt === undefined || v > b.gt) && (b.ge === undefined || v >= b.ge) &&
    (b.lt === undefined || v < b.lt) && (b.le === undefined || v <= b.le);
}

/** Checks that v is a finite number within the rule's bounds; returns an error naming field and value. */
export function checkNumber(v: unknown, r: NumberRule): Failure | null {
  const unit = r.unit ? ` ${r.unit}` : '';
  // the value quoted without float noise (0.09999999999999999 → 0.1); 12 digits keep every typed one
  const got = (x: number) => String(Number(x.toPrecision(12)));
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return err('bad-input', `${r.label} must be a number (got ${formatValue(v)})`, r.field);
  }
  if (r.gt !== undefined && !(v > r.gt)) return err('bad-input', `${r.label} must be > ${r.gt}${unit} (got ${got(v)})`, r.field);
  if (r.ge !== undefined && !(v >= r.ge)) return err('bad-input', `${r.label} must be ≥ ${r.ge}${unit} (got ${got(v)})`, r.field);
  if (r.lt !== undefined && !(v < r.lt)) return err('bad-input', `${r.label} must be < ${r.lt}${unit} (got ${got(v)})`, r.field);
  if (r.le !== undefined && !(v <= r.le)) return err('bad-input', `${r.label} must be ≤ ${r.le}${unit} (got ${got(v)})`, r.field);
  return null;
}

// What the live view and its worker exchange, and the decimation that keeps a chart of a long
// firing at a few thousand points whatever the sample rate.
import type { FiringAnalysis, FiringDesign } from './analyse.ts';

/** Messages to the stand worker. */
export type StandIn =
  | { type: 'reset' }
  | { type: 'text'; text: string }
  | { type: 'end' }
  | { type: 'restore'; headerLine: string; columns: Float64Array[] }
  | { type: 'design'; design: FiringDesign };

export interface Polyline {
  t: Float64Array;
  y: Float64Array;
}

/** Decimated thrust (N) and chamber pressure (Pa) against time (s). */
export interface StandView {
  thrust: Polyline;
  pc: Polyline | null;
}

/** Messages from the stand worker. */
export type StandOut =
  | {
      type: 'update';
      samples: number;
      errorCount: number;
      /** The first refused lines' messages. */
      errors: string[];
      /** Why the stream cannot be read at all (a bad header). */
      failed: string | null;
      analysis: FiringAnalysis | null;
      /** Why there are no figures yet (no burn so far…). */
      waiting: string | null;
      view: StandView;
    }
  /** Samples not yet stored, SI columns in header order, from sample index `from`. */
  | { type: 'rows'; headerLine: string; from: number; columns: Float64Array[] };

/**
 * Min and max of y in each of `buckets` equal time slices, as a polyline of at most 2·buckets
 * points (a spike survives decimation; NaN samples are left out).
 */
export function decimate(t: Float64Array, y: Float64Array, buckets: number): Polyline {
  const n = t.length;
  if (n <= 2 * buckets) {
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(y[i])) keep.push(i);
    return { t: Float64Array.from(keep, (i) => t[i]), y: Float64Array.from(keep, (i) => y[i]) };
  }
  const t0 = t[0];
  const span = t[n - 1] - t0 || 1;
  const ot: number[] = [];
  const oy: number[] = [];
  let i = 0;
  for (let b = 0; b < buckets && i < n; b++) {
    const end = t0 + ((b + 1) * span) / buckets;
    let lo = -1;
    let hi = -1;
    for (; i < n && (t[i] <= end || b === buckets - 1); i++) {
      if (!Number.isFinite(y[i])) continue;
      if (lo < 0 || y[i] < y[lo]) lo = i;
      if (hi < 0 || y[i] > y[hi]) hi = i;
    }
    if (lo < 0) continue;
    const [a, c] = lo <= hi ? [lo, hi] : [hi, lo];
    ot.push(t[a]);
    oy.push(y[a]);
    if (c !== a) {
      ot.push(t[c]);
      oy.push(y[c]);
    }
  }
  return { t: Float64Array.from(ot), y: Float64Array.from(oy) };
}

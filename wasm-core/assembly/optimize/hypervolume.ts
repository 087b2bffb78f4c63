// Exact hypervolume (all objectives minimised) of a point set with respect to a reference point,
// for 2 objectives (sort and sweep, O(n log n)) and 3 objectives (slicing along the third objective
// with an incrementally kept 2-D staircase, O(n²) — ample for fronts of hundreds to thousands).
// Points not strictly better than the reference in every objective contribute nothing.
import { heapSortByKey } from './sort';

let cap: i32 = 0;
let pts = new StaticArray<f64>(0); // caller's points, n × m
let keys = new StaticArray<f64>(0);
let idx = new StaticArray<i32>(0);
let sx = new StaticArray<f64>(0); // 2-D staircase: x ascending, y descending
let sy = new StaticArray<f64>(0);

/** Makes room for n points of m ≤ 3 objectives; returns the buffer to write them to (f64 × n × m). */
export function hvReserve(n: i32, m: i32): usize {
  const need = max(1, n);
  if (need > cap) {
    cap = need;
    pts = new StaticArray<f64>(cap * 3);
    keys = new StaticArray<f64>(cap);
    idx = new StaticArray<i32>(cap);
    sx = new StaticArray<f64>(cap);
    sy = new StaticArray<f64>(cap);
  }
  return changetype<usize>(pts);
}

// Indices of the points inside the reference box, in idx[0..k) with keys = objective `by`.
function inside(n: i32, m: i32, r0: f64, r1: f64, r2: f64, by: i32): i32 {
  let k = 0;
  for (let i = 0; i < n; i++) {
    const a = unchecked(pts[i * m]);
    const b = unchecked(pts[i * m + 1]);
    const c = m == 3 ? unchecked(pts[i * m + 2]) : -Infinity;
    if (a < r0 && b < r1 && c < r2) {
      unchecked(idx[k] = i);
      unchecked(keys[k] = pts[i * m + by]);
      k++;
    }
  }
  return k;
}

function hv2(n: i32, r0: f64, r1: f64): f64 {
  const k = inside(n, 2, r0, r1, Infinity, 0);
  heapSortByKey(keys, idx, 0, k);
  let area: f64 = 0.0;
  let yPrev = r1;
  for (let j = 0; j < k; j++) {
    const i = unchecked(idx[j]);
    const y = unchecked(pts[i * 2 + 1]);
    if (y < yPrev) {
      area += (r0 - unchecked(pts[i * 2])) * (yPrev - y);
      yPrev = y;
    }
  }
  return area;
}

let stairArea: f64 = 0.0; // area the staircase dominates within the reference box

// Inserts (px, py) into the staircase of len points (reference corner r0, r1), updating stairArea
// by the strip it adds; returns the new length. Binary search plus one block move, and the area
// update touches only the points removed, so a slice costs O(log n) besides the move.
function stairInsert(len: i32, px: f64, py: f64, r0: f64, r1: f64): i32 {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (unchecked(sx[mid]) < px) lo = mid + 1;
    else hi = mid;
  }
  const pos = lo;
  const yCeil = pos > 0 ? unchecked(sy[pos - 1]) : r1;
  if (yCeil <= py) return len; // dominated by a point left of it
  if (pos < len && unchecked(sx[pos]) == px && unchecked(sy[pos]) <= py) return len;
  let end = pos;
  while (end < len && unchecked(sy[end]) >= py) end++; // points p dominates
  const removed = end - pos;
  const xEnd = end < len ? unchecked(sx[end]) : r0;
  // Old area over [px, xEnd): the left neighbour's height up to the first removed point, then
  // each removed point's step; new area: p's height throughout.
  let old = ((removed > 0 ? unchecked(sx[pos]) : xEnd) - px) * (r1 - yCeil);
  for (let j = pos; j < end; j++) {
    const next = j + 1 < end ? unchecked(sx[j + 1]) : xEnd;
    old += (next - unchecked(sx[j])) * (r1 - unchecked(sy[j]));
  }
  stairArea += (xEnd - px) * (r1 - py) - old;
  if (removed != 1) {
    const from = changetype<usize>(sx) + (<usize>end << 3);
    const to = changetype<usize>(sx) + (<usize>(pos + 1) << 3);
    memory.copy(to, from, <usize>(len - end) << 3);
    memory.copy(changetype<usize>(sy) + (<usize>(pos + 1) << 3), changetype<usize>(sy) + (<usize>end << 3), <usize>(len - end) << 3);
  }
  unchecked(sx[pos] = px);
  unchecked(sy[pos] = py);
  return len - removed + 1;
}

function hv3(n: i32, r0: f64, r1: f64, r2: f64): f64 {
  const k = inside(n, 3, r0, r1, r2, 2);
  heapSortByKey(keys, idx, 0, k);
  let vol: f64 = 0.0;
  let len = 0;
  stairArea = 0.0;
  for (let j = 0; j < k; j++) {
    const i = unchecked(idx[j]);
    len = stairInsert(len, unchecked(pts[i * 3]), unchecked(pts[i * 3 + 1]), r0, r1);
    const zNext = j + 1 < k ? unchecked(keys[j + 1]) : r2;
    const dz = zNext - unchecked(keys[j]);
    if (dz > 0.0) vol += stairArea * dz;
  }
  return vol;
}

/**
 * Hypervolume of the n points written at hvReserve's buffer (m = 2 or 3 objectives, minimised)
 * against the reference point (r0, r1[, r2]); NaN for other m or n larger than reserved.
 */
export function hvCompute(n: i32, m: i32, r0: f64, r1: f64, r2: f64): f64 {
  if (n < 0 || n > cap) return NaN;
  if (m == 2) return hv2(n, r0, r1);
  if (m == 3) return hv3(n, r0, r1, r2);
  return NaN;
}

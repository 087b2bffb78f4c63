// Maximiser of a function of one variable on [lo, hi], by reverse communication (the function —
// e.g. vacuum Isp against O/F — is evaluated by the caller, possibly in another worker):
//   max1dStart(lo, hi, nScan, relTol); while (!isNaN(x = max1dNext())) max1dTell(f(x)).
// A uniform scan of nScan points brackets the best sample between its neighbours, then Brent's
// method (golden section with parabolic interpolation; Brent 1973, ch. 5) refines it until the
// bracket is within relTol·|x|. NaN values count as −∞ so failed evaluations steer away.
import { OK, ERR_BAD_INPUT, ERR_NO_CONVERGENCE } from '../common';

const GOLDEN: f64 = 0.3819660112501051; // (3 − √5)/2
const MAX_BRENT_STEPS: i32 = 200;

let lo: f64 = 0.0;
let hi: f64 = 0.0;
let nScan: i32 = 0;
let relTol: f64 = 1e-4;
let phase: i32 = 0; // 0 scan, 1 Brent's first point, 2 Brent, 3 done
let status: i32 = OK;
let scanI: i32 = 0;
let evaluations: i32 = 0;
let pending: f64 = NaN;
let bestX: f64 = NaN;
let bestF: f64 = -Infinity;
let scanBest: i32 = -1;
let steps: i32 = 0;
// Brent's state, minimising g = −f.
let a: f64 = 0.0;
let b: f64 = 0.0;
let v: f64 = 0.0;
let w: f64 = 0.0;
let x: f64 = 0.0;
let gv: f64 = 0.0;
let gw: f64 = 0.0;
let gx: f64 = 0.0;
let d: f64 = 0.0;
let e: f64 = 0.0;

/** Starts a search on [lower, upper] with nScanPoints ≥ 3 bracketing samples and relative tolerance on x. */
export function max1dStart(lower: f64, upper: f64, nScanPoints: i32, relativeTolerance: f64): i32 {
  if (!isFinite(lower) || !isFinite(upper) || !(lower < upper) || nScanPoints < 3 || !(relativeTolerance > 0.0)) {
    phase = 3;
    status = ERR_BAD_INPUT;
    return status;
  }
  lo = lower;
  hi = upper;
  nScan = nScanPoints;
  relTol = relativeTolerance;
  phase = 0;
  status = OK;
  scanI = 0;
  evaluations = 0;
  bestX = NaN;
  bestF = -Infinity;
  scanBest = -1;
  steps = 0;
  return OK;
}

function scanX(i: i32): f64 {
  return i == nScan - 1 ? hi : lo + (hi - lo) * <f64>i / <f64>(nScan - 1);
}

function tolerance(): f64 {
  // Brent's x is within about 2·tol of the true optimum; a quarter of relTol leaves margin.
  return 0.25 * relTol * Math.abs(x) + 1e-12 * (hi - lo);
}

// Brent's next trial point from the current state, or NaN when the bracket is small enough.
function brentStep(): f64 {
  const m = 0.5 * (a + b);
  const tol = tolerance();
  const t2 = 2.0 * tol;
  if (Math.abs(x - m) <= t2 - 0.5 * (b - a) || steps >= MAX_BRENT_STEPS) return NaN;
  steps++;
  let p: f64 = 0.0;
  let q: f64 = 0.0;
  let r: f64 = 0.0;
  if (Math.abs(e) > tol) {
    r = (x - w) * (gx - gv);
    q = (x - v) * (gx - gw);
    p = (x - v) * q - (x - w) * r;
    q = 2.0 * (q - r);
    if (q > 0.0) p = -p;
    else q = -q;
    r = e;
    e = d;
  }
  if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
    d = p / q; // parabolic step
    const u = x + d;
    if (u - a < t2 || b - u < t2) d = x < m ? tol : -tol;
  } else {
    e = (x < m ? b : a) - x; // golden-section step into the larger part
    d = GOLDEN * e;
  }
  return x + (Math.abs(d) >= tol ? d : (d > 0.0 ? tol : -tol));
}

function brentUpdate(u: f64, gu: f64): void {
  if (gu <= gx) {
    if (u < x) b = x;
    else a = x;
    v = w; gv = gw;
    w = x; gw = gx;
    x = u; gx = gu;
  } else {
    if (u < x) a = u;
    else b = u;
    if (gu <= gw || w == x) {
      v = w; gv = gw;
      w = u; gw = gu;
    } else if (gu <= gv || v == x || v == w) {
      v = u; gv = gu;
    }
  }
}

/** The next x to evaluate, or NaN when the search has finished (see max1dBestX, max1dStatus). */
export function max1dNext(): f64 {
  if (phase == 0) {
    pending = scanX(scanI);
  } else if (phase == 1) {
    pending = x;
  } else if (phase == 2) {
    pending = brentStep();
    if (isNaN(pending)) phase = 3;
  } else {
    pending = NaN;
  }
  return pending;
}

/** Reports f at the x returned by the last max1dNext. */
export function max1dTell(f: f64): void {
  if (phase == 3 || isNaN(pending)) return;
  evaluations++;
  const fv = isNaN(f) ? -Infinity : f;
  if (fv > bestF || isNaN(bestX)) {
    bestF = fv;
    bestX = pending;
  }
  if (phase == 0) {
    if (fv == bestF && bestX == pending) scanBest = scanI;
    scanI++;
    if (scanI == nScan) {
      if (bestF == -Infinity) {
        phase = 3;
        status = ERR_NO_CONVERGENCE;
        return;
      }
      a = scanX(max(0, scanBest - 1));
      b = scanX(min(nScan - 1, scanBest + 1));
      x = a + GOLDEN * (b - a);
      v = x; w = x;
      d = 0.0; e = 0.0;
      phase = 1;
    }
  } else if (phase == 1) {
    gx = -fv; gv = gx; gw = gx;
    phase = 2;
  } else {
    brentUpdate(pending, -fv);
  }
}

/** Best x seen (the maximiser once finished). */
export function max1dBestX(): f64 { return bestX; }
/** f at max1dBestX. */
export function max1dBestF(): f64 { return bestF; }
/** Function evaluations so far. */
export function max1dEvaluations(): i32 { return evaluations; }
/** OK, ERR_BAD_INPUT (bad interval) or ERR_NO_CONVERGENCE (no finite value found). */
export function max1dStatus(): i32 { return status; }

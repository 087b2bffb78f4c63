// Minimum-length supersonic nozzle by the method of characteristics, planar or axisymmetric,
// for a perfect gas of frozen γ: a sharp-cornered throat whose Prandtl–Meyer fan (C− lines from the
// corner) reflects off the axis; the wall turns the flow back to axial and uniform at the design
// Mach number. Unit processes and compatibility relations as in Anderson, Modern Compressible Flow
// (3rd ed.), §11.7–11.8 (planar) and §13.5 (axisymmetric); Zucrow & Hoffman, Gas Dynamics vol. 2,
// ch. 16. Along C−: d(θ+ν) = +sinμ·sinθ/r·ds; along C+: d(θ−ν) = −sinμ·sinθ/r·ds (axisymmetric
// source term, 0 in planar flow), with a predictor–corrector (mean slopes and source terms).
//
// The wall point of each C+ line is placed where the mass flow crossed between the axis and that
// point equals the throat's (the wall is the streamline through the corner), so every wall point,
// and in particular the exit, conserves mass. Lengths are in throat radii (half-heights, planar).
import { areaRatioOfMach, machOfPrandtlMeyer, prandtlMeyer } from './isentropic.ts';

interface CharPoint { x: number; r: number; th: number; nu: number; mu: number; M: number }

export interface MocOptions {
  /** Planar (2-D) instead of axisymmetric. */
  planar?: boolean;
  /** Number of C− characteristics from the corner (default 40). */
  characteristics?: number;
}

export interface MocNozzle {
  /** Wall from the throat corner (0, 1) to the exit, in throat radii. */
  wall: { x: number; r: number }[];
  /** Flow (and wall) angle just downstream of the corner, degrees. */
  thetaMaxDeg: number;
  /** Exit area ratio of the drawn wall: re² (axisymmetric) or re (planar). */
  exitAreaRatio: number;
  /** Mach number on the axis where the last characteristic from the corner arrives (= the design Mach). */
  axisExitMach: number;
  /** Length from the throat to the exit, throat radii. */
  length: number;
}

function point(x: number, r: number, th: number, nu: number, g: number, guessM?: number): CharPoint {
  const M = machOfPrandtlMeyer(nu, g, guessM);
  return { x, r, th, nu, mu: Math.asin(1 / M), M };
}

/** Source term sinμ·sinθ/r of the axisymmetric compatibility relations (NaN on the axis). */
function source(p: CharPoint, planar: boolean): number {
  if (planar) return 0;
  return p.r > 1e-12 ? (Math.sin(p.mu) * Math.sin(p.th)) / p.r : NaN;
}

const meanOf = (a: number, b: number) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : 0.5 * (a + b));

function intersect(a: CharPoint, ma: number, b: CharPoint, mb: number): [number, number] {
  const x = (b.r - a.r + ma * a.x - mb * b.x) / (ma - mb);
  return [x, a.r + ma * (x - a.x)];
}

/** Interior point from A (upstream on its C− line) and B (upstream on its C+ line). */
function interior(a: CharPoint, b: CharPoint, g: number, planar: boolean): CharPoint {
  let ma = Math.tan(a.th - a.mu);
  let mb = Math.tan(b.th + b.mu);
  let [x, r] = intersect(a, ma, b, mb);
  let qa = source(a, planar);
  let qb = source(b, planar);
  qa = meanOf(qa, qb);
  qb = meanOf(qb, qa);
  if (Number.isNaN(qa)) qa = qb = 0;
  let p: CharPoint | null = null;
  for (let it = 0; it < 3; it++) {
    const kMinus = a.th + a.nu + qa * Math.hypot(x - a.x, r - a.r);
    const kPlus = b.th - b.nu - qb * Math.hypot(x - b.x, r - b.r);
    p = point(x, r, 0.5 * (kMinus + kPlus), 0.5 * (kMinus - kPlus), g, p?.M ?? a.M);
    ma = Math.tan(0.5 * (a.th - a.mu + p.th - p.mu));
    mb = Math.tan(0.5 * (b.th + b.mu + p.th + p.mu));
    [x, r] = intersect(a, ma, b, mb);
    const q3 = source({ ...p, x, r }, planar);
    qa = meanOf(source(a, planar), q3);
    qb = meanOf(source(b, planar), q3);
  }
  const kMinus = a.th + a.nu + qa * Math.hypot(x - a.x, r - a.r);
  const kPlus = b.th - b.nu - qb * Math.hypot(x - b.x, r - b.r);
  return point(x, r, 0.5 * (kMinus + kPlus), 0.5 * (kMinus - kPlus), g, p?.M);
}

/** Point where the C− line from A meets the axis (θ = 0 there by symmetry). */
function onAxis(a: CharPoint, g: number, planar: boolean): CharPoint {
  const qa = source(a, planar) || 0;
  let m = Math.tan(a.th - a.mu);
  let p: CharPoint | null = null;
  for (let it = 0; it < 4; it++) {
    const x = a.x - a.r / m;
    const nu = a.th + a.nu + qa * Math.hypot(x - a.x, a.r);
    p = point(x, 0, 0, nu, g, p?.M ?? a.M);
    m = Math.tan(0.5 * (a.th - a.mu - p.mu));
  }
  return p!;
}

/** The characteristic net for a corner angle thetaMax: rows of C− lines, each ending on the axis. */
function net(thetaMax: number, n: number, g: number, planar: boolean): CharPoint[][] {
  const theta0 = thetaMax / (2 * n);
  const rows: CharPoint[][] = [];
  for (let j = 0; j < n; j++) {
    const th = n === 1 ? thetaMax : theta0 + ((thetaMax - theta0) * j) / (n - 1);
    let prev = point(0, 1, th, th, g); // at the corner the fan is a planar Prandtl–Meyer expansion from M = 1
    const row: CharPoint[] = [];
    for (let i = 0; i < j; i++) {
      prev = interior(prev, rows[j - 1][i], g, planar);
      row.push(prev);
    }
    row.push(onAxis(prev, g, planar));
    rows.push(row);
  }
  return rows;
}

/**
 * Walks the C+ line `line` from the axis, adding the mass flow crossing it (per unit ρ*V*), and
 * returns the point where the flow equals the throat's: that point lies on the wall streamline.
 */
function wallPoint(line: CharPoint[], g: number, planar: boolean): { x: number; r: number } {
  const total = planar ? 1 : Math.PI;
  const w = (r: number) => (planar ? 1 : 2 * Math.PI * r);
  let acc = 0;
  for (let k = 1; k < line.length; k++) {
    const p = line[k - 1];
    const q = line[k];
    const ds = Math.hypot(q.x - p.x, q.r - p.r);
    const phi = Math.atan2(q.r - p.r, q.x - p.x);
    const flux = (s: CharPoint) => (Math.abs(Math.sin(s.th - phi)) / areaRatioOfMach(s.M, g)) * w(s.r);
    const add = 0.5 * (flux(p) + flux(q)) * ds;
    if (acc + add >= total) {
      const t = (total - acc) / add;
      return { x: p.x + t * (q.x - p.x), r: p.r + t * (q.r - p.r) };
    }
    acc += add;
  }
  // beyond the last crossing the C+ line runs straight with the last point's flow
  const p = line[line.length - 1];
  const phi = p.th + p.mu;
  const f = Math.sin(p.mu) / areaRatioOfMach(p.M, g);
  const rem = total - acc;
  let s: number;
  if (planar) s = rem / f;
  else {
    const a = 0.5 * Math.sin(phi);
    const c = rem / (2 * Math.PI * f);
    s = a > 1e-12 ? (-p.r + Math.sqrt(p.r * p.r + 4 * a * c)) / (2 * a) : c / p.r;
  }
  return { x: p.x + s * Math.cos(phi), r: p.r + s * Math.sin(phi) };
}

/** Minimum-length nozzle for exit Mach Me (> 1) and frozen γ g; lengths in throat radii. */
export function minimumLengthNozzle(Me: number, g: number, opts: MocOptions = {}): MocNozzle {
  const planar = opts.planar ?? false;
  const n = Math.max(3, Math.round(opts.characteristics ?? 40));
  const nuE = prandtlMeyer(Me, g);
  let thetaMax = nuE / 2; // exact in planar flow (Anderson §11.8); the axisymmetric corner turns less
  let rows = net(thetaMax, n, g, planar);
  if (!planar) {
    // the last axis point's ν grows smoothly with the corner angle: secant iterations
    const miss = (t: number) => net(t, n, g, planar)[n - 1][n - 1].nu - nuE;
    let t0 = 0.5 * thetaMax;
    let f0 = miss(t0);
    let t1 = 0.4 * thetaMax;
    let f1 = miss(t1);
    for (let it = 0; it < 30 && Math.abs(f1) > 1e-11 && f1 !== f0; it++) {
      const t2 = Math.min(nuE / 2, Math.max(1e-6, t1 - (f1 * (t1 - t0)) / (f1 - f0)));
      t0 = t1; f0 = f1;
      t1 = t2; f1 = miss(t1);
    }
    thetaMax = t1;
    rows = net(thetaMax, n, g, planar);
  }
  const wall: { x: number; r: number }[] = [{ x: 0, r: 1 }];
  for (let i = 0; i < n; i++) {
    const line: CharPoint[] = [];
    for (let j = i; j < n; j++) line.push(rows[j][i]);
    wall.push(wallPoint(line, g, planar));
  }
  const re = wall[wall.length - 1].r;
  return {
    wall,
    thetaMaxDeg: (thetaMax * 180) / Math.PI,
    exitAreaRatio: planar ? re : re * re,
    axisExitMach: rows[n - 1][n - 1].M,
    length: wall[wall.length - 1].x,
  };
}

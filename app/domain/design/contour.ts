// Wall contours of a thrust chamber as (x, r) polylines, x = 0 at the throat, SI lengths:
// the convergent chamber (cylinder, fillet, cone, throat arc), and the divergent nozzle as a cone,
// a Rao thrust-optimised parabolic bell or a method-of-characteristics minimum-length wall.
// Throat arcs: 1.5·Rt upstream and 0.382·Rt downstream by default (Rao 1960; Huzel & Huang §4.2).
import { RAO_EPS_MAX, RAO_EPS_MIN, raoAngles } from './rao.ts';
import { minimumLengthNozzle } from './moc.ts';
import { machOfAreaRatio } from './isentropic.ts';

export interface XR { x: number; r: number }

const DEG = Math.PI / 180;

/** Divergence efficiency of a conical nozzle of half-angle alphaDeg: λ = (1 + cos α)/2 (Malina 1940; Sutton & Biblarz eq. 3-34). */
export const coneDivergenceEfficiency = (alphaDeg: number): number => 0.5 * (1 + Math.cos(alphaDeg * DEG));

/**
 * Divergent length of a conical nozzle in throat radii, from the throat plane with a sharp throat:
 * (√ε − 1)/tan α. Rao's bell lengths are fractions of the 15° cone's.
 */
export const coneLengthInRt = (eps: number, alphaDeg: number): number => (Math.sqrt(eps) - 1) / Math.tan(alphaDeg * DEG);

/**
 * Equivalent divergence efficiency of a bell whose exit flow angle rises linearly with radius from
 * 0 on the axis to thetaE at the lip, the exit plane's axial momentum averaged over its area:
 * λ = 2∫₀¹ s·cos(θe·s) ds = 2(cos θe − 1 + θe·sin θe)/θe². At a cone's angle α it gives (1+cos α)/2
 * within 0.01 % up to 15° (0.06 % at 30°), which is why it serves as the bell's equivalent.
 */
export function bellDivergenceEfficiency(thetaEDeg: number): number {
  const t = thetaEDeg * DEG;
  if (t < 1e-6) return 1;
  return (2 * (Math.cos(t) - 1 + t * Math.sin(t))) / (t * t);
}

function arc(cx: number, cr: number, R: number, a0: number, a1: number, n: number, out: XR[]): void {
  // points on a circle of centre (cx, cr), angle a measured from the −r axis (a = 0: lowest point)
  for (let i = 0; i <= n; i++) {
    const a = a0 + ((a1 - a0) * i) / n;
    out.push({ x: cx + R * Math.sin(a), r: cr - R * Math.cos(a) });
  }
}

function line(a: XR, b: XR, n: number, out: XR[]): void {
  for (let i = 0; i <= n; i++) out.push({ x: a.x + ((b.x - a.x) * i) / n, r: a.r + ((b.r - a.r) * i) / n });
}

/** Appends `pts` to `out`, skipping a first point equal to out's last (the joint of two pieces). */
function append(out: XR[], pts: XR[]): void {
  for (const p of pts) {
    const q = out[out.length - 1];
    if (q && Math.abs(q.x - p.x) < 1e-12 && Math.abs(q.r - p.r) < 1e-12) continue;
    out.push(p);
  }
}

export interface ChamberGeometry {
  /** Throat radius, m. */
  Rt: number;
  /** Chamber (cylinder) radius, m. */
  Rc: number;
  /** Convergent half-angle, degrees. */
  convergenceAngle: number;
  /** Upstream throat arc radius, m. */
  ru: number;
  /** Fillet radius between the cylinder and the convergent cone, m. */
  rf: number;
}

export interface Convergent {
  /** From the end of the cylinder to the throat (x ≤ 0). */
  points: XR[];
  /** x of the cylinder's end (start of the fillet), m (negative). */
  xCylinderEnd: number;
  /** Volume of the convergent part, m³. */
  volume: number;
  /** x of the tangency joints (fillet/cone, cone/throat arc), m. */
  joints: number[];
}

/** The convergent section, or null when the radii do not fit in the contraction (the cone would have negative length). */
export function convergentSection(g: ChamberGeometry): Convergent | null {
  const b = g.convergenceAngle * DEG;
  const p1 = { x: -g.ru * Math.sin(b), r: g.Rt + g.ru * (1 - Math.cos(b)) }; // end of the throat arc
  const r2 = g.Rc - g.rf * (1 - Math.cos(b)); // start of the fillet, on the cone
  if (!(r2 >= p1.r)) return null;
  const x2 = p1.x - (r2 - p1.r) / Math.tan(b);
  const xf = x2 - g.rf * Math.sin(b);
  const pts: XR[] = [];
  // fillet: circle centre (xf, Rc − rf) seen from below is the arc r = Rc − rf + rf·cos a
  for (let i = 0; i <= 12; i++) {
    const a = (b * i) / 12;
    pts.push({ x: xf + g.rf * Math.sin(a), r: g.Rc - g.rf + g.rf * Math.cos(a) });
  }
  const cone: XR[] = [];
  line({ x: x2, r: r2 }, p1, 8, cone);
  append(pts, cone);
  const throat: XR[] = [];
  arc(0, g.Rt + g.ru, g.ru, -b, 0, 16, throat);
  append(pts, throat);
  let volume = 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const c = pts[i];
    volume += (Math.PI / 3) * (c.x - a.x) * (a.r * a.r + a.r * c.r + c.r * c.r);
  }
  return { points: pts, xCylinderEnd: xf, volume, joints: [x2, p1.x] };
}

export type NozzleShape =
  | { type: 'conical'; halfAngle: number; downstreamRadius: number }
  | { type: 'bell'; lengthFraction: number; downstreamRadius: number }
  | { type: 'moc'; planar: boolean; characteristics: number; gamma: number };

export interface Divergent {
  /** From the throat (0, Rt) to the exit, m. */
  points: XR[];
  length: number;
  divergenceEfficiency: number;
  thetaN?: number;
  thetaE?: number;
  /** x of the tangency joints, m. */
  joints: number[];
  /** Notes on what was assumed (angles held at the chart's edge, MOC corner…). */
  notes: string[];
  /** MOC only: the planar contour is per unit depth, not a body of revolution. */
  planar?: boolean;
}

/** λ of a nozzle shape at area ratio eps (as divergentSection reports it, without drawing). */
export function divergenceEfficiencyOf(shape: NozzleShape, eps: number): number {
  if (shape.type === 'conical') return coneDivergenceEfficiency(shape.halfAngle);
  if (shape.type === 'bell') return bellDivergenceEfficiency(raoAngles(eps, shape.lengthFraction).thetaE);
  return 1;
}

/** The divergent nozzle of throat radius Rt (m) and area ratio eps. */
export function divergentSection(Rt: number, eps: number, shape: NozzleShape): Divergent {
  const Re = Rt * Math.sqrt(eps);
  const notes: string[] = [];
  if (shape.type === 'moc') {
    const Me = machOfAreaRatio(shape.planar ? Math.sqrt(eps) : eps, shape.gamma, true);
    const m = minimumLengthNozzle(Me, shape.gamma, { planar: shape.planar, characteristics: shape.characteristics });
    notes.push(`method of characteristics, ${shape.planar ? 'planar' : 'axisymmetric'} minimum-length wall for frozen γ = ${shape.gamma.toPrecision(4)}, ${shape.characteristics} characteristics; sharp corner at the throat (θmax ${m.thetaMaxDeg.toFixed(2)}°), uniform axial exit flow`);
    if (shape.planar) notes.push('planar: the contour is a 2-D channel of half-height r with the same area ratio as exit half-height/throat half-height; it is drawn as a body of revolution only for display');
    return {
      points: m.wall.map((p) => ({ x: p.x * Rt, r: p.r * Rt })),
      length: m.length * Rt,
      divergenceEfficiency: 1,
      thetaN: m.thetaMaxDeg,
      thetaE: 0,
      joints: [],
      notes,
      planar: shape.planar,
    };
  }
  const rd = shape.downstreamRadius * Rt;
  const pts: XR[] = [];
  if (shape.type === 'conical') {
    const a = shape.halfAngle * DEG;
    arc(0, Rt + rd, rd, 0, a, 12, pts);
    const n = pts[pts.length - 1];
    const xe = n.x + (Re - n.r) / Math.tan(a);
    const cone: XR[] = [];
    line(n, { x: xe, r: Re }, 24, cone);
    append(pts, cone);
    return { points: pts, length: xe, divergenceEfficiency: coneDivergenceEfficiency(shape.halfAngle), joints: [n.x], notes };
  }
  const { thetaN, thetaE, clamped } = raoAngles(eps, shape.lengthFraction);
  if (clamped) notes.push(`area ratio ${eps.toPrecision(4)} is outside Rao's charts (${RAO_EPS_MIN}–${RAO_EPS_MAX}): θn and θe held at the chart's edge`);
  const tn = thetaN * DEG;
  const te = thetaE * DEG;
  arc(0, Rt + rd, rd, 0, tn, 12, pts);
  const N = pts[pts.length - 1];
  const xe = shape.lengthFraction * coneLengthInRt(eps, 15) * Rt;
  // quadratic Bézier N–Q–E, Q where the tangents at N (θn) and E (θe) meet (Rao's parabola)
  const m1 = Math.tan(tn);
  const m2 = Math.tan(te);
  const c1 = N.r - m1 * N.x;
  const c2 = Re - m2 * xe;
  const qx = (c2 - c1) / (m1 - m2);
  const qr = (m1 * c2 - m2 * c1) / (m1 - m2);
  if (!(qx > N.x && qx < xe)) notes.push('the bell is too short for its angles: the parabola bends back (increase the length fraction)');
  const bell: XR[] = [];
  for (let i = 0; i <= 48; i++) {
    const t = i / 48;
    const u = 1 - t;
    bell.push({ x: u * u * N.x + 2 * u * t * qx + t * t * xe, r: u * u * N.r + 2 * u * t * qr + t * t * Re });
  }
  append(pts, bell);
  return { points: pts, length: xe, divergenceEfficiency: bellDivergenceEfficiency(thetaE), thetaN, thetaE, joints: [N.x], notes };
}

/** Lateral area of the surface of revolution of a polyline (frusta), m². */
export function surfaceArea(pts: readonly XR[]): number {
  let a = 0;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i - 1];
    const q = pts[i];
    a += Math.PI * (p.r + q.r) * Math.hypot(q.x - p.x, q.r - p.r);
  }
  return a;
}

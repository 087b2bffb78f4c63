// Exports of a designed thrust chamber: the contour table (CSV), the half-section profile (DXF R12,
// which every CAD program opens) and the wall as a closed shell for 3-D printing (binary STL).
import { toCsv, type CsvColumn } from '../csv.ts';
import type { UnitSystem } from '../experiment.ts';
import type { XR } from './contour.ts';
import type { HeatFluxRow } from './design.ts';

const CSV_COLUMNS: CsvColumn<HeatFluxRow>[] = [
  { label: 'x (throat = 0)', quantity: 'length', get: (r) => r.x },
  { label: 'r', quantity: 'length', get: (r) => r.r },
  { label: 'A/At', get: (r) => r.areaRatio },
  { label: 'Mach', get: (r) => r.mach },
  { label: 'p', quantity: 'pressure', get: (r) => r.p },
  { label: 'T', quantity: 'temperature', get: (r) => r.T },
  { label: 'h [W/(m²·K)]', get: (r) => r.h },
  { label: 'q [W/m²]', get: (r) => r.q },
  { label: 'Taw', quantity: 'temperature', get: (r) => r.Taw },
];

/** The contour with the flow and the heat flux at each point, one row per point (RFC 4180, units in the headers). */
export function contourCsv(rows: HeatFluxRow[], system: UnitSystem = 'SI'): string {
  return toCsv(rows, CSV_COLUMNS, system);
}

/** Number text for DXF: fixed, no exponent (some readers refuse one). */
const dxfNum = (v: number) => (Math.abs(v) < 5e-10 ? '0' : v.toFixed(9).replace(/\.?0+$/, ''));

/**
 * The half-section profile as an AutoCAD R12 ASCII DXF: the wall contour as a POLYLINE on layer
 * CONTOUR and the axis as a LINE on layer AXIS, in millimetres (x along the axis, y = radius).
 * R12 has no LWPOLYLINE (R14+); its POLYLINE/VERTEX/SEQEND is read by every CAD program.
 */
export function contourDxf(contour: readonly XR[]): string {
  const out: string[] = [];
  const g = (code: number, value: string | number) => out.push(String(code), typeof value === 'number' ? dxfNum(value) : value);
  const mm = (v: number) => v * 1000;
  const xs = contour.map((p) => mm(p.x));
  const rs = contour.map((p) => mm(p.r));
  g(999, 'Rocket Fuel Optimizer thrust chamber half-section, units: mm, x along the axis (throat at 0), y = radius');
  g(0, 'SECTION'); g(2, 'HEADER');
  g(9, '$ACADVER'); g(1, 'AC1009');
  g(9, '$EXTMIN'); g(10, Math.min(...xs)); g(20, 0); g(30, 0);
  g(9, '$EXTMAX'); g(10, Math.max(...xs)); g(20, Math.max(...rs)); g(30, 0);
  g(0, 'ENDSEC');
  g(0, 'SECTION'); g(2, 'TABLES');
  g(0, 'TABLE'); g(2, 'LAYER'); g(70, 2);
  for (const [name, colour] of [['CONTOUR', 7], ['AXIS', 1]] as const) {
    g(0, 'LAYER'); g(2, name); g(70, 0); g(62, colour); g(6, 'CONTINUOUS');
  }
  g(0, 'ENDTAB');
  g(0, 'ENDSEC');
  g(0, 'SECTION'); g(2, 'ENTITIES');
  g(0, 'LINE'); g(8, 'AXIS');
  g(10, Math.min(...xs)); g(20, 0); g(30, 0);
  g(11, Math.max(...xs)); g(21, 0); g(31, 0);
  g(0, 'POLYLINE'); g(8, 'CONTOUR'); g(66, 1); g(10, 0); g(20, 0); g(30, 0); g(70, 0);
  for (let i = 0; i < xs.length; i++) {
    g(0, 'VERTEX'); g(8, 'CONTOUR'); g(10, xs[i]); g(20, rs[i]); g(30, 0);
  }
  g(0, 'SEQEND'); g(8, 'CONTOUR');
  g(0, 'ENDSEC');
  g(0, 'EOF');
  return out.join('\r\n') + '\r\n';
}

/**
 * The closed profile of a wall of radial thickness t (m) around the contour: the inner contour, then
 * the outer one (r + t) backwards, so the end faces are flat rings. (A radial offset never folds
 * over itself at the throat's small arcs, as a normal offset thicker than 0.382 Rt would; the wall
 * is t·cos θ thick normal to a wall sloped at θ.)
 */
export function wallProfile(contour: readonly XR[], t: number): XR[] {
  const outer = contour.map((p) => ({ x: p.x, r: p.r + t }));
  return [...contour, ...outer.reverse()];
}

/**
 * Binary STL (millimetres, axis along z) of the wall revolved about the axis in `segments` steps:
 * a closed, consistently oriented shell (every edge shared by exactly two triangles, normals outward).
 */
export function wallStl(contour: readonly XR[], thickness: number, segments = 96): Uint8Array<ArrayBuffer> {
  const prof = wallProfile(contour, thickness);
  const m = prof.length;
  // vertex (i, k): profile point i at angle k; computed once so shared edges have identical coordinates
  const vx = new Float32Array(m * segments);
  const vy = new Float32Array(m * segments);
  const vz = new Float32Array(m * segments);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < segments; k++) {
      const phi = (2 * Math.PI * k) / segments;
      const j = i * segments + k;
      vx[j] = prof[i].r * 1000 * Math.cos(phi);
      vy[j] = prof[i].r * 1000 * Math.sin(phi);
      vz[j] = prof[i].x * 1000;
    }
  }
  // signed area of the closed profile in the (x, r) plane: its sign decides the winding giving outward normals
  let area2 = 0;
  for (let i = 0; i < m; i++) {
    const p = prof[i];
    const q = prof[(i + 1) % m];
    area2 += p.x * q.r - q.x * p.r;
  }
  const flip = area2 < 0;
  const count = 2 * m * segments;
  const buf = new ArrayBuffer(84 + 50 * count);
  const bytes = new Uint8Array(buf);
  const header = 'Rocket Fuel Optimizer thrust chamber wall, mm';
  for (let i = 0; i < header.length; i++) bytes[i] = header.charCodeAt(i);
  const dv = new DataView(buf);
  dv.setUint32(80, count, true);
  let off = 84;
  const tri = (a: number, b: number, c: number) => {
    if (flip) [b, c] = [c, b];
    const ux = vx[b] - vx[a], uy = vy[b] - vy[a], uz = vz[b] - vz[a];
    const wx = vx[c] - vx[a], wy = vy[c] - vy[a], wz = vz[c] - vz[a];
    let nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
    const l = Math.hypot(nx, ny, nz) || 1;
    nx /= l; ny /= l; nz /= l;
    for (const v of [nx, ny, nz]) { dv.setFloat32(off, v, true); off += 4; }
    for (const j of [a, b, c]) {
      dv.setFloat32(off, vx[j], true);
      dv.setFloat32(off + 4, vy[j], true);
      dv.setFloat32(off + 8, vz[j], true);
      off += 12;
    }
    dv.setUint16(off, 0, true);
    off += 2;
  };
  for (let i = 0; i < m; i++) {
    const i2 = (i + 1) % m;
    for (let k = 0; k < segments; k++) {
      const k2 = (k + 1) % segments;
      const a = i * segments + k;
      const b = i2 * segments + k;
      const c = i2 * segments + k2;
      const d = i * segments + k2;
      tri(a, b, c);
      tri(a, c, d);
    }
  }
  return bytes;
}

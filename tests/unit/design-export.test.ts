// Exports of a designed chamber: CSV rows, an R12 DXF a CAD program reads, and a closed STL shell.
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../workers/design-api.ts';
import type { DesignResult } from '../../app/domain/design/design.ts';
import { contourCsv, contourDxf, wallProfile, wallStl } from '../../app/domain/design/export.ts';
import { parseCsv } from '../../app/domain/csv.ts';

const spec = {
  gas: { gamma: 1.2, molarMass: 0.0226, Tc: 3600, pc: 7e6, cp: 2000, viscosity: 8e-5, prandtl: 0.8 },
  thrust: 5000, pamb: 0, areaRatio: 10, nozzle: { type: 'bell', lengthFraction: 0.8 },
  chamber: { contractionRatio: 4, lStar: 1 }, wallTemperature: 700,
};
function design(): DesignResult {
  const r = runDesign(null, spec);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('contour CSV', () => {
  it('has one row per contour point with units in the headers, in SI or US units', () => {
    const d = design();
    const rows = parseCsv(contourCsv(d.heatFlux, 'SI'));
    expect(rows[0]).toEqual(['x (throat = 0) [m]', 'r [m]', 'A/At', 'Mach', 'p [bar]', 'T [K]', 'h [W/(m²·K)]', 'q [W/m²]', 'Taw [K]']);
    expect(rows.length - 1).toBe(d.contour.length);
    expect(Number(rows[1][1])).toBe(d.contour[0].r);
    const us = parseCsv(contourCsv(d.heatFlux, 'US'));
    expect(us[0][0]).toBe('x (throat = 0) [ft]');
    // 1 ft = 0.3048 m (exact)
    expect(Number(us[1][1])).toBeCloseTo(d.contour[0].r / 0.3048, 12);
  });
});

/** DXF text as (code, value) pairs. */
function dxfPairs(text: string): [number, string][] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  expect(lines.length % 2).toBe(0);
  const out: [number, string][] = [];
  for (let i = 0; i < lines.length; i += 2) {
    expect(lines[i].trim()).toMatch(/^-?\d+$/);
    out.push([Number(lines[i]), lines[i + 1]]);
  }
  return out;
}

describe('contour DXF (R12 ASCII)', () => {
  it('is well-formed group-code pairs: header AC1009, layers, the axis line and one POLYLINE of every contour point in mm', () => {
    const d = design();
    const pairs = dxfPairs(contourDxf(d.contour));
    const values = pairs.map((p) => p[1]);
    expect(values).toContain('AC1009');
    expect(pairs[pairs.length - 1]).toEqual([0, 'EOF']);
    const sections = pairs.filter(([c], i) => c === 2 && pairs[i - 1]?.[1] === 'SECTION').map((p) => p[1]);
    expect(sections).toEqual(['HEADER', 'TABLES', 'ENTITIES']);
    expect(pairs.filter((p) => p[0] === 0 && p[1] === 'SECTION').length).toBe(pairs.filter((p) => p[0] === 0 && p[1] === 'ENDSEC').length);
    // vertices in order, in millimetres
    const verts: { x: number; y: number }[] = [];
    for (let i = 0; i < pairs.length; i++) {
      if (pairs[i][0] === 0 && pairs[i][1] === 'VERTEX') {
        const x = Number(pairs.slice(i).find((p) => p[0] === 10)![1]);
        const y = Number(pairs.slice(i).find((p) => p[0] === 20)![1]);
        verts.push({ x, y });
      }
    }
    expect(verts).toHaveLength(d.contour.length);
    verts.forEach((v, i) => {
      expect(v.x).toBeCloseTo(d.contour[i].x * 1000, 6);
      expect(v.y).toBeCloseTo(d.contour[i].r * 1000, 6);
    });
    const iPoly = values.indexOf('POLYLINE');
    expect(values.indexOf('SEQEND')).toBeGreaterThan(iPoly);
    // no exponent notation anywhere (some readers refuse it)
    expect(values.every((v) => !/^-?[\d.]+e[-+]?\d+$/i.test(v))).toBe(true);
  });
});

/** Triangles of a binary STL. */
function parseStl(bytes: Uint8Array): { n: number[]; v: number[][] }[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = dv.getUint32(80, true);
  expect(bytes.byteLength).toBe(84 + 50 * count);
  const tris = [];
  for (let t = 0, off = 84; t < count; t++, off += 50) {
    const f = (k: number) => dv.getFloat32(off + 4 * k, true);
    tris.push({ n: [f(0), f(1), f(2)], v: [[f(3), f(4), f(5)], [f(6), f(7), f(8)], [f(9), f(10), f(11)]] });
  }
  return tris;
}

describe('wall STL', () => {
  it('is a closed shell: every edge shared by exactly two triangles, once each way; normals outward; the volume of the solid of revolution', () => {
    const d = design();
    const t = 0.003;
    const tris = parseStl(wallStl(d.contour, t, 48));
    const key = (p: number[]) => p.join(',');
    const edges = new Map<string, number>();
    for (const tr of tris) {
      for (let k = 0; k < 3; k++) {
        const a = key(tr.v[k]);
        const b = key(tr.v[(k + 1) % 3]);
        edges.set(`${a}|${b}`, (edges.get(`${a}|${b}`) ?? 0) + 1);
      }
    }
    // a directed edge appears once and its reverse once: two triangles per edge, consistent winding
    const bad = [...edges].filter(([e, c]) => {
      const [a, b] = e.split('|');
      return c !== 1 || edges.get(`${b}|${a}`) !== 1;
    });
    expect(bad).toEqual([]);
    expect(edges.size).toBe(3 * tris.length);
    // stored normals agree with the winding (right-hand rule)
    let volume = 0;
    let wrongNormals = 0;
    for (const { n, v: [a, b, c] } of tris) {
      const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
      const w = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
      const cr = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]];
      const l = Math.hypot(...cr);
      if (l > 1e-9 && !(n[0] * cr[0] + n[1] * cr[1] + n[2] * cr[2] > 0.99 * l)) wrongNormals++;
      volume += (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0])) / 6;
    }
    // a closed, consistently wound mesh encloses a positive volume only when its normals point out;
    // reference: the solid of revolution of the profile, ∫ π((r + t)² − r²) dx (trapezoids), times
    // the share of a circle's area that a regular inscribed 48-gon covers, 48·sin(2π/48)/(2π) = 0.99714
    let ref = 0;
    for (let i = 1; i < d.contour.length; i++) {
      const p = d.contour[i - 1];
      const q = d.contour[i];
      const ring = (r: number) => Math.PI * ((r + t) ** 2 - r * r);
      ref += 0.5 * (ring(p.r) + ring(q.r)) * (q.x - p.x);
    }
    const polygonFactor = Math.sin((2 * Math.PI) / 48) / ((2 * Math.PI) / 48);
    expect(wrongNormals).toBe(0);
    expect(volume).toBeGreaterThan(0);
    expect(Math.abs(volume / (ref * 1e9 * polygonFactor) - 1)).toBeLessThan(2e-3);
  });

  it('the profile is inner contour then outer contour back, closed by flat end rings', () => {
    const c = [{ x: 0, r: 1 }, { x: 1, r: 2 }];
    expect(wallProfile(c, 0.5)).toEqual([{ x: 0, r: 1 }, { x: 1, r: 2 }, { x: 1, r: 2.5 }, { x: 0, r: 1.5 }]);
  });
});

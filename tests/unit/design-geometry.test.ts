// Thrust-chamber design geometry (app/domain/design) against published and hand-checkable values.
// Each expectation names its source; hand calculations are written out beside it.
import { describe, expect, it } from 'vitest';
import { areaRatioOfMach, machOfAreaRatio, machOfPrandtlMeyer, prandtlMeyer } from '../../app/domain/design/isentropic.ts';
import {
  bellDivergenceEfficiency, coneDivergenceEfficiency, coneLengthInRt, convergentSection, divergentSection,
} from '../../app/domain/design/contour.ts';
import { RAO_NODES, raoAngles } from '../../app/domain/design/rao.ts';
import { minimumLengthNozzle } from '../../app/domain/design/moc.ts';
import { worstKinkDeg } from './support/contour-kink.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const DEG = 180 / Math.PI;

describe('isentropic relations (sanity)', () => {
  it('matches NACA Report 1135 tables for γ = 1.4', () => {
    // NACA 1135 isentropic table: M = 2 → A/A* 1.6875, ν 26.380°; M = 3 → A/A* 4.2346, ν 49.757°
    expect(areaRatioOfMach(2, 1.4)).toBeCloseTo(1.6875, 4);
    expect(areaRatioOfMach(3, 1.4)).toBeCloseTo(4.2346, 4);
    expect(prandtlMeyer(2, 1.4) * DEG).toBeCloseTo(26.380, 2);
    expect(prandtlMeyer(3, 1.4) * DEG).toBeCloseTo(49.757, 2);
    expect(machOfAreaRatio(4.2346, 1.4, true)).toBeCloseTo(3, 4);
    // subsonic branch, NACA 1135: M = 0.5 → A/A* 1.3398
    expect(machOfAreaRatio(1.3398, 1.4, false)).toBeCloseTo(0.5, 3);
    expect(machOfPrandtlMeyer(49.757 / DEG, 1.4)).toBeCloseTo(3, 3);
  });
});

describe('conical nozzle', () => {
  it('λ(15°) = 0.9830 (Sutton & Biblarz, Rocket Propulsion Elements, Table 3-3)', () => {
    expect(coneDivergenceEfficiency(15)).toBeCloseTo(0.983, 4);
    // same table: 0° → 1.0000, 30° → 0.9330
    expect(coneDivergenceEfficiency(30)).toBeCloseTo(0.933, 4);
  });

  it('a 15° cone is (√ε − 1)·Rt/tan 15° long: 8.07 Rt at ε = 10, 14.93 Rt at ε = 25', () => {
    // hand: (√10 − 1)/tan 15° = 2.16228/0.267949 = 8.0697; (5 − 1)/0.267949 = 14.928
    expect(coneLengthInRt(10, 15)).toBeCloseTo(8.07, 2);
    expect(coneLengthInRt(25, 15)).toBeCloseTo(14.93, 2);
    // the drawn cone with a sharp throat (no downstream arc) has exactly that length and exit radius
    const Rt = 0.05;
    const c = divergentSection(Rt, 10, { type: 'conical', halfAngle: 15, downstreamRadius: 0 });
    expect(c.length / Rt).toBeCloseTo(8.0697, 3);
    // with the 0.382 Rt arc, hand: xN = 0.382·sin15° = 0.09887, rN = 1 + 0.382·(1 − cos15°) = 1.01302,
    // L = xN + (√10 − rN)/tan15° = 0.09887 + 2.14926/0.267949 = 8.1201 Rt
    const a = divergentSection(Rt, 10, { type: 'conical', halfAngle: 15, downstreamRadius: 0.382 });
    expect(a.length / Rt).toBeCloseTo(8.1201, 3);
  });
});

describe('Rao thrust-optimised bell', () => {
  it('an 80 % bell is 0.8 of the 15° cone', () => {
    const Rt = 0.1;
    for (const [eps, cone] of [[10, 8.07], [25, 14.93]]) {
      const b = divergentSection(Rt, eps, { type: 'bell', lengthFraction: 0.8, downstreamRadius: 0.382 });
      expect(b.length / Rt).toBeCloseTo(0.8 * cone, 1);
      expect(rel(b.length, 0.8 * coneLengthInRt(eps, 15) * Rt)).toBeLessThan(1e-12);
    }
  });

  it('θn and θe of an 80 % bell lie within 2° of Rao\'s chart (Huzel & Huang Fig. 4-16)', () => {
    // chart readings quoted in issue 14: ε = 10: θn 25–26.5°, θe ≈ 10°; ε = 25: θn 29–30°, θe 8–8.5°
    const a = raoAngles(10, 0.8);
    expect(Math.abs(a.thetaN - 25.75)).toBeLessThan(2);
    expect(Math.abs(a.thetaE - 10)).toBeLessThan(2);
    const b = raoAngles(25, 0.8);
    expect(Math.abs(b.thetaN - 29.5)).toBeLessThan(2);
    expect(Math.abs(b.thetaE - 8.25)).toBeLessThan(2);
    // and inside the quoted ranges to about the chart's reading accuracy (±0.5°)
    expect(a.thetaN).toBeGreaterThan(25 - 0.5);
    expect(a.thetaN).toBeLessThan(26.5 + 0.5);
    expect(b.thetaN).toBeGreaterThan(29 - 0.5);
    expect(b.thetaN).toBeLessThan(30 + 0.5);
    expect(b.thetaE).toBeGreaterThan(8 - 0.5);
    expect(b.thetaE).toBeLessThan(8.5 + 0.5);
  });

  it('the 60 % bell meets Sutton & Biblarz Table 3-4 (θn/θe about 32.5°/17° at ε = 10, 36°/14° at ε = 25) within 1.5°', () => {
    const a = raoAngles(10, 0.6);
    expect(Math.abs(a.thetaN - 32.5)).toBeLessThan(1.5);
    expect(Math.abs(a.thetaE - 17)).toBeLessThan(1.5);
    const b = raoAngles(25, 0.6);
    expect(Math.abs(b.thetaN - 36)).toBeLessThan(1.5);
    expect(Math.abs(b.thetaE - 14)).toBeLessThan(1.5);
  });

  // a log-spaced grid over the charts' range (ε 4–100) and length fractions every 2.5 %
  const epsGrid = Array.from({ length: 81 }, (_, i) => 4 * Math.pow(25, i / 80));
  const fracGrid = Array.from({ length: 17 }, (_, i) => 0.6 + 0.025 * i);

  it("follows the charts' trends everywhere: shorter bells turn more, θn rises and θe falls with ε, θn > θe", () => {
    for (const eps of epsGrid) {
      for (let j = 1; j < fracGrid.length; j++) {
        const s = raoAngles(eps, fracGrid[j - 1]);
        const l = raoAngles(eps, fracGrid[j]);
        expect(l.thetaN).toBeLessThan(s.thetaN);
        expect(l.thetaE).toBeLessThan(s.thetaE);
        expect(l.thetaN).toBeGreaterThan(l.thetaE + 5);
      }
    }
    for (const f of fracGrid) {
      for (let i = 1; i < epsGrid.length; i++) {
        const p = raoAngles(epsGrid[i - 1], f);
        const q = raoAngles(epsGrid[i], f);
        expect(q.thetaN).toBeGreaterThan(p.thetaN);
        expect(q.thetaE).toBeLessThan(p.thetaE);
      }
    }
    // the charts' envelope: θn 17–42°, θe 3–22° (Huzel & Huang Fig. 4-16's axes)
    for (const f of fracGrid) for (const eps of epsGrid) {
      const a = raoAngles(eps, f);
      expect(a.thetaN).toBeGreaterThan(17);
      expect(a.thetaN).toBeLessThan(42);
      expect(a.thetaE).toBeGreaterThan(3);
      expect(a.thetaE).toBeLessThan(22);
      expect(a.clamped).toBe(false);
    }
  });

  it("is continuous across the table's nodes in ε and in length fraction", () => {
    const d = 1e-9;
    for (const eps of RAO_NODES.eps) {
      for (const f of [0.6, 0.65, 0.8, 0.93, 1]) {
        const lo = raoAngles(eps === 4 ? eps : eps * (1 - d), f);
        const hi = raoAngles(eps === 100 ? eps : eps * (1 + d), f);
        expect(Math.abs(hi.thetaN - lo.thetaN)).toBeLessThan(1e-6);
        expect(Math.abs(hi.thetaE - lo.thetaE)).toBeLessThan(1e-6);
      }
    }
    for (const f of RAO_NODES.fractions) {
      for (const eps of [4, 7.3, 10, 33, 100]) {
        const lo = raoAngles(eps, Math.max(0.6, f - d));
        const hi = raoAngles(eps, Math.min(1, f + d));
        expect(Math.abs(hi.thetaN - lo.thetaN)).toBeLessThan(1e-6);
        expect(Math.abs(hi.thetaE - lo.thetaE)).toBeLessThan(1e-6);
      }
    }
    // and no jump larger than the chart's own slope between neighbouring grid points (≤ 1.5° per step)
    for (const f of fracGrid) for (let i = 1; i < epsGrid.length; i++) {
      expect(Math.abs(raoAngles(epsGrid[i], f).thetaN - raoAngles(epsGrid[i - 1], f).thetaN)).toBeLessThan(1.5);
    }
  });

  it('holds the angles at the chart edge outside ε 4–100 and says so; refuses a length fraction outside 0.6–1', () => {
    expect(raoAngles(150, 0.8)).toEqual({ ...raoAngles(100, 0.8), clamped: true });
    expect(raoAngles(3, 0.8)).toEqual({ ...raoAngles(4, 0.8), clamped: true });
    expect(divergentSection(1, 150, { type: 'bell', lengthFraction: 0.8, downstreamRadius: 0.382 }).notes.join(' ')).toContain("outside Rao's charts");
    for (const f of [0.59, 1.01, Number.NaN]) expect(() => raoAngles(10, f)).toThrow(/nozzle\.lengthFraction/);
  });

  it.each([0.6, 0.9])('a %s bell: continuous slope at the tangency, θe at the lip, exit area ratio = ε within 0.1 %', (f) => {
    const Rt = 0.05;
    for (const eps of [4, 6.5, 10, 25, 50, 100]) {
      const b = divergentSection(Rt, eps, { type: 'bell', lengthFraction: f, downstreamRadius: 0.382 });
      const p = b.points;
      const n = p.length;
      expect(b.notes).toEqual([]); // the parabola does not bend back: Q lies between N and E
      expect(b.joints).toHaveLength(1);
      expect(worstKinkDeg(p, b.joints)).toBeLessThan(0.1);
      // the arc ends at θn (hand: the 0.382 Rt arc's tangent at its end) and the bell leaves at it
      const j = p.findIndex((q) => q.x === b.joints[0]);
      const after = Math.atan2(p[j + 1].r - p[j].r, p[j + 1].x - p[j].x) * DEG;
      expect(Math.abs(after - b.thetaN!)).toBeLessThan(0.5);
      const exitSlope = Math.atan2(p[n - 1].r - p[n - 2].r, p[n - 1].x - p[n - 2].x) * DEG;
      expect(Math.abs(exitSlope - b.thetaE!)).toBeLessThan(0.5);
      expect(rel((p[n - 1].r / Rt) ** 2, eps)).toBeLessThan(1e-3);
      expect(rel(b.length, f * coneLengthInRt(eps, 15) * Rt)).toBeLessThan(1e-12);
      for (let i = 1; i < n; i++) expect(p[i].r).toBeGreaterThanOrEqual(p[i - 1].r);
    }
  });

  it('the bell leaves the 0.382 Rt arc at θn and ends at θe on the exit radius', () => {
    const Rt = 1;
    const b = divergentSection(Rt, 25, { type: 'bell', lengthFraction: 0.8, downstreamRadius: 0.382 });
    const p = b.points;
    const n = p.length;
    const exitSlope = Math.atan2(p[n - 1].r - p[n - 2].r, p[n - 1].x - p[n - 2].x) * DEG;
    expect(Math.abs(exitSlope - b.thetaE!)).toBeLessThan(0.3);
    expect(p[n - 1].r).toBeCloseTo(5, 10);
    expect(b.joints).toHaveLength(1);
    expect(worstKinkDeg(p, b.joints)).toBeLessThan(0.1);
  });

  it('its equivalent divergence efficiency is close to (1 + cos α)/2 for a cone\'s angle', () => {
    // a cone's λ (Malina) against the linear-angle exit-plane average at the same angle
    for (const a of [5, 10, 15]) expect(Math.abs(bellDivergenceEfficiency(a) - coneDivergenceEfficiency(a))).toBeLessThan(1e-4);
    expect(Math.abs(bellDivergenceEfficiency(30) - coneDivergenceEfficiency(30))).toBeLessThan(6e-4);
    expect(bellDivergenceEfficiency(0)).toBe(1);
  });
});

describe('method of characteristics, minimum-length nozzle', () => {
  it('planar, γ = 1.4, Me = 2.4: A/A* = 2.4031 and θmax = ν(Me)/2 = 18.37° (Anderson, Modern Compressible Flow, §11.8 and Table A.1)', () => {
    const m = minimumLengthNozzle(2.4, 1.4, { planar: true, characteristics: 40 });
    expect(m.exitAreaRatio).toBeCloseTo(2.4031, 4);
    expect(m.thetaMaxDeg).toBeCloseTo(18.37, 2);
    expect(m.axisExitMach).toBeCloseTo(2.4, 6);
    // the wall turns the flow back monotonically: segment angles fall from ≤ θmax to ~0
    const w = m.wall;
    let prev = 90;
    for (let i = 1; i < w.length; i++) {
      const a = Math.atan2(w[i].r - w[i - 1].r, w[i].x - w[i - 1].x) * DEG;
      expect(a).toBeLessThanOrEqual(prev + 1e-9);
      expect(a).toBeLessThanOrEqual(18.37 + 1e-6);
      prev = a;
    }
    expect(prev).toBeLessThan(1);
  });

  it('axisymmetric: the exit A/A* is the isentropic one of the design Mach within 0.5 %', () => {
    for (const [Me, g] of [[2.4, 1.4], [3, 1.2], [4, 1.25]]) {
      const m = minimumLengthNozzle(Me, g, { planar: false, characteristics: 30 });
      expect(rel(m.exitAreaRatio, areaRatioOfMach(Me, g))).toBeLessThan(0.005);
      // an axisymmetric corner turns less than the planar ν(Me)/2, and the nozzle is shorter than the planar one in throat radii
      expect(m.thetaMaxDeg).toBeLessThan((prandtlMeyer(Me, g) * DEG) / 2);
      expect(m.length).toBeLessThan(minimumLengthNozzle(Me, g, { planar: true, characteristics: 30 }).length);
    }
  });

  it('converges with the number of characteristics (length within 1 % from 20 to 60)', () => {
    const a = minimumLengthNozzle(3, 1.2, { characteristics: 20 });
    const b = minimumLengthNozzle(3, 1.2, { characteristics: 60 });
    expect(rel(a.length, b.length)).toBeLessThan(0.01);
    expect(Math.abs(a.thetaMaxDeg - b.thetaMaxDeg)).toBeLessThan(0.5);
  });
});

describe('convergent chamber section', () => {
  it('is tangent at the fillet, the cone and the throat arc, and its volume is the sum of its frusta', () => {
    const Rt = 0.05;
    const c = convergentSection({ Rt, Rc: Rt * Math.sqrt(3), convergenceAngle: 30, ru: 1.5 * Rt, rf: Rt })!;
    expect(c.points[0].r).toBeCloseTo(Rt * Math.sqrt(3), 12);
    expect(c.points[c.points.length - 1].x).toBe(0);
    expect(c.points[c.points.length - 1].r).toBeCloseTo(Rt, 14);
    expect(c.joints).toHaveLength(2);
    expect(worstKinkDeg(c.points, c.joints)).toBeLessThan(0.05);
    // the volume lies between the cylinder of the throat and that of the chamber over the same length
    const L = -c.xCylinderEnd;
    expect(c.volume).toBeGreaterThan(Math.PI * Rt * Rt * L);
    expect(c.volume).toBeLessThan(3 * Math.PI * Rt * Rt * L);
  });
  it('is refused (null) when the radii do not fit in the contraction', () => {
    expect(convergentSection({ Rt: 1, Rc: 1.05, convergenceAngle: 30, ru: 1.5, rf: 1 })).toBeNull();
  });
});

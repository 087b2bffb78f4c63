// The PDF design sheet (jsPDF in node): its text stays in the base font's characters and it carries
// the drawing's caption and dimensions.
import { describe, expect, it } from 'vitest';
import { designPdf, pdfText } from '../../app/ui/components/design-pdf.ts';
import { runDesign } from '../../workers/design-api.ts';
import { explainDesign } from '../../app/domain/design/explain.ts';
import { formatSig } from '../../app/domain/number-text.ts';
import { readPdf } from './support/pdf-pages.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Page 1 rendered by pdftoppm at 72 dpi (1 px = 1 pt): dark(x, y) says whether the pixel is ink. */
function renderFirstPage(bytes: Uint8Array): { w: number; h: number; dark: (x: number, y: number) => boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'rfo-sheet-'));
  writeFileSync(join(dir, 'sheet.pdf'), bytes);
  execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-singlefile', join(dir, 'sheet.pdf'), join(dir, 'p1')]);
  const buf = readFileSync(join(dir, 'p1.ppm'));
  const header = buf.toString('latin1', 0, 40).split(/\s+/);
  const start = buf.indexOf('\n255\n') + 5;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const dark = (x: number, y: number) => {
    const i = start + 3 * (Math.round(y) * w + Math.round(x));
    return buf[i] + buf[i + 1] + buf[i + 2] < 450;
  };
  return { w, h, dark };
}

describe('design sheet', () => {
  it('spells out Greek letters and symbols the PDF base font lacks', () => {
    expect(pdfText('λ = 0.983, θn 26°, q 5 MW/m², σ·ω')).toBe('lambda = 0.983, thetan 26 deg, q 5 MW/m2, sigma*omega');
    expect(pdfText('plain text')).toBe('plain text');
  });
  it('is a PDF with the drawing caption, the throat dimension and the inputs', async () => {
    const r = runDesign(null, { gas: { gamma: 1.2, molarMass: 0.0226, Tc: 3600, pc: 7e6, cp: 2000, viscosity: 8e-5, prandtl: 0.8 }, thrust: 50000, pamb: 101325, areaRatio: 15, nozzle: { type: 'bell' }, chamber: { contractionRatio: 3, lStar: 1.1 }, wallTemperature: 800 });
    if (!r.ok) throw new Error(r.error.message);
    const blob = await designPdf({ title: 'Thrust chamber design sheet', subtitle: 'gas', inputs: [['Thrust', '50000 N']], results: [], design: r.value, len: (m) => `${(m * 1000).toFixed(1)} mm` });
    const text = Buffer.from(await blob.arrayBuffer()).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('(Half-section \\(to scale\\))');
    expect(text).toContain(`(Dt ${(r.value.throatDiameter * 1000).toFixed(1)} mm)`);
    expect(text).toContain('(50000 N)');
  });
});

describe('design sheet, rendered', () => {
  it('shows the half-section: the wall drawn where the contour puts it, in the chamber and in the nozzle (pdftoppm)', async () => {
    const r = runDesign(null, { gas: { gamma: 1.2, molarMass: 0.0226, Tc: 3600, pc: 7e6, cp: 2000, viscosity: 8e-5, prandtl: 0.8 }, thrust: 50000, pamb: 101325, areaRatio: 15, nozzle: { type: 'bell' }, chamber: { contractionRatio: 3, lStar: 1.1 }, wallTemperature: 800 });
    if (!r.ok) throw new Error(r.error.message);
    const d = r.value;
    const blob = await designPdf({ title: 'Thrust chamber design sheet', subtitle: 'gas', inputs: [['Thrust', '50000 N']], results: [], design: d, len: (m) => `${(m * 1000).toFixed(1)} mm` });
    const page = renderFirstPage(new Uint8Array(await blob.arrayBuffer()));
    // A4 landscape, 841.89 × 595.28 pt
    expect(page.w).toBe(842);
    expect(Math.abs(page.h - 595.5)).toBeLessThanOrEqual(0.5);
    // The sheet's layout (design-pdf.ts): the drawing is scaled into a 500 × 250 pt box at (300, 70), its
    // axis at mid-height, x = x0 (injector face) 20 pt in from the box's left edge.
    const c = d.contour;
    const x0 = c[0].x;
    const L = c[c.length - 1].x - x0;
    const rMax = Math.max(...c.map((p) => p.r));
    const k = Math.min(460 / L, 180 / (2 * rMax));
    const X = (x: number) => 320 + (x - x0) * k;
    const Yc = 195;
    // Half-way between the throat and the exit, and half-way along the chamber's cylinder, the wall is
    // ink at ±r (within 2 pt) on both sides of the axis, and the paper between the wall and the axis is
    // blank there (a line across it would be a dimension, not the wall).
    const wallAt = (x: number) => {
      let i = 1;
      while (c[i].x < x) i++;
      const t = (x - c[i - 1].x) / (c[i].x - c[i - 1].x);
      return c[i - 1].r + t * (c[i].r - c[i - 1].r);
    };
    for (const x of [x0 + 0.25 * (0 - x0), 0.5 * (x0 + L)]) {
      const px = X(x);
      const rp = wallAt(x) * k;
      for (const sign of [-1, 1]) {
        let inkNear = false;
        for (let dy = -2; dy <= 2; dy++) if (page.dark(px, Yc + sign * rp + dy)) inkNear = true;
        expect(inkNear).toBe(true);
        let inkBetween = 0;
        for (let y = 4; y < rp - 4; y++) if (page.dark(px, Yc + sign * y)) inkBetween++;
        expect(inkBetween).toBe(0);
      }
    }
    // and the mirrored wall is long: ink in most columns of the drawing, above and below the axis
    let columns = 0;
    for (let px = Math.ceil(X(x0)) + 3; px < X(x0 + L) - 3; px++) {
      let above = false;
      let below = false;
      for (let y = Yc - rMax * k - 3; y < Yc - 3; y++) if (page.dark(px, y)) above = true;
      for (let y = Yc + 3; y < Yc + rMax * k + 3; y++) if (page.dark(px, y)) below = true;
      if (above && below) columns++;
    }
    expect(columns).toBeGreaterThan(0.95 * (X(x0 + L) - X(x0) - 6));
  });
});

describe('design sheet explanations', () => {
  it('a second page says what sets the size, in the sheet’s characters, with page numbers (pdftotext)', async () => {
    const r = runDesign(null, { gas: { gamma: 1.2, molarMass: 0.0226, Tc: 3600, pc: 7e6, cp: 2000, viscosity: 8e-5, prandtl: 0.8 }, thrust: 50000, pamb: 101325, areaRatio: 15, nozzle: { type: 'bell' }, chamber: { contractionRatio: 3, lStar: 1.1 }, wallTemperature: 800 });
    if (!r.ok) throw new Error(r.error.message);
    const claims = explainDesign(r.value, 'SI');
    const blob = await designPdf({ title: 'Thrust chamber design sheet', subtitle: 'gas', inputs: [['Thrust', '50000 N']], results: [], design: r.value, len: (m) => `${(m * 1000).toFixed(1)} mm`, explanations: claims.map((c) => c.text) });
    const { text, pages } = readPdf(new Uint8Array(await blob.arrayBuffer()), 'design-sheet');
    const flat = text.replace(/\s+/g, ' ');
    expect(pages).toHaveLength(2);
    for (const p of pages) expect(p.ink).toBeGreaterThan(50);
    expect(flat).toContain('What sets the size');
    // the mass flow F/Isp and the heat-flux peak, as the design has them
    expect(flat).toContain(`mdot = F / Isp = ${formatSig(r.value.massFlow, 4)} kg/s`);
    expect(flat).toContain(`${formatSig(r.value.maxHeatFlux / 1e6, 4)} MW/m2`);
    expect(flat).toContain('Page 2 of 2');
    expect(flat).not.toContain('?');
  });
});

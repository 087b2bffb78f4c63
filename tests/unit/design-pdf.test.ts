// The PDF design sheet (jsPDF in node): its text stays in the base font's characters and it carries
// the drawing's caption and dimensions.
import { describe, expect, it } from 'vitest';
import { designPdf, pdfText } from '../../app/ui/components/design-pdf.ts';
import { runDesign } from '../../workers/design-api.ts';
import { explainDesign } from '../../app/domain/design/explain.ts';
import { formatSig } from '../../app/domain/number-text.ts';
import { readPdf } from './support/pdf-pages.ts';

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

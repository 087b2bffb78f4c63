// The design sheet of a thrust chamber as a PDF (jsPDF, loaded only when a user exports one): the
// inputs, the figures, the half-section drawn to scale with its dimensions, and the heat flux and
// Mach number along the axis. Text is kept to the PDF base font's characters (no Greek, no superscripts).
import type { DesignResult } from '../../domain/design/design.ts';

export interface DesignSheet {
  title: string;
  subtitle: string;
  inputs: [string, string][];
  results: [string, string][];
  design: DesignResult;
  /** Length as shown in the sheet (mm or in), with its unit. */
  len: (m: number) => string;
  /** What sets the size (app/domain/design/explain.ts), on a second page. */
  explanations?: string[];
}

const ASCII: Record<string, string> = { 'λ': 'lambda', 'θ': 'theta', 'σ': 'sigma', 'ω': 'omega', 'γ': 'gamma', 'ε': 'eps', 'η': 'eta', 'π': 'pi', '∫': 'integral of', '²': '2', '°': ' deg', '–': '-', '—': '-', '·': '*', '×': 'x', '≪': '<<', '→': '->', '∞': 'inf', '“': '"', '”': '"', '’': "'", 'ṁ': 'mdot', '√': 'sqrt', '−': '-', '≈': '~' };

/** Text in the PDF base font's characters (WinAnsi): Greek letters and symbols spelt out. */
export function pdfText(t: string): string {
  return t.replace(/[^\x20-\x7e]/g, (ch) => ASCII[ch] ?? '?');
}

/** Builds the design sheet and returns its bytes. */
export async function designPdf(s: DesignSheet): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'landscape' });
  const left = 40;
  let y = 46;
  doc.setFontSize(16);
  doc.text(s.title, left, y);
  y += 16;
  doc.setFontSize(9);
  doc.setTextColor(90);
  doc.text(s.subtitle, left, y);
  doc.setTextColor(0);
  const table = (head: string, rows: [string, string][]) => {
    y += 20;
    doc.setFontSize(11);
    doc.text(head, left, y);
    doc.setFontSize(9);
    y += 13;
    for (const [k, v] of rows) {
      doc.text(k, left, y);
      doc.text(v, left + 230, y, { align: 'right' });
      y += 11.5;
    }
  };
  table('Inputs', s.inputs);
  table('Design', s.results);

  // the half-section, mirrored about the axis, to scale in a box
  const d = s.design;
  const c = d.contour;
  const box = { x: 300, y: 70, w: 500, h: 250 };
  const x0 = c[0].x;
  const L = c[c.length - 1].x - x0;
  const rMax = Math.max(...c.map((p) => p.r));
  const k = Math.min((box.w - 40) / L, (box.h - 70) / (2 * rMax));
  const X = (x: number) => box.x + 20 + (x - x0) * k;
  const Yc = box.y + box.h / 2;
  doc.setFontSize(11);
  doc.text('Half-section (to scale)', box.x, box.y - 8);
  doc.setLineWidth(1.2);
  for (const sign of [-1, 1]) {
    for (let i = 1; i < c.length; i++) doc.line(X(c[i - 1].x), Yc + sign * c[i - 1].r * k, X(c[i].x), Yc + sign * c[i].r * k);
  }
  doc.setLineWidth(0.4);
  doc.setLineDashPattern([6, 3], 0);
  doc.line(X(x0) - 10, Yc, X(x0 + L) + 10, Yc);
  doc.setLineDashPattern([], 0);
  doc.setFontSize(8);
  const vdim = (x: number, r: number, label: string, align: 'left' | 'right' = 'left') => {
    doc.line(X(x), Yc - r * k, X(x), Yc + r * k);
    doc.text(label, X(x) + (align === 'left' ? 3 : -3), Yc - r * k - 4, { align });
  };
  vdim(x0, d.chamberDiameter / 2, `Dc ${s.len(d.chamberDiameter)}`);
  vdim(0, d.throatDiameter / 2, `Dt ${s.len(d.throatDiameter)}`);
  vdim(x0 + L, d.exitDiameter / 2, `De ${s.len(d.exitDiameter)}`, 'right');
  const yLow = Yc + rMax * k + 18;
  doc.line(X(x0), yLow, X(0), yLow);
  doc.text(`injector to throat ${s.len(d.injectorToThroat)}`, (X(x0) + X(0)) / 2, yLow + 10, { align: 'center' });
  doc.line(X(0), yLow, X(x0 + L), yLow);
  doc.text(`nozzle ${s.len(d.nozzleLength)}`, (X(0) + X(x0 + L)) / 2, yLow + 10, { align: 'center' });

  // heat flux and Mach number along the axis, each scaled to its own range
  const plot = { x: 320, y: 360, w: 480, h: 170 };
  doc.setFontSize(11);
  doc.text('Along the axis: heat flux (solid), Mach number (dashed)', box.x, plot.y - 12);
  doc.setLineWidth(0.5);
  doc.rect(plot.x, plot.y, plot.w, plot.h);
  const px = (x: number) => plot.x + ((x - x0) / L) * plot.w;
  const series = (get: (i: number) => number, dash: number[]) => {
    const v = d.heatFlux.map((_, i) => get(i));
    const hi = Math.max(...v);
    doc.setLineDashPattern(dash, 0);
    for (let i = 1; i < v.length; i++) doc.line(px(d.heatFlux[i - 1].x), plot.y + plot.h * (1 - v[i - 1] / hi), px(d.heatFlux[i].x), plot.y + plot.h * (1 - v[i] / hi));
    doc.setLineDashPattern([], 0);
    return hi;
  };
  const qMax = series((i) => d.heatFlux[i].q, []);
  const mMax = series((i) => d.heatFlux[i].mach, [4, 3]);
  doc.setFontSize(8);
  doc.text(`q max ${(qMax / 1e6).toPrecision(4)} MW/m2`, plot.x + 4, plot.y + 10);
  doc.text(`Mach max ${mMax.toPrecision(4)}`, plot.x + plot.w - 4, plot.y + 10, { align: 'right' });
  doc.text(`x from ${s.len(x0)} (injector) to ${s.len(x0 + L)} (exit); throat at 0`, plot.x, plot.y + plot.h + 12);
  doc.setFontSize(7);
  doc.setTextColor(90);
  doc.text(doc.splitTextToSize(pdfText(`Heat flux: ${String(d.model.heatFlux)}. ${String(d.model.bartzLeavesOut)}`), 760), left, 560);
  doc.setTextColor(0);
  if (s.explanations?.length) {
    doc.addPage();
    y = 46;
    doc.setFontSize(11);
    doc.text('What sets the size', left, y);
    doc.setFontSize(9);
    y += 16;
    for (const t of s.explanations) {
      for (const line of doc.splitTextToSize(pdfText(`- ${t}`), 760) as string[]) {
        doc.text(line, left, y);
        y += 12;
      }
      y += 4;
    }
  }
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    doc.setFontSize(8);
    doc.setTextColor(110);
    doc.text(`Page ${p} of ${pages}`, 802, 575, { align: 'right' });
  }
  return doc.output('blob');
}

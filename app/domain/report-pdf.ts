// Lays a report (report.ts) out as a PDF with jsPDF: A4 landscape, the inputs, the station table,
// the composition, the charts drawn as vector lines, the explanations, the notes and the
// provenance, with "page k of n" on every page. The same code runs in the browser (Explore's PDF
// button, jsPDF loaded only then) and in node (`rfo report`).
import type { Report, ReportChart } from './report.ts';

type Doc = InstanceType<(typeof import('jspdf'))['jsPDF']>;

const PAGE_W = 842;
const PAGE_H = 595;
const LEFT = 40;
const RIGHT = PAGE_W - 40;
const BOTTOM = PAGE_H - 40;
const LINE = 12;
const SERIES_COLORS: [number, number, number][] = [[29, 95, 209], [200, 80, 30], [40, 140, 60], [120, 60, 160], [0, 150, 170], [190, 40, 120], [140, 110, 20], [90, 90, 90]];

/** Round numbers for an axis from lo to hi: about `n` ticks at 1, 2 or 5 × 10^k. */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

const tickText = (t: number) => String(Number(t.toPrecision(6)));

// jsPDF's built-in fonts encode WinAnsi (Latin-1 and a few more): symbols outside it are spelt out,
// so that no page shows a wrong glyph; anything else left outside is a "?".
const SPELLED: [RegExp, string][] = [
  [/≥/g, '>='], [/≤/g, '<='], [/≠/g, '!='], [/≈/g, '~'], [/−/g, '-'], [/√/g, 'sqrt'], [/∞/g, 'inf'], [/→/g, '->'],
  [/γ/g, 'gamma'], [/ε/g, 'eps'], [/λ/g, 'lambda'], [/η/g, 'eta'], [/ρ/g, 'rho'], [/σ/g, 'sigma'], [/θ/g, 'theta'],
  [/α/g, 'alpha'], [/μ/g, 'mu'], [/Δ/g, 'delta '], [/φ/g, 'phi'], [/ν/g, 'nu'], [/π/g, 'pi'], [/∫/g, 'integral '], [/ṁ/g, 'mdot'],
  [/₀/g, '0'], [/₁/g, '1'], [/₂/g, '2'], [/₃/g, '3'], [/₄/g, '4'], [/⁻/g, '-'], [/…/g, '...'], [/[‘’]/g, "'"], [/[“”]/g, '"'],
];
export function pdfSafe(t: string): string {
  let out = t;
  for (const [re, to] of SPELLED) out = out.replace(re, to);
  // WinAnsi beyond Latin-1 that jsPDF maps: the dashes, the bullet, the euro sign
  return out.replace(/[^\u0000-\u00ff–—•€]/g, '?');
}

function drawChart(doc: Doc, c: ReportChart, x0: number, y0: number, w: number, h: number): void {
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(10);
  doc.text(c.title, x0, y0);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(8);
  const pts = c.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const px = { l: x0 + 46, r: x0 + w - 8, t: y0 + 12, b: y0 + h - 30 };
  const bars = c.series.some((s) => s.style === 'bars');
  if (pts.length < (bars || c.categories ? 1 : 2)) {
    doc.text('No points to draw.', px.l, px.t + 20);
    return;
  }
  // bars and error bars widen the ranges: a bar spans x ± width/2 and y from 0
  const xs = c.series.flatMap((s) => s.points.flatMap(([x]) => (s.style === 'bars' ? [x - (s.barWidth ?? 0) / 2, x + (s.barWidth ?? 0) / 2] : [x]))).filter(Number.isFinite);
  const ys = [...pts.map((p) => p[1]), ...c.series.flatMap((s) => (s.errors ?? []).flat()), ...(bars ? [0] : [])].filter(Number.isFinite);
  if (c.zero) { xs.push(0); ys.push(0); }
  let [xlo, xhi] = c.categories ? [-0.5, c.categories.length - 0.5] : [Math.min(...xs), Math.max(...xs)];
  let [ylo, yhi] = [Math.min(...ys), Math.max(...ys)];
  if (xhi === xlo) { xlo -= 1; xhi += 1; }
  // dots at the ends of the range are drawn whole, inside the frame
  if (!c.categories && c.series.some((s) => s.style === 'points')) {
    const px5 = (xhi - xlo) * 0.04;
    xlo -= px5;
    xhi += px5;
  }
  const pad = (yhi - ylo || Math.abs(yhi) || 1) * 0.05;
  // bars stand on the frame's bottom edge when they start at zero
  if (!(bars && ylo === 0)) ylo -= pad;
  yhi += pad;
  const X = (v: number) => px.l + ((v - xlo) / (xhi - xlo)) * (px.r - px.l);
  const Y = (v: number) => px.b - ((v - ylo) / (yhi - ylo)) * (px.b - px.t);
  doc.setDrawColor(120);
  doc.setLineWidth(0.6);
  doc.rect(px.l, px.t, px.r - px.l, px.b - px.t);
  doc.setTextColor(60);
  if (c.categories) c.categories.forEach((name, k) => {
    doc.line(X(k), px.b, X(k), px.b + 3);
    doc.text(name, X(k), px.b + 11, { align: 'center' });
  });
  else for (const t of niceTicks(xlo, xhi)) {
    doc.line(X(t), px.b, X(t), px.b + 3);
    doc.text(tickText(t), X(t), px.b + 11, { align: 'center' });
  }
  for (const t of niceTicks(ylo, yhi)) {
    doc.line(px.l - 3, Y(t), px.l, Y(t));
    doc.text(tickText(t), px.l - 5, Y(t) + 3, { align: 'right' });
  }
  doc.text(c.xLabel, (px.l + px.r) / 2, px.b + 22, { align: 'center' });
  doc.text(c.yLabel, x0 + 8, (px.t + px.b) / 2, { angle: 90, align: 'center' });
  doc.setTextColor(0);
  const markers = [...(c.marker ? [c.marker] : []), ...(c.markers ?? [])];
  markers.forEach((m, k) => {
    if (!(m.x >= xlo && m.x <= xhi)) return;
    doc.setDrawColor(150);
    doc.setLineDashPattern([3, 2], 0);
    doc.line(X(m.x), px.t, X(m.x), px.b);
    doc.setLineDashPattern([], 0);
    // several markers' labels step down so that neighbours do not overlap
    doc.text(m.label, X(m.x) + 3, px.t + 9 + (k % 3) * 9);
  });
  c.series.forEach((s, k) => {
    const [r, g, b] = SERIES_COLORS[k % SERIES_COLORS.length];
    doc.setDrawColor(r, g, b);
    doc.setLineWidth(1.2);
    const ps = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (s.style === 'bars') {
      doc.setFillColor(r, g, b);
      const half = (s.barWidth ?? 0) / 2;
      s.points.forEach(([x, y], i) => {
        if (!Number.isFinite(x) || !Number.isFinite(y)) return;
        const [top, base] = [Y(Math.max(y, 0)), Y(Math.min(y, 0))];
        doc.rect(X(x - half), top, Math.max(0.5, X(x + half) - X(x - half)), Math.max(0.5, base - top), 'F');
        const e = s.errors?.[i];
        if (e && Number.isFinite(e[0]) && Number.isFinite(e[1])) {
          // an error bar: a black whisker with caps, over the bar
          doc.setDrawColor(0);
          doc.setLineWidth(0.8);
          const cap = Math.min(4, (X(x + half) - X(x - half)) / 3);
          doc.line(X(x), Y(e[0]), X(x), Y(e[1]));
          doc.line(X(x) - cap, Y(e[0]), X(x) + cap, Y(e[0]));
          doc.line(X(x) - cap, Y(e[1]), X(x) + cap, Y(e[1]));
          doc.setDrawColor(r, g, b);
          doc.setLineWidth(1.2);
        }
      });
    } else if (s.style === 'points') {
      doc.setFillColor(r, g, b);
      ps.forEach(([x, y]) => doc.circle(X(x), Y(y), 2.2, 'F'));
      s.points.forEach(([x, y], i) => {
        // a label near the right edge goes to the dot's left, inside the frame
        if (s.labels?.[i] && Number.isFinite(x) && Number.isFinite(y)) {
          const left = X(x) > (px.l + px.r) / 2;
          doc.text(s.labels[i], X(x) + (left ? -4 : 4), Y(y) + (Y(y) < px.t + 10 ? 9 : -3), { align: left ? 'right' : 'left' });
        }
      });
    } else for (let i = 1; i < ps.length; i++) doc.line(X(ps[i - 1][0]), Y(ps[i - 1][1]), X(ps[i][0]), Y(ps[i][1]));
    if (c.series.length > 1) {
      doc.setTextColor(r, g, b);
      doc.text(s.name, px.r - 4, px.t + 10 + k * 10, { align: 'right' });
      doc.setTextColor(0);
    }
  });
  doc.setDrawColor(0);
  doc.setLineWidth(0.2);
}

/** The report as PDF bytes. */
export async function reportPdfBytes(r: Report): Promise<Uint8Array> {
  return reportsPdfBytes([r]);
}

/**
 * Several reports in one PDF (`rfo report` of an experiment and its studies): each starts on a new
 * page, the pages are numbered through the whole document, and each page's footer names its report.
 */
export async function reportsPdfBytes(reports: Report[]): Promise<Uint8Array> {
  const { jsPDF } = await import('jspdf');
  const doc: Doc = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'landscape' });
  const rawText = doc.text.bind(doc);
  doc.text = ((t: string | string[], ...rest: unknown[]) => (rawText as (...a: unknown[]) => Doc)(Array.isArray(t) ? t.map(pdfSafe) : pdfSafe(t), ...rest)) as Doc['text'];
  const rawSplit = doc.splitTextToSize.bind(doc);
  doc.splitTextToSize = ((t: string, w: number, o?: unknown) => rawSplit(pdfSafe(t), w, o as never)) as Doc['splitTextToSize'];
  doc.setProperties({ title: reports[0]?.title ?? '', subject: reports[0]?.subtitle ?? '', creator: 'Rocket Fuel Optimizer' });
  let y = 48;
  /** Starts a new page unless `h` points fit on this one; true when it did. */
  const room = (h: number) => {
    if (y + h <= BOTTOM) return false;
    doc.addPage();
    y = 48;
    return true;
  };
  const heading = (t: string) => {
    room(3 * LINE);
    y += 8;
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(11);
    doc.text(t, LEFT, y);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(9);
    y += 14;
  };
  const para = (t: string, indent = 0) => {
    const lines = doc.splitTextToSize(t, RIGHT - LEFT - indent) as string[];
    for (const l of lines) {
      room(LINE);
      doc.text(l, LEFT + indent, y);
      y += LINE;
    }
  };
  // label / value rows, the value wrapped in its column `valueX` points from the left margin
  const pairs = (rows: [string, string][], valueX: number) => {
    for (const [k, v] of rows) {
      room(LINE);
      doc.text(k, LEFT, y);
      const lines = doc.splitTextToSize(v, RIGHT - LEFT - valueX) as string[];
      lines.forEach((l, i) => { if (i) { y += LINE; room(LINE); } doc.text(l, LEFT + valueX, y); });
      y += LINE;
    }
  };
  const table = (head: string[], rows: string[][], firstW: number) => {
    const n = head.length;
    const unitCol = head[n - 1] === 'Unit';
    const lastW = unitCol ? 80 : 0;
    const w = Math.min(95, (RIGHT - LEFT - firstW - lastW) / Math.max(1, n - (unitCol ? 2 : 1)));
    // a wide table (a Pareto set's dozen columns) in a smaller type, so that its headers fit their columns
    // (and a header wider than its column at 9 pt: a dataset's "Isp ideal (lbf·s/lbm)")
    const size = w < 70 || head.slice(1).some((h) => doc.getStringUnitWidth(pdfSafe(h)) * 9 > w - 4) ? 7.5 : 9;
    const xs = head.map((_, i) => (i === 0 ? LEFT : LEFT + firstW + (i - 1) * w));
    const line = (cells: string[], bold: boolean) => {
      // a table running onto a new page repeats its header there
      if (room(LINE) && !bold) line(head, true);
      doc.setFont('helvetica', bold ? 'bold' : 'normal');
      doc.setFontSize(size);
      cells.forEach((c, i) => {
        const edge = i === 0 || (i === n - 1 && unitCol);
        doc.text(c, edge ? xs[i] : xs[i] + w - 10, y, { align: edge ? 'left' : 'right' });
      });
      y += LINE;
    };
    line(head, true);
    for (const cells of rows) line(cells, false);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(9);
  };

  /** The title of each page's report (index: page − 1), for the footers. */
  const footers: string[] = [];
  reports.forEach((r, part) => {
    if (part > 0) {
      doc.addPage();
      y = 48;
    }
    const firstPage = doc.getNumberOfPages();
    doc.setFontSize(16);
    doc.text(r.title, LEFT, y);
    y += 18;
    doc.setFontSize(9);
    doc.setTextColor(90);
    para(r.subtitle);
    doc.setTextColor(0);

    heading('Inputs');
    pairs(r.inputs, 220);

    heading(r.tableTitle ?? 'Stations');
    table(r.table.head, r.table.rows, r.table.firstWidth ?? (r.tableTitle ? 60 : 130));
    for (const t of r.tables ?? []) {
      heading(t.title);
      table(t.head, t.rows, 130);
    }

    for (const sec of r.sections ?? []) {
      heading(sec.title);
      for (const t of sec.lines) {
        para(t);
        y += 2;
      }
    }

    if (r.composition && r.composition.rows.length) {
      heading('Composition (mole fractions ≥ 0.1 % at some station)');
      table(r.composition.head, r.composition.rows, 130);
    }

    const charts = r.charts ?? [];
    for (let i = 0; i < charts.length; i += 2) {
      // the heading stays with the first row of charts
      room(i === 0 ? 262 : 230);
      if (i === 0) heading('Charts');
      const w = (RIGHT - LEFT - 20) / 2;
      drawChart(doc, charts[i], LEFT, y, w, 220);
      if (charts[i + 1]) drawChart(doc, charts[i + 1], LEFT + w + 20, y, w, 220);
      y += 232;
    }

    if (r.explanations?.length) {
      heading('What the numbers say');
      for (const t of r.explanations) {
        para(`• ${t}`);
        y += 2;
      }
    }
    if (r.notes.length) {
      heading('Notes');
      for (const n of r.notes) para(n);
    }
    if (r.provenance?.length) {
      heading('Provenance');
      pairs(r.provenance, 160);
    }
    for (let p = firstPage; p <= doc.getNumberOfPages(); p++) footers[p - 1] = r.title;
  });

  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    doc.setFontSize(8);
    doc.setTextColor(110);
    doc.text(footers[p - 1] ?? '', LEFT, PAGE_H - 20);
    doc.text(`Page ${p} of ${pages}`, RIGHT, PAGE_H - 20, { align: 'right' });
    doc.setTextColor(0);
  }
  return new Uint8Array(doc.output('arraybuffer'));
}

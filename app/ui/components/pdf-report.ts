// Lays a design-point report out as a PDF with jsPDF, loaded only when a user exports one.
import type { Report } from '../../domain/report.ts';

/** Builds the PDF of a report and returns its bytes. */
export async function reportPdf(r: Report): Promise<Blob> {
  return (await reportDoc(r)).output('blob');
}

/** The PDF of a report as bytes (the command line writes them to a file). */
export async function reportPdfBytes(r: Report): Promise<ArrayBuffer> {
  return (await reportDoc(r)).output('arraybuffer');
}

// jsPDF's standard fonts cover WinAnsi (cp1252) only: a line with any other character is written
// as UTF-16 and shows as spaced-out garbage, so the few symbols the texts use are spelled out.
const SPELLED: Record<string, string> = { '√': 'sqrt', '−': '-', '≤': '<=', '≥': '>=', '→': '->', 'ε': 'eps', 'γ': 'gamma', 'Γ': 'Gamma', 'ṁ': 'mdot', '∞': 'inf', '₂': '2', '₃': '3', '₄': '4' };
/** Text the PDF's standard font can show. */
export const pdfSafe = (t: string) => t.replace(/[√−≤≥→εγΓṁ∞₂₃₄]/g, (c) => SPELLED[c]);

async function reportDoc(report: Report) {
  const safe = (xs: string[]) => xs.map(pdfSafe);
  const r: Report = {
    ...report,
    title: pdfSafe(report.title), subtitle: pdfSafe(report.subtitle),
    inputs: report.inputs.map(([k, v]) => [pdfSafe(k), pdfSafe(v)] as [string, string]),
    table: { head: safe(report.table.head), rows: report.table.rows.map(safe) },
    notes: safe(report.notes), explanations: report.explanations && safe(report.explanations), provenance: report.provenance && safe(report.provenance),
  };
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'landscape' });
  const bottom = doc.internal.pageSize.getHeight() - 40;
  const left = 40;
  let y = 48;
  doc.setFontSize(16);
  doc.text(r.title, left, y);
  y += 18;
  doc.setFontSize(9);
  doc.setTextColor(90);
  doc.text(r.subtitle, left, y);
  doc.setTextColor(0);
  y += 22;
  doc.setFontSize(11);
  doc.text('Inputs', left, y);
  y += 14;
  doc.setFontSize(9);
  for (const [k, v] of r.inputs) {
    doc.text(k, left, y);
    doc.text(v, left + 200, y);
    y += 12;
  }
  y += 10;
  doc.setFontSize(11);
  doc.text('Stations', left, y);
  y += 14;
  doc.setFontSize(9);
  const colW = [130, ...r.table.head.slice(1, -1).map(() => 95), 80];
  const xs = colW.reduce<number[]>((acc, w, i) => [...acc, i === 0 ? left : acc[i - 1] + colW[i - 1]], []);
  const row = (cells: string[], bold: boolean) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    cells.forEach((c, i) => doc.text(c, i === 0 || i === cells.length - 1 ? xs[i] : xs[i] + colW[i] - 10, y, { align: i === 0 || i === cells.length - 1 ? 'left' : 'right' }));
    y += 12;
  };
  row(r.table.head, true);
  for (const cells of r.table.rows) row(cells, false);
  doc.setFont('helvetica', 'normal');
  if (r.notes.length) {
    y += 8;
    for (const n of r.notes) {
      doc.text(doc.splitTextToSize(n, 760), left, y);
      y += 12;
    }
  }
  // Paragraphs that may run onto a new page.
  const paragraphs = (heading: string, texts: string[]) => {
    if (!texts.length) return;
    if (y + 40 > bottom) { doc.addPage(); y = 48; }
    y += 10;
    doc.setFontSize(11);
    doc.text(heading, left, y);
    y += 14;
    doc.setFontSize(9);
    for (const t of texts) {
      const lines = doc.splitTextToSize(t, 760) as string[];
      if (y + lines.length * 11 > bottom) { doc.addPage(); y = 48; }
      doc.text(lines, left, y);
      y += lines.length * 11 + 4;
    }
  };
  paragraphs('Why these numbers', r.explanations ?? []);
  paragraphs('Provenance', r.provenance ?? []);
  const pages = doc.getNumberOfPages();
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i);
    doc.setFontSize(8);
    doc.setTextColor(90);
    doc.text(`Page ${i} of ${pages}`, doc.internal.pageSize.getWidth() - 40, bottom + 20, { align: 'right' });
    doc.setTextColor(0);
  }
  return doc;
}

// Lays a design-point report out as a PDF with jsPDF, loaded only when a user exports one.
import type { Report } from '../../domain/report.ts';

/** Builds the PDF of a report and returns its bytes. */
export async function reportPdf(r: Report): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'landscape' });
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
  return doc.output('blob');
}

// The design-point report as a PDF blob for download: the layout (app/domain/report-pdf.ts, with
// jsPDF) is loaded only when a user exports one.
import type { Report } from '../../domain/report.ts';

/** Builds the PDF of a report and returns it as a Blob. */
export async function reportPdf(r: Report): Promise<Blob> {
  const { reportPdfBytes } = await import('../../domain/report-pdf.ts');
  const bytes = await reportPdfBytes(r);
  return new Blob([bytes as BlobPart], { type: 'application/pdf' });
}

// A PDF button's state (app/ui/components/file-io.ts, issue 16): when the report cannot be made the
// page shows a message saying so, and the button is usable again; a lazily loaded chunk that did
// not load (the browsers' own wordings) reads as something the user can act on.
import { describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import { createPdfDownload, pdfFailureText } from '../../app/ui/components/file-io.ts';

describe('createPdfDownload', () => {
  it('a layout that throws: the message names the reason, busy while making, not after', async () => {
    const pdf = createRoot(() => createPdfDownload(async () => { throw new Error('the chart has no points'); }));
    expect(pdf.error()).toBeNull();
    const running = pdf.run();
    expect(pdf.busy()).toBe(true);
    await running;
    expect(pdf.busy()).toBe(false);
    expect(pdf.error()).toBe('The PDF report could not be made: the chart has no points');
  });

  it('a chunk that did not load (Chromium, Firefox, Safari wordings) asks to check the connection and reload', async () => {
    for (const m of [
      'Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/jspdf.es.min-C5HcsHCX.js',
      'error loading dynamically imported module: http://localhost/assets/report-pdf.js',
      'Importing a module script failed.',
    ]) {
      const pdf = createRoot(() => createPdfDownload(() => Promise.reject(new TypeError(m))));
      await pdf.run();
      expect(pdf.error()).toBe('The PDF report could not be made: the PDF code could not be loaded. Check the connection, reload the page and try again.');
    }
    expect(pdfFailureText('disk full')).toBe('The PDF report could not be made: disk full');
  });

  it('nothing to report: no download, no message; a failure is cleared by the next try', async () => {
    let fail = true;
    const pdf = createRoot(() => createPdfDownload(async () => {
      if (fail) throw new Error('out of memory');
      return null;
    }));
    await pdf.run();
    expect(pdf.error()).toMatch(/out of memory$/);
    fail = false;
    await pdf.run();
    expect(pdf.error()).toBeNull();
    expect(pdf.busy()).toBe(false);
  });
});

// Browser file helpers for the UI: save text as a download, read a picked file as text.
import { createSignal } from 'solid-js';

export function downloadText(filename: string, text: string, type = 'application/json') {
  downloadBlob(filename, new Blob([text], { type }));
}

export function downloadBlob(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function readFileText(file: File): Promise<string> {
  return file.text();
}

/** A filename-safe version of a name. */
export function fileStem(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'experiment';
}

// How Chromium, Firefox and Safari say a lazily loaded chunk (jsPDF, the report layout) did not load.
const CHUNK_FAILED = /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i;

/**
 * What a page says when a PDF report could not be made (the button otherwise just re-enables). The
 * PDF code is loaded only when first asked for: when that fails (offline before the app was stored
 * for offline use, or a new version replaced the files) the message says what to do rather than
 * quoting the browser's URL.
 */
export function pdfFailureText(e: unknown): string {
  const why = e instanceof Error ? e.message : String(e);
  if (CHUNK_FAILED.test(why)) return 'The PDF report could not be made: the PDF code could not be loaded. Check the connection, reload the page and try again.';
  return `The PDF report could not be made: ${why}`;
}

/**
 * A PDF button's state: busy while the report is made, and the message when it could not be.
 * `make` returns the file name and the PDF, or null when there is nothing to report.
 */
export function createPdfDownload(make: () => Promise<{ name: string; blob: Blob } | null>) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  async function run(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const out = await make();
      if (out) downloadBlob(out.name, out.blob);
    } catch (e) {
      setError(pdfFailureText(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}


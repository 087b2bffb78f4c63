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

/** What a page says when a PDF report could not be made (the button otherwise just re-enables). */
export function pdfFailureText(e: unknown): string {
  return `The PDF report could not be made: ${e instanceof Error ? e.message : String(e)}`;
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


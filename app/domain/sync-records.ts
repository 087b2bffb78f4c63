// An experiment's results and models on a sync server: one attachment of its document
// (RECORDS_ATTACHMENT), holding the experiment file of backup.ts — the format an exported
// experiment has — so that what arrives is read by the same import path as a file: every result
// decoded and checked (datasets by restoreDataset), every model by restoreModelDoc, nothing taken
// that belongs to another experiment. Pure; the engine (app/data/sync-engine.ts) moves the text.
import { exportExperimentFile, importWorkspace } from './backup.ts';
import type { Experiment } from './experiment.ts';
import type { StoredModel, StoredResult } from './stored-records.ts';
import { MAX_RECORDS_BYTES } from './sync-workspace.ts';
import { err, ok, type Result } from './result.ts';

export interface SyncRecords {
  results: StoredResult[];
  models: StoredModel[];
}

/** The attachment's text: the experiment file with its results and models. */
export function recordsText(e: Experiment, r: SyncRecords): string {
  return exportExperimentFile(e, r.results, r.models, e.updatedAt);
}

/**
 * The results and models an attachment carries for experiment `id`, read as an imported file is;
 * refused (with the reason) when too large, unreadable, of another experiment, or when anything in
 * it would be left out.
 */
export function readRecords(text: string, id: string): Result<SyncRecords> {
  if (text.length > MAX_RECORDS_BYTES) return err('too-large', `its results are ${text.length} characters (at most ${MAX_RECORDS_BYTES})`, 'records');
  const r = importWorkspace(text);
  if (!r.ok) return err(r.error.code, `its results: ${r.error.message}`, 'records');
  const { experiments, results, models } = r.value.workspace;
  if (experiments.length !== 1 || experiments[0].id !== id) return err('bad-records', `its results belong to another experiment (${JSON.stringify(experiments.map((e) => e.id)).slice(0, 80)})`, 'records');
  if (r.value.skipped.length) return err('bad-records', `its results: ${r.value.skipped[0]}`, 'records');
  return ok({ results, models });
}

/** UTF-8 text as standard base64 (what a CouchDB attachment's `data` holds). */
export function base64OfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

/**
 * An attachment's content as text, as PouchDB hands it over: a Blob in the browser, a Buffer (a
 * Uint8Array) in Node, or base64 text; null when it is none of these.
 */
export async function textOfAttachment(data: unknown): Promise<string | null> {
  if (typeof data === 'string') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    } catch {
      return null;
    }
  }
  const bytes = typeof Blob !== 'undefined' && data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data instanceof Uint8Array ? data : null;
  if (!bytes) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

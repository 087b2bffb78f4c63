// An experiment's results and models on a sync server: one attachment of its document
// (RECORDS_ATTACHMENT), holding the experiment file of backup.ts — the format an exported
// experiment has — so that what arrives is read by the same import path as a file: every result
// decoded and checked (datasets by restoreDataset), every model by restoreModelDoc, nothing taken
// that belongs to another experiment. Pure; the engine (app/data/sync-engine.ts) moves the text
// (its bytes: app/data/sync-attachments.ts).
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

// A copy of a stored experiment with its results and models, for moving or copying it between
// workspaces (issue 17). Apart from the workspace store so that it loads with sync, not first.
import { err, ok, type Result } from '../domain/result.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { WorkspaceStore } from './workspace.ts';

/**
 * A copy of stored experiment `id` under a new id, with its results and models (re-keyed), made
 * through the import path — the same validation and re-keying as importing its file. Refused,
 * with nothing written, when the import would leave anything out or change it.
 */
export async function copyWithRecords(ws: Pick<WorkspaceStore, 'exportOne' | 'prepareImport' | 'commitImport' | 'byId'>, id: string): Promise<Result<Experiment>> {
  const file = await ws.exportOne(id);
  if (!file.ok) return file;
  const p = await ws.prepareImport(file.value, 'merge');
  if (!p.ok) return p;
  const lost = [...p.value.report.skipped, ...p.value.report.warnings];
  if (lost.length) return err('incomplete', `the copy would not be complete (${lost.slice(0, 3).join('; ')})`);
  const done = await ws.commitImport(p.value);
  if (!done.ok) return done;
  const copy = done.value.workspace.experiments[0];
  return copy ? ok(ws.byId(copy.id) ?? copy) : err('storage', 'The copy was not stored.');
}

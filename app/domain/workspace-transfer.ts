// Moving or copying an experiment between any two workspaces (issue 17): the personal one (this
// device, not synced) and the team or class workspaces the device syncs with. A copy is a new experiment (new id, its
// results and models with it) in the target; a move is a copy, then the source deleted — only once
// the copy is stored, and not at all when the server refused it. What a role may not do is refused
// before anything is written, with a sentence saying why (the server would refuse it anyway). Pure:
// the storage and sync steps come in as `io`, so this runs (and is tested) in node.
import { err, ok, type Result } from './result.ts';
import type { WorkspaceRole } from './sync-workspace.ts';

export type TransferOp = 'copy' | 'move';

/** Where an experiment lives: this device only, or a synced team/class workspace with the user's role there. */
export type Place = { kind: 'personal' } | { kind: 'team'; workspace: string; db: string; role: WorkspaceRole };

export const placeName = (p: Place) => (p.kind === 'personal' ? 'your personal workspace' : `workspace ${p.workspace}`);

/** Why the user may not do this (a sentence), or null. */
export function transferRefusal(op: TransferOp, from: Place, to: Place): string | null {
  if (from.kind === to.kind && (from.kind === 'personal' || (to.kind === 'team' && from.db === to.db))) return `the experiment is in ${placeName(to)} already`;
  const verb = op === 'copy' ? 'copy' : 'move';
  if (to.kind === 'team' && to.role === 'viewer') return `you are a viewer in workspace ${to.workspace}: you cannot ${verb} experiments into it (writing needs the member or admin role, and the server refuses a viewer's writes)`;
  if (op === 'move' && from.kind === 'team' && from.role === 'viewer') return `you are a viewer in workspace ${from.workspace}: moving would delete the experiment there, which the server refuses — copy it instead`;
  return null;
}

export interface TransferIo {
  /** Stores a copy (new id, results and models re-keyed) through the import path; its id and name. */
  copy(id: string): Promise<Result<{ id: string; name: string }>>;
  /** Puts the stored copy into the target team workspace and tries to send it now. */
  publish(id: string): Promise<{ state: 'sent' | 'queued' } | { state: 'refused'; message: string }>;
  /** Deletes the source from its workspace (from the server too, for a team one). */
  remove(id: string): Promise<Result<true>>;
}

/**
 * Copies or moves experiment `id` from one place to another; the message says what was done.
 * Never deletes the source unless the copy is stored (and, for a team target, not refused by the server).
 */
export async function transferExperiment(op: TransferOp, id: string, name: string, from: Place, to: Place, io: TransferIo): Promise<Result<{ copyId: string; message: string }>> {
  const no = transferRefusal(op, from, to);
  if (no) return err('forbidden', `“${name}” was not ${op === 'copy' ? 'copied' : 'moved'}: ${no}.`, 'workspace');
  const copy = await io.copy(id);
  if (!copy.ok) return err(copy.error.code, `“${name}” was not ${op === 'copy' ? 'copied' : 'moved'}: ${copy.error.message}`, copy.error.field);
  let note = '';
  if (to.kind === 'team') {
    const sent = await io.publish(copy.value.id);
    if (sent.state === 'refused') {
      const kept = op === 'move' ? ' The original is kept where it was.' : '';
      return err('refused', `The copy of “${name}” is stored on this device but the server refused it: ${sent.message}.${kept}`, 'workspace');
    }
    if (sent.state === 'queued') note = ' It is stored on this device and will be sent when the server can be reached.';
  }
  if (op === 'copy') return ok({ copyId: copy.value.id, message: `Copied “${name}” to ${placeName(to)}.${note}` });
  const gone = await io.remove(id);
  if (!gone.ok) return ok({ copyId: copy.value.id, message: `Copied “${name}” to ${placeName(to)}, but the original in ${placeName(from)} was not deleted: ${gone.error.message}${note}` });
  return ok({ copyId: copy.value.id, message: `Moved “${name}” to ${placeName(to)}.${note}` });
}

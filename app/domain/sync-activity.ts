// A workspace's activity list (issue 17): who changed which experiment and when, newest first,
// from the author and time each synced document carries (modifiedBy/modifiedAt, which the server
// lets only the writing user set) and the deletions the sync engine saw. Names are untrusted text
// from the server: cleaned (no markup or control characters) and length-capped here, and the UI
// renders them as text. Pure: runs in node.
import { AUTHOR_MAX, LIMITS, cleanAuthor } from './experiment.ts';

export interface ActivityEntry {
  id: string;
  /** The experiment's name at that change. */
  name: string;
  /** Who made it (the server user name); null when the document does not say. */
  by: string | null;
  /** When (ISO). */
  at: string;
  action: 'changed' | 'deleted';
}

/** Per document, what the sync record keeps of its last agreed revision. */
export interface ActivitySource {
  name?: unknown;
  by?: unknown;
  at?: unknown;
}

/** Deletions kept in the sync record (newest last). */
export const MAX_DELETIONS_KEPT = 30;

const isoOrNull = (v: unknown): string | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(Date.parse(v)).toISOString() : null);

/** One entry with its fields cleaned, or null when it has no valid time. */
export function activityEntry(id: string, src: ActivitySource, action: ActivityEntry['action']): ActivityEntry | null {
  const at = isoOrNull(src.at);
  if (!at) return null;
  const raw = typeof src.name === 'string' ? src.name.replace(/[\u0000-\u001f\u007f]/g, '').trim() : '';
  const name = raw ? raw.slice(0, LIMITS.name) : `experiment ${id.slice(0, 40)}`;
  return { id: id.slice(0, 80), name, by: cleanAuthor(src.by)?.slice(0, AUTHOR_MAX) ?? null, at, action };
}

/** The newest `limit` changes and deletions, newest first (ties: by name, for a stable order). */
export function workspaceActivity(docs: Record<string, ActivitySource>, deleted: readonly (ActivitySource & { id?: unknown })[], limit = 20): ActivityEntry[] {
  const out: ActivityEntry[] = [];
  for (const [id, d] of Object.entries(docs)) {
    const e = activityEntry(id, d, 'changed');
    if (e) out.push(e);
  }
  for (const d of deleted) {
    const e = typeof d?.id === 'string' ? activityEntry(d.id, d, 'deleted') : null;
    if (e) out.push(e);
  }
  return out.sort((a, b) => b.at.localeCompare(a.at) || a.name.localeCompare(b.name)).slice(0, Math.max(0, limit));
}

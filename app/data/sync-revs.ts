// CouchDB's revisions, as far as a device needs them: a revision's generation and ancestry, and
// which of a document's leaves the server shows (sync-engine.ts; no PouchDB needed for these).
/** The revisions a document carries in `_revisions` (replication gives each revision its ancestry), newest first. */
export function ancestry(doc: Record<string, unknown>): string[] {
  const r = doc._revisions as { start?: unknown; ids?: unknown } | undefined;
  const rev = typeof doc._rev === 'string' ? doc._rev : '';
  if (!r || typeof r.start !== 'number' || !Array.isArray(r.ids)) return rev ? [rev] : [];
  const start = r.start;
  return r.ids.filter((x): x is string => typeof x === 'string').map((id, k) => `${start - k}-${id}`);
}

/** A revision's generation (the number before the dash); 0 when it has none. */
export function revGen(rev: string | null | undefined): number {
  const g = Number(/^(\d+)-/.exec(rev ?? '')?.[1]);
  return Number.isSafeInteger(g) ? g : 0;
}

/**
 * The revision CouchDB shows of a document with these leaves: a live one before a deleted one, then
 * the highest generation, then the highest id (compared as strings): every server and device picks
 * the same one.
 */
export function winningLeaf<T extends { rev: string; deleted: boolean }>(leaves: T[]): T | null {
  let best: T | null = null;
  for (const l of leaves) {
    if (!best) best = l;
    else if (best.deleted !== l.deleted) best = l.deleted ? best : l;
    else {
      const [gb, gl] = [revGen(best.rev), revGen(l.rev)];
      if (gl > gb || (gl === gb && l.rev.slice(l.rev.indexOf('-') + 1) > best.rev.slice(best.rev.indexOf('-') + 1))) best = l;
    }
  }
  return best;
}

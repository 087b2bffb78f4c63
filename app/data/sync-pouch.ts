// The replication itself is PouchDB's (Apache-2.0; the CouchDB project's own JavaScript client):
// its replicator reads the server's changes, asks which revisions are missing (_revs_diff), fetches
// them (_bulk_get), writes them (new_edits: false) and keeps checkpoints on both sides, in batches,
// with the CouchDB replication protocol. Only its HTTP adapter and replicator are used: the device's
// side of each replication is the app's own store (sync-engine.ts gives PouchDB a database-shaped
// view of it, a "replica"), so no second copy of any document is kept on the device.
// Loaded only when a workspace syncs (this module is imported dynamically by the engine).
import PouchDB from 'pouchdb-core';
import HttpAdapter from 'pouchdb-adapter-http';
import Replication from 'pouchdb-replication';

/** MD5 in hex: the digest in the revision ids the replica makes (sync-engine.ts, revisionOf). */
export { stringMd5 } from 'pouchdb-md5';

PouchDB.plugin(HttpAdapter).plugin(Replication);

/** A CouchDB database over HTTP, every request through `fetch` (the engine's: session cookie or a test's, within the sync budget). */
export function remoteDb(url: string, fetch: (url: string, init: RequestInit) => Promise<Response>): RemoteDb {
  const db = new PouchDB(url, { skip_setup: true, fetch }) as unknown as RemoteDb;
  // CouchDB names a refused document's error in `error` only; PouchDB's replicator tells a refusal
  // (reported, the others go on) from a failure (the batch stops) by `name`
  const bulkDocs = db.bulkDocs.bind(db);
  db.bulkDocs = async (req, opts) => ((await bulkDocs(req, opts)) as DocResult[]).map((r) => (r.error && !r.name ? { ...r, name: r.error } : r));
  return db;
}

export const replicate = (from: unknown, to: unknown, opts: ReplicateOptions): Replication => PouchDB.replicate(from, to, opts) as unknown as Replication;

export interface DocResult {
  id: string;
  rev?: string;
  ok?: boolean;
  error?: string;
  reason?: string;
  name?: string;
}

export interface RemoteDb {
  bulkDocs(req: { docs: unknown[]; new_edits?: boolean }, opts?: unknown): Promise<DocResult[]>;
  get(id: string, opts?: { rev?: string; conflicts?: boolean }): Promise<Record<string, unknown>>;
}

export interface ReplicateOptions {
  batch_size?: number;
  batches_limit?: number;
  retry?: boolean;
  checkpoint?: false | 'source' | 'target';
}

export interface Replication extends PromiseLike<{ ok: boolean; docs_written: number; last_seq: unknown }> {
  on(event: 'change', f: (info: { docs?: { _id: string; _rev: string }[] }) => void): Replication;
  on(event: 'denied', f: (err: DocResult) => void): Replication;
  cancel(): void;
}

// Storage of test-stand recordings: a database of its own (so the app's main schema and its
// migrations stay untouched), one record per firing and its samples in chunks as they arrive, so
// a crashed or closed tab loses only what arrived since the last chunk (200 ms). Failures come
// back as values.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { err, ok, type Result } from '../domain/result.ts';
import { storageError } from './db.ts';

export const STAND_DB_NAME = 'rfo-stand';
export const STAND_DB_VERSION = 1;

export interface StoredFiring {
  id: string;
  /** ISO 8601 */
  startedAt: string;
  /** Where the samples came from (a URL, a file name, "serial port"). */
  source: string;
  /** Header line of the stored columns (null until the header arrived). */
  headerLine: string | null;
  samples: number;
  chunks: number;
  status: 'recording' | 'done';
  /** The experiment the firing is compared with and saved to (absent: none chosen). */
  experimentId?: string;
}

export interface StoredChunk {
  firingId: string;
  seq: number;
  /** Index of its first sample. */
  from: number;
  /** SI columns in header order. */
  columns: Float64Array[];
}

interface StandSchema extends DBSchema {
  firings: { key: string; value: StoredFiring; indexes: { startedAt: string } };
  chunks: { key: [string, number]; value: StoredChunk };
}

let dbp: Promise<IDBPDatabase<StandSchema>> | null = null;

function db(): Promise<IDBPDatabase<StandSchema>> {
  dbp ??= openDB<StandSchema>(STAND_DB_NAME, STAND_DB_VERSION, {
    upgrade(d) {
      const f = d.createObjectStore('firings', { keyPath: 'id' });
      f.createIndex('startedAt', 'startedAt');
      d.createObjectStore('chunks', { keyPath: ['firingId', 'seq'] });
    },
  });
  return dbp;
}

/** A new firing record. */
export async function startFiring(f: Pick<StoredFiring, 'id' | 'startedAt' | 'source' | 'experimentId'>): Promise<Result<StoredFiring>> {
  const rec: StoredFiring = { ...f, headerLine: null, samples: 0, chunks: 0, status: 'recording' };
  try {
    await (await db()).put('firings', rec);
    return ok(rec);
  } catch (e) {
    return storageError(e, 'starting the firing record');
  }
}

/** Stores one chunk of samples and the firing's new count in one transaction. */
export async function appendChunk(id: string, headerLine: string, from: number, columns: Float64Array[]): Promise<Result<StoredFiring>> {
  try {
    const tx = (await db()).transaction(['firings', 'chunks'], 'readwrite');
    const f = await tx.objectStore('firings').get(id);
    if (!f) {
      tx.done.catch(() => {}); // aborted on purpose: nothing was written
      tx.abort();
      return err('not-found', `The firing ${id} is no longer stored.`, 'id');
    }
    const n = columns[0]?.length ?? 0;
    const next: StoredFiring = { ...f, headerLine, samples: from + n, chunks: f.chunks + 1 };
    await Promise.all([tx.objectStore('chunks').put({ firingId: id, seq: f.chunks, from, columns }), tx.objectStore('firings').put(next), tx.done]);
    return ok(next);
  } catch (e) {
    return storageError(e, 'storing firing samples');
  }
}

export async function finishFiring(id: string): Promise<void> {
  try {
    // one transaction: a chunk written between a separate read and write would be counted out again
    const tx = (await db()).transaction('firings', 'readwrite');
    const f = await tx.store.get(id);
    if (f) await tx.store.put({ ...f, status: 'done' });
    await tx.done;
  } catch {
    // the samples are stored; only the label stays "recording"
  }
}

/** Links a firing to an experiment (null: to none), so that a reload keeps the link. */
export async function linkFiring(id: string, experimentId: string | null): Promise<void> {
  try {
    const tx = (await db()).transaction('firings', 'readwrite');
    const f = await tx.store.get(id);
    if (f) {
      const { experimentId: _old, ...rest } = f;
      await tx.store.put(experimentId ? { ...rest, experimentId } : rest);
    }
    await tx.done;
  } catch {
    // the link is a convenience: the firing itself is stored
  }
}

/** The most recent firing, or null. */
export async function latestFiring(): Promise<Result<StoredFiring | null>> {
  try {
    const d = await db();
    const cur = await d.transaction('firings').store.index('startedAt').openCursor(null, 'prev');
    return ok(cur?.value ?? null);
  } catch (e) {
    return storageError(e, 'reading the stored firings');
  }
}

/** A firing's samples, in order, as whole columns. */
export async function loadFiringColumns(f: StoredFiring): Promise<Result<Float64Array[]>> {
  try {
    const chunks = await (await db()).getAll('chunks', IDBKeyRange.bound([f.id, 0], [f.id, Infinity]));
    chunks.sort((a, b) => a.seq - b.seq);
    const width = chunks[0]?.columns.length ?? 0;
    const n = chunks.reduce((s, c) => Math.max(s, c.from + (c.columns[0]?.length ?? 0)), 0);
    const out = Array.from({ length: width }, () => new Float64Array(n));
    for (const c of chunks) c.columns.forEach((col, i) => out[i].set(col, c.from));
    return ok(out);
  } catch (e) {
    return storageError(e, 'reading the firing samples');
  }
}

// IndexedDB storage (the only code that touches it). Documents and their large results live in
// separate object stores and are written in one transaction; every read of an experiment goes
// through restoreExperiment; failures (quota, blocked, corrupt data) come back as values; other
// tabs hear about changes on a BroadcastChannel.
import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb';
import { restoreExperiment, type Experiment } from '../domain/experiment.ts';
import { restorePropellant, type StoredModel, type StoredResult, type Workspace } from '../domain/backup.ts';
import { restoreModelDoc } from '../domain/ml-model.ts';
import type { Propellant } from '../domain/propellants.ts';
import type { JsonValue } from '../domain/json-clean.ts';
import { err, ok, type KernelError, type Result } from '../domain/result.ts';

export const DB_NAME = 'rocket-fuel-optimizer';
export const DB_VERSION = 2;
export const CHANNEL_NAME = 'rfo-storage';

export interface SettingRow {
  key: string;
  value: JsonValue;
}

interface RfoSchema extends DBSchema {
  experiments: { key: string; value: Experiment; indexes: { updatedAt: string; createdAt: string; name: string; tags: string; system: string } };
  results: { key: string; value: StoredResult; indexes: { experimentId: string } };
  propellants: { key: string; value: Propellant; indexes: { name: string } };
  settings: { key: string; value: SettingRow };
  models: { key: string; value: StoredModel; indexes: { experimentId: string } };
}

export type RfoDb = IDBPDatabase<RfoSchema>;

/** Maps an IndexedDB failure to a readable error value. */
export function storageError(e: unknown, doing: string): { ok: false; error: KernelError } {
  const name = (e as { name?: string } | null)?.name ?? '';
  if (name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message ?? ''))) {
    return err('quota', `Storage is full, so ${doing} was not saved (nothing was changed). Delete old experiments or results, or export a backup and clear space.`);
  }
  if (name === 'DataCloneError') return err('storage', `${doing} contains data that cannot be stored (a bug; nothing was changed).`);
  if (name === 'VersionError') return err('storage', 'The stored data was written by a newer version of the app. Reload to update.');
  return err('storage', `Could not complete ${doing} (${name || 'error'}: ${(e as Error)?.message ?? String(e)}).`);
}

export async function openRfoDb(name = DB_NAME, onBlocking?: () => void): Promise<Result<RfoDb>> {
  try {
    const db = await openDB<RfoSchema>(name, DB_VERSION, {
      upgrade(db, oldVersion) {
        // one block per schema version, applied in order (a new database runs them all)
        if (oldVersion < 1) {
          const ex = db.createObjectStore('experiments', { keyPath: 'id' });
          ex.createIndex('updatedAt', 'updatedAt');
          ex.createIndex('createdAt', 'createdAt');
          ex.createIndex('name', 'name');
          ex.createIndex('tags', 'tags', { multiEntry: true });
          ex.createIndex('system', 'inputs.system');
          db.createObjectStore('results', { keyPath: 'id' }).createIndex('experimentId', 'experimentId');
          db.createObjectStore('propellants', { keyPath: 'id' }).createIndex('name', 'name');
          db.createObjectStore('settings', { keyPath: 'key' });
          db.createObjectStore('models', { keyPath: 'id' }).createIndex('experimentId', 'experimentId');
        }
        // Version 1 also made a `jobs` store that the app never used (jobs live in their own
        // database, data/job-store.ts): version 2 deletes it and touches nothing else.
        const untyped = db as unknown as IDBPDatabase; // today's schema type no longer names it
        if (oldVersion < 2 && untyped.objectStoreNames.contains('jobs')) untyped.deleteObjectStore('jobs');
      },
      // another tab wants a newer schema: let it proceed
      blocking() {
        onBlocking?.();
      },
    });
    return ok(db);
  } catch (e) {
    return storageError(e, 'opening the local database');
  }
}

export async function deleteRfoDb(name = DB_NAME): Promise<void> {
  await deleteDB(name);
}

// ---- change notifications across tabs ----

export interface StorageChange {
  store: 'experiments' | 'propellants' | 'settings' | 'results' | 'models' | 'all';
  ids: string[];
}

export interface ChangeBus {
  post(c: StorageChange): void;
  subscribe(fn: (c: StorageChange) => void): () => void;
  close(): void;
}

/** A BroadcastChannel wrapper; a no-op where BroadcastChannel is missing. A tab does not hear its own posts. */
export function createChangeBus(name = CHANNEL_NAME): ChangeBus {
  const BC = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (!BC) return { post() {}, subscribe: () => () => {}, close() {} };
  const ch = new BC(name);
  const subs = new Set<(c: StorageChange) => void>();
  ch.onmessage = (ev: MessageEvent) => {
    const c = ev.data as StorageChange;
    if (c && typeof c.store === 'string' && Array.isArray(c.ids)) for (const fn of subs) fn(c);
  };
  return {
    post: (c) => ch.postMessage(c),
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    close: () => ch.close(),
  };
}

// ---- the repository ----

/** Requests of one transaction: when a later put throws, the earlier ones reject with AbortError, observed here. */
function requestList() {
  const ops: Promise<unknown>[] = [];
  return {
    add(p: Promise<unknown>) {
      p.catch(() => {});
      ops.push(p);
    },
    all: () => Promise.all(ops),
  };
}

export interface ExperimentList {
  experiments: Experiment[];
  /** Stored documents that could not be read (kept in storage, shown to the user). */
  broken: { id: string; message: string }[];
}

/** What deleteExperiment removed, to undo it. */
export interface DeletedSnapshot {
  experiment: Experiment;
  results: StoredResult[];
  models?: StoredModel[];
}

export interface StorageEstimate {
  usage_bytes: number;
  quota_bytes: number;
  persisted: boolean | null;
}

export function createRepository(db: RfoDb, bus: ChangeBus = createChangeBus()) {
  const changed = (store: StorageChange['store'], ids: string[]) => bus.post({ store, ids });

  async function listExperiments(): Promise<Result<ExperimentList>> {
    try {
      const raw = await db.getAll('experiments');
      const experiments: Experiment[] = [];
      const broken: ExperimentList['broken'] = [];
      for (const r of raw) {
        const x = restoreExperiment(r);
        if (x.ok) experiments.push(x.value);
        else broken.push({ id: String((r as { id?: unknown }).id), message: x.error.message });
      }
      return ok({ experiments, broken });
    } catch (e) {
      return storageError(e, 'reading your experiments');
    }
  }

  async function getExperiment(id: string): Promise<Result<Experiment | null>> {
    try {
      const raw = await db.get('experiments', id);
      if (raw === undefined) return ok(null);
      const x = restoreExperiment(raw);
      return x.ok ? ok(x.value) : x;
    } catch (e) {
      return storageError(e, 'reading the experiment');
    }
  }

  /** Writes experiments, results and models in one transaction: all of it or none of it. */
  async function writeTogether(experiments: Experiment[], results: StoredResult[], doing: string, deleteResultIds: string[] = [], models: StoredModel[] = []): Promise<Result<true>> {
    const tx = db.transaction(['experiments', 'results', 'models'], 'readwrite');
    const done = tx.done;
    done.catch(() => {}); // observed below
    try {
      const ops = requestList();
      for (const e of experiments) ops.add(tx.objectStore('experiments').put(e));
      for (const r of results) ops.add(tx.objectStore('results').put(r));
      for (const id of deleteResultIds) ops.add(tx.objectStore('results').delete(id));
      for (const m of models) ops.add(tx.objectStore('models').put(m));
      await ops.all();
      await done;
      return ok(true);
    } catch (e) {
      try {
        tx.abort();
      } catch {
        /* already aborted */
      }
      await done.catch(() => {});
      return storageError(e, doing);
    }
  }

  async function saveExperiment(e: Experiment, results: StoredResult[] = [], models: StoredModel[] = []): Promise<Result<true>> {
    const r = await writeTogether([e], results, `“${e.name}”`, [], models);
    if (r.ok) changed('experiments', [e.id]);
    if (r.ok && models.length) changed('models', models.map((m) => m.id));
    return r;
  }

  async function saveExperiments(list: Experiment[]): Promise<Result<true>> {
    const r = await writeTogether(list, [], `${list.length} experiments`);
    if (r.ok) changed('experiments', list.map((e) => e.id));
    return r;
  }

  async function deleteExperiment(id: string): Promise<Result<DeletedSnapshot | null>> {
    try {
      const tx = db.transaction(['experiments', 'results', 'models'], 'readwrite');
      const raw = await tx.objectStore('experiments').get(id);
      if (!raw) {
        await tx.done;
        return ok(null);
      }
      const results = await tx.objectStore('results').index('experimentId').getAll(id);
      await tx.objectStore('experiments').delete(id);
      for (const r of results) await tx.objectStore('results').delete(r.id);
      const models = await tx.objectStore('models').index('experimentId').getAll(id);
      for (const m of models) await tx.objectStore('models').delete(m.id);
      await tx.done;
      changed('experiments', [id]);
      const x = restoreExperiment(raw);
      return ok(x.ok ? { experiment: x.value, results, models } : null);
    } catch (e) {
      return storageError(e, 'deleting the experiment');
    }
  }

  /** Undo of deleteExperiment. */
  async function restoreSnapshot(s: DeletedSnapshot): Promise<Result<true>> {
    return saveExperiment(s.experiment, s.results, s.models ?? []);
  }

  async function listResults(experimentId: string): Promise<Result<StoredResult[]>> {
    try {
      return ok(await db.getAllFromIndex('results', 'experimentId', experimentId));
    } catch (e) {
      return storageError(e, 'reading results');
    }
  }

  async function getResult(id: string): Promise<Result<StoredResult | null>> {
    try {
      return ok((await db.get('results', id)) ?? null);
    } catch (e) {
      return storageError(e, 'reading results');
    }
  }

  async function listPropellants(): Promise<Result<Propellant[]>> {
    try {
      const all = await db.getAll('propellants');
      return ok(all.map(restorePropellant).flatMap((r) => (r.ok ? [r.value] : [])));
    } catch (e) {
      return storageError(e, 'reading custom propellants');
    }
  }

  async function putPropellant(p: Propellant): Promise<Result<true>> {
    try {
      await db.put('propellants', p);
      changed('propellants', [p.id]);
      return ok(true);
    } catch (e) {
      return storageError(e, `propellant “${p.name}”`);
    }
  }

  async function deletePropellant(id: string): Promise<Result<true>> {
    try {
      await db.delete('propellants', id);
      changed('propellants', [id]);
      return ok(true);
    } catch (e) {
      return storageError(e, 'deleting the propellant');
    }
  }

  async function getSettings(): Promise<Result<Record<string, JsonValue>>> {
    try {
      const rows = await db.getAll('settings');
      return ok(Object.fromEntries(rows.map((r) => [r.key, r.value])));
    } catch (e) {
      return storageError(e, 'reading settings');
    }
  }

  async function setSetting(key: string, value: JsonValue): Promise<Result<true>> {
    try {
      await db.put('settings', { key, value });
      changed('settings', [key]);
      return ok(true);
    } catch (e) {
      return storageError(e, 'the setting');
    }
  }

  async function putModel(m: StoredModel): Promise<Result<true>> {
    try {
      await db.put('models', m);
      changed('models', [m.id]);
      return ok(true);
    } catch (e) {
      return storageError(e, `model “${m.name}”`);
    }
  }

  async function getModel(id: string): Promise<Result<StoredModel | null>> {
    try {
      return ok((await db.get('models', id)) ?? null);
    } catch (e) {
      return storageError(e, 'reading the model');
    }
  }

  async function modelsOf(experimentId: string): Promise<Result<StoredModel[]>> {
    try {
      return ok(await db.getAllFromIndex('models', 'experimentId', experimentId));
    } catch (e) {
      return storageError(e, 'reading models');
    }
  }

  /** Experiments carrying a tag, through the multi-entry index. */
  async function experimentIdsWithTag(tag: string): Promise<Result<string[]>> {
    try {
      return ok(await db.getAllKeysFromIndex('experiments', 'tags', tag));
    } catch (e) {
      return storageError(e, 'reading tags');
    }
  }

  async function exportAll(): Promise<Result<Workspace>> {
    const [ex, pr, st] = await Promise.all([listExperiments(), listPropellants(), getSettings()]);
    if (!ex.ok) return ex;
    if (!pr.ok) return pr;
    if (!st.ok) return st;
    try {
      const results = await db.getAll('results');
      // an unreadable model would make the whole file refuse to import: it stays in storage, out of the backup
      const models = (await db.getAll('models')).filter((m) => restoreModelDoc(m.meta).ok);
      return ok({ experiments: ex.value.experiments, results, models, propellants: pr.value, settings: st.value });
    } catch (e) {
      return storageError(e, 'reading results and models');
    }
  }

  /**
   * Writes an imported workspace in one transaction. 'merge' adds and replaces by id; 'replace'
   * empties the stores first. Either everything lands or nothing changes.
   */
  async function importAll(ws: Workspace, mode: 'merge' | 'replace'): Promise<Result<true>> {
    const stores = ['experiments', 'results', 'models', 'propellants', 'settings'] as const;
    const tx = db.transaction([...stores], 'readwrite');
    const done = tx.done;
    done.catch(() => {});
    try {
      if (mode === 'replace') for (const s of stores) await tx.objectStore(s).clear();
      const ops = requestList();
      for (const e of ws.experiments) ops.add(tx.objectStore('experiments').put(e));
      for (const r of ws.results) ops.add(tx.objectStore('results').put(r));
      for (const m of ws.models) ops.add(tx.objectStore('models').put(m));
      for (const p of ws.propellants) ops.add(tx.objectStore('propellants').put(p));
      for (const [key, value] of Object.entries(ws.settings)) ops.add(tx.objectStore('settings').put({ key, value }));
      await ops.all();
      await done;
      changed('all', []);
      return ok(true);
    } catch (e) {
      try {
        tx.abort();
      } catch {
        /* already aborted */
      }
      await done.catch(() => {});
      return storageError(e, 'the imported backup');
    }
  }

  return {
    db,
    bus,
    listExperiments,
    getExperiment,
    saveExperiment,
    saveExperiments,
    deleteExperiment,
    restoreSnapshot,
    listResults,
    getResult,
    listPropellants,
    putPropellant,
    deletePropellant,
    getSettings,
    setSetting,
    putModel,
    getModel,
    modelsOf,
    experimentIdsWithTag,
    exportAll,
    importAll,
  };
}

export type Repository = ReturnType<typeof createRepository>;

/** Usage and quota of this origin, and whether storage is persistent; null where unsupported. */
export async function estimateStorage(): Promise<StorageEstimate | null> {
  const s = (globalThis as { navigator?: Navigator }).navigator?.storage;
  if (!s?.estimate) return null;
  try {
    const e = await s.estimate();
    const persisted = s.persisted ? await s.persisted() : null;
    return { usage_bytes: e.usage ?? 0, quota_bytes: e.quota ?? 0, persisted };
  } catch {
    return null;
  }
}

/** Asks the browser not to evict our data under storage pressure; true when granted. */
export async function requestPersistence(): Promise<boolean | null> {
  const s = (globalThis as { navigator?: Navigator }).navigator?.storage;
  if (!s?.persist) return null;
  try {
    return await s.persist();
  } catch {
    return null;
  }
}

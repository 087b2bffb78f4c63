// IndexedDB storage (the only code that touches it). Documents and their large results live in
// separate object stores and are written in one transaction; every read of an experiment goes
// through restoreExperiment; failures (quota, blocked, corrupt data) come back as values; other
// tabs hear about changes on a BroadcastChannel.
//
// Two tabs share this storage. Every experiment write names the revision it read and is refused,
// with the stored version, when that is no longer the stored one (a conflict the user resolves,
// never an overwrite); every cross-tab message carries the schema version, and a tab that hears
// from a newer app stops writing.
import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb';
import { EXPERIMENT_VERSION, restoreExperiment, type Experiment } from '../domain/experiment.ts';
import { revisionMatches, revisionOf, withoutRevision } from '../domain/revision.ts';
import type { LocalKeys, StoredModel, StoredResult, Workspace } from '../domain/backup.ts';
import { restorePropellant } from '../domain/propellants.ts';
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

/** The versions of what this app writes; every cross-tab message carries them. */
export interface SchemaStamp {
  db: number;
  experiment: number;
}

export const SCHEMA: SchemaStamp = { db: DB_VERSION, experiment: EXPERIMENT_VERSION };

/** True when `theirs` (a message's stamp) is from a newer app than `mine` in either version. */
export function isNewerSchema(theirs: unknown, mine: SchemaStamp): boolean {
  const t = theirs as Partial<SchemaStamp> | null | undefined;
  return !!t && ((typeof t.db === 'number' && t.db > mine.db) || (typeof t.experiment === 'number' && t.experiment > mine.experiment));
}

export interface ChangeBus {
  post(c: StorageChange): void;
  subscribe(fn: (c: StorageChange) => void): () => void;
  /** Called (once, also for a late subscriber) when a tab of a newer app is heard. */
  onNewerApp(fn: (theirs: SchemaStamp) => void): () => void;
  close(): void;
}

/**
 * A BroadcastChannel wrapper; a no-op where BroadcastChannel is missing. A tab does not hear its
 * own posts. Every message is stamped with `schema`; a tab says hello when it starts, and answers
 * the hello of an older tab, so whichever tab is older hears of the newer one, whoever came first
 * (as tldraw's tab sync does). Changes from a newer app are not passed on: it reports the newer app.
 */
export function createChangeBus(name = CHANNEL_NAME, schema: SchemaStamp = SCHEMA): ChangeBus {
  const BC = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (!BC) return { post() {}, subscribe: () => () => {}, onNewerApp: () => () => {}, close() {} };
  const ch = new BC(name);
  const subs = new Set<(c: StorageChange) => void>();
  const newer = new Set<(theirs: SchemaStamp) => void>();
  let newerSeen: SchemaStamp | null = null;
  const hello = () => ch.postMessage({ hello: true, schema });
  ch.onmessage = (ev: MessageEvent) => {
    const m = ev.data as { hello?: unknown; schema?: unknown; store?: unknown; ids?: unknown } | null;
    if (!m || typeof m !== 'object') return;
    if (isNewerSchema(m.schema, schema)) {
      if (!newerSeen) {
        newerSeen = m.schema as SchemaStamp;
        for (const fn of newer) fn(newerSeen);
      }
      return;
    }
    if (m.hello === true) {
      // an older tab announced itself (one from before stamps has none): tell it about us
      const theirs = (m.schema ?? { db: 0, experiment: 0 }) as SchemaStamp;
      if (isNewerSchema(schema, theirs)) hello();
      return;
    }
    if (typeof m.store === 'string' && Array.isArray(m.ids)) {
      const c = { store: m.store, ids: m.ids } as StorageChange;
      for (const fn of subs) fn(c);
    }
  };
  hello();
  return {
    post: (c) => ch.postMessage({ ...c, schema }),
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    onNewerApp(fn) {
      newer.add(fn);
      if (newerSeen) fn(newerSeen);
      return () => newer.delete(fn);
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

/** A write refused because the stored experiment is no longer the revision the writer read. */
export interface ConflictError extends KernelError {
  code: 'conflict';
  field: 'rev';
  id: string;
  /** What is stored now: null when it was deleted (or cannot be read). */
  theirs: Experiment | null;
}

export const isConflict = (e: KernelError): e is ConflictError => e.code === 'conflict';

/** An experiment write: the document and the revision it expects in storage (null: none, a new document). */
interface ExperimentWrite {
  doc: Experiment;
  expect: number | null;
  /** The experiment's results and models as they are to be after the write (the ones stored and not listed go). */
  records?: { results: StoredResult[]; models: StoredModel[] };
}

const expectedRev = (e: Experiment): number | null => (typeof e.rev === 'number' ? e.rev : null);

export interface StorageEstimate {
  usage_bytes: number;
  quota_bytes: number;
  persisted: boolean | null;
}

export function createRepository(db: RfoDb, bus: ChangeBus = createChangeBus()) {
  const changed = (store: StorageChange['store'], ids: string[]) => bus.post({ store, ids });
  // Set once a newer app is open (heard on the bus, or asking for a newer database): from then on
  // this tab's writes could lose what the newer one stores, so every write is refused.
  let stopped: string | null = null;
  const refused = (): { ok: false; error: KernelError } | null => (stopped ? err('stale-app', stopped) : null);
  function stop(reason = 'A newer version of the app is open in another tab, so this tab no longer saves (nothing was changed). Reload this tab to continue.') {
    stopped ??= reason;
  }
  bus.onNewerApp(() => stop());

  /** A stored row read back as a document with its revision (0 for one stored before revisions). */
  function readRow(raw: unknown): Result<Experiment> {
    const x = restoreExperiment(raw);
    return x.ok ? ok({ ...x.value, rev: revisionOf(raw) }) : x;
  }

  async function listExperiments(): Promise<Result<ExperimentList>> {
    try {
      const raw = await db.getAll('experiments');
      const experiments: Experiment[] = [];
      const broken: ExperimentList['broken'] = [];
      for (const r of raw) {
        const x = readRow(r);
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
      return readRow(raw);
    } catch (e) {
      return storageError(e, 'reading the experiment');
    }
  }

  /**
   * Writes experiments, results and models in one transaction: all of it or none of it. Each
   * experiment is compared with the stored one inside the transaction: a revision other than the
   * one the writer expects writes nothing and returns the stored version as a conflict.
   */
  async function writeTogether(writes: ExperimentWrite[], results: StoredResult[], doing: string, deleteResultIds: string[] = [], models: StoredModel[] = []): Promise<Result<Experiment[], KernelError | ConflictError>> {
    const no = refused();
    if (no) return no;
    deleteResultIds = [...deleteResultIds];
    const tx = db.transaction(['experiments', 'results', 'models'], 'readwrite');
    const done = tx.done;
    done.catch(() => {}); // observed below
    let conflict: ConflictError | null = null;
    try {
      const store = tx.objectStore('experiments');
      const current = await Promise.all(writes.map((w) => store.get(w.doc.id)));
      const written: Experiment[] = [];
      writes.forEach((w, k) => {
        const raw = current[k];
        const stored = raw === undefined ? null : revisionOf(raw);
        if (!conflict && !revisionMatches(w.expect, stored)) {
          const theirs = raw === undefined ? null : readRow(raw);
          const name = theirs?.ok ? theirs.value.name : w.doc.name;
          conflict = {
            code: 'conflict',
            field: 'rev',
            id: w.doc.id,
            theirs: theirs?.ok ? theirs.value : null,
            message: raw === undefined
              ? `“${name}” was deleted in another tab after this tab read it, so your version was not saved.`
              : w.expect === null
                ? `An experiment with the id of “${w.doc.name}” is stored already, so it was not saved over.`
                : `“${name}” was changed in another tab after this tab read it (stored revision ${stored}, yours ${w.expect}), so your version was not saved over it.`,
          };
        }
        written.push({ ...w.doc, rev: (stored ?? w.doc.rev ?? 0) + 1 });
      });
      if (conflict) throw conflict;
      // records replaced as a whole: the experiment's stored ones that are not in the new set go
      for (const w of writes) {
        if (!w.records) continue;
        const keepR = new Set(w.records.results.map((r) => r.id));
        const keepM = new Set(w.records.models.map((m) => m.id));
        for (const key of await tx.objectStore('results').index('experimentId').getAllKeys(w.doc.id)) if (!keepR.has(String(key))) deleteResultIds.push(String(key));
        const oldModels = (await tx.objectStore('models').index('experimentId').getAllKeys(w.doc.id)).filter((key) => !keepM.has(String(key)));
        for (const key of oldModels) await tx.objectStore('models').delete(key);
        results = [...results, ...w.records.results];
        models = [...models, ...w.records.models];
      }
      const ops = requestList();
      for (const e of written) ops.add(store.put(e));
      for (const r of results) ops.add(tx.objectStore('results').put(r));
      for (const id of deleteResultIds) ops.add(tx.objectStore('results').delete(id));
      for (const m of models) ops.add(tx.objectStore('models').put(m));
      await ops.all();
      await done;
      return ok(written);
    } catch (e) {
      try {
        tx.abort();
      } catch {
        /* already aborted */
      }
      await done.catch(() => {});
      if (conflict) return { ok: false, error: conflict };
      return storageError(e, doing);
    }
  }

  /**
   * Saves an experiment (with results and models) if storage still holds the revision it was read
   * at (`e.rev`; none for a new document, or `expect` when given); returns it as stored, with its
   * new revision.
   */
  async function saveExperiment(e: Experiment, results: StoredResult[] = [], models: StoredModel[] = [], expect: number | null = expectedRev(e)): Promise<Result<Experiment, KernelError | ConflictError>> {
    const r = await writeTogether([{ doc: e, expect }], results, `“${e.name}”`, [], models);
    if (r.ok) changed('experiments', [e.id]);
    if (r.ok && models.length) changed('models', models.map((m) => m.id));
    return r.ok ? ok(r.value[0]) : r;
  }

  /**
   * Saves experiments in one transaction, all or none: each only over the stored revision it
   * expects (`expect[k]`, else its own `rev`; null: none stored).
   */
  async function saveExperiments(list: Experiment[], expect?: (number | null)[], records?: ({ results: StoredResult[]; models: StoredModel[] } | undefined)[]): Promise<Result<Experiment[], KernelError | ConflictError>> {
    const r = await writeTogether(list.map((doc, k) => ({ doc, expect: expect ? expect[k] : expectedRev(doc), records: records?.[k] })), [], `${list.length} experiments`);
    if (r.ok) changed('experiments', list.map((e) => e.id));
    // records replaced: models may have come or gone
    if (r.ok && records?.some(Boolean)) changed('models', records.flatMap((x) => x?.models.map((m) => m.id) ?? []));
    return r;
  }

  /**
   * Deletes an experiment with its results and models; with `expect`, only if it is still that
   * revision (a delete must not take away what another tab saved since).
   */
  async function deleteExperiment(id: string, expect?: number): Promise<Result<DeletedSnapshot | null, KernelError | ConflictError>> {
    const no = refused();
    if (no) return no;
    try {
      const tx = db.transaction(['experiments', 'results', 'models'], 'readwrite');
      const raw = await tx.objectStore('experiments').get(id);
      if (!raw) {
        await tx.done;
        return ok(null);
      }
      if (expect !== undefined && revisionOf(raw) !== expect) {
        await tx.done;
        const theirs = readRow(raw);
        const name = theirs.ok ? theirs.value.name : id;
        return {
          ok: false,
          error: { code: 'conflict', field: 'rev', id, theirs: theirs.ok ? theirs.value : null, message: `“${name}” was changed in another tab after this tab read it, so it was not deleted. Look at the stored version and delete again if you still mean to.` },
        };
      }
      const results = await tx.objectStore('results').index('experimentId').getAll(id);
      await tx.objectStore('experiments').delete(id);
      for (const r of results) await tx.objectStore('results').delete(r.id);
      const models = await tx.objectStore('models').index('experimentId').getAll(id);
      for (const m of models) await tx.objectStore('models').delete(m.id);
      await tx.done;
      changed('experiments', [id]);
      const x = readRow(raw);
      return ok(x.ok ? { experiment: x.value, results, models } : null);
    } catch (e) {
      return storageError(e, 'deleting the experiment');
    }
  }

  /**
   * Deletes experiments with their results and models in one transaction (a workspace's data
   * leaving the device): one change heard by the app's lists, not one per experiment. Returns how
   * many were stored.
   */
  async function deleteExperiments(ids: string[]): Promise<Result<number, KernelError>> {
    const no = refused();
    if (no) return no;
    if (!ids.length) return ok(0);
    try {
      const tx = db.transaction(['experiments', 'results', 'models'], 'readwrite');
      const [experiments, results, models] = [tx.objectStore('experiments'), tx.objectStore('results'), tx.objectStore('models')];
      let gone = 0;
      for (const id of ids) {
        if (!(await experiments.getKey(id))) continue;
        gone++;
        await experiments.delete(id);
        for (const key of await results.index('experimentId').getAllKeys(id)) await results.delete(key);
        for (const key of await models.index('experimentId').getAllKeys(id)) await models.delete(key);
      }
      await tx.done;
      if (gone) changed('experiments', ids);
      return ok(gone);
    } catch (e) {
      return storageError(e, `deleting ${ids.length} experiments`);
    }
  }

  /**
   * Undo of deleteExperiment: only while nothing is stored under its id, and with a revision past
   * the deleted one, so a tab that still holds the deleted revision cannot write over it.
   */
  async function restoreSnapshot(s: DeletedSnapshot): Promise<Result<Experiment, KernelError | ConflictError>> {
    return saveExperiment(s.experiment, s.results, s.models ?? [], null);
  }

  async function listResults(experimentId: string): Promise<Result<StoredResult[]>> {
    try {
      return ok(await db.getAllFromIndex('results', 'experimentId', experimentId));
    } catch (e) {
      return storageError(e, 'reading results');
    }
  }

  /** Ids of the experiments that have results or models stored (index keys only: no record is read). */
  async function experimentsWithRecords(): Promise<Result<Set<string>>> {
    try {
      const tx = db.transaction(['results', 'models'], 'readonly');
      const ids = new Set<string>();
      for (const store of ['results', 'models'] as const) {
        for (let c = await tx.objectStore(store).index('experimentId').openKeyCursor(); c; c = await c.continue()) ids.add(String(c.key));
      }
      await tx.done;
      return ok(ids);
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

  /** Adds a custom propellant; never writes over a stored one with the same id. */
  async function putPropellant(p: Propellant): Promise<Result<true>> {
    const no = refused();
    if (no) return no;
    try {
      await db.add('propellants', p);
      changed('propellants', [p.id]);
      return ok(true);
    } catch (e) {
      if ((e as { name?: string } | null)?.name === 'ConstraintError') return err('conflict', `A propellant with the id ${p.id} is stored already, so “${p.name}” was not saved over it.`, 'id');
      return storageError(e, `propellant “${p.name}”`);
    }
  }

  async function deletePropellant(id: string): Promise<Result<true>> {
    const no = refused();
    if (no) return no;
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

  /** Replaces a setting: for a value the user sets whole (units, a backend), the latest choice wins. */
  async function setSetting(key: string, value: JsonValue): Promise<Result<true>> {
    const r = await updateSetting(key, () => value);
    return r.ok ? ok(true) : r;
  }

  /**
   * Changes a setting from its stored value, read in the same transaction: another tab's change to
   * another part of it (another propellant's cost) is kept, not written over with a stale copy.
   */
  async function updateSetting(key: string, change: (stored: JsonValue | undefined) => JsonValue): Promise<Result<JsonValue>> {
    const no = refused();
    if (no) return no;
    const tx = db.transaction('settings', 'readwrite');
    const done = tx.done;
    done.catch(() => {});
    try {
      const row = await tx.store.get(key);
      const value = change(row?.value);
      await tx.store.put({ key, value });
      await done;
      changed('settings', [key]);
      return ok(value);
    } catch (e) {
      try {
        tx.abort();
      } catch {
        /* already aborted */
      }
      await done.catch(() => {});
      return storageError(e, 'the setting');
    }
  }

  async function putModel(m: StoredModel): Promise<Result<true>> {
    const no = refused();
    if (no) return no;
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
      // revisions belong to this browser's storage, not to the file
      // so do the sync records (`sync:<workspace>`, app/data/sync-engine.ts): another device restoring them would misjudge what it has sent
      const settings = Object.fromEntries(Object.entries(st.value).filter(([k]) => !k.startsWith('sync:')));
      return ok({ experiments: ex.value.experiments.map(withoutRevision), results, models, propellants: pr.value, settings });
    } catch (e) {
      return storageError(e, 'reading results and models');
    }
  }

  /** The keys in use in the stores a backup writes (what a merge must re-key around). */
  async function localKeys(): Promise<Result<LocalKeys>> {
    try {
      const tx = db.transaction(['experiments', 'results', 'models', 'propellants'], 'readonly');
      const keys = async (s: 'experiments' | 'results' | 'models' | 'propellants') => new Set((await tx.objectStore(s).getAllKeys()).map(String));
      const [experiments, results, models, propellants] = await Promise.all([keys('experiments'), keys('results'), keys('models'), keys('propellants')]);
      return ok({ experiments, results, models, propellants });
    } catch (e) {
      return storageError(e, 'reading the stored keys');
    }
  }

  /**
   * Writes an imported workspace in one transaction. 'merge' only adds (a key that exists fails
   * the whole write instead of replacing a local record; re-key with planMerge first) and leaves
   * the settings alone; 'replace' empties the stores first. Either everything lands or nothing
   * changes.
   */
  async function importAll(ws: Workspace, mode: 'merge' | 'replace'): Promise<Result<true>> {
    const no = refused();
    if (no) return no;
    const stores = ['experiments', 'results', 'models', 'propellants', 'settings'] as const;
    const tx = db.transaction([...stores], 'readwrite');
    const done = tx.done;
    done.catch(() => {});
    try {
      // an imported experiment gets a revision past any stored under its id, so a tab holding
      // that one cannot save over the import unawares (a file's own revision means nothing here)
      const prior = await Promise.all(ws.experiments.map((e) => tx.objectStore('experiments').get(e.id)));
      if (mode === 'replace') for (const s of stores) await tx.objectStore(s).clear();
      const ops = requestList();
      const write = mode === 'merge' ? 'add' : 'put';
      ws.experiments.forEach((e, k) => ops.add(tx.objectStore('experiments')[write]({ ...e, rev: (prior[k] === undefined ? 0 : revisionOf(prior[k])) + 1 })));
      for (const r of ws.results) ops.add(tx.objectStore('results')[write](r));
      for (const m of ws.models) ops.add(tx.objectStore('models')[write](m));
      for (const p of ws.propellants) ops.add(tx.objectStore('propellants')[write](p));
      if (mode === 'replace') for (const [key, value] of Object.entries(ws.settings)) ops.add(tx.objectStore('settings').put({ key, value }));
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
      if ((e as { name?: string } | null)?.name === 'ConstraintError') return err('conflict', 'A record of the backup has a key that is already used here (it was stored while importing), so nothing was imported. Import the file again.');
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
    deleteExperiments,
    restoreSnapshot,
    listResults,
    experimentsWithRecords,
    getResult,
    listPropellants,
    putPropellant,
    deletePropellant,
    getSettings,
    setSetting,
    updateSetting,
    putModel,
    getModel,
    modelsOf,
    experimentIdsWithTag,
    exportAll,
    localKeys,
    importAll,
    /** Refuse every write from now on (a newer app is open); `reason` is what each refusal says. */
    stop,
    stopped: () => stopped,
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

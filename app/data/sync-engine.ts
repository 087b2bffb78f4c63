// Sync of a team workspace with a CouchDB server (issue 17). Never in the first load: it comes with
// the Settings page (app/state/sync.ts) or at start when sync was left on, and runs only once signed in.
//
// One source of truth on the device: the experiments stay in the app's IndexedDB store (db.ts)
// and nowhere else. Beside them the engine keeps, in one settings row `sync:<db>`, only what the
// CouchDB replication protocol needs to know about each document: the server revision this device
// last agreed on and the local revision it was at then (a document whose local revision moved
// since is a change to send). No second copy of any document is kept, so nothing can drift.
//
// Replication is PouchDB's (sync-pouch.ts, loaded with the first round): the server is a PouchDB
// HTTP database, and the device's side of each replication is a replica — the app's store seen by
// PouchDB's replicator as a database, answering which revisions it holds, taking the batches
// brought, and offering what changed here as revisions. PouchDB keeps the checkpoints (on both
// sides), reads `_changes`, asks `_revs_diff`, fetches with `_bulk_get` and writes with
// `new_edits: false`. The engine decides what each document means:
// - receive: each document's current revision and second versions are worked out from the leaves
//   brought and held (sync-revs.ts, CouchDB's rule), then stored, shown as a conflict or refused;
// - send: a change goes as a child of the revision it was based on, its id a digest of content and
//   parent; a change here that met another of the same revision is shown as a conflict, and goes
//   to the server as a second version (an id of eight zeros first, so the version there first stays
//   current), so every device shows it and the first to choose settles it for all;
// - continuous: a `feed=longpoll` request waits for the next server change; a local change pokes.
//   The engines of one server share a budget of open requests and long-polls (sync-budget.ts): an
//   engine without a long-poll place asks with a plain `_changes` request now and then, in turn;
//   PouchDB's requests go through the same budget.
// - second versions: when two edits of one revision met through replication (another replicator,
//   a backup put back, a cluster's nodes, two devices sending at once), the server keeps both; the
//   other is shown as a conflict like any other, and deleted on the server only once the user has
//   chosen.
// Documents from the server are untrusted: each passes syncDocProblem (the server's own shape
// rules, size, forbidden keys, markup) and restoreExperiment (migration, defaults) before storage;
// a refused one is reported by id and the others go on.
import { restoreExperiment, type Experiment } from '../domain/experiment.ts';
import { withoutRevision } from '../domain/revision.ts';
import { PROPELLANT_DOC_TYPE, PROPELLANT_DOC_VERSION, SYNC_KINDS, syncDocProblem } from '../domain/sync-workspace.ts';
import { restorePropellant, type Propellant } from '../domain/propellants.ts';
import { EXPERIMENT_TYPE } from '../domain/experiment.ts';
import type { JsonValue } from '../domain/json-clean.ts';
import type { Repository } from './db.ts';
import type { SyncBudget } from './sync-budget.ts';
import { ancestry, revGen, winningLeaf } from './sync-revs.ts';
import { readRecords, recordsText, type SyncRecords } from '../domain/sync-records.ts';
import { base64OfText, textOfAttachment } from './sync-attachments.ts';
import { RECORDS_ATTACHMENT, RECORDS_CONTENT_TYPE } from '../domain/sync-workspace.ts';
import type { RemoteDb, Replication } from './sync-pouch.ts';
import { MAX_DELETIONS_KEPT, activityEntry, workspaceActivity, type ActivityEntry } from '../domain/sync-activity.ts';

const PREFIX = SYNC_KINDS[EXPERIMENT_TYPE].prefix;
const PROP_PREFIX = SYNC_KINDS[PROPELLANT_DOC_TYPE].prefix;
/** Documents per replication batch (PouchDB's batch_size). */
export const SYNC_BATCH = 200;

export interface SyncDocState {
  /** Server revision this device last agreed on; null: published here, not yet on the server. */
  rev: string | null;
  /** The local revision (Experiment.rev) at that moment; -1 forces a send. */
  local: number;
  /** Local revision the server refused (a viewer's edit): not sent again until it changes. */
  refused?: number;
  /**
   * A second version the server held (a losing revision, see SyncConflict.branchRev) that the user
   * has resolved: it is deleted on the server at the next round.
   */
  drop?: string;
  /** A second version the server holds, shown as a conflict and not resolved yet (shown again after a restart). */
  branch?: string;
  /**
   * This device's version, refused by the server as a conflict, put there as a losing revision (rev)
   * so that every device sees the conflict; local: its local revision then. A device that resolves
   * the conflict deletes it, and this device then takes that resolution unless it changed since.
   */
  pushed?: { rev: string; local: number };
  /** The agreed revision carries results or models: when the device has none left, the next change says so (an empty set). */
  recs?: boolean;
  /** The agreed revision's name, author (modifiedBy) and time (modifiedAt), for the activity list. */
  name?: string;
  by?: string;
  at?: string;
}

export interface SyncMeta {
  since: string;
  docs: Record<string, SyncDocState>;
  /** Deletions seen or made here, for the activity list (the last MAX_DELETIONS_KEPT). */
  deleted?: ActivityEntry[];
  /**
   * Custom propellants in the workspace: the server revision (null: not sent yet). A propellant
   * is never edited, only added or deleted, so its revision is all there is to agree on.
   */
  props?: Record<string, { rev: string | null; refused?: boolean }>;
  /** PouchDB's replication checkpoints on this side (`_local/…` documents of the replica). */
  checkpoints?: Record<string, Record<string, unknown>>;
}

export type SyncPhase = 'starting' | 'receiving' | 'sending' | 'synced' | 'offline' | 'signed-out' | 'error' | 'paused' | 'stopped';

export interface SyncStatus {
  phase: SyncPhase;
  /** Local changes not yet on the server. */
  pending: number;
  /** Why the last attempt failed (offline, signed-out, error). */
  reason: string | null;
}

export interface SyncConflict {
  id: string;
  mine: Experiment;
  /** The server's version; null when it was deleted there. */
  theirs: Experiment | null;
  theirsRev: string | null;
  /**
   * Set when `theirs` is a second version the server holds beside its current one (theirsRev, which
   * `mine` is based on): a losing revision in CouchDB's `_conflicts`, left when two edits of one
   * revision met through replication (another replicator, a backup put back, a cluster's nodes).
   */
  branchRev?: string;
  /** Set when `mine` is also on the server as a losing revision (SyncDocState.pushed): deleted there once resolved. */
  mineRev?: string;
  /** The results and models the server's version carries (stored with it if the user takes it). */
  theirsRecords?: SyncRecords;
}

export interface SyncRefusal {
  id: string;
  direction: 'in' | 'out';
  message: string;
}

export interface SyncEngineOptions {
  repo: Repository;
  /** Server base address, e.g. https://couch.example.org/ */
  server: string;
  /** Workspace database (rfo-ws-…). */
  db: string;
  /** A name for this device's checkpoint (stable per browser). */
  device: string;
  /** The signed-in user: the author (modifiedBy) of every change this device sends. */
  user?: string;
  /** The HTTP client: the browser's fetch with the session cookie, or a test's. */
  fetch?: typeof fetch;
  onStatus?: (s: SyncStatus) => void;
  /** Local experiments (their ids) or custom propellants were written or deleted by the engine. */
  onApplied?: (ids: string[]) => void;
  onConflicts?: (c: SyncConflict[]) => void;
  onRefused?: (r: SyncRefusal[]) => void;
  /** Longest wait of one long-poll request, ms. */
  longpollMs?: number;
  /**
   * The requests and long-polls this engine shares with the other workspaces' engines on the same
   * server (sync-budget.ts); without one, it long-polls on its own.
   */
  budget?: SyncBudget;
  /**
   * The other workspace on this device that holds a document, or null: a document belongs to one
   * workspace only (one source of truth), so one arriving under an id another workspace holds is refused.
   */
  heldElsewhere?: (kind: 'experiment' | 'propellant', id: string) => string | null;
  /** The user only reads this workspace (a viewer): second versions on the server are left to its members to resolve. */
  readOnly?: () => boolean;
}

class HttpFailure extends Error {
  constructor(
    readonly phase: 'offline' | 'signed-out' | 'error',
    message: string,
  ) {
    super(message);
  }
}

const metaKey = (db: string) => `sync:${db}`;

/** What PouchDB's replicator asks of a database's events (a replica is never destroyed under it). */
const noEvents = { once() {}, removeListener() {}, on() {}, emit() {} };

/**
 * The experiment as it is stored on the server: its id under the kind's prefix, no local revision;
 * with `user`, signed by its author (modifiedBy: the server accepts only the writing user's name)
 * at the time of the change on this device (modifiedAt: its updatedAt).
 */
export function toServerDoc(e: Experiment, rev: string | null, user?: string): Record<string, unknown> {
  return { ...withoutRevision(e), _id: PREFIX + e.id, ...(rev ? { _rev: rev } : {}), ...(user ? { modifiedBy: user, modifiedAt: e.updatedAt } : {}) };
}

/** A server document checked and restored as an experiment, or the reason it is refused. */
export function fromServerDoc(doc: unknown): { ok: true; value: Experiment } | { ok: false; message: string } {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, message: 'not a document' };
  const d = doc as Record<string, unknown>;
  const problem = syncDocProblem(d);
  if (problem) return { ok: false, message: problem };
  const plain = Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('_') && k !== 'rev'));
  const x = restoreExperiment(plain);
  if (!x.ok) return { ok: false, message: x.error.message };
  if (x.value.id !== d.id) return { ok: false, message: `id ${JSON.stringify(d.id)} could not be kept` };
  return { ok: true, value: x.value };
}

/** A custom propellant as the server stores it: the device's record with its kind's type and version. */
export function propellantToServerDoc(p: Propellant, user?: string): Record<string, unknown> {
  return { ...p, type: PROPELLANT_DOC_TYPE, version: PROPELLANT_DOC_VERSION, _id: PROP_PREFIX + p.id, ...(user ? { modifiedBy: user, modifiedAt: new Date().toISOString() } : {}) };
}

/** A server propellant checked (shape rules) and validated as an import is, or the reason it is refused. */
export function propellantFromServerDoc(doc: unknown): { ok: true; value: Propellant } | { ok: false; message: string } {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, message: 'not a document' };
  const d = doc as Record<string, unknown>;
  const problem = syncDocProblem(d);
  if (problem) return { ok: false, message: problem };
  const { type: _t, version: _v, modifiedBy: _b, modifiedAt: _a, ...plain } = Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('_')));
  const x = restorePropellant(plain);
  if (!x.ok) return { ok: false, message: `propellant ${JSON.stringify(String(d.name ?? d.id).slice(0, 60))}: ${x.error.message}` };
  if (x.value.id !== d.id) return { ok: false, message: `id ${JSON.stringify(d.id)} could not be kept` };
  return { ok: true, value: x.value };
}

/** A second version still to delete on the server (kept when the rest of a document's sync state is renewed). */
const dropOf = (st: SyncDocState | undefined): Pick<SyncDocState, 'drop'> => (st?.drop ? { drop: st.drop } : {});

/** Same content, whatever the local revision and timestamps of writing. */
function sameContent(a: Experiment, b: Experiment): boolean {
  const strip = (e: Experiment) => JSON.stringify({ ...withoutRevision(e), updatedAt: '', modifiedBy: '', modifiedAt: '' });
  return strip(a) === strip(b);
}

export function createSyncEngine(o: SyncEngineOptions) {
  const doFetch = o.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, { credentials: 'include', ...init }));
  const base = o.server.replace(/\/?$/, '/') + encodeURIComponent(o.db) + '/';
  let status: SyncStatus = { phase: 'starting', pending: 0, reason: null };
  let conflicts: SyncConflict[] = [];
  let refused: SyncRefusal[] = [];
  let running = false;
  let paused = false;
  let wake: AbortController | null = null;
  let loop: Promise<void> | null = null;
  let syncing: Promise<void> | null = null;

  const setStatus = (s: Partial<SyncStatus>) => {
    status = { ...status, ...s };
    o.onStatus?.(status);
  };
  const refuse = (r: SyncRefusal) => {
    refused = [...refused.filter((x) => !(x.id === r.id && x.direction === r.direction)), r].slice(-100);
    o.onRefused?.(refused);
  };
  const conflict = (c: SyncConflict) => {
    conflicts = [...conflicts.filter((x) => x.id !== c.id), c];
    o.onConflicts?.(conflicts);
  };

  /**
   * A `_changes` read of the engine's own (the long-poll that wakes a round, or the plain check that
   * stands in for it): everything else goes through PouchDB. The answer is read within the budget
   * too: a connection is busy until its body has arrived.
   */
  function changesFeed(query: string, signal: AbortSignal): Promise<{ results?: unknown[] }> {
    return o.budget ? o.budget.request(() => changesNow(query, signal), signal) : changesNow(query, signal);
  }

  async function changesNow(query: string, signal: AbortSignal): Promise<{ results?: unknown[] }> {
    let r: Response;
    try {
      r = await doFetch(`${base}_changes?${query}`, { signal, headers: { accept: 'application/json' } });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new HttpFailure('offline', `the server cannot be reached (${(e as Error)?.message ?? String(e)})`);
    }
    const json = (await r.json().catch(() => ({}))) as Record<string, unknown> & { results?: unknown[] };
    if (r.status === 401) throw new HttpFailure('signed-out', 'signed out: sign in again to sync');
    if (r.status === 403) throw new HttpFailure('error', `the server refused: ${String(json.reason ?? json.error ?? 'forbidden')}`);
    if (r.status >= 400) throw new HttpFailure('error', `the server answered ${r.status} ${String(json.error ?? '')}: ${String(json.reason ?? '')}`.trim());
    return json;
  }

  // ---- PouchDB (loaded with the first round) ----

  let pouchLib: Promise<{ pouch: typeof import('./sync-pouch.ts'); remote: RemoteDb }> | null = null;
  /** Why the requests of the current replication failed, as the engine names it (PouchDB's errors do not say offline or signed out). */
  let failure: HttpFailure | null = null;

  const lib = () =>
    (pouchLib ??= import('./sync-pouch.ts').then((pouch) => ({ pouch, remote: pouch.remoteDb(base.replace(/\/$/, ''), pouchFetch) }))).catch((e: unknown) => {
      pouchLib = null;
      throw new HttpFailure('error', `the sync library could not be loaded (${(e as Error)?.message ?? String(e)})`);
    });

  /** PouchDB's requests: the engine's fetch (session cookie, or a test's), within the budget, the answer read before the request's place is given back. */
  async function pouchFetch(url: string, init: RequestInit): Promise<Response> {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const once = async () => {
      let r: Response;
      try {
        r = await doFetch(url, { ...init, headers });
      } catch (e) {
        if ((e as Error)?.name !== 'AbortError') failure = new HttpFailure('offline', `the server cannot be reached (${(e as Error)?.message ?? String(e)})`);
        throw e;
      }
      const body = [101, 204, 205, 304].includes(r.status) ? null : await r.arrayBuffer();
      if (r.status === 401) failure = new HttpFailure('signed-out', 'signed out: sign in again to sync');
      return new Response(body, { status: r.status, statusText: r.statusText, headers: r.headers });
    };
    return o.budget ? o.budget.request(once, init.signal ?? undefined) : once();
  }

  /** A PouchDB failure as the engine names it (offline, signed out, or the server's reason). */
  function asFailure(e: unknown): HttpFailure {
    if (e instanceof HttpFailure) return e;
    if (failure) return failure;
    const err = e as { status?: number; name?: string; reason?: string; message?: string };
    if (err.status === 403 || err.name === 'forbidden') return new HttpFailure('error', `the server refused: ${err.reason ?? err.message ?? 'forbidden'}`);
    return new HttpFailure('error', `the sync failed: ${err.reason ?? err.message ?? String(e)}`);
  }

  /** Waits for a replication; a failure as the engine names it. */
  async function replicated(rep: Replication): Promise<void> {
    failure = null;
    try {
      await rep;
    } catch (e) {
      throw asFailure(e);
    }
  }

  /** A document as the server holds it (one revision, or the current one with `_conflicts`), through PouchDB; null when there is none. */
  async function serverDoc(docId: string, opts: { rev?: string; conflicts?: boolean } = {}): Promise<Record<string, unknown> | null> {
    const { remote } = await lib();
    failure = null;
    try {
      return await remote.get(docId, opts);
    } catch (e) {
      if ((e as { status?: number }).status === 404) return null;
      throw asFailure(e);
    }
  }

  async function readMeta(): Promise<SyncMeta> {
    const s = await o.repo.getSettings();
    const v = s.ok ? (s.value[metaKey(o.db)] as unknown) : undefined;
    const m = v && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<SyncMeta>) : {};
    return { since: typeof m.since === 'string' ? m.since : '0', docs: m.docs && typeof m.docs === 'object' ? { ...m.docs } : {}, deleted: Array.isArray(m.deleted) ? m.deleted : [], props: m.props && typeof m.props === 'object' ? { ...m.props } : {}, checkpoints: m.checkpoints && typeof m.checkpoints === 'object' ? { ...m.checkpoints } : {} };
  }

  /** Changes the stored meta in one transaction (a concurrent publish is not written over). */
  async function changeMeta(fn: (m: SyncMeta) => void): Promise<SyncMeta> {
    let out: SyncMeta = { since: '0', docs: {} };
    const r = await o.repo.updateSetting(metaKey(o.db), (stored) => {
      const m = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as unknown as SyncMeta) : { since: '0', docs: {} };
      out = { since: typeof m.since === 'string' ? m.since : '0', docs: { ...(m.docs ?? {}) }, deleted: Array.isArray(m.deleted) ? [...m.deleted] : [], props: { ...(m.props ?? {}) }, checkpoints: { ...(m.checkpoints ?? {}) } };
      fn(out);
      return out as unknown as JsonValue;
    });
    if (!r.ok) throw new HttpFailure('error', r.error.message);
    return out;
  }

  // ---- receive ----

  /** Per-document changes to the sync record made by one batch, written together (null: forget the document). */
  type Patch = Map<string, SyncDocState | null>;
  /** Deletions to add to the activity list. */
  const gone: ActivityEntry[] = [];
  const noteDeletion = (id: string, name: string, by: unknown, at: unknown) => {
    const e = activityEntry(id, { name, by, at }, 'deleted');
    if (e) gone.push(e);
  };
  const keepDeletions = (m: SyncMeta) => {
    if (gone.length) m.deleted = [...(m.deleted ?? []), ...gone.splice(0)].slice(-MAX_DELETIONS_KEPT);
  };

  /** A conflict shown here that was settled elsewhere (or by the server's state) goes. */
  const settleHere = (id: string) => {
    if (!conflicts.some((c) => c.id === id)) return;
    conflicts = conflicts.filter((c) => c.id !== id);
    o.onConflicts?.(conflicts);
  };

  /** A server version to store here, over the local revision read when it was judged (null: none here). */
  interface ToStore {
    theirs: Experiment;
    rev: string;
    local: Experiment | null;
    /** Its results and models, when the server's version carries them (none: the ones here stay). */
    records?: SyncRecords;
  }

  /**
   * The results and models a server version carries (`text`: its records attachment), checked as
   * an imported file is; none of them may be one another experiment here holds. Undefined: none carried.
   */
  async function incomingRecords(id: string, text: string | undefined): Promise<{ ok: true; value?: SyncRecords } | { ok: false; message: string }> {
    if (text === undefined) return { ok: true };
    const r = readRecords(text, id);
    if (!r.ok) return { ok: false, message: r.error.message };
    for (const x of r.value.results) {
      const here = await o.repo.getResult(x.id);
      if (here.ok && here.value && here.value.experimentId !== id) return { ok: false, message: `its result ${JSON.stringify(x.id)} is one of another experiment here` };
    }
    for (const x of r.value.models) {
      const here = await o.repo.getModel(x.id);
      if (here.ok && here.value && here.value.experimentId !== id) return { ok: false, message: `its model ${JSON.stringify(x.id)} is one of another experiment here` };
    }
    return { ok: true, value: r.value };
  }

  async function applyIncoming(row: { id: string; deleted?: boolean; doc?: Record<string, unknown> }, meta: SyncDocState | undefined, patch: Patch, toStore: ToStore[], records = new Map<string, string>()): Promise<string | null> {
    if (!row.id.startsWith(PREFIX)) return null; // design documents and other kinds
    const id = row.id.slice(PREFIX.length);
    const other = meta ? null : o.heldElsewhere?.('experiment', id);
    if (other) {
      if (!(row.deleted || row.doc?._deleted)) refuse({ id, direction: 'in', message: `refused from the server: experiment ${id} belongs to workspace ${other} on this device` });
      return null;
    }
    const localR = await o.repo.getExperiment(id);
    if (!localR.ok) throw new HttpFailure('error', localR.error.message);
    const local = localR.value;
    if (row.deleted || row.doc?._deleted) {
      // a deletion of a document this device never agreed on with this workspace: not ours to delete
      if (!local || !meta) {
        if (meta) patch.set(id, null);
        return null;
      }
      if (meta && meta.rev !== null && local.rev === meta.local) {
        const d = await o.repo.deleteExperiment(id, local.rev);
        if (d.ok) {
          patch.set(id, null);
          noteDeletion(id, local.name, row.doc?.modifiedBy, row.doc?.modifiedAt);
          return id;
        }
      }
      // changed here, deleted there: nothing is lost — kept here and sent again as a new document
      conflict({ id, mine: local, theirs: null, theirsRev: null });
      patch.set(id, { rev: null, local: -1 });
      return null;
    }
    const rev = String(row.doc?._rev ?? '');
    if (meta && meta.rev === rev) return null;
    // This device's version of a conflict is on the server as a losing revision (`pushed`). Gone
    // from there, the conflict was resolved on a device that saw it: unless it changed here since,
    // that resolution is taken. Current there (the other version deleted), it is agreed as it is.
    const pushed = meta?.pushed;
    const leaves = Array.isArray(row.doc?._conflicts) ? (row.doc._conflicts as unknown[]) : [];
    const asPushed = pushed !== undefined && local !== null && local.rev === pushed.local;
    if (asPushed && rev === pushed.rev) {
      settleHere(id);
      patch.set(id, { rev, local: pushed.local, name: local.name });
      return null;
    }
    const incoming = fromServerDoc(row.doc);
    if (!incoming.ok) {
      refuse({ id, direction: 'in', message: `refused from the server: ${incoming.message}` });
      return null;
    }
    const theirs = incoming.value;
    const recs = await incomingRecords(id, records.get(`${id}@${rev}`));
    if (!recs.ok) {
      refuse({ id, direction: 'in', message: `refused from the server: experiment “${theirs.name}”: ${recs.message}` });
      return null;
    }
    // This device's agreed version lost to another edit of the same revision (the two met on the
    // server): it is this device's side of a conflict, on the server already as a losing revision.
    if (meta?.rev && !pushed && local && local.rev === meta.local && leaves.includes(meta.rev) && !sameContent(local, theirs)) {
      patch.set(id, { ...meta, pushed: { rev: meta.rev, local: meta.local } });
      conflict({ id, mine: local, theirs, theirsRev: rev, mineRev: meta.rev, ...(recs.value ? { theirsRecords: recs.value } : {}) });
      return null;
    }
    const settled = asPushed && !leaves.includes(pushed.rev);
    if (settled) settleHere(id);
    if (local && !(meta && local.rev === meta.local) && !settled && !sameContent(local, theirs)) {
      await bothVersions(local, theirs, rev, recs.value);
      return null;
    }
    toStore.push({ theirs, rev, local, ...(recs.value ? { records: recs.value } : {}) });
    return null;
  }

  /**
   * Stores a batch's server versions in one transaction (one change heard by the app's lists, not
   * one per experiment); if another tab changed one of them meanwhile, one at a time, each such
   * change then becoming a conflict. Returns the ids stored.
   */
  async function storeIncoming(list: ToStore[], patch: Patch): Promise<string[]> {
    if (!list.length) return [];
    const agreed = (x: ToStore, saved: Experiment) =>
      patch.set(x.theirs.id, { rev: x.rev, local: saved.rev ?? 0, name: x.theirs.name, ...(x.theirs.modifiedBy ? { by: x.theirs.modifiedBy } : {}), ...(x.theirs.modifiedAt ? { at: x.theirs.modifiedAt } : {}), ...(x.records && x.records.results.length + x.records.models.length ? { recs: true } : {}) });
    const all = await o.repo.saveExperiments(list.map((x) => ({ ...x.theirs, rev: x.local?.rev })), list.map((x) => (x.local ? (x.local.rev ?? 0) : null)), list.map((x) => x.records));
    if (all.ok) {
      all.value.forEach((saved, k) => agreed(list[k], saved));
      return list.map((x) => x.theirs.id);
    }
    const stored: string[] = [];
    for (const x of list) {
      const one = await o.repo.saveExperiments([{ ...x.theirs, rev: x.local?.rev }], [x.local ? (x.local.rev ?? 0) : null], [x.records]);
      const saved = one.ok ? ({ ok: true, value: one.value[0] } as const) : one;
      if (saved.ok) {
        agreed(x, saved.value);
        stored.push(x.theirs.id);
      } else if (saved.error.code === 'conflict') {
        // changed (or deleted) in another tab since it was read: the version there now is "mine"
        const now = await o.repo.getExperiment(x.theirs.id);
        if (now.ok && now.value) await bothVersions(now.value, x.theirs, x.rev, x.records);
      } else refuse({ id: x.theirs.id, direction: 'in', message: saved.error.message });
    }
    return stored;
  }

  /** A custom propellant from the server: added here (validated as an import is), or deleted here when it was deleted there. */
  async function applyPropellant(row: { id: string; deleted?: boolean; doc?: Record<string, unknown> }, known: NonNullable<SyncMeta['props']>, patch: Map<string, string | null>) {
    const id = row.id.slice(PROP_PREFIX.length);
    if (row.deleted || row.doc?._deleted) {
      if (!known[id]) return;
      const d = await o.repo.deletePropellant(id);
      if (d.ok) patch.set(id, null);
      return;
    }
    const rev = String(row.doc?._rev ?? '');
    if (known[id]?.rev === rev) return;
    const other = known[id] ? null : o.heldElsewhere?.('propellant', id);
    if (other) {
      refuse({ id, direction: 'in', message: `refused from the server: propellant ${id} belongs to workspace ${other} on this device` });
      return;
    }
    const p = propellantFromServerDoc(row.doc);
    if (!p.ok) {
      refuse({ id, direction: 'in', message: `refused from the server: ${p.message}` });
      return;
    }
    const put = await o.repo.putPropellant(p.value);
    // already here under this id (published from this device, or received before): propellants are never edited
    if (put.ok || put.error.code === 'conflict') patch.set(id, rev);
    else refuse({ id, direction: 'in', message: put.error.message });
  }

  /**
   * A second version the server holds of a document (`_conflicts`, `doc` being its current version)
   * is shown as a conflict beside the version here, one at a time, and never dropped unseen; one
   * with the same content as the version here is deleted on the server (nothing is lost), and a
   * hostile one is refused and reported. A branch conflict shown here and no longer on the server
   * (resolved on another device) is taken away. `known`: the document's sync state before this batch.
   */
  async function serverBranch(id: string, doc: Record<string, unknown>, patch: Patch, known: SyncDocState | undefined, contents = new Map<string, Record<string, unknown>>()) {
    const raw = doc._conflicts;
    let leaves = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
    const shown = conflicts.find((c) => c.id === id);
    if (shown?.branchRev && !leaves.includes(shown.branchRev)) {
      conflicts = conflicts.filter((c) => c !== shown);
      o.onConflicts?.(conflicts);
    } else if (shown) return;
    const agreed = patch.has(id) ? patch.get(id) : known;
    if (!agreed || (!leaves.length && !agreed.branch)) return;
    // this device's own version put there (`pushed`) is its conflict already; one resolved here goes with the next send
    leaves = leaves.filter((l) => l !== agreed.pushed?.rev && l !== agreed.drop);
    const { branch: _gone, ...state } = agreed;
    if (!leaves.length || o.readOnly?.()) {
      if (agreed.branch) patch.set(id, state);
      return;
    }
    const here = await o.repo.getExperiment(id);
    if (!here.ok || !here.value) return;
    // a change here not sent yet, or a resolution not finished: shown once the server has them (its
    // new revision brings the document through _changes again)
    if (here.value.rev !== agreed.local || agreed.drop) return;
    const branchRev = leaves[0];
    let got = contents.get(`${id}@${branchRev}`);
    if (!got) {
      const r = await serverDoc(PREFIX + id, { rev: branchRev });
      if (!r) return;
      got = r;
    }
    const theirs = fromServerDoc(got);
    if (!theirs.ok) {
      refuse({ id, direction: 'in', message: `refused from the server: a second version (${branchRev}) of experiment ${id}: ${theirs.message}` });
      return;
    }
    if (sameContent(here.value, theirs.value)) {
      patch.set(id, { ...state, drop: branchRev });
      return;
    }
    patch.set(id, { ...state, branch: branchRev });
    conflict({ id, mine: here.value, theirs: theirs.value, theirsRev: String(doc._rev ?? agreed.rev), branchRev });
  }

  /**
   * Second versions left unresolved when the app last stopped: asked about again and shown. (A
   * conflict shown here whose version could not be put on the server then goes with the next send.)
   */
  async function pendingBranches() {
    const meta = await readMeta();
    const patch: Patch = new Map();
    for (const [id, st] of Object.entries(meta.docs)) {
      if (!st.branch || conflicts.some((c) => c.id === id)) continue;
      const cur = await serverDoc(PREFIX + id, { conflicts: true });
      if (cur) await serverBranch(id, cur, patch, st);
      else patch.set(id, { ...st, branch: undefined });
    }
    if (patch.size) await changeMeta((m) => patch.forEach((st, id) => m.docs[id] && st && (m.docs[id] = st)));
  }

  /** A server document as a changes feed gives it: its current version (with `_conflicts`), or deleted. */
  type Row = { id: string; deleted?: boolean; doc?: Record<string, unknown> };

  /**
   * One batch of server documents: experiments and custom propellants checked and stored, second
   * versions shown, the sync record written once. `contents`: the revisions replication brought,
   * by `id@rev` (a second version shown needs no second request). Returns the experiments stored.
   */
  async function applyRows(rows: Row[], contents: Map<string, Record<string, unknown>>, records = new Map<string, string>()): Promise<number> {
    if (rows.length) setStatus({ phase: 'receiving' });
    const applied: string[] = [];
    const knownMeta = await readMeta();
    const known = knownMeta.docs;
    const patch: Patch = new Map();
    const propPatch = new Map<string, string | null>();
    const toStore: ToStore[] = [];
    for (const row of rows) {
      if (row.id.startsWith(PROP_PREFIX)) {
        await applyPropellant(row, knownMeta.props ?? {}, propPatch);
        continue;
      }
      const id = await applyIncoming(row, known[row.id.slice(PREFIX.length)], patch, toStore, records);
      if (id) applied.push(id);
    }
    applied.push(...(await storeIncoming(toStore, patch)));
    for (const row of rows) {
      if (row.id.startsWith(PREFIX) && row.doc && !row.deleted && !row.doc._deleted) await serverBranch(row.id.slice(PREFIX.length), row.doc, patch, known[row.id.slice(PREFIX.length)], contents);
    }
    await changeMeta((m) => {
      for (const [id, st] of patch) {
        if (st) m.docs[id] = 'drop' in st ? st : { ...dropOf(m.docs[id]), ...st };
        else delete m.docs[id];
      }
      keepDeletions(m);
      m.props ??= {};
      for (const [id, rev] of propPatch) {
        if (rev) m.props[id] = { rev };
        else delete m.props[id];
      }
    });
    // propellants too: the store renews which workspace holds what (and a viewer's read-only list)
    if (applied.length || propPatch.size) o.onApplied?.(applied);
    return applied.length;
  }

  /**
   * The revisions of one document that replication brought (each with its ancestry), made into the
   * row a changes feed would give: the winning revision among them and the ones this device holds
   * (its agreed revision, its own second version) as CouchDB picks it, with the other live leaves
   * as `_conflicts`; deleted when every leaf is. A revision this device holds is a leaf still unless
   * one brought descends from it.
   */
  async function rowOf(docId: string, revs: Record<string, unknown>[], held: (string | null | undefined)[]): Promise<Row> {
    const incoming = revs.map((d) => ({ rev: String(d._rev), deleted: d._deleted === true, anc: new Set(ancestry(d)), doc: d as Record<string, unknown> | null }));
    const leaves = [...incoming];
    for (const rev of new Set(held)) {
      if (rev && !incoming.some((x) => x.anc.has(rev))) leaves.push({ rev, deleted: false, anc: new Set([rev]), doc: null });
    }
    const w = winningLeaf(leaves);
    if (!w || w.deleted) return { id: docId, deleted: true, doc: w?.doc ?? undefined };
    const _conflicts = leaves.filter((l) => !l.deleted && l !== w).map((l) => l.rev);
    // a revision held here wins: its content is here (the agreed one) or asked for (this device's second version)
    const doc = w.doc ?? (w.rev === held[0] ? { _id: docId, _rev: w.rev } : ((await serverDoc(docId, { rev: w.rev })) ?? { _id: docId, _rev: w.rev }));
    return { id: docId, doc: { ...doc, _conflicts } };
  }

  /** The device's side of a pull: PouchDB's replicator sees the workspace's documents on this device as a database. */
  function replicaTarget(onBatch: (n: number) => void) {
    return {
      ...noEvents,
      // (PouchDB then fetches a document's attachments from the server, not comparing them with a local copy: there is none)
      _remote: true,
      id: async () => `rfo-device-${o.device}`,
      get: async (id: string) => {
        const d = (await readMeta()).checkpoints?.[id];
        if (!d) throw Object.assign(new Error('missing'), { status: 404, name: 'not_found' });
        return d;
      },
      put: async (doc: Record<string, unknown>) => {
        const id = String(doc._id);
        const rev = `0-${revGen(String(doc._rev ?? '0-0')) + 1}`;
        await changeMeta((m) => {
          m.checkpoints = { ...(m.checkpoints ?? {}), [id]: { ...doc, _rev: rev } };
          if (doc.last_seq !== undefined) m.since = String(doc.last_seq);
        });
        return { ok: true, id, rev };
      },
      /** Every revision this device does not hold is missing (design documents and other kinds are not this app's). */
      revsDiff: async (diff: Record<string, string[]>) => {
        const m = await readMeta();
        const out: Record<string, { missing: string[] }> = {};
        for (const [docId, revs] of Object.entries(diff)) {
          let held: Set<string | null | undefined>;
          if (docId.startsWith(PREFIX)) {
            const st = m.docs[docId.slice(PREFIX.length)];
            held = new Set([st?.rev, st?.pushed?.rev]);
          } else if (docId.startsWith(PROP_PREFIX)) held = new Set([m.props?.[docId.slice(PROP_PREFIX.length)]?.rev]);
          else continue;
          const missing = revs.filter((r) => !held.has(r));
          if (missing.length) out[docId] = { missing };
        }
        return out;
      },
      bulkDocs: async (req: { docs: Record<string, unknown>[] }) => {
        const m = await readMeta();
        const byId = new Map<string, Record<string, unknown>[]>();
        const contents = new Map<string, Record<string, unknown>>();
        const records = new Map<string, string>();
        for (const d of req.docs) {
          const docId = String(d._id);
          byId.set(docId, [...(byId.get(docId) ?? []), d]);
          contents.set(`${docId.slice(PREFIX.length)}@${String(d._rev)}`, d);
          // the records attachment, as text (an unreadable one is refused with the document)
          const att = (d._attachments as Record<string, { content_type?: unknown; data?: unknown }> | undefined)?.[RECORDS_ATTACHMENT];
          if (att && d._attachments && Object.keys(d._attachments).length === 1) {
            const text = await textOfAttachment(att.data);
            records.set(`${docId.slice(PREFIX.length)}@${String(d._rev)}`, text ?? '');
            d._attachments = { [RECORDS_ATTACHMENT]: { content_type: att.content_type, length: text?.length ?? 0 } };
          }
        }
        const rows: Row[] = [];
        for (const [docId, revs] of byId) {
          const st = docId.startsWith(PREFIX) ? m.docs[docId.slice(PREFIX.length)] : undefined;
          const held = docId.startsWith(PREFIX) ? [st?.rev, st?.pushed?.rev] : [m.props?.[docId.slice(PROP_PREFIX.length)]?.rev];
          rows.push(await rowOf(docId, revs, held));
        }
        onBatch(await applyRows(rows, contents, records));
        // every document is taken or refused and reported here: none stops the replication
        return [];
      },
    };
  }

  /** Receives what the server has that this device does not: a PouchDB replication from the server into the replica. */
  async function receive(): Promise<number> {
    const { pouch, remote } = await lib();
    let received = 0;
    await replicated(pouch.replicate(remote, replicaTarget((n) => (received += n)), { batch_size: SYNC_BATCH, batches_limit: 1, retry: false }));
    return received;
  }

  // ---- send ----

  /**
   * What this device has to put on the server, each as the revision replication sends:
   * - `edit`: a changed or new experiment, a child of the revision it is based on;
   * - `delete`: an experiment deleted here (a deleted child of its agreed revision);
   * - `branch`: this device's version of a conflict shown here, beside the server's (a child of the
   *   revision it was based on, its id starting with eight zeros so that the version there first
   *   stays current): every device then shows the conflict, and the first to choose settles it;
   * - `drop`: a second version resolved here (SyncDocState.drop), deleted on the server;
   * - `prop`, `propDelete`: a custom propellant added to the workspace here, or deleted here.
   * Revision ids are digests of the content and the parent: an entry sent again after a lost answer
   * is the revision the server holds already, which replication does not send twice.
   */
  interface Outgoing {
    kind: 'edit' | 'delete' | 'branch' | 'drop' | 'prop' | 'propDelete';
    /** Experiment or propellant id (without the kind's prefix). */
    id: string;
    doc: Record<string, unknown>;
    /** The local revision sent (edit, branch; -1 for a deletion). */
    local: number;
    /** The experiment's results and models (the records attachment's text), when it has any or had. */
    records?: string;
    /** The records sent hold at least one result or model. */
    recs?: boolean;
  }

  function revisionOf(body: Record<string, unknown>, parent: string | null, md5: (s: string) => string, losing = false, records?: string): Record<string, unknown> {
    const gen = revGen(parent) + 1;
    const digest = md5(JSON.stringify(body) + (parent ?? '') + (records === undefined ? '' : md5(records)));
    const hash = losing ? `00000000${digest.slice(0, 24)}` : digest;
    const ids = parent ? [hash, parent.slice(parent.indexOf('-') + 1)] : [hash];
    // the records go as an attachment, its content handed over when PouchDB asks for it (replicaSource)
    const atts = records === undefined ? {} : { _attachments: { [RECORDS_ATTACHMENT]: { content_type: RECORDS_CONTENT_TYPE, stub: true, length: records.length } } };
    return { ...body, ...atts, _rev: `${gen}-${hash}`, _revisions: { start: gen, ids } };
  }

  async function outgoing(md5: (s: string) => string = () => '', recordsOf?: (e: Experiment, had: boolean) => Promise<{ text: string; any: boolean } | undefined>): Promise<Outgoing[]> {
    const meta = await readMeta();
    const list = await o.repo.listExperiments();
    if (!list.ok) throw new HttpFailure('error', list.error.message);
    const props = await o.repo.listPropellants();
    if (!props.ok) throw new HttpFailure('error', props.error.message);
    const byId = new Map(list.value.experiments.map((e) => [e.id, e]));
    const stamp = () => (o.user ? { modifiedBy: o.user, modifiedAt: new Date().toISOString() } : {});
    const out: Outgoing[] = [];
    for (const [id, st] of Object.entries(meta.docs)) {
      const shown = conflicts.find((c) => c.id === id);
      const e = byId.get(id);
      if (shown) {
        if (shown.theirs && e && !shown.branchRev && !shown.mineRev && !st.pushed && st.rev && !o.readOnly?.()) {
          const r = await recordsOf?.(e, st.recs === true);
          out.push({ kind: 'branch', id, local: e.rev ?? 0, records: r?.text, recs: r?.any, doc: revisionOf(toServerDoc(e, null, o.user), st.rev, md5, true, r?.text) });
        }
        continue;
      }
      if (st.drop) out.push({ kind: 'drop', id, local: -1, doc: revisionOf({ _id: PREFIX + id, _deleted: true }, st.drop, md5) });
      if (!e) {
        if (st.rev && st.refused !== -1) out.push({ kind: 'delete', id, local: -1, doc: revisionOf({ _id: PREFIX + id, _deleted: true, ...stamp() }, st.rev, md5) });
        continue;
      }
      const rev = e.rev ?? 0;
      if ((st.rev === null || rev !== st.local) && st.refused !== rev) {
        const r = await recordsOf?.(e, st.recs === true);
        out.push({ kind: 'edit', id, local: rev, records: r?.text, recs: r?.any, doc: revisionOf(toServerDoc(e, null, o.user), st.rev, md5, false, r?.text) });
      }
    }
    const pById = new Map(props.value.map((p) => [p.id, p]));
    for (const [id, st] of Object.entries(meta.props ?? {})) {
      const p = pById.get(id);
      if (!p && st.rev && !st.refused) out.push({ kind: 'propDelete', id, local: -1, doc: revisionOf({ _id: PROP_PREFIX + id, _deleted: true, ...stamp() }, st.rev, md5) });
      else if (p && st.rev === null && !st.refused) out.push({ kind: 'prop', id, local: -1, doc: revisionOf(propellantToServerDoc(p, o.user), null, md5) });
    }
    return out;
  }

  /** Changes here still to send (what the status counts: not the second versions to delete or put beside). */
  const countPending = (list: Outgoing[]) => list.filter((x) => x.kind !== 'drop' && x.kind !== 'branch').length;

  /**
   * The device's side of a push: the outgoing revisions as a database's changes feed (one row per
   * document, each of its revisions in it) from which PouchDB's replicator sends what the server lacks.
   */
  function replicaSource(list: Outgoing[]) {
    const rows = [...new Set(list.map((x) => String(x.doc._id)))].map((docId, k) => ({ id: docId, seq: k + 1, changes: list.filter((x) => x.doc._id === docId).map((x) => ({ rev: String(x.doc._rev) })) }));
    const byRev = new Map(list.map((x) => [`${String(x.doc._id)}@${String(x.doc._rev)}`, x.doc]));
    const recordsByRev = new Map(list.filter((x) => x.records !== undefined).map((x) => [`${String(x.doc._id)}@${String(x.doc._rev)}`, x.records!]));
    return {
      ...noEvents,
      id: async () => `rfo-device-${o.device}`,
      info: async () => ({ db_name: `rfo-device-${o.device}`, update_seq: rows.length }),
      activeTasks: { add: () => 'push', get: () => undefined, update() {}, remove() {} },
      changes(opts: { since?: unknown; limit?: number }) {
        const since = Number(opts.since) || 0;
        const page = rows.filter((r) => r.seq > since).slice(0, opts.limit ?? rows.length);
        const listeners: ((row: unknown, pending: undefined, seq: number) => void)[] = [];
        const done = Promise.resolve().then(() => {
          for (const r of page) listeners.forEach((f) => f(r, undefined, r.seq));
          return { results: page, last_seq: page.length ? page[page.length - 1].seq : since };
        });
        const feed = {
          on(event: string, f: (row: unknown, pending: undefined, seq: number) => void) {
            if (event === 'change') listeners.push(f);
            return feed;
          },
          then: done.then.bind(done),
          catch: done.catch.bind(done),
          cancel() {},
        };
        return feed;
      },
      bulkGet: async (req: { docs: { id: string; rev: string }[] }) => ({
        results: req.docs.map(({ id, rev }) => {
          const doc = byRev.get(`${id}@${rev}`);
          // a copy: PouchDB puts the attachment's content into what it is given
          return { id, docs: [doc ? { ok: structuredClone(doc) } : { error: { id, rev, error: 'not_found', reason: 'missing' } }] };
        }),
      }),
      /** The records attachment of an outgoing revision, as base64 (what a CouchDB write carries). */
      getAttachment: async (docId: string, _name: string, opts: { rev?: string } = {}) => base64OfText(recordsByRev.get(`${docId}@${opts.rev ?? ''}`) ?? ''),
    };
  }

  /** Sends what changed here (one PouchDB replication from the replica to the server); the number of changes the server took. */
  async function send(): Promise<number> {
    const { pouch, remote } = await lib();
    const md5 = pouch.stringMd5;
    // an experiment's results and models go with each of its changes (the attachment: sync-records.ts)
    const withRecords = await o.repo.experimentsWithRecords();
    if (!withRecords.ok) throw new HttpFailure('error', withRecords.error.message);
    // (none left here while the agreed version had some: an empty set, so the other devices let theirs go too)
    const recordsOf = async (e: Experiment, had: boolean): Promise<{ text: string; any: boolean } | undefined> => {
      if (!withRecords.value.has(e.id)) return had ? { text: recordsText(e, { results: [], models: [] }), any: false } : undefined;
      const [results, models] = [await o.repo.listResults(e.id), await o.repo.modelsOf(e.id)];
      if (!results.ok || !models.ok) throw new HttpFailure('error', (!results.ok ? results : (models as { ok: false; error: { message: string } })).error.message);
      return { text: recordsText(e, { results: results.value, models: models.value }), any: results.value.length + models.value.length > 0 };
    };
    const list = await outgoing(md5, recordsOf);
    if (!list.length) return 0;
    let pending = countPending(list);
    setStatus(pending ? { phase: 'sending', pending } : {});
    const written = new Set<string>();
    const denied = new Map<string, string>();
    const rep = pouch.replicate(replicaSource(list), remote, { batch_size: SYNC_BATCH, batches_limit: 1, retry: false, checkpoint: false });
    rep.on('change', (info) => {
      for (const d of info.docs ?? []) written.add(`${d._id}@${d._rev}`);
      pending = Math.max(0, pending - (info.docs ?? []).length);
      setStatus({ pending });
    });
    rep.on('denied', (err) => denied.set(err.id, String(err.reason ?? err.error ?? 'forbidden')));
    let failed: unknown = null;
    await replicated(rep).catch((e: unknown) => (failed = e));
    // on the server: written, or (the replication having ended) there already; refused: reported
    const landed = list.filter((x) => !denied.has(String(x.doc._id)) && (failed === null || written.has(`${String(x.doc._id)}@${String(x.doc._rev)}`)));
    await settleSent(landed, list.filter((x) => denied.has(String(x.doc._id))), denied);
    if (failed) throw failed;
    return landed.filter((x) => x.kind !== 'drop' && x.kind !== 'branch').length;
  }

  /** The sync record after a push: what landed is agreed, what the server refused is reported and not sent again until it changes. */
  async function settleSent(landed: Outgoing[], refusedList: Outgoing[], reasons: Map<string, string>) {
    const back: string[] = [];
    const branches: Outgoing[] = [];
    await changeMeta((m) => {
      m.props ??= {};
      for (const x of landed) {
        const rev = String(x.doc._rev);
        const cur = m.docs[x.id];
        if (x.kind === 'edit' && cur) m.docs[x.id] = { ...dropOf(cur), rev, local: x.local, name: String(x.doc.name ?? ''), ...(o.user ? { by: o.user, at: String(x.doc.modifiedAt) } : {}), ...(x.recs ? { recs: true } : {}) };
        else if (x.kind === 'delete' && cur) {
          noteDeletion(x.id, cur.name ?? '', x.doc.modifiedBy, x.doc.modifiedAt);
          delete m.docs[x.id];
        } else if (x.kind === 'branch' && cur) {
          cur.pushed = { rev, local: x.local };
          branches.push(x);
        } else if (x.kind === 'drop' && cur && cur.drop && (x.doc._revisions as { ids: string[] }).ids[1] === cur.drop.slice(cur.drop.indexOf('-') + 1)) delete cur.drop;
        else if (x.kind === 'prop') m.props[x.id] = { rev };
        else if (x.kind === 'propDelete') delete m.props[x.id];
      }
      keepDeletions(m);
      for (const x of refusedList) {
        const why = reasons.get(String(x.doc._id)) ?? 'forbidden';
        const cur = m.docs[x.id];
        if (x.kind === 'edit' || x.kind === 'delete') {
          refuse({ id: x.id, direction: 'out', message: `the server refused “${String(x.doc.name ?? cur?.name ?? x.id)}”: ${why}` });
          if (cur) cur.refused = x.local;
        } else if (x.kind === 'drop' && cur) {
          refuse({ id: x.id, direction: 'out', message: `the server refused to delete a second version of “${cur.name ?? x.id}”: ${why}` });
          delete cur.drop;
        } else if (x.kind === 'prop' || x.kind === 'propDelete') {
          refuse({ id: x.id, direction: 'out', message: `the server refused ${x.kind === 'propDelete' ? 'the deletion of ' : ''}propellant “${String(x.doc.name ?? x.id)}”: ${why}` });
          if (x.kind === 'prop') m.props[x.id] = { rev: null, refused: true };
          else back.push(x.id);
        }
      }
    });
    // this device's version of a conflict is on the server now: the conflict names it (deleted there once resolved)
    for (const x of branches) {
      const c = conflicts.find((y) => y.id === x.id);
      if (c && !c.mineRev) conflict({ ...c, mineRev: String(x.doc._rev) });
    }
    // a deletion the server refused (a viewer's): the workspace still has it, so this device gets it back
    for (const id of back) {
      const p = await propellantBack(id);
      await changeMeta((m) => void ((m.props ??= {})[id] = p ?? { rev: m.props?.[id]?.rev ?? null, refused: true }));
    }
  }

  /** Stores the server's version of a propellant here again; its revision, or null when that failed. */
  async function propellantBack(id: string): Promise<{ rev: string } | null> {
    const cur = await serverDoc(PROP_PREFIX + id);
    const p = cur ? propellantFromServerDoc(cur) : null;
    if (!p?.ok) return null;
    const put = await o.repo.putPropellant(p.value);
    if (!put.ok && put.error.code !== 'conflict') return null;
    o.onApplied?.([]);
    return { rev: String(cur!._rev) };
  }

  /** The version a user chose, stored over the one here (with the server version's results and models when it was theirs and carried them). */
  async function storeChosen(keep: Experiment, records?: SyncRecords): Promise<{ ok: true; value: Experiment } | { ok: false; error: { message: string } }> {
    const cur = await o.repo.getExperiment(keep.id);
    const here = cur.ok && cur.value ? cur.value : null;
    const r = await o.repo.saveExperiments([{ ...keep, rev: here ? here.rev : undefined }], [here ? (here.rev ?? 0) : null], [records]);
    return r.ok ? { ok: true, value: r.value[0] } : r;
  }

  /** A change here and one on the server (its current version theirsRev): shown here; the send puts this device's version beside it, so every device shows it. */
  async function bothVersions(mine: Experiment, theirs: Experiment, theirsRev: string, theirsRecords?: SyncRecords) {
    const st = (await readMeta()).docs[mine.id];
    conflict({ id: mine.id, mine, theirs, theirsRev, ...(st?.pushed ? { mineRev: st.pushed.rev } : {}), ...(theirsRecords ? { theirsRecords } : {}) });
  }

  // ---- control ----

  /** One round: receive what the server has, then send what changed here. */
  async function syncOnce(): Promise<{ received: number; sent: number }> {
    while (syncing) await syncing;
    let out = { received: 0, sent: 0 };
    const run = (async () => {
      await pendingBranches();
      const received = await receive();
      const sent = await send();
      setStatus({ phase: 'synced', pending: countPending(await outgoing()), reason: null });
      out = { received, sent };
    })();
    syncing = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      await run;
    } finally {
      syncing = null;
    }
    return out;
  }

  async function waitForServer(signal: AbortSignal) {
    const since = encodeURIComponent((await readMeta()).since);
    const ms = o.longpollMs ?? 25_000;
    const longpoll = async (s: AbortSignal) => void (await changesFeed(`feed=longpoll&since=${since}&timeout=${ms}&limit=1`, s));
    if (!o.budget) return longpoll(signal);
    await o.budget.waitForChange({ longpoll, check: async (s) => ((await changesFeed(`since=${since}&limit=1`, s)).results ?? []).length > 0 }, signal);
  }

  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((done) => {
      const t = setTimeout(done, ms);
      signal.addEventListener('abort', () => (clearTimeout(t), done()), { once: true });
    });

  async function run() {
    let backoff = 1000;
    while (running) {
      if (paused) {
        setStatus({ phase: 'paused' });
        wake = new AbortController();
        await sleep(3_600_000, wake.signal);
        continue;
      }
      wake = new AbortController();
      try {
        await syncOnce();
        backoff = 1000;
        await waitForServer(wake.signal);
      } catch (e) {
        if ((e as Error)?.name === 'AbortError') continue;
        const f = e instanceof HttpFailure ? e : new HttpFailure('error', (e as Error)?.message ?? String(e));
        setStatus({ phase: f.phase, reason: f.message });
        if (f.phase === 'signed-out') {
          running = false;
          break;
        }
        await sleep(backoff, wake.signal);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  return {
    status: () => status,
    conflicts: () => conflicts,
    refused: () => refused,
    syncOnce,
    /** Starts continuous sync (receive, send, wait for the next change on either side). */
    start() {
      if (running) return;
      running = true;
      paused = false;
      loop = run();
    },
    /** A local change: send it now rather than at the next server change. */
    poke: () => wake?.abort(),
    pause() {
      paused = true;
      wake?.abort();
    },
    resume() {
      paused = false;
      wake?.abort();
      if (!running) this.start();
    },
    async stop() {
      running = false;
      wake?.abort();
      await loop;
      setStatus({ phase: 'stopped' });
    },
    /** Puts local experiments into the workspace: they are sent at the next round. */
    async publish(ids: string[]) {
      await changeMeta((m) => {
        for (const id of ids) if (!m.docs[id]) m.docs[id] = { rev: null, local: -1 };
      });
      wake?.abort();
    },
    /**
     * Puts one stored experiment into the workspace and sends it now: 'sent' once the server holds
     * it, 'queued' when it could not be reached (it goes at a later round), or the server's refusal.
     */
    async publishNow(id: string): Promise<{ state: 'sent' | 'queued' } | { state: 'refused'; message: string }> {
      await changeMeta((m) => void (m.docs[id] ??= { rev: null, local: -1 }));
      try {
        if (!paused) await syncOnce();
      } catch {
        /* offline or an error: the status says it; the copy waits in the sync record */
      }
      const no = refused.find((r) => r.id === id && r.direction === 'out');
      if (no) return { state: 'refused', message: no.message };
      return (await readMeta()).docs[id]?.rev ? { state: 'sent' } : { state: 'queued' };
    },
    /** Who changed which of the workspace's experiments and when, newest first (sync-activity.ts). */
    async activity(limit = 20): Promise<ActivityEntry[]> {
      const m = await readMeta();
      return workspaceActivity(m.docs, m.deleted ?? [], limit);
    },
    /** Puts custom propellants into the workspace: they are sent at the next round. */
    async publishPropellants(ids: string[]) {
      await changeMeta((m) => {
        m.props ??= {};
        for (const id of ids) m.props[id] ??= { rev: null };
      });
      wake?.abort();
    },
    /** Ids of the local experiments that belong to the workspace. */
    async members(): Promise<string[]> {
      return Object.keys((await readMeta()).docs);
    },
    /** Ids of the local custom propellants that belong to the workspace. */
    async propellantMembers(): Promise<string[]> {
      return Object.keys((await readMeta()).props ?? {});
    },
    /**
     * The user's choice for a conflict: 'mine' sends this device's version on top of the server's;
     * 'theirs' stores the server's version here; `{ merged }` (merge-fields.ts mergeByField: each field
     * from the side the user picked) is stored here and sent on top of the server's version. Either
     * way both sides then hold the same document, as a new revision over the server's. For a second
     * version the server held (branchRev), what is kept goes on top of the server's current version
     * and the second version is deleted there; any other second version is shown next, never
     * deleted unseen. A merged document that breaks the workspace's rules is refused here and the
     * conflict stays.
     */
    async resolve(id: string, choice: 'mine' | 'theirs' | { merged: Experiment }): Promise<{ ok: true } | { ok: false; message: string }> {
      const c = conflicts.find((x) => x.id === id);
      if (!c) return { ok: false, message: 'this conflict was resolved already' };
      if (typeof choice === 'object') {
        if (!c.theirs) return { ok: false, message: `“${c.mine.name}” was deleted on the server: keep yours or discard it` };
        if (choice.merged.id !== id) return { ok: false, message: `the merged document is of another experiment (id ${JSON.stringify(choice.merged.id)})` };
        const problem = syncDocProblem(toServerDoc(choice.merged, c.theirsRev));
        if (problem) return { ok: false, message: `the merged experiment cannot be sent: ${problem}` };
      }
      conflicts = conflicts.filter((x) => x.id !== id);
      o.onConflicts?.(conflicts);
      // this device's version put on the server as a second version: deleted there once chosen
      const mineDrop = c.mineRev ? { drop: c.mineRev } : {};
      if (c.branchRev) {
        // a second version the server held: the version here is based on the server's current one
        // (theirsRev) and goes on top of it when it changed; the second version is deleted there
        const drop = { drop: c.branchRev, branch: undefined };
        if (choice === 'mine') await changeMeta((m) => void (m.docs[id] = { ...m.docs[id], rev: c.theirsRev, ...drop }));
        else {
          const keep = choice === 'theirs' ? c.theirs! : choice.merged;
          const saved = await storeChosen(keep, choice === 'theirs' ? c.theirsRecords : undefined);
          if (!saved.ok) {
            conflict(c);
            return { ok: false, message: saved.error.message };
          }
          await changeMeta((m) => void (m.docs[id] = { ...m.docs[id], rev: c.theirsRev, local: -1, ...drop }));
          o.onApplied?.([id]);
        }
      } else if (choice === 'mine' || !c.theirs) {
        await changeMeta((m) => void (m.docs[id] = { rev: c.theirsRev, local: -1, ...mineDrop }));
      } else {
        const keep = choice === 'theirs' ? c.theirs : choice.merged;
        const saved = await storeChosen(keep, choice === 'theirs' ? c.theirsRecords : undefined);
        if (!saved.ok) {
          conflict(c);
          return { ok: false, message: saved.error.message };
        }
        // the server's version as it is needs no sending; a merge is sent on top of it
        const who = choice === 'theirs' ? { name: keep.name, ...(keep.modifiedBy ? { by: keep.modifiedBy } : {}), ...(keep.modifiedAt ? { at: keep.modifiedAt } : {}) } : {};
        await changeMeta((m) => void (m.docs[id] = { rev: c.theirsRev, local: choice === 'theirs' ? (saved.value.rev ?? 0) : -1, ...who, ...mineDrop }));
        o.onApplied?.([id]);
      }
      wake?.abort();
      return { ok: true };
    },
    /** Stops, and with `removeData` deletes the workspace's experiments and its sync record from this device. */
    async forget(removeData: boolean) {
      await this.stop();
      if (removeData) {
        const meta = await readMeta();
        const ids = Object.keys(meta.docs);
        // one transaction; should it fail (storage full of other work, say), one at a time as before
        const gone = await o.repo.deleteExperiments(ids);
        if (!gone.ok) for (const id of ids) await o.repo.deleteExperiment(id);
        for (const id of Object.keys(meta.props ?? {})) await o.repo.deletePropellant(id);
        if (ids.length) o.onApplied?.(ids);
      }
      await o.repo.updateSetting(metaKey(o.db), () => null);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

// ---- session (CouchDB's cookie authentication; the password is sent once and never kept) ----

export interface SessionInfo {
  name: string | null;
  roles: string[];
}

async function sessionCall(server: string, init: RequestInit, f: typeof fetch = fetch): Promise<{ ok: true; value: SessionInfo } | { ok: false; message: string; offline?: boolean }> {
  let r: Response;
  try {
    r = await f(server.replace(/\/?$/, '/') + '_session', { credentials: 'include', ...init, headers: { accept: 'application/json', 'content-type': 'application/json' } });
  } catch (e) {
    return { ok: false, offline: true, message: `the server cannot be reached (${(e as Error)?.message ?? String(e)})` };
  }
  const j = (await r.json().catch(() => ({}))) as { userCtx?: SessionInfo; name?: string | null; roles?: string[]; reason?: string };
  if (!r.ok) return { ok: false, message: r.status === 401 ? 'name or password is incorrect' : `the server answered ${r.status}: ${j.reason ?? ''}` };
  const u = j.userCtx ?? { name: j.name ?? null, roles: j.roles ?? [] };
  return { ok: true, value: { name: u.name ?? null, roles: Array.isArray(u.roles) ? u.roles : [] } };
}

export const signIn = (server: string, name: string, password: string, f?: typeof fetch) => sessionCall(server, { method: 'POST', body: JSON.stringify({ name, password }) }, f);
export const currentSession = (server: string, f?: typeof fetch) => sessionCall(server, { method: 'GET' }, f);
export const signOut = (server: string, f?: typeof fetch) => sessionCall(server, { method: 'DELETE' }, f);

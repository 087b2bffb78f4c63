// Sync with team and class workspaces (issue 17): off by default. This module and the engine
// (app/data/sync-engine.ts) load lazily, with the Settings page or at start when sync was left on,
// never in the first load. (Importing the engine dynamically from here made the bundler move
// experiment.ts out of the entry chunk into a shared one, +0.6 kB gzip on the first load.) The password goes to the server's
// _session once and is never kept: the server's cookie is the session. What is kept, in the
// settings row `sync:config` (left out of backups), is the server address, the user name, the
// workspaces joined and the current one, and this device's checkpoint name.
//
// A user may belong to any number of workspaces on the server, each its own database with its own
// role; each one joined here syncs continuously with its own engine. Every experiment and custom
// propellant on the device belongs to one workspace at most (its engine's sync record lists it):
// a document arriving from one workspace under an id another holds is refused, and publishing
// sends only personal experiments. The current workspace is the one Settings → Sync shows and
// publishes to; the experiment list marks each row's workspace and copies or moves between any two.
import { createSignal } from 'solid-js';
import { createChangeBus, createRepository, openRfoDb, type Repository, type StorageChange } from '../data/db.ts';
import { newId } from '../domain/experiment.ts';
import { WORKSPACE_ROLES, roleIn, workspaceDbName, type WorkspaceRole } from '../domain/sync-workspace.ts';
import { mergeByField, type Side } from '../domain/merge-fields.ts';
import type { UnitSystem } from '../domain/experiment.ts';
import * as engineModule from '../data/sync-engine.ts';
import { createSyncBudget, type SyncBudget } from '../data/sync-budget.ts';
import type { SyncConflict, SyncEngine, SyncRefusal, SyncStatus } from '../data/sync-engine.ts';
import { setReadOnly } from './read-only.ts';
import { setTeamWorkspaces, type TeamWorkspace } from './workspace-place.ts';
import { copyWithRecords } from './workspace-copy.ts';
import { transferExperiment, type Place, type TransferOp } from '../domain/workspace-transfer.ts';
import type { Result } from '../domain/result.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { ActivityEntry } from '../domain/sync-activity.ts';

export const SYNC_CONFIG_KEY = 'sync:config';

/** A workspace joined on this device: its name as the user typed it, and its database on the server. */
export interface JoinedWorkspace {
  workspace: string;
  db: string;
}

export interface SyncConfig {
  server: string;
  user: string;
  workspaces: JoinedWorkspace[];
  /** The database of the current workspace (one of `workspaces`). */
  current: string;
  /** The user's role in each, as the server last said (kept so that a viewer's documents stay read-only offline). */
  roles: Record<string, WorkspaceRole | null>;
  device: string;
  on: boolean;
}

export type SyncView = SyncStatus | { phase: 'off'; pending: 0; reason: null };

/** A conflict or refusal with the workspace it happened in (its database, and its name as the user typed it). */
export type WorkspaceConflict = SyncConflict & { db: string; workspace: string };
export type WorkspaceRefusal = SyncRefusal & { workspace: string };

/** One joined workspace as Settings lists it. */
export interface WorkspaceView extends JoinedWorkspace {
  role: WorkspaceRole | null;
  status: SyncView;
}

const OFF: SyncView = { phase: 'off', pending: 0, reason: null };

/** The stored config, in the shape of one workspace (before several) or of several; null when unusable. */
export function restoreSyncConfig(raw: unknown): SyncConfig | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const c = raw as Record<string, unknown>;
  if (typeof c.server !== 'string' || typeof c.device !== 'string' || typeof c.user !== 'string') return null;
  const listed = Array.isArray(c.workspaces) ? c.workspaces : typeof c.db === 'string' && typeof c.workspace === 'string' ? [{ workspace: c.workspace, db: c.db }] : [];
  const workspaces = listed.filter((w): w is JoinedWorkspace => !!w && typeof w === 'object' && typeof w.workspace === 'string' && typeof w.db === 'string');
  if (!workspaces.length) return null;
  const current = typeof c.current === 'string' && workspaces.some((w) => w.db === c.current) ? c.current : typeof c.db === 'string' && workspaces.some((w) => w.db === c.db) ? c.db : workspaces[0].db;
  const stored = c.roles && typeof c.roles === 'object' ? (c.roles as Record<string, unknown>) : {};
  const roles = Object.fromEntries(workspaces.map((w) => [w.db, WORKSPACE_ROLES.find((r) => r === stored[w.db]) ?? null]));
  return { server: c.server, user: c.user, device: c.device, on: c.on === true, workspaces, current, roles };
}

/**
 * The workspaces (databases) whose sync a local write should wake at once: the one holding each
 * written experiment or propellant (a personal one wakes none), every one for a whole import.
 */
export function workspacesToWake(c: StorageChange, holders: { experiment: ReadonlyMap<string, string>; propellant: ReadonlyMap<string, string> }): 'all' | string[] {
  if (c.store === 'all') return 'all';
  if (c.store !== 'experiments' && c.store !== 'propellants') return [];
  if (!c.ids.length) return 'all';
  const held = holders[c.store === 'experiments' ? 'experiment' : 'propellant'];
  return [...new Set(c.ids.flatMap((id) => held.get(id) ?? []))];
}

const readOnlyWhy = (w: JoinedWorkspace) => `you are a viewer in workspace ${w.workspace}, which the server keeps read-only for you`;

function createSyncStore() {
  const [config, setConfig] = createSignal<SyncConfig | null>(null);
  const [statuses, setStatuses] = createSignal<Record<string, SyncView>>({});
  const [conflictsBy, setConflictsBy] = createSignal<Record<string, SyncConflict[]>>({});
  const [refusedBy, setRefusedBy] = createSignal<Record<string, SyncRefusal[]>>({});
  const [message, setMessage] = createSignal<string | null>(null);
  const [activity, setActivity] = createSignal<ActivityEntry[]>([]);
  const engines = new Map<string, SyncEngine>();
  // the engines of one server share its connections (sync-budget.ts: at most 4 requests, 2 of them long-polls)
  const budgets = new Map<string, SyncBudget>();
  const budgetFor = (server: string) => budgets.get(server) ?? budgets.set(server, createSyncBudget()).get(server)!;
  // which workspace (db) holds each experiment and custom propellant on this device
  let holders = { experiment: new Map<string, string>(), propellant: new Map<string, string>() };
  let repo: Repository | null = null;

  const nameOf = (db: string) => config()?.workspaces.find((w) => w.db === db)?.workspace ?? db;
  const patch = <T,>(set: (f: (x: Record<string, T>) => Record<string, T>) => void, db: string, v: T) => set((x) => ({ ...x, [db]: v }));

  // Its own connection and change bus: the workspace store hears the engine's writes as another
  // tab's and reloads its lists (one store on disk, two readers of it).
  async function repository(): Promise<Repository | null> {
    if (repo) return repo;
    const db = await openRfoDb();
    if (!db.ok) {
      setMessage(db.error.message);
      return null;
    }
    repo = createRepository(db.value, createChangeBus());
    // a save in this tab or another: the workspace holding it sends it now rather than at the
    // server's next change (a personal experiment's save wakes none; a whole import, all)
    repo.bus.subscribe((c) => {
      const wake = workspacesToWake(c, holders);
      if (wake === 'all') engines.forEach((e) => e.poke());
      else wake.forEach((db) => engines.get(db)?.poke());
    });
    return repo;
  }

  async function saveConfig(c: SyncConfig | null) {
    const r = await repository();
    if (r) await r.setSetting(SYNC_CONFIG_KEY, c as unknown as never);
    setConfig(c);
  }

  async function readConfig(): Promise<SyncConfig | null> {
    const r = await repository();
    if (!r) return null;
    const s = await r.getSettings();
    const c = s.ok ? restoreSyncConfig(s.value[SYNC_CONFIG_KEY]) : null;
    setConfig(c);
    return c;
  }

  // back online: try now rather than at the end of the retry wait
  if (typeof window !== 'undefined') window.addEventListener('online', () => engines.forEach((e) => e.poke()));

  async function refreshActivity() {
    const e = engines.get(config()?.current ?? '');
    setActivity(e ? await e.activity() : []);
  }

  /**
   * Which workspace holds each document, for the experiment list's places and for refusing a
   * document a second workspace sends; a viewer's documents are read-only here (the server would
   * refuse their changes anyway). Renewed whenever documents arrive or move.
   */
  async function refreshPlaces() {
    const next = { experiment: new Map<string, string>(), propellant: new Map<string, string>() };
    const teams: TeamWorkspace[] = [];
    const ro = new Map<string, string>();
    const roProps = new Map<string, string>();
    for (const w of config()?.workspaces ?? []) {
      const e = engines.get(w.db);
      if (!e) continue;
      const ids = await e.members();
      const props = await e.propellantMembers();
      ids.forEach((id) => next.experiment.set(id, w.db));
      props.forEach((id) => next.propellant.set(id, w.db));
      const role = config()?.roles[w.db];
      if (role) teams.push({ workspace: w.workspace, db: w.db, role, ids: new Set(ids) });
      if (role === 'viewer') {
        ids.forEach((id) => ro.set(id, readOnlyWhy(w)));
        props.forEach((id) => roProps.set(id, readOnlyWhy(w)));
      }
    }
    holders = next;
    setTeamWorkspaces(teams);
    setReadOnly(ro, roProps);
  }

  function createEngine(r: Repository, c: SyncConfig, w: JoinedWorkspace): SyncEngine {
    return engineModule.createSyncEngine({
      repo: r,
      server: c.server,
      db: w.db,
      device: c.device,
      user: c.user,
      budget: budgetFor(c.server),
      readOnly: () => config()?.roles[w.db] === 'viewer',
      heldElsewhere: (kind, id) => {
        const held = holders[kind].get(id);
        return held && held !== w.db ? nameOf(held) : null;
      },
      onStatus: (st) => {
        patch(setStatuses, w.db, st);
        if (st.phase === 'synced' && w.db === config()?.current) void refreshActivity();
      },
      onConflicts: (x) => patch(setConflictsBy, w.db, [...x]),
      onRefused: (x) => patch(setRefusedBy, w.db, [...x]),
      onApplied: () => void refreshPlaces(),
    });
  }

  /**
   * Starts an engine for each joined workspace the user has a role in (the places known first). A
   * workspace without one gets an engine that is not started: its documents stay its own here.
   */
  async function startEngines(c: SyncConfig) {
    const r = await repository();
    if (!r) return;
    const fresh: SyncEngine[] = [];
    for (const w of c.workspaces) {
      if (engines.has(w.db)) continue;
      const e = createEngine(r, c, w);
      engines.set(w.db, e);
      if (c.roles[w.db]) fresh.push(e);
      else patch(setStatuses, w.db, { phase: 'error', pending: 0, reason: `${c.user} has no role in workspace ${w.db} on this server (ask its admin to add you)` });
    }
    await refreshPlaces();
    fresh.forEach((e) => e.start());
  }

  const withRoles = (c: SyncConfig, sessionRoles: readonly string[]): SyncConfig => ({ ...c, roles: Object.fromEntries(c.workspaces.map((w) => [w.db, roleIn(w.db, sessionRoles)])) });

  /** At app start: resumes sync when it was left on (the session cookie may still be valid). */
  async function resumeIfOn() {
    const c = await readConfig();
    if (!c?.on) return;
    const s = await engineModule.currentSession(c.server);
    if (s.ok && !s.value.name) {
      setStatuses(Object.fromEntries(c.workspaces.map((w) => [w.db, { phase: 'signed-out', pending: 0, reason: 'signed out: sign in again to sync' } as SyncView])));
      return;
    }
    // offline: the roles the server gave last time
    const now = s.ok ? withRoles(c, s.value.roles) : c;
    if (s.ok) await saveConfig(now);
    await startEngines(now);
  }

  /** The workspace's database, or a message naming the bad value. */
  function dbOf(workspace: string): string | null {
    const db = workspaceDbName(workspace);
    if (db.ok) return db.value;
    setMessage(`Workspace: ${db.error.message}.`);
    return null;
  }

  /** Signs in (the password is sent once and forgotten) and starts syncing the workspace, and those joined before on this server. */
  async function signIn(server: string, workspace: string, user: string, password: string): Promise<boolean> {
    setMessage(null);
    let url: URL;
    try {
      url = new URL(server);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    } catch {
      setMessage(`Server address must be an http(s) address (got ${JSON.stringify(server)}).`);
      return false;
    }
    const db = dbOf(workspace);
    if (!db) return false;
    if (!user.trim()) {
      setMessage('User name must not be empty.');
      return false;
    }
    const s = await engineModule.signIn(url.href, user.trim(), password);
    if (!s.ok) {
      setMessage(`Sign-in failed: ${s.message}.`);
      return false;
    }
    if (!roleIn(db, s.value.roles)) {
      setMessage(`${user} has no role in workspace ${db} on this server (ask its admin to add you).`);
      await engineModule.signOut(url.href);
      return false;
    }
    const old = config();
    // workspaces joined before on this server by this user, and still open to them
    const before = old && old.server === url.href && old.user === user.trim() ? old.workspaces.filter((w) => w.db !== db && roleIn(w.db, s.value.roles)) : [];
    const c = withRoles({ server: url.href, user: user.trim(), workspaces: [{ workspace, db }, ...before], current: db, device: old?.device ?? newId(), on: true, roles: {} }, s.value.roles);
    await saveConfig(c);
    await startEngines(c);
    return true;
  }

  /** Joins another workspace on the same server with the current session; it becomes the current one. */
  async function addWorkspace(workspace: string): Promise<boolean> {
    setMessage(null);
    const c = config();
    if (!c?.on) return false;
    const db = dbOf(workspace);
    if (!db) return false;
    if (c.workspaces.some((w) => w.db === db)) {
      await switchTo(db);
      return true;
    }
    const s = await engineModule.currentSession(c.server);
    if (!s.ok || !s.value.name) {
      setMessage(s.ok ? 'Signed out: sign in again to add a workspace.' : `The server cannot be asked for your roles: ${s.message}.`);
      return false;
    }
    if (!roleIn(db, s.value.roles)) {
      setMessage(`${c.user} has no role in workspace ${db} on this server (ask its admin to add you).`);
      return false;
    }
    const next = withRoles({ ...c, workspaces: [...c.workspaces, { workspace, db }], current: db }, s.value.roles);
    await saveConfig(next);
    await startEngines(next);
    await refreshActivity();
    return true;
  }

  async function switchTo(db: string) {
    const c = config();
    if (!c || !c.workspaces.some((w) => w.db === db) || c.current === db) return;
    await saveConfig({ ...c, current: db });
    await refreshActivity();
  }

  /** Stops syncing one workspace here; with removeData its experiments and propellants leave this device. */
  async function leave(db: string, removeData: boolean) {
    const c = config();
    if (!c) return;
    if (c.workspaces.length <= 1) return signOut(removeData);
    await engines.get(db)?.forget(removeData);
    engines.delete(db);
    const workspaces = c.workspaces.filter((w) => w.db !== db);
    const { [db]: _role, ...roles } = c.roles;
    await saveConfig({ ...c, workspaces, roles, current: c.current === db ? workspaces[0].db : c.current });
    for (const set of [setStatuses, setConflictsBy, setRefusedBy] as ((f: (x: Record<string, unknown>) => Record<string, unknown>) => void)[]) set(({ [db]: _gone, ...rest }) => rest);
    await refreshPlaces();
    await refreshActivity();
  }

  /** Stops syncing every workspace and ends the session; with removeData, deletes their documents here. */
  async function signOut(removeData: boolean) {
    const c = config();
    for (const e of engines.values()) await e.forget(removeData);
    engines.clear();
    if (c) {
      await engineModule.signOut(c.server);
      await saveConfig(removeData ? { ...c, workspaces: c.workspaces.filter((w) => w.db === c.current), on: false } : { ...c, on: false });
    }
    setStatuses({});
    setConflictsBy({});
    setRefusedBy({});
    setReadOnly(new Map());
    setTeamWorkspaces([]);
    setActivity([]);
  }

  const current = () => config()?.current ?? '';
  const conflicts = (): WorkspaceConflict[] => Object.entries(conflictsBy()).flatMap(([db, list]) => list.map((x) => ({ ...x, db, workspace: nameOf(db) })));

  return {
    config,
    /** The current workspace's sync state (off when sync is off). */
    status: (): SyncView => (config()?.on ? (statuses()[current()] ?? { phase: 'starting', pending: 0, reason: null }) : OFF),
    /** The user's role in the current workspace. */
    role: () => config()?.roles[current()] ?? null,
    /** Every joined workspace with the user's role and its sync state. */
    workspaces: (): WorkspaceView[] => (config()?.on ? config()!.workspaces.map((w) => ({ ...w, role: config()!.roles[w.db] ?? null, status: statuses()[w.db] ?? OFF })) : []),
    conflicts,
    refused: (): WorkspaceRefusal[] => Object.entries(refusedBy()).flatMap(([db, list]) => list.map((x) => ({ ...x, workspace: nameOf(db) }))),
    message,
    /** Who changed what in the current workspace and when, newest first. */
    activity,
    init: readConfig,
    resumeIfOn,
    signIn,
    addWorkspace,
    switchTo,
    leave,
    signOut,
    pause: () => engines.forEach((e) => e.pause()),
    resume: () => engines.forEach((e, db) => config()?.roles[db] && e.resume()),
    poke: () => engines.forEach((e) => e.poke()),
    /**
     * Sends the personal experiments and custom propellants among `ids` to the current workspace
     * (a teacher publishing to a class); those another workspace holds stay there.
     */
    async publishAll(ids: string[], propellantIds: string[] = []) {
      const e = engines.get(current());
      if (!e) return;
      await e.publishPropellants(propellantIds.filter((id) => !holders.propellant.has(id)));
      await e.publish(ids.filter((id) => !holders.experiment.has(id)));
      await refreshPlaces();
    },
    /**
     * Copies or moves an experiment between any two places (see workspace-transfer.ts); `ws` is
     * the workspace store (its export, import and delete). The message says what was done.
     */
    async transfer(op: TransferOp, e: Experiment, from: Place, to: Place, ws: Parameters<typeof copyWithRecords>[0] & { deleteStored(id: string): Promise<Result<unknown>> }) {
      const target = to.kind === 'team' ? engines.get(to.db) : undefined;
      const r = await transferExperiment(op, e.id, e.name, from, to, {
        copy: async (id) => {
          const x = await copyWithRecords(ws, id);
          return x.ok ? { ok: true, value: { id: x.value.id, name: x.value.name } } : x;
        },
        publish: async (id) => (target ? target.publishNow(id) : { state: 'refused', message: `workspace ${nameOf(to.kind === 'team' ? to.db : '')} is not synced on this device` }),
        remove: async (id) => {
          const d = await ws.deleteStored(id);
          return d.ok ? { ok: true, value: true } : d;
        },
      });
      await refreshPlaces();
      return r;
    },
    resolve: (id: string, choice: 'mine' | 'theirs') => {
      const c = conflicts().find((x) => x.id === id);
      return c ? engines.get(c.db)?.resolve(id, choice) : undefined;
    },
    /**
     * Resolves a conflict with a document merged field by field (`picks`: the side kept for each
     * differing field); null when done, else the reason (the conflict then stays open).
     */
    async merge(id: string, picks: Record<string, Side>, units: UnitSystem): Promise<string | null> {
      const c = conflicts().find((x) => x.id === id);
      const engine = c && engines.get(c.db);
      if (!c || !engine) return 'This conflict was resolved already.';
      if (!c.theirs) return `“${c.mine.name}” was deleted on the server: keep yours or discard it.`;
      const m = mergeByField(c.mine, c.theirs, picks, units);
      if (!m.ok) return `The merged version was not saved: ${m.error.message}.`;
      // the merge is a change made now (its modifiedAt on the server, in the activity list)
      const r = await engine.resolve(id, { merged: { ...m.value, updatedAt: new Date().toISOString() } });
      return r.ok ? null : `The merged version was not saved: ${r.message}.`;
    },
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;

let store: SyncStore | null = null;
/** The app's one sync store. */
export function syncStore(): SyncStore {
  return (store ??= createSyncStore());
}

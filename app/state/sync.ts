// Sync with a team workspace (issue 17): off by default. This module and the engine
// (app/data/sync-engine.ts) load lazily, with the Settings page or at start when sync was left on,
// never in the first load. (Importing the engine dynamically from here made the bundler move
// experiment.ts out of the entry chunk into a shared one, +0.6 kB gzip on the first load.) The password goes to the server's
// _session once and is never kept: the server's cookie is the session. What is kept, in the
// settings row `sync:config` (left out of backups), is the server address, the user name, the
// workspace and this device's checkpoint name.
import { createSignal } from 'solid-js';
import { createChangeBus, createRepository, openRfoDb, type Repository } from '../data/db.ts';
import { newId } from '../domain/experiment.ts';
import { roleIn, workspaceDbName, type WorkspaceRole } from '../domain/sync-workspace.ts';
import { mergeByField, type Side } from '../domain/merge-fields.ts';
import type { UnitSystem } from '../domain/experiment.ts';
import * as engineModule from '../data/sync-engine.ts';
import type { SyncConflict, SyncEngine, SyncRefusal, SyncStatus } from '../data/sync-engine.ts';
import { setReadOnlyExperiments } from './read-only.ts';
import { setTeamWorkspace } from './workspace-place.ts';
import { copyWithRecords } from './workspace-copy.ts';
import { transferExperiment, type Place, type TransferOp } from '../domain/workspace-transfer.ts';
import type { Result } from '../domain/result.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { ActivityEntry } from '../domain/sync-activity.ts';

export const SYNC_CONFIG_KEY = 'sync:config';

export interface SyncConfig {
  server: string;
  user: string;
  workspace: string;
  db: string;
  device: string;
  on: boolean;
}

export type SyncView = SyncStatus | { phase: 'off'; pending: 0; reason: null };

const OFF: SyncView = { phase: 'off', pending: 0, reason: null };

function createSyncStore() {
  const [config, setConfig] = createSignal<SyncConfig | null>(null);
  const [status, setStatus] = createSignal<SyncView>(OFF);
  const [conflicts, setConflicts] = createSignal<SyncConflict[]>([]);
  const [refused, setRefused] = createSignal<SyncRefusal[]>([]);
  const [role, setRole] = createSignal<WorkspaceRole | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [activity, setActivity] = createSignal<ActivityEntry[]>([]);
  let engine: SyncEngine | null = null;
  let repo: Repository | null = null;

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
    // a save in this tab or another: send it now rather than at the server's next change
    repo.bus.subscribe((c) => {
      if (c.store === 'experiments' || c.store === 'all') engine?.poke();
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
    const c = s.ok ? (s.value[SYNC_CONFIG_KEY] as unknown as SyncConfig | null | undefined) : null;
    const ok = c && typeof c === 'object' && typeof c.server === 'string' && typeof c.db === 'string' && typeof c.device === 'string';
    setConfig(ok ? c : null);
    return ok ? c : null;
  }

  // back online: try now rather than at the end of the retry wait
  if (typeof window !== 'undefined') window.addEventListener('online', () => engine?.poke());

  /**
   * A viewer's device holds the workspace's experiments read-only (the server would refuse their
   * changes anyway): the list is renewed whenever documents arrive, and cleared for other roles.
   */
  async function refreshActivity() {
    setActivity(engine ? await engine.activity() : []);
  }

  async function markReadOnly(c: SyncConfig) {
    const r = role();
    const ids = engine ? await engine.members() : [];
    setTeamWorkspace(engine && r ? { workspace: c.workspace, role: r, ids: new Set(ids) } : null);
    if (r !== 'viewer' || !engine) {
      setReadOnlyExperiments([], '');
      return;
    }
    setReadOnlyExperiments(ids, `you are a viewer in workspace ${c.workspace}, which the server keeps read-only for you`);
  }

  async function startEngine(c: SyncConfig) {
    const r = await repository();
    if (!r) return;
    await engine?.stop();
    engine = engineModule.createSyncEngine({
      repo: r,
      server: c.server,
      db: c.db,
      device: c.device,
      user: c.user,
      onStatus: (st) => {
        setStatus(st);
        if (st.phase === 'synced') void refreshActivity();
      },
      onConflicts: (x) => setConflicts([...x]),
      onRefused: (x) => setRefused([...x]),
      onApplied: () => void markReadOnly(c),
    });
    await markReadOnly(c);
    engine.start();
  }

  /** At app start: resumes sync when it was left on (the session cookie may still be valid). */
  async function resumeIfOn() {
    const c = await readConfig();
    if (!c?.on) return;
    const s = await engineModule.currentSession(c.server);
    if (s.ok && s.value.name) setRole(roleIn(c.db, s.value.roles));
    if (s.ok && !s.value.name) {
      setStatus({ phase: 'signed-out', pending: 0, reason: 'signed out: sign in again to sync' });
      return;
    }
    await startEngine(c);
  }

  /** Signs in (the password is sent once and forgotten) and starts syncing the workspace. */
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
    const db = workspaceDbName(workspace);
    if (!db.ok) {
      setMessage(`Workspace: ${db.error.message}.`);
      return false;
    }
    if (!user.trim()) {
      setMessage('User name must not be empty.');
      return false;
    }
    const s = await engineModule.signIn(url.href, user.trim(), password);
    if (!s.ok) {
      setMessage(`Sign-in failed: ${s.message}.`);
      return false;
    }
    const r = roleIn(db.value, s.value.roles);
    if (!r) {
      setMessage(`${user} has no role in workspace ${db.value} on this server (ask its admin to add you).`);
      await engineModule.signOut(url.href);
      return false;
    }
    setRole(r);
    const c: SyncConfig = { server: url.href, user: user.trim(), workspace, db: db.value, device: config()?.device ?? newId(), on: true };
    await saveConfig(c);
    await startEngine(c);
    return true;
  }

  return {
    config,
    status,
    conflicts,
    refused,
    role,
    message,
    /** Who changed what in the workspace and when, newest first. */
    activity,
    init: readConfig,
    resumeIfOn,
    signIn,
    pause: () => engine?.pause(),
    resume: () => engine?.resume(),
    /** Sends every local experiment and custom propellant to the workspace (a teacher publishing to a class). */
    async publishAll(ids: string[], propellantIds: string[] = []) {
      await engine?.publishPropellants(propellantIds);
      await engine?.publish(ids);
      const c = config();
      if (c) await markReadOnly(c);
    },
    /**
     * Copies or moves an experiment between the personal workspace and the synced one (see
     * workspace-transfer.ts); `ws` is the workspace store (its export, import and delete). The message says what was done.
     */
    async transfer(op: TransferOp, e: Experiment, from: Place, to: Place, ws: Parameters<typeof copyWithRecords>[0] & { deleteStored(id: string): Promise<Result<unknown>> }) {
      const c = config();
      const r = await transferExperiment(op, e.id, e.name, from, to, {
        copy: async (id) => {
          const x = await copyWithRecords(ws, id);
          return x.ok ? { ok: true, value: { id: x.value.id, name: x.value.name } } : x;
        },
        publish: async (id) => (engine ? engine.publishNow(id) : { state: 'refused', message: 'sync is off' }),
        remove: async (id) => {
          const d = await ws.deleteStored(id);
          return d.ok ? { ok: true, value: true } : d;
        },
      });
      if (c) await markReadOnly(c);
      return r;
    },
    poke: () => engine?.poke(),
    resolve: (id: string, choice: 'mine' | 'theirs') => engine?.resolve(id, choice),
    /**
     * Resolves a conflict with a document merged field by field (`picks`: the side kept for each
     * differing field); null when done, else the reason (the conflict then stays open).
     */
    async merge(id: string, picks: Record<string, Side>, units: UnitSystem): Promise<string | null> {
      const c = conflicts().find((x) => x.id === id);
      if (!c || !engine) return 'This conflict was resolved already.';
      if (!c.theirs) return `“${c.mine.name}” was deleted on the server: keep yours or discard it.`;
      const m = mergeByField(c.mine, c.theirs, picks, units);
      if (!m.ok) return `The merged version was not saved: ${m.error.message}.`;
      // the merge is a change made now (its modifiedAt on the server, in the activity list)
      const r = await engine.resolve(id, { merged: { ...m.value, updatedAt: new Date().toISOString() } });
      return r.ok ? null : `The merged version was not saved: ${r.message}.`;
    },
    /** Stops syncing and ends the session; with removeData, deletes the workspace's experiments here. */
    async signOut(removeData: boolean) {
      const c = config();
      if (engine) await engine.forget(removeData);
      engine = null;
      if (c) {
        await engineModule.signOut(c.server);
        await saveConfig({ ...c, on: false });
      }
      setStatus(OFF);
      setConflicts([]);
      setRefused([]);
      setRole(null);
      setReadOnlyExperiments([], '');
      setTeamWorkspace(null);
      setActivity([]);
    },
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;

let store: SyncStore | null = null;
/** The app's one sync store. */
export function syncStore(): SyncStore {
  return (store ??= createSyncStore());
}

// Settings → Sync: sign in to a team workspace on a CouchDB server, join more workspaces there and
// switch between them, see each one's sync state, pause, publish, resolve conflicts, leave one
// workspace or sign out. The password field is cleared after sign-in and never
// stored (the server's session cookie is the session).
import { For, Show, createSignal, onMount } from 'solid-js';
import { syncStore, type SyncView, type WorkspaceConflict } from '../../state/sync.ts';
import { workspace } from '../../state/workspace.ts';
import { mergeRows, type Side } from '../../domain/merge-fields.ts';

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function statusText(s: SyncView): string {
  switch (s.phase) {
    case 'off': return 'Sync is off: everything stays on this device.';
    case 'starting': return 'Starting…';
    case 'receiving': return 'Receiving changes…';
    case 'sending': return `Sending ${s.pending} change${s.pending === 1 ? '' : 's'}…`;
    case 'synced': return s.pending ? `Synced, ${s.pending} change${s.pending === 1 ? '' : 's'} not accepted by the server` : 'Synced';
    case 'offline': return `Offline: will retry (${s.reason ?? 'no connection'})`;
    case 'signed-out': return 'Signed out: sign in again to sync';
    case 'paused': return 'Paused';
    case 'stopped': return 'Stopped';
    case 'error': return `Error: ${s.reason ?? 'unknown'}`;
  }
}

/**
 * Both versions of a document changed on this device and on the server, side by side (as the
 * save-conflict dialog shows them), with a pick per differing field for a merged version. It names
 * the workspace the document is in: with several joined, the same name can be in more than one.
 */
function SyncConflictView(props: { c: WorkspaceConflict; units: 'SI' | 'US'; choose: (choice: 'mine' | 'theirs') => void; merge: (picks: Record<string, Side>) => Promise<string | null> }) {
  const rows = () => (props.c.theirs ? mergeRows(props.c.mine, props.c.theirs, props.units) : []);
  const [picks, setPicks] = createSignal<Record<string, Side>>({});
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  // every field starts on this device's value: the user sees each pick before saving
  const pickOf = (key: string): Side => picks()[key] ?? 'mine';
  const saveMerged = async () => {
    setBusy(true);
    setError(await props.merge(Object.fromEntries(rows().map((r) => [r.key, pickOf(r.key)]))));
    setBusy(false);
  };
  return (
    <div class="modal-backdrop">
      <section class="card conflict-dialog" role="dialog" aria-modal="true" aria-labelledby="sync-conflict-title">
        <h2 id="sync-conflict-title">
          {`“${props.c.mine.name}” in workspace `}<span data-testid="sync-conflict-workspace">{props.c.workspace}</span>
          {props.c.branchRev ? ' has a second version on the server' : ` was ${props.c.theirs ? 'changed' : 'deleted'} on the server and on this device`}
        </h2>
        <Show when={props.c.branchRev}>
          <p>Two changes of the same version met on the server (through a replication, a restored backup or another server), and it kept both.</p>
        </Show>
        <p>Both versions are kept until you choose: keep one whole, or pick for each field which value to keep and save the merged version. What you keep goes to the server and every device{props.c.branchRev ? '; the other version is then deleted there' : ''}.</p>
        <Show when={props.c.theirs}>
          <table class="conflict-table" aria-label="Your version and the server's version">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">This device</th>
                <th scope="col">{props.c.branchRev ? 'Second version on the server' : 'On the server'}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(d) => (
                  <tr data-testid={`sync-conflict-${d.key}`}>
                    <th scope="row">{d.label}</th>
                    <td>
                      <label class="radio">
                        <input type="radio" name={`sync-pick-${d.key}`} aria-label={`${d.label}: keep this device’s`} checked={pickOf(d.key) === 'mine'} onChange={() => setPicks({ ...picks(), [d.key]: 'mine' })} /> {d.mine}
                      </label>
                    </td>
                    <td>
                      <label class="radio">
                        <input type="radio" name={`sync-pick-${d.key}`} aria-label={`${d.label}: keep the server’s`} checked={pickOf(d.key) === 'theirs'} onChange={() => setPicks({ ...picks(), [d.key]: 'theirs' })} /> {d.theirs}
                      </label>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
        <Show when={error()}>{(m) => <p class="warnings" role="alert">{m()}</p>}</Show>
        <div class="actions">
          <Show when={props.c.theirs}>
            <button type="button" disabled={busy()} onClick={() => void saveMerged()}>Save merged version</button>
          </Show>
          <button type="button" class="secondary" disabled={busy()} onClick={() => props.choose('mine')}>Keep mine</button>
          <button type="button" class="secondary" disabled={busy()} onClick={() => props.choose('theirs')}>{props.c.theirs ? 'Take the server’s' : 'Discard mine'}</button>
        </div>
      </section>
    </div>
  );
}

export function SyncPanel() {
  const sync = syncStore();
  const ws = workspace();
  const [server, setServer] = createSignal('');
  const [space, setSpace] = createSignal('');
  const [user, setUser] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [removeData, setRemoveData] = createSignal(false);
  const [another, setAnother] = createSignal('');
  onMount(async () => {
    const c = await sync.init();
    if (c) {
      setServer(c.server);
      setSpace(c.workspaces.find((w) => w.db === c.current)?.workspace ?? '');
      setUser(c.user);
    }
  });
  const currentName = () => sync.workspaces().find((w) => w.db === sync.config()?.current)?.workspace ?? '';
  const addWorkspace = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    if (await sync.addWorkspace(another().trim())) setAnother('');
    setBusy(false);
  };
  const on = () => sync.status().phase !== 'off';
  const signIn = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const pw = password();
    setPassword(''); // not kept, whatever the answer
    await sync.signIn(server().trim(), space().trim(), user().trim(), pw);
    setBusy(false);
  };
  const canWrite = () => sync.role() === 'member' || sync.role() === 'admin';
  return (
    <section class="card" aria-labelledby="sync-title">
      <h2 id="sync-title">Sync</h2>
      <p class="muted">Optional: share experiments with a team or class through a CouchDB server (README “Teams: sync with CouchDB”). Off, nothing leaves this device.</p>
      {/* with several workspaces joined, the line says which one it is about (each has its own state below) */}
      <p data-testid="sync-status" role="status">{sync.workspaces().length > 1 ? `${currentName()}: ` : ''}{statusText(sync.status())}</p>
      <Show
        when={on()}
        fallback={
          <form onSubmit={signIn} class="stack" aria-label="Sign in to a workspace">
            <label class="field">
              Server address <input data-testid="sync-server" type="url" required placeholder="https://couch.example.org/" value={server()} onInput={(e) => setServer(e.currentTarget.value)} />
            </label>
            <label class="field">
              Workspace <input data-testid="sync-workspace" required value={space()} onInput={(e) => setSpace(e.currentTarget.value)} />
            </label>
            <label class="field">
              User name <input data-testid="sync-user" autocomplete="username" required value={user()} onInput={(e) => setUser(e.currentTarget.value)} />
            </label>
            <label class="field">
              Password <input data-testid="sync-password" type="password" autocomplete="current-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
            </label>
            <div class="actions">
              <button type="submit" disabled={busy()}>Sign in and sync</button>
            </div>
          </form>
        }
      >
        <p data-testid="sync-who">
          Signed in as <strong>{sync.config()?.user}</strong> ({sync.role() ?? 'no role'}) in workspace <strong>{currentName()}</strong> ({sync.config()?.current}).
        </p>
        <section aria-labelledby="sync-workspaces-title">
          <h3 id="sync-workspaces-title">Your workspaces on this server</h3>
          <p class="muted">Each syncs on its own, with your role there. The current one is shown above: publishing and the activity list are its.</p>
          <ul class="stack" data-testid="sync-workspaces">
            <For each={sync.workspaces()}>
              {(w) => (
                <li data-testid="sync-workspace-row" aria-current={w.db === sync.config()?.current ? 'true' : undefined}>
                  <strong>{w.workspace}</strong> ({w.role ?? 'no role'}) · {statusText(w.status)}
                  <Show when={w.db === sync.config()?.current} fallback={<> <button type="button" class="link" onClick={() => void sync.switchTo(w.db)}>Switch to {w.workspace}</button></>}>
                    {' '}<span class="chip">current</span>
                  </Show>
                  <Show when={sync.workspaces().length > 1}>
                    {' '}<button type="button" class="link" onClick={() => void sync.leave(w.db, removeData())}>Stop syncing {w.workspace}</button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <form class="actions" aria-label="Join another workspace" onSubmit={addWorkspace}>
            <label class="field">
              Another workspace <input data-testid="sync-add-workspace" required value={another()} onInput={(e) => setAnother(e.currentTarget.value)} />
            </label>
            <button type="submit" disabled={busy()}>Add workspace</button>
          </form>
        </section>
        <div class="actions">
          <Show when={sync.status().phase === 'paused'} fallback={<button type="button" class="secondary" onClick={() => sync.pause()}>Pause</button>}>
            <button type="button" class="secondary" onClick={() => sync.resume()}>Resume</button>
          </Show>
          <Show when={canWrite()}>
            <button type="button" onClick={() => void sync.publishAll(ws.experiments().map((e) => e.id), ws.customPropellants().map((p) => p.id))}>Publish all my experiments and custom propellants to the workspace</button>
          </Show>
        </div>
        <div class="actions">
          <label class="radio">
            <input type="checkbox" checked={removeData()} onChange={(e) => setRemoveData(e.currentTarget.checked)} /> also remove the workspace’s experiments from this device (when signing out or stopping one)
          </label>
          <button type="button" class="secondary" onClick={() => void sync.signOut(removeData())}>Sign out</button>
        </div>
      </Show>
      <Show when={sync.message()}>{(m) => <p class="warnings" role="alert">{m()}</p>}</Show>
      <Show when={sync.refused().length}>
        <details data-testid="sync-refused" open>
          <summary>{sync.refused().length} document{sync.refused().length === 1 ? '' : 's'} not synced</summary>
          <ul>
            <For each={sync.refused()}>{(r) => <li>{r.workspace}: {r.direction === 'out' ? 'Not sent: ' : 'Not accepted from the server: '}{r.message}</li>}</For>
          </ul>
        </details>
      </Show>
      <Show when={on() && sync.config()}>
        <section aria-labelledby="sync-activity-title" data-testid="sync-activity">
          <h3 id="sync-activity-title">Activity in {currentName()}</h3>
          <Show when={sync.workspaces().length > 1}>
            <p class="muted">Only this workspace’s changes: switch to another to see its activity.</p>
          </Show>
          {/* names come from the server: rendered as text, cleaned and capped in sync-activity.ts */}
          <Show when={sync.activity().length} fallback={<p class="muted">No changes recorded on this device yet.</p>}>
            <ol class="activity-list">
              <For each={sync.activity()}>
                {(a) => (
                  <li data-testid="sync-activity-entry">
                    <strong>{a.by ?? 'someone'}</strong> {a.action} “{a.name}” · <time datetime={a.at}>{WHEN.format(new Date(a.at))}</time>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </section>
      </Show>
      <Show when={sync.conflicts()[0]} keyed>
        {(c) => <SyncConflictView c={c} units={ws.units()} choose={(choice) => void sync.resolve(c.id, choice)} merge={(picks) => sync.merge(c.id, picks, ws.units())} />}
      </Show>
    </section>
  );
}

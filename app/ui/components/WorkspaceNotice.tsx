// The workspace's latest message (a failed save, a delete with Undo) as a toast; a save another
// tab got ahead of, as a dialog; and, once a newer app is open in another tab, a banner saying
// this one no longer saves.
import { Show } from 'solid-js';
import type { WorkspaceStore } from '../../state/workspace.ts';
import { ConflictDialog } from './ConflictDialog.tsx';

export function WorkspaceNotice(props: { ws: WorkspaceStore }) {
  return (
    <>
      <Show when={props.ws.staleApp()}>
        {(text) => (
          <div class="stale-app" role="alert" data-testid="stale-app">
            <span>{text()}</span>
            <button type="button" onClick={() => location.reload()}>Reload</button>
          </div>
        )}
      </Show>
      <ConflictDialog ws={props.ws} />
      <Show when={props.ws.notice()}>
        {(n) => (
          <div class="toast workspace-notice" role={n().kind === 'error' ? 'alert' : 'status'} classList={{ bad: n().kind === 'error' }}>
            <span>{n().text}</span>
            <Show when={n().undo}>
              <button type="button" class="secondary" onClick={() => n().undo?.()}>Undo</button>
            </Show>
            <button type="button" class="secondary" aria-label="Dismiss" onClick={() => props.ws.dismissNotice()}>✕</button>
          </div>
        )}
      </Show>
    </>
  );
}

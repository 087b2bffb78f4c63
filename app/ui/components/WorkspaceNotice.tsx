// The workspace's latest message (a failed save, a delete with Undo) as a toast.
import { Show } from 'solid-js';
import type { WorkspaceStore } from '../../state/workspace.ts';

export function WorkspaceNotice(props: { ws: WorkspaceStore }) {
  return (
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
  );
}

// A save that another tab got ahead of: both versions side by side (the fields that differ, in the
// experiment's units, each saying who changed it when that is known) and the user's choice. Nothing
// is written until a button is pressed.
import { For, Show, onMount } from 'solid-js';
import { experimentDiff } from '../../domain/revision.ts';
import type { ConflictChoice, SaveConflict, WorkspaceStore } from '../../state/workspace.ts';

const WHO = { mine: 'changed in this tab', theirs: 'changed in the other tab', both: 'changed in both' } as const;

function ConflictView(props: { c: SaveConflict; ws: WorkspaceStore }) {
  let first: HTMLButtonElement | undefined;
  onMount(() => first?.focus());
  const theirs = () => props.c.theirs;
  const rows = () => (props.c.theirs ? experimentDiff(props.c.mine, props.c.theirs, props.c.base, props.c.mine.inputs.units) : []);
  const choose = (choice: ConflictChoice) => void props.ws.resolveConflict(props.c, choice);
  return (
    <div class="modal-backdrop">
      <section class="card conflict-dialog" role="dialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-text">
        <h2 id="conflict-title">{`“${theirs()?.name ?? props.c.mine.name}” was ${theirs() ? 'changed' : 'deleted'} in another tab`}</h2>
        <p id="conflict-text">{props.c.message} Choose what to keep.</p>
        <Show when={theirs()}>
          <Show when={rows().length} fallback={<p class="muted">The two versions differ in no field you edit (only in stored details).</p>}>
            <table class="conflict-table" aria-label="Your version and the stored version">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Your version (this tab)</th>
                  <th scope="col">Saved in the other tab</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(d) => (
                    <tr data-testid={`conflict-${d.key}`}>
                      <th scope="row">
                        {d.label}
                        <Show when={d.changedBy}>{(by) => <small class="muted"> ({WHO[by()]})</small>}</Show>
                      </th>
                      <td>{d.mine}</td>
                      <td>{d.theirs}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </Show>
        <div class="actions">
          <Show when={props.c.merged}>
            <button type="button" ref={first} onClick={() => choose('merge')}>Keep both edits</button>
          </Show>
          <button type="button" ref={(el) => { if (!props.c.merged) first = el; }} class={props.c.merged ? 'secondary' : ''} onClick={() => choose('mine')}>
            {theirs() ? 'Keep mine' : 'Keep mine (save it again)'}
          </button>
          <button type="button" class="secondary" onClick={() => choose('theirs')}>{theirs() ? 'Take theirs' : 'Discard mine'}</button>
          <button type="button" class="secondary" onClick={() => choose('copy')}>Save mine as a copy</button>
        </div>
      </section>
    </div>
  );
}

/** The first waiting conflict of the workspace, if any. */
export function ConflictDialog(props: { ws: WorkspaceStore }) {
  return <Show when={props.ws.conflicts()[0]} keyed>{(c) => <ConflictView c={c} ws={props.ws} />}</Show>;
}

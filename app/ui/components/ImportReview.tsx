// What an import will change, shown before anything is saved, with the choice to go on or cancel.
// Each list shows its first items and "and K more", so a file with thousands of notes stays quick.
import { For, Show } from 'solid-js';
import { listHead } from '../../domain/list-head.ts';

export interface ReviewGroup {
  title: string;
  items: string[];
  /** 'problem' lists what will not work as it is (shown as an error), 'change' what was altered. */
  tone?: 'problem' | 'change';
}

const MAX_ITEMS = 20;

export function ImportReview(props: { heading: string; summary: string; groups: ReviewGroup[]; confirmLabel: string; busy?: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <section class="card import-review" role="region" aria-label={props.heading} data-testid="import-review">
      <h2>{props.heading}</h2>
      <p>{props.summary}</p>
      <For each={props.groups.filter((g) => g.items.length)}>
        {(g) => {
          const head = listHead(g.items, MAX_ITEMS);
          return (
            <>
              <h3 class={g.tone === 'problem' ? 'error' : undefined}>{g.title} ({g.items.length})</h3>
              <ul class="warnings" data-testid="import-review-list">
                <For each={head.shown}>{(x) => <li>{x}</li>}</For>
                <Show when={head.more}><li class="muted">and {head.more} more</li></Show>
              </ul>
            </>
          );
        }}
      </For>
      <div class="actions">
        <button type="button" disabled={props.busy} onClick={() => props.onConfirm()}>{props.confirmLabel}</button>
        <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onCancel()}>Cancel</button>
      </div>
    </section>
  );
}

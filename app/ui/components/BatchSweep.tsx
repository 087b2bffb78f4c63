// Batch: run the grid being edited on several saved experiments at once (one job each; each is
// saved with its experiment when it ends).
import { For, Show, createSignal } from 'solid-js';
import { workspace } from '../../state/workspace.ts';
import type { RocketProblem } from '../../domain/problem.ts';

export function BatchSweep(props: { run: (list: { id: string; name: string; problem: RocketProblem }[]) => Promise<{ submitted: number; skipped: string[] }> }) {
  const ws = workspace();
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const [report, setReport] = createSignal<{ submitted: number; skipped: string[] } | null>(null);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(picked());
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  const submit = async () => {
    const list = ws.experiments().filter((e) => picked().has(e.id)).map((e) => ({ id: e.id, name: e.name, problem: e.inputs.problem }));
    setReport(await props.run(list));
  };
  return (
    <details class="batch">
      <summary>Batch: run this grid on several experiments</summary>
      <Show when={ws.experiments().length} fallback={<p class="muted">No saved experiments yet. Save designs from Explore or start from a template.</p>}>
        <fieldset>
          <legend>Experiments</legend>
          <ul class="batch-list">
            <For each={ws.experiments()}>
              {(e) => (
                <li>
                  <label class="radio">
                    <input type="checkbox" checked={picked().has(e.id)} onChange={(ev) => toggle(e.id, ev.currentTarget.checked)} />
                    {e.name}
                  </label>
                </li>
              )}
            </For>
          </ul>
        </fieldset>
        <button type="button" disabled={picked().size === 0} onClick={() => void submit()}>
          Run on {picked().size} experiment{picked().size === 1 ? '' : 's'}
        </button>
        <Show when={report()}>
          {(r) => (
            <div role="status">
              <p>{r().submitted} sweep{r().submitted === 1 ? '' : 's'} queued; follow them in Jobs. Each is saved with its experiment when it ends.</p>
              <Show when={r().skipped.length}>
                <ul class="error"><For each={r().skipped}>{(x) => <li>Not run — {x}</li>}</For></ul>
              </Show>
            </div>
          )}
        </Show>
      </Show>
    </details>
  );
}

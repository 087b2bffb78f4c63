// Where the design in Explore came from (a template, an experiment, a sweep or Pareto point), and
// saving it: back into its experiment, or as a new experiment.
import { Show, Suspense, createSignal, lazy } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { designStore } from '../../state/design.ts';
import { workspace } from '../../state/workspace.ts';
import { createExperiment } from '../../domain/experiment.ts';

/** Loaded when a save meets a conflict (rare), not with Explore. */
const ConflictDialog = lazy(() => import('./ConflictDialog.tsx').then((m) => ({ default: m.ConflictDialog })));

export function DesignBar() {
  const d = designStore();
  const ws = workspace();
  const navigate = useNavigate();
  const [message, setMessage] = createSignal<string | null>(null);
  const origin = d.origin;

  // Writes the design into the experiment it came from, over the revision it was opened at only:
  // if the experiment was saved since (here or in another tab), the conflict dialog asks.
  const saveBack = async (): Promise<void> => {
    const o = origin();
    if (o.kind !== 'experiment') return;
    const e = ws.byId(o.id);
    if (!e) return void setMessage(`“${o.name}” no longer exists (deleted?): save the design as a new experiment.`);
    const out = await ws.write({ ...e, inputs: { ...e.inputs, problem: d.snapshot() }, rev: o.rev ?? e.rev });
    if (out.ok) {
      d.setOrigin({ kind: 'experiment', id: out.value.id, name: out.value.name, rev: out.value.rev });
      d.keepResult(out.value.id);
      return void setMessage(`Saved to “${out.value.name}”.`);
    }
    if (!out.conflict) return void setMessage(out.error.code === 'read-only' ? `Not saved to “${o.name}”: ${out.error.message}` : `Could not save to “${o.name}” (see the message above).`);
    setMessage(`Not saved yet: “${o.name}” was changed since you opened it. Choose a version.`);
    const { choice, outcome } = await out.conflict.settled;
    if (!outcome.ok) return void setMessage(outcome.conflict ? null : `Not saved to “${o.name}”.`);
    if (choice === 'theirs' || choice === 'merge') d.load(outcome.value.inputs.problem);
    d.setOrigin({ kind: 'experiment', id: outcome.value.id, name: outcome.value.name, rev: outcome.value.rev });
    if (choice !== 'theirs') d.keepResult(outcome.value.id);
    setMessage(choice === 'theirs' ? `Showing “${outcome.value.name}” as stored.` : `Saved to “${outcome.value.name}”.`);
  };

  // "Save as new experiment" asks for the name first (an inline field: Enter or Save saves, Escape
  // or Cancel goes back to the button), proposing one from where the design came from.
  const [naming, setNaming] = createSignal<string | null>(null);
  const [nameError, setNameError] = createSignal<string | null>(null);
  let saveNewButton: HTMLButtonElement | undefined;
  const proposedName = () => {
    const o = origin();
    return o.kind === 'experiment' ? `${o.name} (copy)` : o.name;
  };
  const askName = () => {
    setMessage(null);
    setNameError(null);
    setNaming(proposedName());
  };
  const cancelNaming = () => {
    setNaming(null);
    setNameError(null);
    queueMicrotask(() => saveNewButton?.focus());
  };

  const saveNew = async (name: string) => {
    const trimmed = name.trim();
    if (!trimmed) return void setNameError('Give the new experiment a name (the name is empty).');
    const o = origin();
    const e = createExperiment({ name: trimmed, problem: d.snapshot(), system: 'custom', units: ws.units(), description: o.kind === 'template' ? o.teaches : '' });
    setNaming(null);
    setNameError(null);
    const saved = await ws.saveNew(e);
    if (saved) {
      d.setOrigin({ kind: 'experiment', id: saved.id, name: saved.name, ...(saved.rev === undefined ? {} : { rev: saved.rev }) });
      d.keepResult(saved.id);
      setMessage(`Saved as “${saved.name}” in your experiments.`);
    } else setMessage('Could not save the experiment (see the message above).');
  };

  return (
    <div class="design-bar card" aria-label="Design">
      <div>
        <span class="muted">{origin().kind === 'template' ? 'Template' : origin().kind === 'experiment' ? 'Experiment' : 'Opened from'}:</span>{' '}
        <strong data-testid="design-name">{origin().name}</strong>
        <Show when={origin().kind === 'template' ? (origin() as { teaches: string }).teaches : null}>
          {(t) => <p class="hint">{t()}</p>}
        </Show>
      </div>
      <div class="row">
        <Show when={origin().kind === 'experiment'}>
          <button type="button" onClick={() => void saveBack()}>Save</button>
          <button type="button" class="secondary" onClick={() => navigate(`/experiments/${encodeURIComponent((origin() as { id: string }).id)}`)}>Open experiment</button>
        </Show>
        <button type="button" ref={saveNewButton} class={origin().kind === 'experiment' ? 'secondary' : ''} aria-expanded={naming() !== null} aria-controls="new-experiment-form" onClick={askName}>Save as new experiment</button>
        <button type="button" class="secondary" onClick={() => navigate('/templates')}>Templates</button>
      </div>
      <Show when={naming() !== null}>
        <form id="new-experiment-form" class="row new-experiment" aria-label="Save as new experiment" noValidate
          onSubmit={(ev) => { ev.preventDefault(); void saveNew(naming() ?? ''); }}
          onKeyDown={(ev) => { if (ev.key === 'Escape') { ev.preventDefault(); cancelNaming(); } }}>
          <div class="field" classList={{ invalid: !!nameError() }}>
            <label for="new-experiment-name">Name of the new experiment</label>
            <input id="new-experiment-name" type="text" value={naming() ?? ''} aria-invalid={nameError() ? 'true' : 'false'} aria-describedby={nameError() ? 'new-experiment-name-error' : undefined}
              ref={(el) => queueMicrotask(() => { el.focus(); el.select(); })}
              onInput={(ev) => { setNaming(ev.currentTarget.value); if (ev.currentTarget.value.trim()) setNameError(null); }} />
            <Show when={nameError()}><small id="new-experiment-name-error" class="error" role="alert">{nameError()}</small></Show>
          </div>
          <button type="submit">Save</button>
          <button type="button" class="secondary" onClick={cancelNaming}>Cancel</button>
        </form>
      </Show>
      <Show when={message()}><p role="status" class="muted">{message()}</p></Show>
      <Show when={ws.conflicts().length}><Suspense><ConflictDialog ws={ws} /></Suspense></Show>
    </div>
  );
}

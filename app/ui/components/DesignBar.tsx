// Where the design in Explore came from (a template, an experiment, a sweep or Pareto point), and
// saving it: back into its experiment, or as a new experiment.
import { Show, createSignal } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { designStore } from '../../state/design.ts';
import { workspace } from '../../state/workspace.ts';
import { createExperiment } from '../../domain/experiment.ts';

export function DesignBar() {
  const d = designStore();
  const ws = workspace();
  const navigate = useNavigate();
  const [message, setMessage] = createSignal<string | null>(null);
  const origin = d.origin;

  const saveBack = async () => {
    const o = origin();
    if (o.kind !== 'experiment') return;
    const problem = d.snapshot();
    const okSaved = await ws.update(o.id, (e) => ({ ...e, inputs: { ...e.inputs, problem } }));
    setMessage(okSaved ? `Saved to “${o.name}”.` : `Could not save to “${o.name}” (see the message above).`);
  };

  const saveNew = async () => {
    const o = origin();
    const base = o.kind === 'template' ? o.name : o.kind === 'experiment' ? `${o.name} (copy)` : o.name;
    const e = createExperiment({ name: base, problem: d.snapshot(), system: 'custom', units: ws.units(), description: o.kind === 'template' ? o.teaches : '' });
    const saved = await ws.saveNew(e);
    if (saved) {
      d.setOrigin({ kind: 'experiment', id: saved.id, name: saved.name });
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
        <button type="button" class={origin().kind === 'experiment' ? 'secondary' : ''} onClick={() => void saveNew()}>Save as new experiment</button>
        <button type="button" class="secondary" onClick={() => navigate('/templates')}>Templates</button>
      </div>
      <Show when={message()}><p role="status" class="muted">{message()}</p></Show>
    </div>
  );
}

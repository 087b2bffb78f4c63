// The trained models saved with an experiment (from Learn): their held-out figures, a way back to
// Learn, and the model file.
import { For, Show, createResource } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import type { Experiment } from '../../domain/experiment.ts';
import type { WorkspaceStore, SavedModel } from '../../state/workspace.ts';
import { formatSig } from '../../domain/number-text.ts';
import { modelFileName } from '../../domain/model-study.ts';
import { downloadText } from './file-io.ts';

function describe(m: SavedModel): string {
  const d = m.doc;
  const what = d.kind === 'efficiency' ? `efficiency model, ${d.nTrain} firings` : `surrogate, ${d.nTrain} engine samples`;
  const k = d.metrics?.[0];
  const quality = k ? `; held out: R² ${formatSig(k.r2, 4)}, RMSE ${formatSig(k.rmse, 3)} m/s, max rel. error ${formatSig(k.maxRelError * 100, 2)} %` : '';
  return `${d.name} (${what}, ${d.members.length} networks${quality})`;
}

export function ModelsList(props: { experiment: Experiment; ws: WorkspaceStore }) {
  const navigate = useNavigate();
  // Refetched when the experiment's model studies change (a model saved from Learn adds one).
  const key = () => `${props.experiment.id}|${props.experiment.studies.filter((s) => s.kind === 'model').length}`;
  const [list] = createResource(key, async () => props.ws.modelsOf(props.experiment.id));
  const models = () => { const r = list(); return r?.ok ? r.value.models : []; };
  const problems = () => { const r = list(); return !r ? [] : r.ok ? r.value.broken : [r.error.message]; };
  return (
    <section class="card" aria-labelledby="exp-models-title" data-testid="experiment-models">
      <h2 id="exp-models-title">Models</h2>
      <Show when={models().length} fallback={<p class="muted">No models yet. Train one in Learn and save it to this experiment.</p>}>
        <ul class="studies">
          <For each={models()}>
            {(m) => (
              <li data-model-id={m.id}>
                {describe(m)} <span class="muted">({new Date(m.createdAt).toLocaleString()})</span>{' '}
                <button type="button" class="secondary" onClick={() => navigate(`/learn?model=${encodeURIComponent(m.id)}`)}>Open in Learn</button>{' '}
                <button type="button" class="secondary" onClick={() => downloadText(modelFileName(m.doc), JSON.stringify(m.doc))}>Export</button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={problems().length}>
        <ul class="warnings" role="alert"><For each={problems()}>{(p) => <li>{p}</li>}</For></ul>
      </Show>
    </section>
  );
}

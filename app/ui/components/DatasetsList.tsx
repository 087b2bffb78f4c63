// The Learn datasets kept with an experiment (saved with its models): name, rows and source, the
// rows as CSV in the experiment's units, and a way back to Learn to train on them again.
import { For, Show, createSignal } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import type { Experiment, Study, UnitSystem } from '../../domain/experiment.ts';
import type { WorkspaceStore } from '../../state/workspace.ts';
import { datasetCsv, describeDataset, studyDatasetInfo } from '../../domain/learn-dataset.ts';
import { downloadText, fileStem } from './file-io.ts';

export function DatasetsList(props: { experiment: Experiment; ws: WorkspaceStore; units: UnitSystem }) {
  const navigate = useNavigate();
  const [problem, setProblem] = createSignal<string | null>(null);
  const studies = () => props.experiment.studies.filter((s) => s.kind === 'dataset');

  async function download(st: Study, name: string) {
    setProblem(null);
    const r = await props.ws.datasetOf(props.experiment.id, st.id);
    if (!r.ok) setProblem(r.error.message);
    else downloadText(`${fileStem(name)}.csv`, datasetCsv(r.value, props.units), 'text/csv');
  }

  return (
    <section class="card" aria-labelledby="exp-datasets-title" data-testid="experiment-datasets">
      <h2 id="exp-datasets-title">Datasets</h2>
      <Show when={studies().length} fallback={<p class="muted">No datasets yet. A model trained in Learn and saved here keeps its data here.</p>}>
        <ul class="studies">
          <For each={studies()}>
            {(st) => {
              const info = studyDatasetInfo(st);
              return (
                <li data-study-id={st.id}>
                  {info ? `${info.name}: ${describeDataset(info)}` : 'dataset (description no longer readable)'}{' '}
                  <span class="muted">({new Date(st.updatedAt).toLocaleString()})</span>{' '}
                  <button type="button" class="secondary" onClick={() => navigate(`/learn?experiment=${encodeURIComponent(props.experiment.id)}&dataset=${encodeURIComponent(st.id)}`)}>
                    Train in Learn
                  </button>{' '}
                  <button type="button" class="secondary" onClick={() => void download(st, info?.name ?? 'dataset')}>Download CSV</button>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <Show when={problem()}>
        <p class="error" role="alert" data-testid="dataset-problem">{problem()}</p>
      </Show>
    </section>
  );
}

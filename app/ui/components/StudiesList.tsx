// The sweeps, analyses and stand firings saved with an experiment, with their headline figures and
// a way back: a saved sweep reopens in Sweep with its results and axes, an analysis in Analyze with
// its settings and result, a firing on the Stand among its campaign. (Optimisation studies have
// their own list.)
import { For, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import type { Experiment, Study } from '../../domain/experiment.ts';
import { formatSig } from '../../domain/number-text.ts';
import { G0 } from '../../domain/units.ts';
import { rocketInputLabel, ROCKET_OUTPUT_INFO, type RocketOutput } from '../../domain/analysis/rocket-model.ts';
import { firingFiguresText, firingsOf } from '../../domain/firing/saved.ts';
import { workspace } from '../../state/workspace.ts';


function describe(s: Study): string {
  const m = s.summary ?? {};
  const axes = ((s.spec as { axes?: { variable: string }[] }).axes ?? []).map((a) => a.variable).join(' × ');
  const best = m.maxIspVac_m_s ? `; best vacuum Isp ${formatSig(m.maxIspVac_m_s / G0, 5)} s` : '';
  return `${axes || 'sweep'}, ${m.points ?? '?'} points${m.failedPoints ? ` (${m.failedPoints} failed)` : ''}${best}`;
}

const METHOD: Record<string, string> = { sobol: 'Sobol indices', morris: 'Morris screening', uncertainty: 'Uncertainty propagation' };

function describeAnalysis(s: Study): string {
  const spec = s.spec as { method?: string; output?: string; inputs?: { name: string }[]; model?: string; surrogate?: { name?: unknown } };
  const out = ROCKET_OUTPUT_INFO[spec.output as RocketOutput]?.label ?? spec.output ?? '?';
  const over = (spec.inputs ?? []).map((i) => rocketInputLabel(i.name)).join(', ');
  const on = spec.model === 'surrogate' ? ` on the Learn model “${String(spec.surrogate?.name ?? '?')}”` : '';
  return `${METHOD[spec.method ?? ''] ?? spec.method}: ${out} over ${over}${on}, ${s.summary?.evaluations ?? '?'} evaluations, seed ${s.seed}`;
}

export function StudiesList(props: { experiment: Experiment }) {
  const navigate = useNavigate();
  const studies = () => props.experiment.studies.filter((s) => s.kind === 'sweep');
  const analyses = () => props.experiment.studies.filter((s) => s.kind === 'analysis');
  const firings = () => firingsOf(props.experiment);
  return (
    <>
      <section class="card" aria-labelledby="exp-studies-title">
        <h2 id="exp-studies-title">Sweeps</h2>
        <Show when={studies().length} fallback={<p class="muted">No sweeps yet. Open the design in Explore, then run a sweep: it is saved here when it finishes.</p>}>
          <ul class="studies">
            <For each={studies()}>
              {(s) => (
                <li data-study-id={s.id}>
                  {describe(s)}{' '}
                  <span class="muted">({new Date(s.updatedAt).toLocaleString()})</span>{' '}
                  <button type="button" class="secondary" onClick={() => navigate(`/sweep?experiment=${encodeURIComponent(props.experiment.id)}&study=${encodeURIComponent(s.id)}`)}>
                    Open in Sweep
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <Show when={analyses().length}>
        <section class="card" aria-labelledby="exp-analyses-title">
          <h2 id="exp-analyses-title">Analyses</h2>
          <ul class="studies">
            <For each={analyses()}>
              {(s) => (
                <li data-study-id={s.id}>
                  {describeAnalysis(s)}{' '}
                  <span class="muted">({new Date(s.updatedAt).toLocaleString()})</span>{' '}
                  <button type="button" class="secondary" onClick={() => navigate(`/analyze?experiment=${encodeURIComponent(props.experiment.id)}&study=${encodeURIComponent(s.id)}`)}>
                    Open in Analyze
                  </button>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <Show when={firings().length}>
        <section class="card" aria-labelledby="exp-firings-title">
          <h2 id="exp-firings-title">Stand firings</h2>
          <ul class="studies">
            <For each={firings()}>
              {(f) => (
                <li data-study-id={f.studyId}>
                  “{f.name}”: {firingFiguresText(f, workspace().units())}{' '}
                  <span class="muted">({new Date(f.startedAt).toLocaleString()})</span>{' '}
                  <button type="button" class="secondary" onClick={() => navigate(`/stand?experiment=${encodeURIComponent(props.experiment.id)}&firing=${encodeURIComponent(f.studyId)}`)}>
                    Open on the Stand
                  </button>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}

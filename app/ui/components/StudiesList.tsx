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
  const where = (route: string, key: string, id: string) => `/${route}?experiment=${encodeURIComponent(props.experiment.id)}&${key}=${encodeURIComponent(id)}`;
  return (
    <>
      <StudyCard id="exp-studies-title" title="Sweeps" open="Open in Sweep" empty="No sweeps yet. Open the design in Explore, then run a sweep: it is saved here when it finishes."
        rows={studies().map((s) => ({ id: s.id, text: describe(s), at: s.updatedAt, go: () => navigate(where('sweep', 'study', s.id)) }))} />
      <StudyCard id="exp-analyses-title" title="Analyses" open="Open in Analyze"
        rows={analyses().map((s) => ({ id: s.id, text: describeAnalysis(s), at: s.updatedAt, go: () => navigate(where('analyze', 'study', s.id)) }))} />
      <StudyCard id="exp-firings-title" title="Stand firings" open="Open on the Stand"
        rows={firings().map((f) => ({ id: f.studyId, text: `“${f.name}”: ${firingFiguresText(f, workspace().units())}`, at: f.startedAt, go: () => navigate(where('stand', 'firing', f.studyId)) }))} />
    </>
  );
}

interface StudyRow { id: string; text: string; at: string | number; go: () => void }

/** One kind of saved study: a card listing each with its date and a way back (hidden when empty, unless `empty` says what to do). */
function StudyCard(props: { id: string; title: string; open: string; rows: StudyRow[]; empty?: string }) {
  return (
    <Show when={props.rows.length || props.empty}>
      <section class="card" aria-labelledby={props.id}>
        <h2 id={props.id}>{props.title}</h2>
        <Show when={props.rows.length} fallback={<p class="muted">{props.empty}</p>}>
          <ul class="studies">
            <For each={props.rows}>
              {(r) => (
                <li data-study-id={r.id}>
                  {r.text}{' '}
                  <span class="muted">({new Date(r.at).toLocaleString()})</span>{' '}
                  <button type="button" class="secondary" onClick={() => r.go()}>{props.open}</button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </Show>
  );
}

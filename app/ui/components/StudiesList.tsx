// The sweeps saved with an experiment, with their headline figures and a way back: a saved sweep
// reopens in Sweep with its results and axes. (Optimisation studies have their own list.)
import { For, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import type { Experiment, Study } from '../../domain/experiment.ts';
import { formatSig } from '../../domain/number-text.ts';
import { G0 } from '../../domain/units.ts';


function describe(s: Study): string {
  const m = s.summary ?? {};
  const axes = ((s.spec as { axes?: { variable: string }[] }).axes ?? []).map((a) => a.variable).join(' × ');
  const best = m.maxIspVac_m_s ? `; best vacuum Isp ${formatSig(m.maxIspVac_m_s / G0, 5)} s` : '';
  return `${axes || 'sweep'}, ${m.points ?? '?'} points${m.failedPoints ? ` (${m.failedPoints} failed)` : ''}${best}`;
}

export function StudiesList(props: { experiment: Experiment }) {
  const navigate = useNavigate();
  const studies = () => props.experiment.studies.filter((s) => s.kind === 'sweep');
  return (
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
  );
}

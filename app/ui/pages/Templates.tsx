// Templates: ready experiments to start from, each saying what it teaches; plus the user's own.
import { For, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { TEMPLATES, type Template } from '../../domain/templates.ts';
import type { Experiment } from '../../domain/experiment.ts';
import { workspace } from '../../state/workspace.ts';
import { ProblemView } from '../components/ProblemView.tsx';
import { WorkspaceNotice } from '../components/WorkspaceNotice.tsx';

export default function Templates() {
  const ws = workspace();
  const navigate = useNavigate();
  const open = (e: Experiment | null) => e && navigate(`/experiments/${encodeURIComponent(e.id)}`);
  const start = async (t: Template) => open(await ws.createFromTemplate(t));
  const mine = () => ws.experiments().filter((e) => e.isTemplate);
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Templates</h1>
      <p class="lead">Ready experiments for a first look or a lesson. Starting from one makes your own copy.</p>
      <ul class="template-grid" aria-label="Templates">
        <For each={TEMPLATES}>
          {(t) => (
            <li class="card template" data-testid={`template-${t.id}`}>
              <h2>{t.title}</h2>
              <p>{t.teaches}</p>
              <details>
                <summary>Inputs</summary>
                <ProblemView problem={t.problem} units={ws.units()} label={`${t.title} inputs`} />
              </details>
              <button type="button" onClick={() => void start(t)}>Start from this</button>
            </li>
          )}
        </For>
      </ul>
      <h2>My templates</h2>
      <Show when={mine().length} fallback={<p class="muted">Mark one of your experiments with “Save as my template” to see it here.</p>}>
        <ul class="template-grid" aria-label="My templates">
          <For each={mine()}>
            {(e) => (
              <li class="card template">
                <h3>{e.name}</h3>
                <p>{e.description}</p>
                <button type="button" onClick={async () => open(await ws.createFromOwnTemplate(e))}>Start from this</button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <WorkspaceNotice ws={ws} />
    </section>
  );
}

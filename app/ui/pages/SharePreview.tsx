// A shared experiment, read-only: its inputs, results recomputed here by the engine, and
// "Save to my experiments" (always as a new experiment: a link never overwrites local work).
import { For, Show, createResource, createSignal } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { decodeShare } from '../../domain/share-link.ts';
import { listHead } from '../../domain/list-head.ts';
import type { Experiment } from '../../domain/experiment.ts';
import { pendingShare } from '../../state/share.ts';
import { workspace } from '../../state/workspace.ts';
import { solvePoint } from '../../state/point.ts';
import { ProblemView, RocketResultView } from '../components/ProblemView.tsx';
import { WorkspaceNotice } from '../components/WorkspaceNotice.tsx';

const sameInputs = (a: Experiment, b: Experiment) => JSON.stringify(a.inputs) === JSON.stringify(b.inputs) && a.name === b.name;

export default function SharePreview() {
  const ws = workspace();
  const navigate = useNavigate();
  const [decoded] = createResource(() => pendingShare() ?? '', (hash) => decodeShare(hash));
  const [computed] = createResource(
    () => { const d = decoded(); return d?.ok ? d.experiment.inputs.problem : undefined; },
    (p) => solvePoint(p),
  );
  const [saving, setSaving] = createSignal(false);
  const existing = () => {
    const d = decoded();
    return d?.ok ? ws.experiments().find((e) => sameInputs(e, d.experiment)) : undefined;
  };

  async function saveCopy(e: Experiment) {
    const ex = existing();
    if (ex && !confirm(`You already have “${ex.name}” with the same inputs. Save another copy?`)) return;
    setSaving(true);
    const saved = await ws.saveNew(e);
    setSaving(false);
    if (saved) navigate(`/experiments/${encodeURIComponent(saved.id)}`);
  }

  return (
    <section class="page" aria-labelledby="page-title">
      <Show when={pendingShare()} fallback={<><h1 id="page-title">Shared experiment</h1><p>No shared link is open. <A href="/experiments">Your experiments</A></p></>}>
        <Show when={decoded()} fallback={<p role="status">Reading the link…</p>}>
          {(d) => (
            <Show
              when={d().ok ? (d() as { ok: true; experiment: Experiment; warnings: string[] }) : null}
              fallback={
                <>
                  <h1 id="page-title">This link cannot be opened</h1>
                  <p class="error" role="alert" data-testid="share-error">{(d() as { ok: false; error: { message: string } }).error.message}</p>
                  <p>Nothing was saved. <A href="/experiments">Go to your experiments</A></p>
                </>
              }
            >
              {(ok) => (
                <>
                  <p class="note">Shared experiment — read-only preview. Nothing is saved unless you choose to.</p>
                  <h1 id="page-title" data-testid="share-name">{ok().experiment.name}</h1>
                  <Show when={ok().experiment.description}><p class="lead">{ok().experiment.description}</p></Show>
                  <Show when={ok().experiment.tags.length}>
                    <p><For each={ok().experiment.tags}>{(t) => <span class="chip tag">#{t}</span>}</For></p>
                  </Show>
                  <Show when={ok().warnings.length}>
                    <div class="card" role="region" aria-label="Changed while reading the link" data-testid="share-warnings">
                      <p><strong>The link's data was changed while reading it ({ok().warnings.length}).</strong> The preview shows it as changed, and saving keeps these changes:</p>
                      <ul class="warnings">
                        <For each={listHead(ok().warnings, 20).shown}>{(w) => <li>{w}</li>}</For>
                        <Show when={ok().warnings.length > 20}><li class="muted">and {ok().warnings.length - 20} more</li></Show>
                      </ul>
                    </div>
                  </Show>
                  <div class="actions">
                    <button type="button" disabled={saving()} onClick={() => void saveCopy(ok().experiment)}>{ok().warnings.length ? 'Save to my experiments, with these changes' : 'Save to my experiments'}</button>
                    <Show when={existing()}>{(ex) => <span class="muted">You already have this as “{ex().name}”.</span>}</Show>
                  </div>
                  <div class="editor-grid">
                    <section class="card" aria-labelledby="share-inputs">
                      <h2 id="share-inputs">Inputs</h2>
                      <ProblemView problem={ok().experiment.inputs.problem} units={ok().experiment.inputs.units} />
                      <Show when={ok().experiment.studies.length}>
                        <h3>Studies (rerun with the same seeds)</h3>
                        <ul><For each={ok().experiment.studies}>{(s) => <li>{s.kind}, seed {s.seed}</li>}</For></ul>
                      </Show>
                      <Show when={ok().experiment.notes}><h3>Notes</h3><p class="pre">{ok().experiment.notes}</p></Show>
                    </section>
                    <section class="card" aria-labelledby="share-results" aria-live="polite">
                      <h2 id="share-results">Results, computed on this device</h2>
                      <Show when={computed()} fallback={<p role="status">Computing…</p>}>
                        {(r) => (
                          <Show when={r().ok ? r() : null} fallback={<p class="error">{!r().ok ? (r() as { ok: false; error: { message: string } }).error.message : ''}</p>}>
                            {(good) => <RocketResultView result={(good() as { ok: true; value: import('../../domain/problem.ts').RocketResult }).value} units={ok().experiment.inputs.units} pamb={ok().experiment.inputs.problem.pamb} />}
                          </Show>
                        )}
                      </Show>
                    </section>
                  </div>
                </>
              )}
            </Show>
          )}
        </Show>
      </Show>
      <WorkspaceNotice ws={ws} />
    </section>
  );
}

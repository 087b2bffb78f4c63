// Edits one experiment: its description, the design point (chamber pressure, mixture, nozzle,
// chemistry; propellants are edited in Explore), and runs/keeps its design-point result.
import { StudiesList } from './StudiesList.tsx';
import { ModelsList } from './ModelsList.tsx';
import { DatasetsList } from './DatasetsList.tsx';
import { For, Show, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { useNavigate } from '@solidjs/router';
import type { Experiment, UnitSystem } from '../../domain/experiment.ts';
import { ENGINE_LIMITS, exitKind, exitValue, type ExitSpec, type RocketResult } from '../../domain/problem.ts';
import { QuantityField } from './QuantityField.tsx';
import { CheckedInput } from './CheckedInput.tsx';
import { encodeShare, SHARE_HASH_PREFIX } from '../../domain/share-link.ts';
import { toCeaDeck } from '../../domain/cea-deck.ts';
import { rocketResultCsv } from '../../domain/csv.ts';
import { readOnlyReason } from '../../state/read-only.ts';
import type { SaveOutcome, WorkspaceStore } from '../../state/workspace.ts';
import { solvePoint } from '../../state/point.ts';
import { withPointResult } from '../../domain/point-result.ts';
import { designStore } from '../../state/design.ts';
import { optimizeStore } from '../../state/app-stores.ts';
import { paretoOfResult, studyOptimizeSpec } from '../../domain/optimize-study.ts';
import type { Study } from '../../domain/experiment.ts';
import { ProblemView, RocketResultView } from './ProblemView.tsx';
import { downloadText, fileStem } from './file-io.ts';
import { QrCode } from './QrCode.tsx';

function optimisationLabel(st: Study): string {
  const spec = studyOptimizeSpec(st);
  const what = spec ? `${spec.fuels.join(', ')} / ${spec.oxidizers.join(', ')}, ${spec.population} × ${spec.generations}` : 'spec no longer valid';
  return `${what}, seed ${st.seed}${st.summary?.paretoSize !== undefined ? ` · ${st.summary.paretoSize} Pareto designs` : ''} (${st.updatedAt.slice(0, 10)})`;
}

export function ExperimentEditor(props: { experiment: Experiment; ws: WorkspaceStore }) {
  const navigate = useNavigate();
  // Reopens the study's spec in Optimize with its stored front; Run there reproduces it (same seed).
  const openOptimisation = async (st: Study) => {
    const spec = studyOptimizeSpec(st);
    if (!spec) return;
    const stored = st.resultsRef ? (await props.ws.resultsOf(props.experiment.id)).find((r) => r.id === st.resultsRef) : undefined;
    optimizeStore().open(spec, (stored && paretoOfResult(stored)) ?? []);
    navigate('/optimize');
  };
  const [draft, setDraft] = createStore<Experiment>(structuredClone(props.experiment));
  const [dirty, setDirty] = createSignal(false);
  const [result, setResult] = createSignal<RocketResult | null>(null);
  const [resultFresh, setResultFresh] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);
  const [shareLink, setShareLink] = createSignal<string | null>(null);
  const [tagsText, setTagsText] = createSignal(props.experiment.tags.join(', '));

  const showStored = (e: Experiment) => {
    setDraft(reconcile(structuredClone(e)));
    setTagsText(e.tags.join(', '));
  };
  // A save in another tab (or ours) replaces the draft unless the user is editing it; an edited
  // draft keeps the revision it started from, so saving it over the other save is a conflict.
  createEffect(
    on(
      () => [props.experiment.id, props.experiment.updatedAt, props.experiment.rev],
      () => {
        if (!dirty()) showStored(props.experiment);
      },
    ),
  );
  // Show the stored design-point result when there is one (also one computed in another tab).
  const pointKey = createMemo(() => `${props.experiment.id} ${props.experiment.studies.find((s) => s.kind === 'point')?.resultsRef ?? ''}`);
  createEffect(
    on(
      pointKey,
      async (_key, prevKey) => {
        const id = props.experiment.id;
        const ref = props.experiment.studies.find((s) => s.kind === 'point')?.resultsRef;
        // another experiment, or no result any more: clear; a newer result replaces the shown one when read
        if (!ref || prevKey?.split(' ')[0] !== id) setResult(null);
        if (!ref) return;
        const stored = (await props.ws.resultsOf(id)).find((r) => r.id === ref);
        const rocket = stored?.meta.rocket as unknown as RocketResult | undefined;
        if (rocket?.chamber) {
          setResult(rocket);
          setResultFresh(true);
        }
      },
    ),
  );

  const units = (): UnitSystem => draft.inputs.units;
  // Fields holding text they refused (by id): Save and Compute wait until they are fixed.
  const [invalid, setInvalid] = createSignal<Record<string, string>>({});
  const onValidity = (id: string, message: string | null) => setInvalid((m) => {
    const { [id]: _drop, ...rest } = m;
    return message ? { ...rest, [id]: message } : rest;
  });
  const invalidCount = () => Object.keys(invalid()).length;
  const edit = (fn: () => void) => {
    fn();
    setDirty(true);
    setResultFresh(false);
    setShareLink(null);
  };
  const snapshot = (): Experiment => structuredClone(unwrap(draft)) as Experiment;
  const snapshotWithTags = (): Experiment => ({ ...snapshot(), tags: tagsText().split(',').map((t) => t.trim()).filter(Boolean) });
  // While there are unsaved edits the workspace can ask for them (if another tab deletes this experiment).
  createEffect(
    on([() => props.experiment.id, dirty], ([id, d]) => {
      props.ws.holdDraft(id, d ? snapshotWithTags : null);
      onCleanup(() => props.ws.holdDraft(id, null));
    }),
  );

  /**
   * After a save: the draft takes the stored revision. After a conflict, waits for the user's
   * choice in the dialog: the draft then shows what was kept (a copy opens in its own page).
   */
  async function settle(out: SaveOutcome, saved: string): Promise<void> {
    if (out.ok) {
      setDraft('rev', out.value.rev);
      setDraft('updatedAt', out.value.updatedAt);
      setDirty(false);
      setMessage(saved);
      return;
    }
    if (!out.conflict) return; // the workspace shows why
    setMessage('Not saved yet: this experiment was changed in another tab. Choose a version.');
    const { choice, outcome } = await out.conflict.settled;
    if (!outcome.ok && outcome.conflict) return settle(outcome, saved);
    setDirty(false);
    if (choice === 'copy') {
      if (out.conflict.theirs) showStored(out.conflict.theirs);
      if (outcome.ok) navigate(`/experiments/${encodeURIComponent(outcome.value.id)}`);
      return;
    }
    if (outcome.ok) showStored(outcome.value);
    setMessage(choice === 'theirs' ? 'Showing the version saved in the other tab.' : choice === 'merge' ? 'Saved with the other tab’s changes.' : outcome.ok ? saved : null);
  }

  /** Why this experiment cannot be changed here (a viewer of a synced workspace), or null. */
  const locked = () => readOnlyReason(props.experiment.id);

  async function save() {
    await settle(await props.ws.write(snapshotWithTags()), 'Saved.');
  }

  async function compute() {
    setBusy(true);
    setMessage(null);
    const r = await solvePoint(snapshot().inputs.problem);
    setBusy(false);
    if (!r.ok) {
      setResult(null);
      setMessage(`The engine could not compute this point: ${r.error.message}`);
      return;
    }
    setResult(r.value);
    setResultFresh(true);
    const { experiment, result } = withPointResult(snapshotWithTags(), r.value);
    const out = await props.ws.write(experiment, [result]);
    if (out.ok) showStored(out.value);
    await settle(out, 'Computed and saved with the experiment.');
  }

  // Saved at once, also under unsaved edits: when the stored revision was the draft's, the draft
  // moves to the new one (it differs only by this flag), so its own save is no conflict.
  async function toggleTemplate() {
    const stored = props.ws.byId(draft.id);
    if (!stored) return;
    const out = await props.ws.write({ ...stored, isTemplate: !stored.isTemplate });
    if (out.ok && stored.rev === draft.rev) {
      setDraft('isTemplate', out.value.isTemplate);
      setDraft('rev', out.value.rev);
    }
  }

  async function makeShareLink() {
    const code = await encodeShare(snapshot());
    setShareLink(`${location.href.split('#')[0]}${SHARE_HASH_PREFIX}${code}`);
  }

  const setExit = (i: number, e: ExitSpec) => edit(() => setDraft('inputs', 'problem', 'exits', (xs) => (xs ?? []).map((x, k) => (k === i ? e : x))));

  return (
    <div class="experiment-editor">
      <div class="editor-grid">
        <form class="card" aria-label="Experiment" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <h2>Experiment</h2>
          <Show when={locked()}><p class="note" role="note" data-testid="read-only-note">{locked()}</p></Show>
          <div class="field">
            <label for="exp-name">Name</label>
            <input id="exp-name" name="name" value={draft.name} maxLength={120} onInput={(e) => edit(() => setDraft('name', e.currentTarget.value))} />
          </div>
          <div class="field">
            <label for="exp-desc">Description</label>
            <textarea id="exp-desc" rows={3} value={draft.description} onInput={(e) => edit(() => setDraft('description', e.currentTarget.value))} />
          </div>
          <div class="field">
            <label for="exp-tags">Tags <span class="unit">(comma-separated)</span></label>
            <input id="exp-tags" value={tagsText()} onInput={(e) => edit(() => setTagsText(e.currentTarget.value))} />
          </div>
          <div class="field">
            <label for="exp-units">Units</label>
            <select id="exp-units" value={draft.inputs.units} onChange={(e) => edit(() => setDraft('inputs', 'units', e.currentTarget.value as UnitSystem))}>
              <option value="SI">SI (bar, K, m/s)</option>
              <option value="US">US customary (psia, °R, lbf·s/lbm)</option>
            </select>
          </div>
          <h3>Design point</h3>
          <QuantityField id="exp-pc" label="Chamber pressure" quantity="pressure" system={units()} value={draft.inputs.problem.pc} onValidity={onValidity}
            min={ENGINE_LIMITS.pc_Pa.gt} minExclusive max={ENGINE_LIMITS.pc_Pa.le} onValue={(v) => edit(() => setDraft('inputs', 'problem', 'pc', v))} />
          <Show when={draft.inputs.problem.of !== undefined}>
            <QuantityField id="exp-of" label="O/F" quantity="dimensionless" unitText="mass ratio" system={units()} value={draft.inputs.problem.of} onValidity={onValidity}
              min={ENGINE_LIMITS.of.gt} minExclusive max={ENGINE_LIMITS.of.le} onValue={(v) => edit(() => setDraft('inputs', 'problem', 'of', v))} />
          </Show>
          <div class="field">
            <label for="exp-chem">Chemistry</label>
            <select id="exp-chem" value={draft.inputs.problem.chemistry ?? 'equilibrium'}
              onChange={(e) => edit(() => {
                const v = e.currentTarget.value as 'equilibrium' | 'frozen';
                setDraft('inputs', 'problem', 'chemistry', v);
                setDraft('inputs', 'problem', 'freezeAt', v === 'frozen' ? 'chamber' : undefined);
              })}>
              <option value="equilibrium">Shifting equilibrium</option>
              <option value="frozen">Frozen at the chamber</option>
            </select>
          </div>
          <fieldset class="exits">
            <legend>Nozzle exits</legend>
            <For each={draft.inputs.problem.exits ?? []}>
              {(x, i) => (
                <div class="exit-row">
                  <select aria-label={`Exit ${i() + 1} given by`} value={exitKind(x)}
                    onChange={(e) => {
                      const k = e.currentTarget.value;
                      setExit(i(), k === 'areaRatio' ? { areaRatio: 10 } : k === 'subsonicAreaRatio' ? { subsonicAreaRatio: 1.5 } : { pcOverPe: draft.inputs.problem.pc / 101325 });
                    }}>
                    <option value="areaRatio">Ae/At</option>
                    <option value="pcOverPe">pc/pe</option>
                    <option value="subsonicAreaRatio">Ae/At (subsonic)</option>
                  </select>
                  <CheckedInput id={`exp-exit-${i()}`} ariaLabel={`Exit ${i() + 1} value`} value={exitValue(x)} commitOnChange onValidity={onValidity}
                    spec={{ label: `Exit ${i() + 1} ${exitKind(x) === 'pcOverPe' ? 'pc/pe' : 'Ae/At'}`, min: 1, minExclusive: exitKind(x) !== 'areaRatio', max: exitKind(x) === 'pcOverPe' ? ENGINE_LIMITS.pcOverPe.le : ENGINE_LIMITS.areaRatio.le }}
                    onValue={(v) => setExit(i(), { [exitKind(x)]: v } as ExitSpec)} />
                  <button type="button" class="secondary" aria-label={`Remove exit ${i() + 1}`}
                    onClick={() => edit(() => setDraft('inputs', 'problem', 'exits', (xs) => (xs ?? []).filter((_, k) => k !== i())))}>✕</button>
                </div>
              )}
            </For>
            <button type="button" class="secondary" onClick={() => edit(() => setDraft('inputs', 'problem', 'exits', (xs) => [...(xs ?? []), { areaRatio: 40 }]))}>Add exit</button>
          </fieldset>
          <div class="field">
            <label for="exp-notes">Notes</label>
            <textarea id="exp-notes" rows={4} value={draft.notes} onInput={(e) => edit(() => setDraft('notes', e.currentTarget.value))} />
          </div>
          <div class="actions">
            <button type="submit" disabled={!dirty() || invalidCount() > 0 || !!locked()}>Save</button>
            <button type="button" onClick={() => void compute()} disabled={busy() || invalidCount() > 0 || !!locked()}>{busy() ? 'Computing…' : 'Compute'}</button>
            <Show when={invalidCount()}><span class="error" data-testid="exp-invalid">Fix the marked field{invalidCount() > 1 ? 's' : ''} to save or compute.</span></Show>
            <Show when={dirty()}><span class="muted" role="status">Unsaved changes</span></Show>
            <Show when={message()}><span role="status">{message()}</span></Show>
          </div>
        </form>
        <div class="stack">
          <section class="card" aria-labelledby="exp-inputs-title">
            <h2 id="exp-inputs-title">Inputs</h2>
            <ProblemView problem={draft.inputs.problem} units={units()} />
            <div class="actions">
              <button type="button" class="secondary" onClick={() => { designStore().openExperiment(snapshot()); navigate('/explore'); }}>
                Open in Explore
              </button>
              <button type="button" class="secondary" title="Replace this experiment's design point by the one in Explore"
                onClick={() => edit(() => setDraft('inputs', 'problem', reconcile(designStore().snapshot())))}>
                Use the design from Explore
              </button>
            </div>
          </section>
          <Show when={props.experiment.studies.some((st) => st.kind === 'optimisation')}>
            <section class="card" aria-labelledby="exp-opt-title" data-testid="optimisation-studies">
              <h2 id="exp-opt-title">Optimisation studies</h2>
              <ul>
                <For each={props.experiment.studies.filter((st) => st.kind === 'optimisation')}>
                  {(st) => (
                    <li>
                      {optimisationLabel(st)}{' '}
                      <button type="button" class="secondary" disabled={!studyOptimizeSpec(st)} onClick={() => void openOptimisation(st)}>Open in Optimize</button>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>
          <section class="card" aria-labelledby="exp-results-title">
            <h2 id="exp-results-title">Design-point result</h2>
            <Show when={result()} fallback={<p class="muted">Not computed yet. Press Compute.</p>}>
              {(r) => (
                <>
                  <Show when={!resultFresh()}><p class="note">Inputs changed since this result: compute again.</p></Show>
                  <RocketResultView result={r()} units={units()} pamb={draft.inputs.problem.pamb} />
                  <button type="button" class="secondary" onClick={() => downloadText(`${fileStem(draft.name)}.csv`, rocketResultCsv(r(), units()), 'text/csv')}>
                    Download CSV
                  </button>
                </>
              )}
            </Show>
          </section>
          <StudiesList experiment={props.experiment} />
          <ModelsList experiment={props.experiment} ws={props.ws} />
          <DatasetsList experiment={props.experiment} ws={props.ws} units={units()} />
          <section class="card" aria-labelledby="exp-share-title">
            <h2 id="exp-share-title">Share and export</h2>
            <div class="actions">
              <button type="button" class="secondary" onClick={() => void makeShareLink()}>Make share link</button>
              <button type="button" class="secondary" onClick={async () => { const r = await props.ws.exportOne(draft.id); if (r.ok) downloadText(`${fileStem(draft.name)}.json`, r.value); }}>
                Export JSON
              </button>
              <button type="button" class="secondary" onClick={() => downloadText(`${fileStem(draft.name)}.inp`, toCeaDeck(snapshot().inputs.problem, fileStem(draft.name)), 'text/plain')}>
                Export CEA deck
              </button>
              <button type="button" class="secondary" onClick={() => void toggleTemplate()}>
                {props.experiment.isTemplate ? 'Remove from my templates' : 'Save as my template'}
              </button>
            </div>
            <Show when={shareLink()}>
              {(link) => (
                <div class="field">
                  <label for="share-link">Link ({link().length} characters; inputs and seeds only — the receiver recomputes)</label>
                  <input id="share-link" readOnly value={link()} onFocus={(e) => e.currentTarget.select()} />
                  <button type="button" class="secondary" onClick={() => void navigator.clipboard?.writeText(link()).then(() => setMessage('Link copied.'), () => setMessage('Copy the link from the box.'))}>
                    Copy link
                  </button>
                  <QrCode text={link()} label="QR code of the share link" />
                </div>
              )}
            </Show>
          </section>
        </div>
      </div>
    </div>
  );
}

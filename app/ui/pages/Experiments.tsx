// Experiments: the user's saved work. List with search, filters and sort; duplicate, rename, tag,
// delete with undo; compare 2–4; a trend of one result over time; import and export files.
// With an id in the route, the experiment's editor.
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import type { TopLevelSpec } from 'vega-lite';
import { workspace } from '../../state/workspace.ts';
import { takePendingCompare } from '../../state/command.ts';
import { createExperimentsStore, MAX_COMPARE } from '../../state/experiments-store.ts';
import { SORTS, type SortKey } from '../../domain/experiment-search.ts';
import { STUDY_KINDS, STUDY_STATUSES, buildExperiment, type Experiment, type StudyKind, type StudyStatus } from '../../domain/experiment.ts';
import type { ImportReport } from '../../domain/backup.ts';
import { solvePoint } from '../../state/point.ts';
import { err } from '../../domain/result.ts';
import { parseCeaDeck } from '../../domain/cea-deck.ts';
import { toDisplay, unitLabel } from '../../domain/units.ts';
import { ExperimentEditor } from '../components/ExperimentEditor.tsx';
import { ExperimentCompare } from '../components/ExperimentCompare.tsx';
import { ImportReview, type ReviewGroup } from '../components/ImportReview.tsx';
import { WorkspaceNotice } from '../components/WorkspaceNotice.tsx';
import { VegaChart } from '../components/VegaChart.tsx';
import { downloadText } from '../components/file-io.ts';
import { readOnlyReason } from '../../state/read-only.ts';
import { firingFiguresText, firingsOf } from '../../domain/firing/saved.ts';
import { otherPlaces, placeOf, teamWorkspaces } from '../../state/workspace-place.ts';
import type { Place, TransferOp } from '../../domain/workspace-transfer.ts';

const PAGE = 50;
// One formatter for all rows: toLocaleString() builds a new one per call, which dominated list updates.
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const TREND_METRICS = {
  ispVac_m_s: 'Isp, vacuum',
  isp_m_s: 'Isp (pamb = pe)',
  cstar_m_s: 'c*',
  Tc_K: 'Chamber temperature',
} as const;

function ExperimentRow(props: { e: Experiment; selected: boolean; canSelect: boolean; onToggle: () => void }) {
  const ws = workspace();
  const [editing, setEditing] = createSignal<'name' | 'tags' | null>(null);
  const [text, setText] = createSignal('');
  const begin = (what: 'name' | 'tags') => {
    setText(what === 'name' ? props.e.name : props.e.tags.join(', '));
    setEditing(what);
  };
  const commit = async () => {
    const what = editing();
    setEditing(null);
    if (what === 'name' && text().trim()) await ws.update(props.e.id, (e) => ({ ...e, name: text().trim().slice(0, 120) }));
    if (what === 'tags') await ws.update(props.e.id, (e) => ({ ...e, tags: text().split(',').map((t) => t.trim()).filter(Boolean) }));
  };
  const date = () => DATE.format(new Date(props.e.updatedAt));
  // a saved firing shows its figures in the user's units, newest last as it was fired
  const firings = createMemo(() => firingsOf(props.e));
  // with synced workspaces: this row's place, and the others it can be copied or moved to (the
  // first by default; with several, a list picks one)
  const here = () => placeOf(props.e.id);
  const others = () => otherPlaces(here());
  const [target, setTarget] = createSignal('');
  const keyOf = (p: Place) => (p.kind === 'personal' ? 'personal' : p.db);
  const there = () => others().find((p) => keyOf(p) === target()) ?? others()[0] ?? null;
  const nameOf = (p: Place) => (p.kind === 'team' ? p.workspace : 'personal');
  const transfer = async (op: TransferOp) => {
    const to = there();
    if (!to) return;
    const { syncStore } = await import('../../state/sync.ts');
    const r = await syncStore().transfer(op, props.e, here(), to, ws);
    ws.inform(r.ok ? { kind: 'info', text: r.value.message } : { kind: 'error', text: r.error.message });
  };
  return (
    <li class="exp-row" data-testid="experiment-row">
      <label class="pick">
        <input type="checkbox" aria-label={`Compare ${props.e.name}`} checked={props.selected} disabled={!props.selected && !props.canSelect} onChange={() => props.onToggle()} />
      </label>
      <div class="exp-main">
        <Show
          when={editing()}
          fallback={
            <A href={`/experiments/${encodeURIComponent(props.e.id)}`} class="exp-name">
              {props.e.name}
            </A>
          }
        >
          <form class="inline-edit" onSubmit={(ev) => { ev.preventDefault(); void commit(); }}>
            <input aria-label={editing() === 'name' ? 'New name' : 'Tags, comma-separated'} value={text()} onInput={(ev) => setText(ev.currentTarget.value)} ref={(el) => queueMicrotask(() => el.focus())}
              onKeyDown={(ev) => ev.key === 'Escape' && setEditing(null)} />
            <button type="submit">OK</button>
          </form>
        </Show>
        <div class="exp-meta">
          <span>{props.e.inputs.system}</span>
          <span>{date()}</span>
          <For each={props.e.studies.filter((s) => s.kind !== 'firing')}>{(s) => <span class="chip">{s.kind}: {s.status}</span>}</For>
          <For each={props.e.tags}>{(t) => <span class="chip tag">#{t}</span>}</For>
          <Show when={props.e.isTemplate}><span class="chip">my template</span></Show>
          <Show when={readOnlyReason(props.e.id)}>{(why) => <span class="chip" title={why()}>read-only</span>}</Show>
          <Show when={teamWorkspaces().length}>
            <span class="chip" data-testid="experiment-place">{here().kind === 'team' ? `in ${nameOf(here())}` : 'personal'}</span>
          </Show>
        </div>
        <Show when={firings().length}>
          <ul class="exp-firings" aria-label={`Firings of ${props.e.name}`}>
            <For each={firings()}>
              {(f) => (
                <li data-testid="experiment-firing">
                  Firing “{f.name}”: {firingFiguresText(f, ws.units())}{' '}
                  <A href={`/stand?experiment=${encodeURIComponent(props.e.id)}&firing=${encodeURIComponent(f.studyId)}`}>Open on the Stand</A>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <div class="exp-actions">
        <button type="button" class="link" onClick={() => begin('name')}>Rename</button>
        <button type="button" class="link" onClick={() => begin('tags')}>Tags</button>
        <button type="button" class="link" onClick={() => void ws.duplicate(props.e.id)}>Duplicate</button>
        <button type="button" class="link" onClick={() => void ws.remove(props.e.id)}>Delete</button>
        <Show when={others().length > 1}>
          <select aria-label={`Workspace to copy or move “${props.e.name}” to`} value={there() ? keyOf(there()!) : ''} onChange={(ev) => setTarget(ev.currentTarget.value)}>
            <For each={others().map(keyOf)}>{(k) => <option value={k}>{nameOf(others().find((p) => keyOf(p) === k) ?? { kind: 'personal' })}</option>}</For>
          </select>
        </Show>
        <Show when={there()}>
          {(to) => (
            <>
              <button type="button" class="link" onClick={() => void transfer('copy')}>Copy to {nameOf(to())}</button>
              <button type="button" class="link" onClick={() => void transfer('move')}>Move to {nameOf(to())}</button>
            </>
          )}
        </Show>
      </div>
    </li>
  );
}

function ExperimentList() {
  const ws = workspace();
  const s = createExperimentsStore(ws, teamWorkspaces);
  const navigate = useNavigate();
  const [limit, setLimit] = createSignal(PAGE);
  const [fileMessage, setFileMessage] = createSignal<string | null>(null);
  const [replace, setReplace] = createSignal(false);
  const [metric, setMetric] = createSignal<keyof typeof TREND_METRICS>('ispVac_m_s');
  const [showTrend, setShowTrend] = createSignal(false);
  const compared = createMemo(() => s.selected().map((id) => ws.byId(id)).filter((e): e is Experiment => !!e));
  // Experiments a command asked to compare: selected as if ticked.
  const asked = takePendingCompare();
  if (asked) {
    s.clearSelected();
    for (const id of asked) s.toggleSelected(id);
  }

  // An import that changes or leaves out anything waits here for the user's go-ahead.
  const [review, setReview] = createSignal<{ heading: string; summary: string; groups: ReviewGroup[]; confirmLabel: string; run: () => Promise<void> } | null>(null);
  const [reviewBusy, setReviewBusy] = createSignal(false);

  function importedMessage(r: ImportReport): string {
    const w = r.workspace;
    const renamed = r.renamed?.length ? ` ${r.renamed.length} record(s) got a new id because the id was already used here.` : '';
    return `Imported ${w.experiments.length} experiment(s), ${w.results.length} result set(s), ${w.models.length} model(s), ${w.propellants.length} propellant(s).${renamed}${r.skipped.length ? ` Skipped: ${r.skipped.join('; ')}` : ''}`;
  }

  async function importBackup(text: string) {
    const mode = replace() ? 'replace' : 'merge';
    if (mode === 'replace' && !confirm('Replace your whole workspace with this backup? Your current experiments will be removed.')) return;
    const p = await ws.prepareImport(text, mode);
    if (!p.ok) {
      setFileMessage(p.error.message);
      return;
    }
    const commit = async () => {
      const r = await ws.commitImport(p.value);
      setFileMessage(r.ok ? importedMessage(r.value) : r.error.message);
    };
    const { report } = p.value;
    const notes = report.skipped.length + report.warnings.length + (report.renamed?.length ?? 0);
    if (!notes) return commit();
    const w = report.workspace;
    setReview({
      heading: 'Review the import',
      summary: `This file holds ${w.experiments.length} experiment(s), ${w.results.length} result set(s), ${w.models.length} model(s) and ${w.propellants.length} propellant(s) to import. Nothing is saved until you choose Import; ${mode === 'merge' ? 'nothing of yours is overwritten.' : 'your workspace will be replaced.'}`,
      groups: [
        { title: 'Left out', items: report.skipped, tone: 'problem' },
        { title: 'Changed while reading', items: report.warnings, tone: 'change' },
        { title: 'Stored under a new id', items: report.renamed ?? [], tone: 'change' },
      ],
      confirmLabel: 'Import',
      run: commit,
    });
  }

  async function importDeck(text: string, fileName: string) {
    const deck = parseCeaDeck(text);
    if (!deck.ok) {
      setFileMessage(`Not a backup file, and not a CEA deck we can read: ${deck.error.message}`);
      return;
    }
    const built = buildExperiment({
      name: `CEA deck ${deck.value.caseName ?? fileName}`,
      description: `Imported from ${fileName}.`,
      problem: deck.value.problem,
      units: ws.units(),
      notes: deck.value.warnings.join('\n'),
      tags: ['cea-import'],
    });
    const e = built.value;
    const save = async () => {
      if (await ws.save(e)) navigate(`/experiments/${encodeURIComponent(e.id)}`);
    };
    // The engine reads the problem as Compute would, so an unknown species or a value out of its
    // data's range is found now, not after saving.
    setFileMessage('Checking the deck with the engine…');
    const check = await solvePoint(e.inputs.problem).catch((x: unknown) => err('engine', `the engine could not check it (${x instanceof Error ? x.message : String(x)})`));
    setFileMessage(null);
    const changes = [...deck.value.warnings, ...built.warnings];
    const problems = check.ok ? [] : [`${check.error.message}${check.error.field ? ` (field ${check.error.field})` : ''}`];
    if (!changes.length && !problems.length) return save();
    setReview({
      heading: 'Review the imported deck',
      summary: `“${e.name}” from ${fileName}. Nothing is saved until you choose Save experiment.${problems.length ? ' As it is, the engine cannot compute it: fix it in the editor after saving, or cancel.' : ''}`,
      groups: [
        { title: 'The engine cannot compute it', items: problems, tone: 'problem' },
        { title: 'Changed or left out while reading', items: changes, tone: 'change' },
      ],
      confirmLabel: 'Save experiment',
      run: save,
    });
  }

  async function importFile(file: File) {
    setFileMessage(null);
    setReview(null);
    const text = await file.text();
    if (/^\s*[{[]/.test(text)) await importBackup(text);
    else await importDeck(text, file.name);
  }

  async function confirmReview() {
    const r = review();
    if (!r) return;
    setReviewBusy(true);
    await r.run();
    setReviewBusy(false);
    setReview(null);
  }

  function cancelReview() {
    setReview(null);
    setFileMessage('Import cancelled; nothing was saved.');
  }

  async function exportAll() {
    const r = await ws.exportBackup();
    if (r.ok) downloadText(`rocket-fuel-optimizer-backup-${new Date().toISOString().slice(0, 10)}.json`, r.value);
    else setFileMessage(r.error.message);
  }

  const trend = (): TopLevelSpec | null => {
    const k = metric();
    const q = k === 'Tc_K' ? 'temperature' : k === 'cstar_m_s' ? 'velocity' : 'specificImpulse';
    const pts = s
      .visible()
      .flatMap((e) => {
        const v = e.studies.find((x) => x.kind === 'point')?.summary?.[k];
        return v === undefined ? [] : [{ when: e.updatedAt, value: toDisplay(q, v, ws.units()), name: e.name }];
      })
      .slice(0, 2000);
    if (pts.length < 2) return null;
    return {
      data: { values: pts },
      mark: { type: 'point', filled: true },
      encoding: {
        x: { field: 'when', type: 'temporal', title: 'Last changed' },
        y: { field: 'value', type: 'quantitative', title: `${TREND_METRICS[k]} [${unitLabel(q, ws.units())}]`, scale: { zero: false } },
        tooltip: [{ field: 'name' }, { field: 'value', format: '.5g' }],
      },
      height: 200,
    };
  };

  return (
    <>
      <div class="toolbar">
        <A href="/templates" class="button-link">New from a template</A>
        <label class="button-link secondary">
          Import file…
          <input type="file" class="sr-only" accept=".json,.inp,.txt,application/json,text/plain" data-testid="import-file"
            onChange={(e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (f) void importFile(f); }} />
        </label>
        <label class="radio"><input type="checkbox" checked={replace()} onChange={(e) => setReplace(e.currentTarget.checked)} /> replace my workspace (asks first)</label>
        <button type="button" class="secondary" onClick={() => void exportAll()}>Export backup</button>
      </div>
      <Show when={fileMessage()}><p role="status" class="note">{fileMessage()}</p></Show>
      <Show when={review()}>
        {(r) => <ImportReview heading={r().heading} summary={r().summary} groups={r().groups} confirmLabel={r().confirmLabel} busy={reviewBusy()} onConfirm={() => void confirmReview()} onCancel={cancelReview} />}
      </Show>
      <Show when={ws.broken().length}>
        <p class="note">{ws.broken().length} stored experiment(s) could not be read and are kept untouched: {ws.broken().map((b) => b.message).join(' ')}</p>
      </Show>
      <form class="card filters" role="search" aria-label="Find experiments" onSubmit={(e) => e.preventDefault()}>
        <div class="field grow">
          <label for="exp-search">Search</label>
          <input id="exp-search" type="search" placeholder="name, description, tag, propellant…" value={s.query()} onInput={(e) => { s.setQuery(e.currentTarget.value); setLimit(PAGE); }} />
        </div>
        <Show when={teamWorkspaces().length}>
          <div class="field">
            <label for="f-place">Workspace</label>
            <select id="f-place" value={s.place() ?? ''} onChange={(e) => { s.setFilter('place', e.currentTarget.value || undefined); setLimit(PAGE); }}>
              <option value="">all</option>
              <option value="personal">personal (this device)</option>
              {/* keyed by database: the places are renewed on every arrival, and options made anew would lose the selection */}
              <For each={teamWorkspaces().map((t) => t.db)}>{(db) => <option value={db}>{teamWorkspaces().find((t) => t.db === db)?.workspace ?? db}</option>}</For>
            </select>
          </div>
        </Show>
        <div class="field">
          <label for="f-system">System</label>
          <select id="f-system" value={s.filters().system ?? ''} onChange={(e) => s.setFilter('system', e.currentTarget.value || undefined)}>
            <option value="">any</option>
            <For each={s.options().systems}>{(x) => <option value={x}>{x}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="f-kind">Study</label>
          <select id="f-kind" value={s.filters().kind ?? ''} onChange={(e) => s.setFilter('kind', (e.currentTarget.value || undefined) as StudyKind | undefined)}>
            <option value="">any</option>
            <For each={[...STUDY_KINDS]}>{(x) => <option value={x}>{x}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="f-status">Status</label>
          <select id="f-status" value={s.filters().status ?? ''} onChange={(e) => s.setFilter('status', (e.currentTarget.value || undefined) as StudyStatus | undefined)}>
            <option value="">any</option>
            <For each={[...STUDY_STATUSES]}>{(x) => <option value={x}>{x}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="f-tag">Tag</label>
          <select id="f-tag" value={s.filters().tags?.[0] ?? ''} onChange={(e) => s.setFilter('tags', e.currentTarget.value ? [e.currentTarget.value] : undefined)}>
            <option value="">any</option>
            <For each={s.options().tags}>{(x) => <option value={x}>{x}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="f-from">Changed from</label>
          <input id="f-from" type="date" value={s.filters().from ?? ''} onChange={(e) => s.setFilter('from', e.currentTarget.value || undefined)} />
        </div>
        <div class="field">
          <label for="f-to">to</label>
          <input id="f-to" type="date" value={s.filters().to ?? ''} onChange={(e) => s.setFilter('to', e.currentTarget.value || undefined)} />
        </div>
        <div class="field">
          <label for="f-sort">Sort</label>
          <select id="f-sort" value={s.sort()} onChange={(e) => s.setSort(e.currentTarget.value as SortKey)}>
            <For each={Object.entries(SORTS)}>{([k, label]) => <option value={k}>{label}</option>}</For>
          </select>
        </div>
        <button type="button" class="secondary" onClick={() => s.clearFilters()}>Clear</button>
      </form>
      <p class="muted" role="status" data-testid="search-status" data-ms={s.lastSearchMs().toFixed(2)}>
        {s.visible().length} of {ws.experiments().length} experiments
        {ws.experiments().length ? ` · search ${s.lastSearchMs().toFixed(1)} ms` : ''}
        {s.selected().length ? ` · ${s.selected().length} selected to compare (2–${MAX_COMPARE})` : ''}
      </p>
      <Show when={compared().length >= 2}>
        <ExperimentCompare experiments={compared()} units={ws.units()} />
        <button type="button" class="secondary" onClick={() => s.clearSelected()}>Clear comparison</button>
      </Show>
      <Show when={ws.ready()} fallback={<p class="loading" role="status">{ws.fatal() ?? 'Opening your experiments…'}</p>}>
        <Show when={ws.experiments().length} fallback={<p>No experiments yet. <A href="/templates">Start from a template</A>, or import a file.</p>}>
          <ul class="exp-list" aria-label="Experiments">
            <For each={s.visible().slice(0, limit())}>
              {(e) => <ExperimentRow e={e} selected={s.selected().includes(e.id)} canSelect={s.selected().length < MAX_COMPARE} onToggle={() => s.toggleSelected(e.id)} />}
            </For>
          </ul>
          <Show when={s.visible().length > limit()}>
            <button type="button" class="secondary" onClick={() => setLimit(limit() + PAGE)}>Show {Math.min(PAGE, s.visible().length - limit())} more</button>
          </Show>
        </Show>
      </Show>
      <details class="card" onToggle={(e) => setShowTrend(e.currentTarget.open)}>
        <summary>Trend of a result over time</summary>
        <div class="field">
          <label for="trend-metric">Result</label>
          <select id="trend-metric" value={metric()} onChange={(e) => setMetric(e.currentTarget.value as keyof typeof TREND_METRICS)}>
            <For each={Object.entries(TREND_METRICS)}>{([k, label]) => <option value={k}>{label}</option>}</For>
          </select>
        </div>
        {/* vega is heavy: rendered only while the trend is open */}
        <Show when={showTrend()}>
          <Show when={trend()} fallback={<p class="muted">Compute at least two of the listed experiments to see a trend.</p>}>
            {(spec) => <VegaChart spec={spec()} label={`${TREND_METRICS[metric()]} of the listed experiments over time`} />}
          </Show>
        </Show>
      </details>
    </>
  );
}

export default function Experiments() {
  const ws = workspace();
  const params = useParams();
  const current = () => (params.id ? ws.byId(decodeURIComponent(params.id)) : undefined);
  return (
    <section class="page" aria-labelledby="page-title">
      <Show
        when={params.id}
        fallback={
          <>
            <h1 id="page-title">Experiments</h1>
            <p class="lead">Your saved work, kept in this browser. Export a backup to move it or keep it safe.</p>
            <ExperimentList />
          </>
        }
      >
        <p><A href="/experiments" class="back-link">← All experiments</A></p>
        <Show when={current()} fallback={<p role="status">{ws.ready() ? 'This experiment does not exist (it may have been deleted).' : 'Opening…'}</p>}>
          {(e) => (
            <>
              <h1 id="page-title">{e().name}</h1>
              <ExperimentEditor experiment={e()} ws={ws} />
            </>
          )}
        </Show>
      </Show>
      <WorkspaceNotice ws={ws} />
    </section>
  );
}

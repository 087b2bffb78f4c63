// The user's workspace: experiments, custom propellants and settings, kept in IndexedDB through
// app/data and mirrored in signals for the UI. Edits are optimistic and roll back when the write
// fails (the failure becomes a visible message); other tabs' writes reload the lists. A save that
// another tab's save got ahead of is a conflict: both versions wait in `conflicts` until the user
// chooses (see ConflictDialog); nothing is written over unasked.
import { createMemo, createRoot, createSignal, batch } from 'solid-js';
import { openRfoDb, createRepository, createChangeBus, estimateStorage, requestPersistence, isConflict, type ChangeBus, type ConflictError, type Repository, type DeletedSnapshot, type StorageEstimate } from '../data/db.ts';
import { restoreModelDoc, type ModelDoc } from '../domain/ml-model.ts';
import { withModelStudy } from '../domain/model-study.ts';
import type { LearnDataset } from '../domain/learn-dataset.ts';
import { duplicateExperiment, newId, type Experiment, type UnitSystem } from '../domain/experiment.ts';
import { experimentFromTemplate, type Template } from '../domain/templates.ts';
import type { ImportReport, StoredModel, StoredResult } from '../domain/backup.ts';
import { validateCustomPropellant, BUILT_IN_PROPELLANTS, type CustomPropellantInput, type Propellant } from '../domain/propellants.ts';
import { err, ok, type KernelError, type Result } from '../domain/result.ts';
import { isRecord, type JsonValue } from '../domain/json-clean.ts';
import { mergeExperiments, withoutRevision } from '../domain/revision.ts';
import { readOnlyPropellantReason, readOnlyReason } from './read-only.ts';

// Backups and Learn's datasets are read and written on a user's action only: their code loads then,
// not with the first page (Explore's first result needs none of it).
const backupCode = () => import('../domain/backup.ts');
const datasetCode = () => import('../domain/learn-dataset.ts');

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  undo?: () => void;
}

const now = () => new Date().toISOString();

export type ImportMode = 'merge' | 'replace';

/** A backup read and planned, not written yet: `report` says what the import will do. */
export interface PreparedImport {
  mode: ImportMode;
  /** The file as read (before re-keying). */
  parsed: ImportReport;
  /** What will be written: the workspace after re-keying, with skipped, warnings and renamed. */
  report: ImportReport;
}

export type ConflictChoice = 'merge' | 'mine' | 'theirs' | 'copy';

/** A save refused because another tab saved (or deleted) the experiment first. */
export interface SaveConflict {
  id: string;
  message: string;
  /** What this tab tried to save. */
  mine: Experiment;
  /** What storage holds now; null when another tab deleted it. */
  theirs: Experiment | null;
  /** The revision `mine` was edited from, when this tab still has it. */
  base: Experiment | null;
  /** Both sets of edits in one document, when no field was changed on both sides. */
  merged: Experiment | null;
  /** Results and models that were to be saved with `mine`. */
  results: StoredResult[];
  models: StoredModel[];
  /** Settles when the user has chosen, with what that choice's write gave. */
  settled: Promise<{ choice: ConflictChoice; outcome: SaveOutcome }>;
}

/** A save's outcome: the experiment as stored (with its new revision), or why not. */
export type SaveOutcome = { ok: true; value: Experiment } | { ok: false; error: KernelError; conflict?: SaveConflict };

/** Revisions kept per experiment, so a conflict can say who changed what since the common one. */
const KEEP_REVISIONS = 4;

/** A trained model kept with an experiment, as read back (its document already restored). */
export interface SavedModel {
  id: string;
  experimentId: string;
  createdAt: string;
  doc: ModelDoc;
}

/** The dataset a model was trained on: rows to keep with it, or a dataset study already kept. */
export interface ModelDataset {
  dataset: LearnDataset;
  /** Where it is kept already (then a model saved with that experiment points at it, no copy). */
  keptIn?: { experimentId: string; studyId: string };
}

/** A stored model record read back through restoreModelDoc; an error value names the bad field. */
function readModel(m: StoredModel): Result<SavedModel> {
  const d = restoreModelDoc(m.meta);
  if (!d.ok) return err(d.error.code, `model “${m.name}”: ${d.error.message}${d.error.field ? ` (field ${d.error.field})` : ''}`, d.error.field);
  return ok({ id: m.id, experimentId: m.experimentId, createdAt: m.createdAt, doc: d.value });
}

export function createWorkspaceStore(openDb: typeof openRfoDb = openRfoDb, openBus: () => ChangeBus = createChangeBus) {
  const [ready, setReady] = createSignal(false);
  const [fatal, setFatal] = createSignal<string | null>(null);
  const [experiments, setExperiments] = createSignal<Experiment[]>([]);
  const [broken, setBroken] = createSignal<{ id: string; message: string }[]>([]);
  const [customPropellants, setCustomPropellants] = createSignal<Propellant[]>([]);
  const [settings, setSettings] = createSignal<Record<string, JsonValue>>({});
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [storage, setStorage] = createSignal<StorageEstimate | null>(null);
  const [conflicts, setConflicts] = createSignal<SaveConflict[]>([]);
  const [staleApp, setStaleApp] = createSignal<string | null>(null);
  let repo: Repository | null = null;
  const settlers = new Map<SaveConflict, (v: { choice: ConflictChoice; outcome: SaveOutcome }) => void>();
  /** Recent stored revisions by experiment id (the bases of edits still open somewhere in this tab). */
  const seen = new Map<string, Map<number, Experiment>>();
  /** Drafts with unsaved edits, by experiment id (an editor holds one while the user edits). */
  const drafts = new Map<string, () => Experiment>();
  const remember = (e: Experiment) => {
    if (e.rev === undefined) return;
    const revs = seen.get(e.id) ?? new Map<number, Experiment>();
    revs.set(e.rev, e);
    if (revs.size > KEEP_REVISIONS) revs.delete(Math.min(...revs.keys()));
    seen.set(e.id, revs);
  };

  const fail = (message: string) => setNotice({ kind: 'error', text: message });

  async function reload() {
    if (!repo) return;
    const [ex, pr, st] = await Promise.all([repo.listExperiments(), repo.listPropellants(), repo.getSettings()]);
    batch(() => {
      if (ex.ok) {
        ex.value.experiments.forEach(remember);
        keepDraftsOfDeleted(new Set(ex.value.experiments.map((e) => e.id)));
        setExperiments(ex.value.experiments);
        setBroken(ex.value.broken);
      } else fail(ex.error.message);
      if (pr.ok) setCustomPropellants(pr.value);
      if (st.ok) setSettings(st.value);
    });
  }

  // Changes heard from other tabs, or from this tab's sync engine, come in bursts (an import, a
  // sync): one reload at a time, and one more after it if any came meanwhile.
  let reloading = false;
  let heardAgain = false;
  function reloadSoon(): void {
    if (reloading) {
      heardAgain = true;
      return;
    }
    reloading = true;
    void (async () => {
      try {
        do {
          heardAgain = false;
          await reload();
        } while (heardAgain);
      } finally {
        reloading = false;
      }
    })();
  }

  const init = (async () => {
    const db = await openDb(undefined, () => {
      // a newer app wants to upgrade the database: stop writing and let it (it waits for us to close)
      const text = 'A newer version of the app is open in another tab, so this tab no longer saves. Reload this tab to continue.';
      setFatal(text);
      setStaleApp(text);
      repo?.stop(text);
      repo?.db.close();
    });
    if (!db.ok) {
      setFatal(db.error.message);
      return;
    }
    repo = createRepository(db.value, openBus());
    repo.bus.onNewerApp(() => setStaleApp('A newer version of the app is open in another tab, so this tab no longer saves (it could undo what the newer one stores). Reload this tab to continue.'));
    repo.bus.subscribe(reloadSoon);
    await reload();
    setReady(true);
    void requestPersistence().then(() => refreshStorage());
    // Sync left on (Settings → Sync): resume it; its code loads only then.
    if ((settings()['sync:config'] as { on?: unknown } | null | undefined)?.on === true) void import('./sync.ts').then((m) => m.syncStore().resumeIfOn());
  })();

  async function refreshStorage() {
    setStorage(await estimateStorage());
  }

  const byId = (id: string) => experiments().find((e) => e.id === id);

  /** Puts `e` in the list in place of the experiment with its id (first when new), or takes `id` out. */
  function place(id: string, e: Experiment | null | undefined) {
    const list = experiments();
    if (!e) setExperiments(list.filter((x) => x.id !== id));
    else setExperiments(list.some((x) => x.id === id) ? list.map((x) => (x.id === id ? e : x)) : [e, ...list]);
  }

  /**
   * Another tab deleted an experiment this tab is editing: the unsaved draft becomes a conflict
   * (keep it, discard it, or save it as a copy) before its editor goes away with the experiment.
   */
  function keepDraftsOfDeleted(stored: Set<string>) {
    for (const [id, get] of drafts) {
      if (stored.has(id) || !byId(id)) continue;
      const mine = get();
      drafts.delete(id);
      raiseConflict(mine, { code: 'conflict', field: 'rev', id, theirs: null, message: `“${mine.name}” was deleted in another tab while you were editing it; your changes are not saved.` }, [], []);
    }
  }

  function raiseConflict(mine: Experiment, error: ConflictError, results: StoredResult[], models: StoredModel[]): SaveConflict {
    const theirs = error.theirs;
    const base = mine.rev === undefined ? null : (seen.get(mine.id)?.get(mine.rev) ?? null);
    let settle!: (v: { choice: ConflictChoice; outcome: SaveOutcome }) => void;
    const settled = new Promise<{ choice: ConflictChoice; outcome: SaveOutcome }>((r) => (settle = r));
    const c: SaveConflict = { id: mine.id, message: error.message, mine, theirs, base, merged: theirs && base ? mergeExperiments(mine, theirs, base) : null, results, models, settled };
    settlers.set(c, settle);
    if (theirs) remember(theirs);
    place(mine.id, theirs);
    setConflicts([...conflicts(), c]);
    return c;
  }

  /**
   * Saves an experiment if storage still holds the revision it was read at (`e.rev`; `expect`
   * overrides it, null for "nothing stored under this id"). Shown at once in the list; a failed
   * write puts back what was there, a conflict puts the stored version there and waits in
   * `conflicts()` for the user's choice.
   */
  async function write(e: Experiment, results: StoredResult[] = [], models: StoredModel[] = [], expect?: number | null): Promise<SaveOutcome> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const locked = readOnlyReason(e.id);
    if (locked) {
      fail(locked);
      return err('read-only', locked);
    }
    const doc = { ...e, updatedAt: now() };
    const before = byId(e.id);
    place(e.id, doc);
    const r = await repo.saveExperiment(doc, results, models, expect === undefined ? (typeof doc.rev === 'number' ? doc.rev : null) : expect);
    if (r.ok) {
      remember(r.value);
      place(e.id, r.value);
      return r;
    }
    if (isConflict(r.error)) return { ok: false, error: r.error, conflict: raiseConflict(doc, r.error, results, models) };
    place(e.id, before);
    fail(r.error.message);
    return r;
  }

  /**
   * A change made in the background to a stored experiment (a result Explore computed for it):
   * `change` gets the experiment as stored and returns what to write, or null for nothing. It is
   * written over the revision it was read at; when another tab saved meanwhile, `change` is asked
   * again with the version stored now (a few times at most). No conflict is raised for the user:
   * the change holds no edit of theirs, and is made again from whatever is stored.
   */
  async function amend(id: string, change: (e: Experiment) => { experiment: Experiment; results?: StoredResult[] } | null): Promise<Result<Experiment | null>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    if (readOnlyReason(id)) return ok(null); // a viewer's device does not write results into the workspace's experiments
    let current = byId(id);
    for (let attempt = 0; attempt < 3 && current; attempt++) {
      const next = change(current);
      if (!next) return ok(null);
      const doc: Experiment = { ...next.experiment, id, rev: current.rev, updatedAt: now() };
      const r = await repo.saveExperiment(doc, next.results ?? [], [], typeof current.rev === 'number' ? current.rev : null);
      if (r.ok) {
        remember(r.value);
        place(id, r.value);
        return r;
      }
      if (!isConflict(r.error)) {
        fail(r.error.message);
        return r;
      }
      current = r.error.theirs ?? undefined;
      if (current) remember(current);
    }
    return ok(null);
  }

  async function save(e: Experiment, results: StoredResult[] = [], models: StoredModel[] = []): Promise<boolean> {
    return (await write(e, results, models)).ok;
  }

  /**
   * The user's choice for a conflict: 'merge' saves both sets of edits, 'mine' saves this tab's
   * version over the stored one (knowingly: it names the stored revision), 'theirs' keeps the
   * stored one, 'copy' keeps it and saves this tab's version as a new experiment.
   */
  async function resolveConflict(c: SaveConflict, choice: ConflictChoice): Promise<SaveOutcome> {
    const settle = settlers.get(c);
    if (!settle) return err('missing', 'This conflict was resolved already.');
    settlers.delete(c);
    setConflicts(conflicts().filter((x) => x !== c));
    let outcome: SaveOutcome;
    if (choice === 'merge' && c.merged) outcome = await write(c.merged, c.results, c.models);
    else if (choice === 'mine') outcome = c.theirs ? await write({ ...c.mine, rev: c.theirs.rev }, c.results, c.models) : await write(c.mine, c.results, c.models, null);
    else if (choice === 'copy') {
      const copy = await saveNew(duplicateExperiment(c.mine));
      outcome = copy ? ok(copy) : err('storage', 'The copy was not saved.');
    } else outcome = c.theirs ? ok(c.theirs) : err('deleted', `“${c.mine.name}” was deleted in another tab.`);
    settle({ choice, outcome });
    return outcome;
  }

  /**
   * Saves a trained model with `target` (a model study plus the document) and its dataset (a
   * dataset study plus its rows, unless `target` keeps it already), in one transaction; the saved
   * experiment, or null (the failure is the notice).
   */
  async function saveModel(doc: ModelDoc, target: Experiment, data?: ModelDataset): Promise<Experiment | null> {
    const when = now();
    const id = newId();
    const stored: StoredModel = { id, experimentId: target.id, name: doc.name, createdAt: when, meta: structuredClone(doc) as unknown as Record<string, JsonValue>, weights: new ArrayBuffer(0) };
    let e = target;
    let datasetStudyId: string | undefined;
    const results: StoredResult[] = [];
    const kept = data?.keptIn;
    if (kept && kept.experimentId === target.id && target.studies.some((s) => s.id === kept.studyId)) datasetStudyId = kept.studyId;
    else if (data) {
      const { withDataset } = await datasetCode();
      const d = withDataset(target, data.dataset, when);
      e = d.experiment;
      datasetStudyId = d.studyId;
      results.push(d.result);
    }
    e = withModelStudy(e, doc, id, when, datasetStudyId);
    const r = await write(e, results, [stored]);
    return r.ok ? r.value : null;
  }

  /** A dataset kept with an experiment, read back through restoreDataset; an error value says what is wrong and where. */
  async function datasetOf(experimentId: string, studyId: string): Promise<Result<LearnDataset>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const e = byId(experimentId);
    const st = e?.studies.find((s) => s.id === studyId && s.kind === 'dataset');
    if (!e || !st) return err('missing', `the dataset ${studyId} is no longer kept with ${e ? `“${e.name}”` : 'its experiment'}`);
    if (!st.resultsRef) return err('missing', `“${e.name}” keeps only the description of this dataset, not its rows (a copy or a shared link does not carry them)`, 'resultsRef');
    const r = await repo.getResult(st.resultsRef);
    if (!r.ok) return r;
    if (!r.value) return err('missing', `the rows of this dataset (result ${st.resultsRef}) are missing from storage`, 'resultsRef');
    return (await datasetCode()).restoreDataset(r.value);
  }

  /** The experiment's models, newest first; unreadable records are reported, not dropped silently. */
  async function modelsOf(experimentId: string): Promise<Result<{ models: SavedModel[]; broken: string[] }>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const r = await repo.modelsOf(experimentId);
    if (!r.ok) return r;
    const models: SavedModel[] = [];
    const broken: string[] = [];
    for (const m of r.value) {
      const x = readModel(m);
      if (x.ok) models.push(x.value);
      else broken.push(x.error.message);
    }
    models.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return ok({ models, broken });
  }

  async function modelById(id: string): Promise<Result<SavedModel | null>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const r = await repo.getModel(id);
    if (!r.ok) return r;
    return r.value ? readModel(r.value) : ok(null);
  }

  async function update(id: string, patch: (e: Experiment) => Experiment): Promise<boolean> {
    const e = byId(id);
    return e ? save(patch(structuredClone(e))) : false;
  }

  async function createFromTemplate(t: Template): Promise<Experiment | null> {
    const e = experimentFromTemplate(t, units());
    const r = await write(e);
    return r.ok ? r.value : null;
  }

  /** A user's experiment used as a template: a copy named after it, not marked as a template. */
  async function createFromOwnTemplate(src: Experiment): Promise<Experiment | null> {
    const e = duplicateExperiment(src);
    e.name = src.name;
    const r = await write(e);
    return r.ok ? r.value : null;
  }

  async function saveNew(e: Experiment): Promise<Experiment | null> {
    const doc = { ...withoutRevision(e), id: newId(), createdAt: now(), isTemplate: false };
    const r = await write(doc);
    return r.ok ? r.value : null;
  }

  async function duplicate(id: string): Promise<Experiment | null> {
    const e = byId(id);
    if (!e) return null;
    const r = await write(duplicateExperiment(e));
    return r.ok ? r.value : null;
  }

  /** Deletes a stored experiment (refused when read-only here or changed elsewhere since); the deleted snapshot, for undo. */
  async function deleteStored(id: string): Promise<Result<{ e: Experiment; snap: DeletedSnapshot | null }>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const e = byId(id);
    if (!e) return err('missing', 'No such experiment.');
    const locked = readOnlyReason(id);
    if (locked) return err('read-only', locked);
    place(id, null);
    const r = await repo.deleteExperiment(id, e.rev);
    if (!r.ok) {
      // changed elsewhere since this tab read it: show what is stored, delete nothing
      place(id, isConflict(r.error) ? r.error.theirs : e);
      return r;
    }
    return ok({ e, snap: r.value });
  }

  async function remove(id: string): Promise<boolean> {
    const r = await deleteStored(id);
    if (!r.ok) {
      if (r.error.code !== 'missing') fail(r.error.message);
      return false;
    }
    const { e, snap } = r.value;
    setNotice({ kind: 'info', text: `Deleted “${e.name}”.`, undo: snap ? () => void undoDelete(snap) : undefined });
    return true;
  }

  async function undoDelete(snap: DeletedSnapshot) {
    setNotice(null);
    await init;
    if (!repo) return;
    place(snap.experiment.id, snap.experiment);
    const r = await repo.restoreSnapshot(snap);
    if (r.ok) {
      remember(r.value);
      place(r.value.id, r.value);
    } else {
      place(snap.experiment.id, isConflict(r.error) ? r.error.theirs : null);
      fail(r.error.message);
    }
  }

  async function resultsOf(id: string): Promise<StoredResult[]> {
    await init;
    const r = repo ? await repo.listResults(id) : null;
    return r?.ok ? r.value : [];
  }

  async function exportBackup(): Promise<Result<string>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const ws = await repo.exportAll();
    return ws.ok ? ok((await backupCode()).exportWorkspace(ws.value, now())) : ws;
  }

  async function exportOne(id: string): Promise<Result<string>> {
    const e = byId(id);
    if (!e) return err('missing', 'No such experiment.');
    await init;
    const models = repo ? await repo.modelsOf(id) : err('storage', 'Storage is not available.');
    if (!models.ok) return models;
    // as in a whole backup, an unreadable model stays out of the file (it would refuse to import)
    const readable = models.value.filter((m) => readModel(m).ok);
    const { exportExperimentFile } = await backupCode();
    return ok(exportExperimentFile(withoutRevision(e), await resultsOf(id), readable, now()));
  }

  /**
   * Reads a backup and plans its import without writing anything, so the user sees what will
   * change first. 'merge' keeps local work: every imported record whose key exists locally is
   * stored under a new key (references following it), and the local settings stay as they are.
   * 'replace' (asked for explicitly) swaps the workspace.
   */
  async function prepareImport(text: string, mode: ImportMode): Promise<Result<PreparedImport>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const parsed = (await backupCode()).importWorkspace(text);
    if (!parsed.ok) return parsed;
    return planImport(repo, parsed.value, mode);
  }

  async function planImport(r: Repository, parsed: ImportReport, mode: ImportMode): Promise<Result<PreparedImport>> {
    if (mode === 'replace') return ok({ mode, parsed, report: { ...parsed, renamed: [] } });
    const keys = await r.localKeys();
    if (!keys.ok) return keys;
    const plan = (await backupCode()).planMerge(parsed.workspace, keys.value);
    const kept = Object.keys(parsed.workspace.settings);
    const warnings = kept.length ? [...parsed.warnings, `the file's settings (${kept.join(', ')}) were not applied: a merge keeps your settings (choose “replace my workspace” to take them)`] : parsed.warnings;
    return ok({ mode, parsed, report: { ...parsed, workspace: plan.workspace, renamed: plan.renamed, warnings } });
  }

  /** Writes a prepared import (planned again against storage as it is now, in case it changed). */
  async function commitImport(p: PreparedImport): Promise<Result<ImportReport>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const planned = await planImport(repo, p.parsed, p.mode);
    if (!planned.ok) return planned;
    const w = await repo.importAll(planned.value.report.workspace, p.mode);
    if (!w.ok) return w;
    await reload();
    return ok(planned.value.report);
  }

  /** Imports a backup in one go (prepareImport then commitImport). */
  async function importBackup(text: string, mode: ImportMode): Promise<Result<ImportReport>> {
    const p = await prepareImport(text, mode);
    return p.ok ? commitImport(p.value) : p;
  }

  // A memo, not a function of settings(): what reads the unit system is told only when it changes,
  // not whenever any setting is written or the settings are loaded. A field whose shown value
  // depends on it (a Sweep axis) was rewritten with its stored value when the settings arrived from
  // storage, and text just typed into it was lost before it was committed.
  const units = createMemo((): UnitSystem => (settings().units === 'US' ? 'US' : 'SI'));

  async function setSetting(key: string, value: JsonValue): Promise<boolean> {
    await init;
    if (!repo) return false;
    const before = settings();
    setSettings({ ...before, [key]: value });
    const r = await repo.setSetting(key, value);
    if (!r.ok) {
      setSettings(before);
      fail(r.error.message);
    }
    return r.ok;
  }

  async function addPropellant(input: CustomPropellantInput): Promise<Result<Propellant>> {
    await init;
    if (!repo) return err('storage', 'Storage is not available.');
    const v = validateCustomPropellant(input, `custom-${newId()}`);
    if (!v.ok) return v;
    const w = await repo.putPropellant(v.value);
    if (!w.ok) return w;
    setCustomPropellants([...customPropellants(), v.value]);
    return v;
  }

  async function removePropellant(id: string): Promise<boolean> {
    await init;
    if (!repo) return false;
    const locked = readOnlyPropellantReason(id, customPropellants().find((p) => p.id === id)?.name ?? id);
    if (locked) {
      fail(locked);
      return false;
    }
    const r = await repo.deletePropellant(id);
    if (r.ok) setCustomPropellants(customPropellants().filter((p) => p.id !== id));
    else fail(r.error.message);
    return r.ok;
  }

  /** Built-in and custom propellants, with the user's cost edits applied. */
  const library = (): Propellant[] => {
    const costs = (settings().propellantCosts ?? {}) as Record<string, number>;
    return [...BUILT_IN_PROPELLANTS, ...customPropellants()].map((p) => (typeof costs[p.id] === 'number' ? { ...p, cost_per_kg: costs[p.id] } : p));
  };

  /** Sets one propellant's cost on the stored costs, so another tab's edit of another cost stays. */
  async function setPropellantCost(id: string, cost: number): Promise<boolean> {
    await init;
    if (!repo) return false;
    const withCost = (costs: unknown) => ({ ...(isRecord(costs) ? (costs as Record<string, JsonValue>) : {}), [id]: cost });
    const before = settings();
    setSettings({ ...before, propellantCosts: withCost(before.propellantCosts) });
    const r = await repo.updateSetting('propellantCosts', withCost);
    if (!r.ok) {
      setSettings(before);
      fail(r.error.message);
      return false;
    }
    setSettings({ ...settings(), propellantCosts: r.value });
    return true;
  }

  return {
    ready,
    whenReady: () => init,
    fatal,
    experiments,
    broken,
    byId,
    notice,
    dismissNotice: () => setNotice(null),
    /** Shows a message from elsewhere (a move between workspaces) where the workspace's own notices go. */
    inform: (n: Notice) => setNotice(n),
    storage,
    refreshStorage,
    requestPersistence: async () => {
      const r = await requestPersistence();
      await refreshStorage();
      return r;
    },
    settings,
    units,
    setUnits: (u: UnitSystem) => setSetting('units', u),
    setSetting,
    save,
    write,
    amend,
    /** An editor's unsaved draft of `id` (null once saved or closed), kept if another tab deletes the experiment. */
    holdDraft: (id: string, get: (() => Experiment) | null) => void (get ? drafts.set(id, get) : drafts.delete(id)),
    conflicts,
    resolveConflict,
    staleApp,
    update,
    createFromTemplate,
    createFromOwnTemplate,
    saveNew,
    duplicate,
    remove,
    deleteStored,
    resultsOf,
    saveModel,
    datasetOf,
    modelsOf,
    modelById,
    exportBackup,
    exportOne,
    prepareImport,
    commitImport,
    importBackup,
    customPropellants,
    library,
    addPropellant,
    removePropellant,
    setPropellantCost,
    reload,
  };
}

export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>;

let store: WorkspaceStore | null = null;

/** The app's workspace store, created on first use and kept for the session. */
export function workspace(): WorkspaceStore {
  store ??= createRoot(() => createWorkspaceStore());
  return store;
}

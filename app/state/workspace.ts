// The user's workspace: experiments, custom propellants and settings, kept in IndexedDB through
// app/data and mirrored in signals for the UI. Edits are optimistic and roll back when the write
// fails (the failure becomes a visible message); other tabs' writes reload the lists.
import { createRoot, createSignal, batch } from 'solid-js';
import { openRfoDb, createRepository, estimateStorage, requestPersistence, type Repository, type DeletedSnapshot, type StorageEstimate } from '../data/db.ts';
import { restoreModelDoc, type ModelDoc } from '../domain/ml-model.ts';
import { withModelStudy } from '../domain/model-study.ts';
import { restoreDataset, withDataset, type LearnDataset } from '../domain/learn-dataset.ts';
import { duplicateExperiment, newId, type Experiment, type UnitSystem } from '../domain/experiment.ts';
import { experimentFromTemplate, type Template } from '../domain/templates.ts';
import { exportWorkspace, exportExperimentFile, importWorkspace, planMerge, type ImportReport, type StoredModel, type StoredResult } from '../domain/backup.ts';
import { validateCustomPropellant, BUILT_IN_PROPELLANTS, type CustomPropellantInput, type Propellant } from '../domain/propellants.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { JsonValue } from '../domain/json-clean.ts';

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

export function createWorkspaceStore(openDb: typeof openRfoDb = openRfoDb) {
  const [ready, setReady] = createSignal(false);
  const [fatal, setFatal] = createSignal<string | null>(null);
  const [experiments, setExperiments] = createSignal<Experiment[]>([]);
  const [broken, setBroken] = createSignal<{ id: string; message: string }[]>([]);
  const [customPropellants, setCustomPropellants] = createSignal<Propellant[]>([]);
  const [settings, setSettings] = createSignal<Record<string, JsonValue>>({});
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [storage, setStorage] = createSignal<StorageEstimate | null>(null);
  let repo: Repository | null = null;

  const fail = (message: string) => setNotice({ kind: 'error', text: message });

  async function reload() {
    if (!repo) return;
    const [ex, pr, st] = await Promise.all([repo.listExperiments(), repo.listPropellants(), repo.getSettings()]);
    batch(() => {
      if (ex.ok) {
        setExperiments(ex.value.experiments);
        setBroken(ex.value.broken);
      } else fail(ex.error.message);
      if (pr.ok) setCustomPropellants(pr.value);
      if (st.ok) setSettings(st.value);
    });
  }

  const init = (async () => {
    const db = await openDb(undefined, () => setFatal('A newer version of the app is open in another tab. Reload this tab to continue.'));
    if (!db.ok) {
      setFatal(db.error.message);
      return;
    }
    repo = createRepository(db.value);
    repo.bus.subscribe(() => void reload());
    await reload();
    setReady(true);
    void requestPersistence().then(() => refreshStorage());
  })();

  async function refreshStorage() {
    setStorage(await estimateStorage());
  }

  /** Applies a local change now, writes it, and undoes the local change when the write fails. */
  async function optimistic(next: Experiment[], write: (r: Repository) => Promise<Result<unknown>>): Promise<boolean> {
    await init;
    if (!repo) return false;
    const before = experiments();
    setExperiments(next);
    const r = await write(repo);
    if (!r.ok) {
      setExperiments(before);
      fail(r.error.message);
      return false;
    }
    return true;
  }

  const byId = (id: string) => experiments().find((e) => e.id === id);

  async function save(e: Experiment, results: StoredResult[] = [], models: StoredModel[] = []): Promise<boolean> {
    const doc = { ...e, updatedAt: now() };
    const list = experiments();
    const next = list.some((x) => x.id === e.id) ? list.map((x) => (x.id === e.id ? doc : x)) : [doc, ...list];
    return optimistic(next, (r) => r.saveExperiment(doc, results, models));
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
      const d = withDataset(target, data.dataset, when);
      e = d.experiment;
      datasetStudyId = d.studyId;
      results.push(d.result);
    }
    e = withModelStudy(e, doc, id, when, datasetStudyId);
    return (await save(e, results, [stored])) ? e : null;
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
    return restoreDataset(r.value);
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
    return (await save(e)) ? e : null;
  }

  /** A user's experiment used as a template: a copy named after it, not marked as a template. */
  async function createFromOwnTemplate(src: Experiment): Promise<Experiment | null> {
    const e = duplicateExperiment(src);
    e.name = src.name;
    return (await save(e)) ? e : null;
  }

  async function saveNew(e: Experiment): Promise<Experiment | null> {
    const doc = { ...e, id: newId(), createdAt: now(), isTemplate: false };
    return (await save(doc)) ? doc : null;
  }

  async function duplicate(id: string): Promise<Experiment | null> {
    const e = byId(id);
    if (!e) return null;
    const d = duplicateExperiment(e);
    return (await save(d)) ? d : null;
  }

  async function remove(id: string): Promise<boolean> {
    await init;
    if (!repo) return false;
    const e = byId(id);
    if (!e) return false;
    const before = experiments();
    setExperiments(before.filter((x) => x.id !== id));
    const r = await repo.deleteExperiment(id);
    if (!r.ok) {
      setExperiments(before);
      fail(r.error.message);
      return false;
    }
    const snap = r.value;
    setNotice({ kind: 'info', text: `Deleted “${e.name}”.`, undo: snap ? () => void undoDelete(snap) : undefined });
    return true;
  }

  async function undoDelete(snap: DeletedSnapshot) {
    setNotice(null);
    await optimistic([snap.experiment, ...experiments().filter((x) => x.id !== snap.experiment.id)], (r) => r.restoreSnapshot(snap));
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
    return ws.ok ? ok(exportWorkspace(ws.value, now())) : ws;
  }

  async function exportOne(id: string): Promise<Result<string>> {
    const e = byId(id);
    if (!e) return err('missing', 'No such experiment.');
    await init;
    const models = repo ? await repo.modelsOf(id) : err('storage', 'Storage is not available.');
    if (!models.ok) return models;
    // as in a whole backup, an unreadable model stays out of the file (it would refuse to import)
    const readable = models.value.filter((m) => readModel(m).ok);
    return ok(exportExperimentFile(e, await resultsOf(id), readable, now()));
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
    const parsed = importWorkspace(text);
    if (!parsed.ok) return parsed;
    return planImport(repo, parsed.value, mode);
  }

  async function planImport(r: Repository, parsed: ImportReport, mode: ImportMode): Promise<Result<PreparedImport>> {
    if (mode === 'replace') return ok({ mode, parsed, report: { ...parsed, renamed: [] } });
    const keys = await r.localKeys();
    if (!keys.ok) return keys;
    const plan = planMerge(parsed.workspace, keys.value);
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

  const units = (): UnitSystem => (settings().units === 'US' ? 'US' : 'SI');

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

  async function setPropellantCost(id: string, cost: number): Promise<boolean> {
    const costs = { ...((settings().propellantCosts ?? {}) as Record<string, number>), [id]: cost };
    return setSetting('propellantCosts', costs);
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
    update,
    createFromTemplate,
    createFromOwnTemplate,
    saveNew,
    duplicate,
    remove,
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

// Merging a backup never writes over local work (issue 11, item 5): every imported record whose
// key exists locally — experiment, result, model or propellant, even one that belongs to another
// experiment — is stored under a new key with the references inside the file following it;
// duplicate ids inside one file are reported; imported settings are checked, and a merge leaves
// the local ones alone.
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { exportWorkspace, importWorkspace, planMerge, restoreSettings, NO_LOCAL_KEYS, type StoredModel, type StoredResult, type Workspace } from '../../app/domain/backup.ts';
import { restoreExperiment, type Experiment } from '../../app/domain/experiment.ts';
import { modelStudy } from '../../app/domain/model-study.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import type { JsonValue } from '../../app/domain/json-clean.ts';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { openRfoDb, createRepository, createChangeBus } from '../../app/data/db.ts';
import { tinyModelDoc } from './support/model-doc.ts';

const AT = '2025-03-01T10:00:00.000Z';

function experiment(id: string, name: string, studies: unknown[] = []): Experiment {
  const made = experimentFromTemplate(TEMPLATES[0], 'SI', { now: () => AT, newId: () => id });
  const r = restoreExperiment({ ...made, name, studies });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const pointStudy = (id: string, resultsRef: string) => ({ id, kind: 'point', spec: {}, seed: 1, status: 'done', resultsRef, updatedAt: AT });
const result = (id: string, experimentId: string, studyId: string, values: number[]): StoredResult => ({ id, experimentId, studyId, createdAt: AT, columns: { isp_m_s: new Float64Array(values) }, meta: { kind: 'point' } });
const model = (id: string, experimentId: string, seed: number): StoredModel => ({ id, experimentId, name: `model ${seed}`, createdAt: AT, meta: tinyModelDoc(seed) as unknown as Record<string, JsonValue>, weights: new ArrayBuffer(0) });

let n = 0;
async function store() {
  const name = `merge-${++n}-${Date.now()}`;
  const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking)));
  await ws.whenReady();
  return ws;
}
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
type Store = Awaited<ReturnType<typeof store>>;

/** Everything a workspace store keeps, read back from storage (columns as plain arrays). */
async function snapshot(ws: Store) {
  const text = must(await ws.exportBackup());
  const f = JSON.parse(text);
  return { experiments: f.experiments, results: f.results, models: f.models, propellants: f.propellants, settings: f.settings };
}

/** Local: experiment "mine" with result r1 and model m1, a custom propellant, units SI. */
async function localWorkspace() {
  const ws = await store();
  const mine = experiment('mine', 'My engine', [pointStudy('s1', 'r1'), modelStudy(tinyModelDoc(1), 'm1', AT, 's-m')]);
  must(await ws.importBackup(exportWorkspace({ experiments: [mine], results: [result('r1', 'mine', 's1', [3000, 3100])], models: [model('m1', 'mine', 1)], propellants: [], settings: {} }, AT), 'replace'));
  must(await ws.addPropellant({ name: 'My fuel', role: 'fuel', formula: { C: 1, H: 4 }, enthalpy_J_mol: -74600, density_kg_m3: 420, storageT_K: 111, cost_per_kg: 1, notes: '', hazards: [] }));
  expect(await ws.setUnits('SI')).toBe(true);
  return ws;
}

/** A file from elsewhere: experiment "theirs" whose result and model reuse the local keys r1 and m1, and a propellant with the local propellant's id. */
function theirFile(localPropellantId: string, settings: Record<string, JsonValue> = { units: 'US' }) {
  const theirs = experiment('theirs', 'Their engine', [pointStudy('s1', 'r1'), modelStudy(tinyModelDoc(2), 'm1', AT, 's-m')]);
  const f = JSON.parse(exportWorkspace({ experiments: [theirs], results: [result('r1', 'theirs', 's1', [2500])], models: [model('m1', 'theirs', 2)], propellants: [], settings }, AT));
  f.propellants = [{ id: localPropellantId, name: 'Their fuel', role: 'fuel', components: [{ name: 'Their fuel', massFraction: 1, formula: { C: 2, H: 6 }, enthalpy_J_mol: -84000 }], density_kg_m3: 550, storageT_K: 185, cost_per_kg: 2, hazards: [], notes: '', source: 'user', builtIn: false }];
  return JSON.stringify(f);
}

describe('workspace store: merging a backup whose ids collide with local records', () => {
  it('leaves every local record as it was and stores the imported ones under new keys, their references following', async () => {
    const ws = await localWorkspace();
    const propId = ws.customPropellants()[0].id;
    const before = await snapshot(ws);
    const r = must(await ws.importBackup(theirFile(propId), 'merge'));

    const after = await snapshot(ws);
    // every local record is still there, byte for byte
    for (const k of ['experiments', 'results', 'models', 'propellants'] as const) {
      for (const x of before[k]) expect(after[k].find((y: { id: string }) => y.id === x.id)).toEqual(x);
    }
    expect(after.settings).toEqual(before.settings);
    expect(ws.settings().units).toBe('SI');

    // the imported records are all there, under keys of their own
    expect(after.experiments).toHaveLength(2);
    expect(after.results).toHaveLength(2);
    expect(after.models).toHaveLength(2);
    expect(after.propellants).toHaveLength(2);
    const theirs = ws.byId('theirs')!;
    expect(theirs.name).toBe('Their engine');
    const ref = theirs.studies.find((s) => s.kind === 'point')!.resultsRef!;
    const modelRef = theirs.studies.find((s) => s.kind === 'model')!.resultsRef!;
    expect(ref).not.toBe('r1');
    expect(modelRef).not.toBe('m1');
    const theirResult = (await ws.resultsOf('theirs')).find((x) => x.id === ref)!;
    expect(Array.from(theirResult.columns.isp_m_s)).toEqual([2500]);
    const theirModels = must(await ws.modelsOf('theirs'));
    expect(theirModels.models.map((m) => [m.id, m.doc])).toEqual([[modelRef, tinyModelDoc(2)]]);
    expect((await ws.resultsOf('mine')).map((x) => [x.id, Array.from(x.columns.isp_m_s)])).toEqual([['r1', [3000, 3100]]]);
    expect(must(await ws.modelsOf('mine')).models.map((m) => [m.id, m.doc])).toEqual([['m1', tinyModelDoc(1)]]);
    expect(ws.customPropellants().map((p) => p.name).sort()).toEqual(['My fuel', 'Their fuel']);
    expect(ws.customPropellants().find((p) => p.id === propId)!.name).toBe('My fuel');

    // and the report says what was re-keyed and that the settings were not taken
    expect(r.renamed).toEqual([
      'result "r1" of “Their engine”: the id is already used here by another record, so it was stored under a new id',
      'model "m1" of “Their engine”: the id is already used here by another record, so it was stored under a new id',
      `propellant “Their fuel”: id ${JSON.stringify(propId)} is already used here, so it was added under a new id`,
    ]);
    expect(r.warnings).toEqual(['the file\'s settings (units) were not applied: a merge keeps your settings (choose “replace my workspace” to take them)']);
  });

  it('prepareImport writes nothing: a cancelled import leaves storage as it was', async () => {
    const ws = await localWorkspace();
    const before = await snapshot(ws);
    const p = must(await ws.prepareImport(theirFile(ws.customPropellants()[0].id), 'merge'));
    expect(p.report.renamed).toHaveLength(3);
    expect(await snapshot(ws)).toEqual(before);
    // committed later, it is planned again against storage as it is then
    const r = must(await ws.commitImport(p));
    expect(r.workspace.results.map((x) => x.id)).not.toContain('r1');
    expect((await snapshot(ws)).results).toHaveLength(2);
  });
});

describe('planMerge', () => {
  it('re-keys a result and a model that collide locally although their experiment does not, and the studies follow', () => {
    const e = experiment('e9', 'Imported', [pointStudy('s1', 'r1'), pointStudy('s2', 'r2'), modelStudy(tinyModelDoc(3), 'm1', AT, 's-m')]);
    const ws: Workspace = { experiments: [e], results: [result('r1', 'e9', 's1', [1]), result('r2', 'e9', 's2', [2])], models: [model('m1', 'e9', 3)], propellants: [], settings: { units: 'US' } };
    let k = 0;
    const { workspace: out, renamed } = planMerge(ws, { ...NO_LOCAL_KEYS, results: new Set(['r1', 'm1']), models: new Set(['m1']) }, () => `k${++k}`);
    expect(out.experiments[0].id).toBe('e9');
    expect(out.results.map((r) => [r.id, r.experimentId])).toEqual([['k1', 'e9'], ['r2', 'e9']]);
    expect(out.models.map((m) => [m.id, m.experimentId])).toEqual([['k2', 'e9']]);
    expect(out.experiments[0].studies.map((s) => s.resultsRef)).toEqual(['k1', 'r2', 'k2']);
    expect(out.settings).toEqual({});
    expect(renamed).toHaveLength(2);
    expect(ws.results[0].id).toBe('r1'); // the input is left as it was
  });

  it('a model study follows the model, not a result with the same key', () => {
    const e = experiment('e1', 'Both', [pointStudy('s1', 'x'), modelStudy(tinyModelDoc(3), 'x', AT, 's-m')]);
    const ws: Workspace = { experiments: [e], results: [result('x', 'e1', 's1', [1])], models: [model('x', 'e1', 3)], propellants: [], settings: {} };
    let k = 0;
    const { workspace: out } = planMerge(ws, { ...NO_LOCAL_KEYS, models: new Set(['x']) }, () => `k${++k}`);
    expect(out.results[0].id).toBe('x');
    expect(out.models[0].id).toBe('k1');
    expect(out.experiments[0].studies.map((s) => [s.kind, s.resultsRef])).toEqual([['point', 'x'], ['model', 'k1']]);
  });

  it('never hands out a key that is used locally, even when the id source repeats one', () => {
    const ws: Workspace = { experiments: [experiment('a', 'A')], results: [], models: [], propellants: [], settings: {} };
    const ids = ['a', 'b', 'c'];
    const { workspace: out } = planMerge(ws, { ...NO_LOCAL_KEYS, experiments: new Set(['a', 'b']) }, () => ids.shift()!);
    expect(out.experiments[0].id).toBe('c');
  });
});

describe('importWorkspace: duplicate ids inside one file', () => {
  it('reports and leaves out a second experiment, result or propellant with the id of an earlier one', () => {
    const a = experiment('dup', 'First', [pointStudy('s1', 'r1')]);
    const b = experiment('dup', 'Second');
    const f = JSON.parse(exportWorkspace({ experiments: [a, b], results: [result('r1', 'dup', 's1', [1]), result('r1', 'dup', 's1', [2])], models: [], propellants: [], settings: {} }, AT));
    const prop = { id: 'custom-1', name: 'P', role: 'fuel', components: [{ name: 'P', massFraction: 1, formula: { C: 1, H: 4 }, enthalpy_J_mol: -74600 }], density_kg_m3: 420, storageT_K: 111, cost_per_kg: 1, hazards: [], notes: '', source: 'user', builtIn: false };
    f.propellants = [prop, { ...prop, name: 'Q' }];
    const r = must(importWorkspace(JSON.stringify(f)));
    expect(r.workspace.experiments.map((e) => e.name)).toEqual(['First']);
    expect(r.workspace.results.map((x) => Array.from(x.columns.isp_m_s))).toEqual([[1]]);
    expect(r.workspace.propellants.map((p) => p.name)).toEqual(['P']);
    expect(r.skipped).toEqual([
      'experiment 2 (“Second”): id "dup" is used by experiment 1 in the file too; only the first was imported',
      'result 2: id "r1" is used by result 1 in the file too; only the first was imported',
      'propellant 2 (“Q”): id "custom-1" is used by propellant 1 in the file too; only the first was imported',
    ]);
  });
});

describe('restoreSettings', () => {
  it('keeps valid known settings and unknown ones, and drops bad known ones with a warning naming the key and the value', () => {
    const r = restoreSettings({ units: 'metric', mlBackend: 'cpu', propellantCosts: { lox: 0.2, rp1: -3, x: 'free' }, design: 42, futureThing: { a: 1 } });
    expect(r.value).toEqual({ mlBackend: 'cpu', propellantCosts: { lox: 0.2 }, futureThing: { a: 1 } });
    expect(r.warnings).toEqual([
      'setting units: must be "SI" or "US" (got "metric"); not imported',
      'setting propellantCosts.rp1: cost per kg must be a number from 0 to 1e9 (got -3); not imported',
      'setting propellantCosts.x: cost per kg must be a number from 0 to 1e9 (got "free"); not imported',
      'setting design: is not a saved design point (got 42); not imported',
    ]);
    expect(restoreSettings([1, 2]).warnings).toEqual(['settings must be an object (got [1,2]); none were imported']);
    expect(restoreSettings(undefined)).toEqual({ value: {}, warnings: [] });
  });

  it('a replacing import takes only the valid settings', async () => {
    const ws = await store();
    const r = must(await ws.importBackup(exportWorkspace({ experiments: [], results: [], models: [], propellants: [], settings: { units: 'US', mlBackend: 'quantum' } }, AT), 'replace'));
    expect(r.warnings).toEqual(['setting mlBackend: must be one of "auto", "webgpu", "webgl", "cpu" (got "quantum"); not imported']);
    expect(ws.settings()).toEqual({ units: 'US' });
  });
});

describe('repository: a merge write only adds', () => {
  it('a record whose key exists fails the whole write and changes nothing', async () => {
    const db = await openRfoDb(`merge-repo-${++n}`);
    if (!db.ok) throw new Error(db.error.message);
    const repo = createRepository(db.value, createChangeBus(`merge-ch-${n}`));
    must(await repo.importAll({ experiments: [experiment('mine', 'Mine', [pointStudy('s1', 'r1')])], results: [result('r1', 'mine', 's1', [1])], models: [], propellants: [], settings: { units: 'SI' } }, 'replace'));
    const r = await repo.importAll({ experiments: [experiment('theirs', 'Theirs')], results: [result('r1', 'theirs', 's1', [2])], models: [], propellants: [], settings: { units: 'US' } }, 'merge');
    expect(!r.ok && r.error.code).toBe('conflict');
    expect(must(await repo.getExperiment('theirs'))).toBeNull();
    const kept = must(await repo.getResult('r1'))!;
    expect([kept.experimentId, Array.from(kept.columns.isp_m_s)]).toEqual(['mine', [1]]);
    expect(must(await repo.getSettings())).toEqual({ units: 'SI' });
    expect(must(await repo.localKeys())).toEqual({ experiments: new Set(['mine']), results: new Set(['r1']), models: new Set(), propellants: new Set() });
    repo.bus.close();
    repo.db.close();
  });
});

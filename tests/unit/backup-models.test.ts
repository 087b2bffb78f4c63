// Trained models in workspace backups (format 2): a format-1 file (fixture) still imports through
// the migration, with no models; a backup with a model round-trips exactly, weights included; a
// bad model record refuses the whole file with a message naming the field and the value, and the
// store writes nothing; merging a backup into the workspace it came from copies, never overwrites.
import 'fake-indexeddb/auto';
import { tinyModelDoc } from './support/model-doc.ts';
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRoot } from 'solid-js';
import { exportWorkspace, importWorkspace, planMerge, NO_LOCAL_KEYS, WORKSPACE_VERSION, type StoredModel, type Workspace } from '../../app/domain/backup.ts';
import type { ModelDoc } from '../../app/domain/ml-model.ts';
import { modelStudy } from '../../app/domain/model-study.ts';
import { restoreExperiment } from '../../app/domain/experiment.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import type { JsonValue } from '../../app/domain/json-clean.ts';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { openRfoDb, createRepository, createChangeBus } from '../../app/data/db.ts';

const fixtureText = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const AT = '2025-02-01T12:00:00.000Z';

/** A two-member efficiency model with seeded weights, its training range recorded. */
const tinyModel = (): ModelDoc => tinyModelDoc(5, 'efficiency', { inputRanges: [{ min: 1.5, max: 3.5 }, { min: 5e6, max: 8.85e6 }, { min: 40, max: 40 }] });

/** One experiment with a model study, and the model it points at (`m1`, packed weights included). */
function workspaceWithModel(): Workspace {
  const doc = tinyModel();
  const made = experimentFromTemplate(TEMPLATES[1], 'SI', { now: () => AT, newId: () => 'e1' });
  // through restoreExperiment, so the study's fields are in the order every read gives them
  const r = restoreExperiment({ ...made, studies: [modelStudy(doc, 'm1', AT, 's-m1')] });
  if (!r.ok) throw new Error(r.error.message);
  const e = r.value;
  const weights = new Float32Array([0.5, -0, NaN, 1e-40]).buffer;
  const model: StoredModel = { id: 'm1', experimentId: 'e1', name: doc.name, createdAt: AT, meta: doc as unknown as Record<string, JsonValue>, weights };
  return { experiments: [e], results: [], models: [model], propellants: [], settings: { units: 'SI' } };
}

/** The file of workspaceWithModel as JSON, for editing one field. */
const fileJson = () => JSON.parse(exportWorkspace(workspaceWithModel(), AT));
const refused = (file: unknown) => {
  const r = importWorkspace(JSON.stringify(file));
  if (r.ok) throw new Error('the file was accepted');
  return r.error;
};

describe('workspace backup: format migration', () => {
  it('imports the format-1 fixture through the migration, with no models and a warning for its model study', () => {
    const text = fixtureText('workspace-v1.json');
    expect(JSON.parse(text).version).toBe(1);
    const r = importWorkspace(text);
    if (!r.ok) throw new Error(r.error.message);
    const ws = r.value.workspace;
    expect(ws.experiments.map((e) => e.id)).toEqual(['exp-ws-v1']);
    expect(ws.experiments[0].studies.map((s) => [s.id, s.kind, s.resultsRef])).toEqual([['s-point', 'point', 'res-ws-v1'], ['s-model', 'model', 'model-ws-v1']]);
    expect(ws.models).toEqual([]);
    expect(ws.results.map((x) => x.id)).toEqual(['res-ws-v1']);
    const of = ws.results[0].columns.of;
    expect(of).toBeInstanceOf(Float64Array);
    expect(Array.from(of)).toEqual([2.2, 2.6, -0]);
    expect(Object.is(of[2], -0)).toBe(true);
    expect(Array.from(ws.results[0].columns.ispVac_m_s)).toEqual([3290.5, 3304.25]);
    expect(ws.propellants.map((p) => p.id)).toEqual(['custom-paraffin']);
    expect(ws.settings).toEqual({ units: 'SI' });
    expect(r.value.skipped).toEqual([]);
    expect(r.value.warnings).toEqual(['LOX/RP-1 booster: model study s-model has no model in the file (backup format 1 did not carry models)']);
  });

  it('writes the current format, which reads back the same', () => {
    const r = importWorkspace(fixtureText('workspace-v1.json'));
    if (!r.ok) throw new Error(r.error.message);
    const again = exportWorkspace(r.value.workspace, AT);
    const raw = JSON.parse(again);
    expect(WORKSPACE_VERSION).toBe(2);
    expect([raw.version, raw.models]).toEqual([2, []]);
    const back = importWorkspace(again);
    expect(back.ok && back.value.workspace).toEqual(r.value.workspace);
  });
});

describe('workspace backup: models', () => {
  it('round-trips a model exactly: its document, its packed weights bit for bit, and the file text', () => {
    const ws = workspaceWithModel();
    const text = exportWorkspace(ws, AT);
    const r = importWorkspace(text);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.skipped).toEqual([]);
    expect(r.value.warnings).toEqual([]);
    expect(r.value.workspace).toEqual(ws);
    const [a, b] = [ws.models[0], r.value.workspace.models[0]];
    expect(Array.from(new Uint8Array(b.weights))).toEqual(Array.from(new Uint8Array(a.weights)));
    expect(b.weights.byteLength).toBe(16);
    const W = (m: StoredModel) => (m.meta as unknown as ModelDoc).members.flatMap((x) => x.layers.flatMap((l) => [...l.W, ...l.b]));
    expect(W(b).length).toBe(2 * (12 + 4 + 4 + 1));
    expect(W(b).every((v, i) => Object.is(v, W(a)[i]))).toBe(true);
    expect(exportWorkspace(r.value.workspace, AT)).toBe(text);
  });

  it('refuses a model whose document is bad, naming the field in the file and its value', () => {
    const f = fileJson();
    f.models[0].meta.residualStd = [0.004, 1];
    expect(refused(f)).toEqual({
      code: 'bad-model',
      message: 'model 1 (“efficiency from firings.csv”): residualStd must hold 1 numbers (field models.0.meta.residualStd, got [0.004,1])',
      field: 'models.0.meta.residualStd',
    });
    const g = fileJson();
    g.models[0].meta.idealBasis = 'sea level';
    expect(refused(g).message).toBe('model 1 (“efficiency from firings.csv”): idealBasis must be "vacuum" or "ambient" (got "sea level") (field models.0.meta.idealBasis)');
    const h = fileJson();
    h.models[0].meta.members[1].layers[0].b = [1, 2, 3];
    const e = refused(h);
    expect(e.field).toBe('models.0.meta.members.1.layers.0');
    expect(e.message).toMatch(/^model 1 \(“efficiency from firings\.csv”\): member 1, layer 0: weights must be 3×4 finite numbers plus 4 biases \(field models\.0\.meta\.members\.1\.layers\.0, got \{"W":\[[^)]*…\)$/);
    const k = fileJson();
    k.models[0].meta.inputRanges[2] = { min: 40, max: 12 };
    expect(refused(k).message).toBe('model 1 (“efficiency from firings.csv”): inputRanges.2 must have a finite min ≤ max (got {"min":40,"max":12}) (field models.0.meta.inputRanges.2)');
  });

  it('refuses a bad model record field by field, with the value', () => {
    const cases: [string, unknown, string][] = [
      ['experimentId', 42, 'model 1: experimentId must be non-empty text (got 42)'],
      ['id', '', 'model 1: id must be non-empty text (got "")'],
      ['createdAt', 'last Tuesday', 'model 1: createdAt must be an ISO date (got "last Tuesday")'],
      ['weights', 'not base64!', 'model 1: weights must be base64url text (got "not base64!")'],
      ['name', ['a'], 'model 1: name must be text (got ["a"])'],
    ];
    for (const [field, value, message] of cases) {
      const f = fileJson();
      f.models[0][field] = value;
      expect(refused(f)).toEqual({ code: 'bad-model', message, field: `models.0.${field}` });
    }
    const g = fileJson();
    g.models.push(7);
    expect(refused(g)).toEqual({ code: 'bad-model', message: 'model 2 must be an object (got 7)', field: 'models.1' });
    const h = fileJson();
    h.models.push({ ...h.models[0] });
    expect(refused(h)).toEqual({ code: 'bad-model', message: 'model 2: id "m1" is used by another model in the file', field: 'models.1.id' });
    const k = fileJson();
    k.models = { m1: k.models[0] };
    expect(refused(k)).toEqual({ code: 'bad-model', message: 'models must be a list (got {"m1":{"id":"m1","experimentId":"e1","name":"efficiency fro…)', field: 'models' });
  });

  it('skips, with the reason, a model whose experiment is not in the file', () => {
    const f = fileJson();
    f.models[0].experimentId = 'gone';
    const r = importWorkspace(JSON.stringify(f));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.workspace.models).toEqual([]);
    expect(r.value.skipped).toEqual(['model “efficiency from firings.csv”: its experiment is not in the file']);
    expect(r.value.warnings).toEqual(['LOX/RP-1 booster: model study s-m1 has no model in the file']);
    // a file without the list at all (edited by hand) reads the same way, with no models
    const { models: _m, ...g } = fileJson();
    const r2 = importWorkspace(JSON.stringify(g));
    expect(r2.ok && [r2.value.workspace.models, r2.value.warnings]).toEqual([[], ['LOX/RP-1 booster: model study s-m1 has no model in the file']]);
  });
});

describe('planMerge (merging never overwrites)', () => {
  it('copies a colliding experiment with its results and models under new keys, its studies pointing at them', () => {
    const ws = workspaceWithModel();
    const other = experimentFromTemplate(TEMPLATES[0], 'SI', { now: () => AT, newId: () => 'e2' });
    ws.experiments.push(other);
    ws.results.push({ id: 'r1', experimentId: 'e1', studyId: 's-p', createdAt: AT, columns: {}, meta: {} }, { id: 'r2', experimentId: 'e2', studyId: 's-q', createdAt: AT, columns: {}, meta: {} });
    ws.experiments[0].studies.push({ id: 's-p', kind: 'point', spec: {}, seed: 1, status: 'done', resultsRef: 'r1', updatedAt: AT });
    let k = 0;
    const out = planMerge(ws, { ...NO_LOCAL_KEYS, experiments: new Set(['e1']) }, () => `new${++k}`).workspace;
    // e1 → new1; then its result r1 → new2, its model m1 → new3
    expect(out.experiments.map((e) => e.id)).toEqual(['new1', 'e2']);
    expect(out.results.map((r) => [r.id, r.experimentId])).toEqual([['new2', 'new1'], ['r2', 'e2']]);
    expect(out.models.map((m) => [m.id, m.experimentId])).toEqual([['new3', 'new1']]);
    expect(out.experiments[0].studies.map((s) => [s.id, s.resultsRef])).toEqual([['s-m1', 'new3'], ['s-p', 'new2']]);
    expect(out.experiments[1]).toBe(ws.experiments[1]);
    // the input is left as it was
    expect(ws.experiments[0].id).toBe('e1');
    expect(ws.models[0].id).toBe('m1');
  });
});

let n = 0;
const storeOn = async (name: string) => {
  const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking)));
  await ws.whenReady();
  return ws;
};
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('workspace store: backups with models', () => {
  it('a backup with a trained model imports into an empty workspace and lists the model again', async () => {
    const a = await storeOn(`bk-${++n}`);
    const target = (await a.createFromTemplate(TEMPLATES[1]))!;
    const doc = tinyModel();
    const saved = (await a.saveModel(doc, target))!;
    const modelId = saved.studies[0].resultsRef!;
    const text = must(await a.exportBackup());
    expect(JSON.parse(text).models.map((m: StoredModel) => m.id)).toEqual([modelId]);

    const b = await storeOn(`bk-${++n}`);
    const r = must(await b.importBackup(text, 'replace'));
    expect(r.workspace.models.map((m) => m.id)).toEqual([modelId]);
    const list = must(await b.modelsOf(target.id));
    expect(list.broken).toEqual([]);
    expect(list.models.map((m) => m.id)).toEqual([modelId]);
    expect(list.models[0].doc).toEqual(doc);
    expect(b.byId(target.id)!.studies[0].resultsRef).toBe(modelId);
    // and one experiment's own file carries its model too
    const one = importWorkspace(must(await b.exportOne(target.id)));
    expect(one.ok && one.value.workspace.models.map((m) => m.id)).toEqual([modelId]);
  });

  it('merging a backup into the workspace it came from adds a copy with its own model, and keeps the original', async () => {
    const a = await storeOn(`bk-${++n}`);
    const target = (await a.createFromTemplate(TEMPLATES[1]))!;
    const modelId = (await a.saveModel(tinyModel(), target))!.studies[0].resultsRef!;
    must(await a.importBackup(must(await a.exportBackup()), 'merge'));
    expect(a.experiments()).toHaveLength(2);
    const copy = a.experiments().find((e) => e.id !== target.id)!;
    const mine = must(await a.modelsOf(target.id)).models.map((m) => m.id);
    const theirs = must(await a.modelsOf(copy.id)).models.map((m) => m.id);
    expect(mine).toEqual([modelId]);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).not.toBe(modelId);
    expect(copy.studies[0].resultsRef).toBe(theirs[0]);
  });

  it('a file with a bad model record changes nothing', async () => {
    const b = await storeOn(`bk-${++n}`);
    const local = (await b.createFromTemplate(TEMPLATES[0]))!;
    const f = fileJson();
    f.models[0].meta.xScalers[1].std = -1;
    const r = await b.importBackup(JSON.stringify(f), 'replace');
    expect(!r.ok && r.error.message).toBe('model 1 (“efficiency from firings.csv”): xScalers must hold 3 scalers with a finite mean and a positive std (field models.0.meta.xScalers, got [{"log":false,"mean":2.5,"std":0.6},{"log":true,"mean":15.4…)');
    await b.reload();
    expect(b.experiments().map((e) => e.id)).toEqual([local.id]);
    expect(must(await b.modelsOf('e1')).models).toEqual([]);
  });

  it('writes a backup in one transaction: a model that cannot be stored leaves every store as it was', async () => {
    const db = await openRfoDb(`bk-${++n}`);
    if (!db.ok) throw new Error(db.error.message);
    const repo = createRepository(db.value, createChangeBus(`bk-ch-${n}`));
    const ws = workspaceWithModel();
    ws.models[0] = { ...ws.models[0], meta: { f: (() => 1) as unknown as number } };
    const r = await repo.importAll(ws, 'merge');
    expect(r.ok).toBe(false);
    expect(must(await repo.getExperiment('e1'))).toBeNull();
    expect(must(await repo.getSettings())).toEqual({});
    repo.bus.close();
    repo.db.close();
  });
});

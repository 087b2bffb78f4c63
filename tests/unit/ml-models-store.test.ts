// Trained models kept with their experiment: the model study and the model document written in one
// transaction, listed and read back through restoreModelDoc after a restart, deleted (and undone)
// with the experiment; model files checked with errors that name the field.
import 'fake-indexeddb/auto';
import { tinyModelDoc } from './support/model-doc.ts';
import { describe, it, expect, beforeAll } from 'vitest';
import { createRoot } from 'solid-js';
import * as tf from '@tensorflow/tfjs';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { openRfoDb, createRepository, createChangeBus } from '../../app/data/db.ts';
import { TEMPLATES, experimentFromTemplate } from '../../app/domain/templates.ts';
import { restoreModelDoc, type ModelDoc } from '../../app/domain/ml-model.ts';
import { parseModelFile, predictionRequest, studyModelSpec } from '../../app/domain/model-study.ts';
import { readFileSync } from 'node:fs';
import { predict } from '../../workers/ml/api.ts';

/** A small two-member model with seeded weights and held-out figures. */
const tinyModel = (kind: ModelDoc['kind'] = 'efficiency'): ModelDoc =>
  tinyModelDoc(11, kind, { metrics: [{ n: 6, r2: 0.981, rmse: 14.5, maxAbsError: 30.1, maxRelError: 0.0102, coverage95: 1 }] });

let n = 0;
const dbName = () => `models-${++n}`;
const storeOn = async (name: string) => {
  const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking)));
  await ws.whenReady();
  return ws;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('models saved with their experiment', () => {
  it('adds a model study and the document together; both read back after a restart and predict the same', async () => {
    const name = dbName();
    const ws = await storeOn(name);
    const target = (await ws.createFromTemplate(TEMPLATES[0]))!;
    const doc = tinyModel();
    const saved = await ws.saveModel(doc, target);
    expect(saved).not.toBeNull();

    const again = await storeOn(name);
    const e = again.byId(target.id)!;
    const study = e.studies.find((s) => s.kind === 'model')!;
    expect(study.status).toBe('done');
    expect(study.seed).toBe(7);
    expect(study.summary).toEqual({ nTrain: 24, heldOutR2: 0.981, heldOutRmse_m_s: 14.5, heldOutMaxRelError: 0.0102, heldOutCount: 6 });
    expect(studyModelSpec(study)).toMatchObject({ kind: 'efficiency', inputs: ['O/F', 'pc', 'eps'], outputs: ['Isp'], members: 2, hyper: { hidden: [4], lr: 0.01 } });

    const list = await again.modelsOf(target.id);
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.broken).toEqual([]);
    expect(list.value.models.map((m) => m.id)).toEqual([study.resultsRef]);
    const back = list.value.models[0].doc;
    expect(back).toEqual(doc);
    const byId = await again.modelById(study.resultsRef!);
    expect(byId.ok && byId.value?.doc.name).toBe(doc.name);

    // The stored model computes exactly what the trained one did.
    const x = [[2.4, 7e6, 40], [3.1, 2e6, 12]];
    const ideal = [[3300], [3100]];
    const [a, b] = await Promise.all([predict({ model: doc, x, ideal }), predict({ model: back, x, ideal })]);
    if (!a.ok || !b.ok) throw new Error('predict failed');
    expect(Array.from(b.value.mean[0])).toEqual(Array.from(a.value.mean[0]));
    expect(b.value.hi[0][0]).toBeGreaterThan(b.value.lo[0][0]);
  });

  it('lists the newest model first and removes (then restores) models with their experiment', async () => {
    const ws = await storeOn(dbName());
    const target = (await ws.createFromTemplate(TEMPLATES[0]))!;
    const first = (await ws.saveModel({ ...tinyModel(), name: 'first' }, target))!;
    await new Promise((r) => setTimeout(r, 5)); // distinct createdAt
    await ws.saveModel({ ...tinyModel('surrogate'), name: 'second' }, first);
    const names = async () => {
      const r = await ws.modelsOf(target.id);
      return r.ok ? r.value.models.map((m) => m.doc.name) : r.error.message;
    };
    expect(await names()).toEqual(['second', 'first']);
    expect(ws.byId(target.id)!.studies.filter((s) => s.kind === 'model')).toHaveLength(2);

    expect(await ws.remove(target.id)).toBe(true);
    expect(await names()).toEqual([]);
    ws.notice()!.undo!();
    await new Promise((r) => setTimeout(r, 50));
    expect(await names()).toEqual(['second', 'first']);
  });

  it('writes nothing when the model cannot be stored (one transaction)', async () => {
    const db = await openRfoDb(dbName());
    if (!db.ok) throw new Error(db.error.message);
    const repo = createRepository(db.value, createChangeBus(`ch-models-${n}`));
    const e = experimentFromTemplate(TEMPLATES[0], 'SI');
    const bad = { id: 'm1', experimentId: e.id, name: 'bad', createdAt: 'x', meta: { f: (() => 1) as unknown as number }, weights: new ArrayBuffer(0) };
    const r = await repo.saveExperiment(e, [], [bad]);
    expect(r.ok).toBe(false);
    const got = await repo.getExperiment(e.id);
    expect(got.ok && got.value).toBeNull();
    repo.bus.close();
    repo.db.close();
  });

  it('reports an unreadable stored model by name and field instead of dropping it', async () => {
    const name = dbName();
    const ws = await storeOn(name);
    const target = (await ws.createFromTemplate(TEMPLATES[0]))!;
    const db = await openRfoDb(name);
    if (!db.ok) throw new Error(db.error.message);
    const repo = createRepository(db.value, createChangeBus(`ch-models-${n}`));
    const doc = tinyModel();
    doc.residualStd = [];
    await repo.putModel({ id: 'm-bad', experimentId: target.id, name: 'broken one', createdAt: 'x', meta: doc as never, weights: new ArrayBuffer(0) });
    const r = await ws.modelsOf(target.id);
    expect(r.ok && r.value).toEqual({ models: [], broken: ['model “broken one”: residualStd must hold 1 numbers (field residualStd)'] });
    repo.bus.close();
    repo.db.close();
  });
});

describe('model files', () => {
  it('keeps loading a version-1 document written before idealBasis and reactants existed', async () => {
    const raw = JSON.parse(readFileSync(new URL('../fixtures/model-v1-efficiency.json', import.meta.url), 'utf8'));
    const r = restoreModelDoc(raw);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.idealBasis).toBe('vacuum');
    expect(r.value.reactants).toBeUndefined();
    expect(r.value.metrics?.[0].r2).toBe(0.93);
    const p = await predict({ model: raw, x: [[2.6, 7e6, 40]], ideal: [[3300]] });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.mean[0][0] / 3300).toBeGreaterThan(0.9);
    expect(p.value.mean[0][0] / 3300).toBeLessThan(1.0);
    expect(restoreModelDoc({ ...raw, idealBasis: 'sea level' }).ok ? '' : 'rejected').toBe('rejected');
  });

  it('reads a good file and rejects bad ones naming the field and value', () => {
    const good = parseModelFile(JSON.stringify(tinyModel()), 'm.json');
    expect(good.ok).toBe(true);
    const msg = (text: string) => {
      const r = parseModelFile(text, 'm.json');
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(msg('{ not json')).toMatch(/^m\.json is not JSON \(/);
    expect(msg(JSON.stringify({ ...tinyModel(), type: 'experiment' }))).toBe('m.json: not a model document (type is "experiment") (field type)');
    expect(msg(JSON.stringify({ ...tinyModel(), version: 9 }))).toBe('m.json: model version 9 is not supported by this app (it reads up to 1) (field version)');
    const d = tinyModel();
    d.members[1].layers[0].W = d.members[1].layers[0].W.slice(1);
    expect(msg(JSON.stringify(d))).toBe('m.json: member 1, layer 0: weights must be 3×4 finite numbers plus 4 biases (field members.1.layers.0)');
  });
});

describe('a model at an Explore design point', () => {
  const point = { of: 2.6, pc_Pa: 7e6, areaRatio: 40, ispVac_m_s: 3300, ispAmb_m_s: 2950, reactants: ['O2(L)', 'RP-1'] };
  const req = (doc: ModelDoc, p = point) => {
    const r = predictionRequest(doc, p);
    return r.ok ? r.value : r.error.message;
  };
  it('gives an efficiency model the ideal it was trained against, and a surrogate none', () => {
    expect(req(tinyModel())).toEqual({ x: [[2.6, 7e6, 40]], ideal: [[3300]] });
    expect(req({ ...tinyModel(), idealBasis: 'ambient' })).toEqual({ x: [[2.6, 7e6, 40]], ideal: [[2950]] });
    expect(req(tinyModel('surrogate'))).toEqual({ x: [[2.6, 7e6, 40]] });
  });
  it('declines a model of other propellants or other inputs, saying which', () => {
    expect(req(tinyModel(), { ...point, reactants: ['H2(L)', 'O2(L)'] })).toBe('“efficiency from firings.csv” was trained for RP-1 + O2(L), not this design\'s H2(L) + O2(L)');
    const { reactants: _r, ...anyPropellant } = tinyModel();
    expect(req(anyPropellant as ModelDoc, { ...point, reactants: ['H2(L)', 'O2(L)'] })).toHaveProperty('ideal');
    expect(req({ ...tinyModel(), inputs: [{ name: 'O/F' }, { name: 'pc' }, { name: 'Tc' }] })).toBe('“efficiency from firings.csv” takes O/F, pc, Tc; a design point gives O/F, pc, eps');
  });
});

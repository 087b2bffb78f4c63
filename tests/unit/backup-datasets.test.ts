// Learn datasets in storage and in workspace backups: the dataset fixture (dataset format 1 in a
// format-2 backup) keeps importing with its values; a backup round-trips a dataset bit for bit
// (NaN for "not known" included); a bad dataset record is skipped with a message naming the field
// and the value; a model saved from Learn keeps its dataset in the same transaction, and a model
// trained again on a kept dataset points at it instead of copying it.
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRoot } from 'solid-js';
import { exportWorkspace, importWorkspace, planMerge, NO_LOCAL_KEYS, type Workspace } from '../../app/domain/backup.ts';
import { measuredDataset, restoreDataset, withDataset, type LearnDataset } from '../../app/domain/learn-dataset.ts';
import { MODEL_DOC_TYPE, MODEL_DOC_VERSION, type ModelDoc } from '../../app/domain/ml-model.ts';
import { restoreExperiment } from '../../app/domain/experiment.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import { studyModelSpec } from '../../app/domain/model-study.ts';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { openRfoDb } from '../../app/data/db.ts';

const fixtureText = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const AT = '2025-04-01T08:00:00.000Z';
const REACTANTS = [
  { name: 'RP-1', role: 'fuel' as const, massFraction: 1, T: 298.15 },
  { name: 'O2(L)', role: 'oxidizer' as const, massFraction: 1, T: 90.17 },
];

/** Two firings (the second without Isp) with their ideal values. */
function dataset(): LearnDataset {
  return measuredDataset(
    { name: 'Test firings firings.csv', reactants: REACTANTS, spec: { fileName: 'firings.csv', headers: ['Test ID', 'O/F', 'Pc (bar)', 'Isp (s)'], mapping: { testId: 0, of: 1, pc: 2, isp: 3 }, units: { pc: 'bar', isp: 's' }, decimal: '.', defaultAreaRatio: 40 } },
    [{ line: 2, testId: 'T-1', of: 2.2, pc: 5e6, isp: 3216.5 }, { line: 3, testId: 'T-2', of: 2.27, pc: 5.35e6 }],
    [3301.25, 3304.5],
  );
}

function workspaceWithDataset(): Workspace {
  const made = experimentFromTemplate(TEMPLATES[1], 'SI', { now: () => AT, newId: () => 'e1' });
  const { experiment, result } = withDataset(made, dataset(), AT, () => 'd1');
  const r = restoreExperiment(experiment); // in the field order every read gives
  if (!r.ok) throw new Error(r.error.message);
  return { experiments: [r.value], results: [result], models: [], propellants: [], settings: {} };
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('workspace backup: datasets', () => {
  it('imports the dataset fixture (format 1 in a format-2 backup) with its values', () => {
    const r = must(importWorkspace(fixtureText('workspace-v2-dataset.json')));
    expect([r.skipped, r.warnings]).toEqual([[], []]);
    const e = r.workspace.experiments[0];
    expect(e.studies[0]).toMatchObject({ id: 's-data', kind: 'dataset', resultsRef: 'res-s-data', summary: { rows: 3, usableRows: 2 } });
    const ds = must(restoreDataset(r.workspace.results[0]));
    expect(ds.name).toBe('Test firings stand-b.csv');
    expect(ds.testIds).toEqual(['B-1', 'B-2', 'B-4']);
    expect(ds.spec).toMatchObject({ source: 'measured', fileName: 'stand-b.csv', units: { pc: 'psia', thrust: 'lbf' }, defaultAreaRatio: 12 });
    expect(Array.from(ds.columns.of!)).toEqual([2.3, 2.7, 3.1]);
    expect(Array.from(ds.columns.pc_Pa!)).toEqual([6.5e6, 7e6, 6e6]);
    expect(Array.from(ds.columns.areaRatio!)).toEqual([12, 12, 12]);
    expect(Array.from(ds.columns.isp_m_s!)).toEqual([2500, 5200 / 2.05, NaN]);
    expect(Array.from(ds.columns.idealIsp_m_s!)).toEqual([2710.5, 2742.25, NaN]);
    expect(Array.from(ds.columns.cstar_m_s!)).toEqual([NaN, NaN, NaN]);
  });

  it('round-trips a dataset exactly, NaN included, and the file text', () => {
    const ws = workspaceWithDataset();
    const text = exportWorkspace(ws, AT);
    const r = must(importWorkspace(text));
    expect([r.skipped, r.warnings]).toEqual([[], []]);
    expect(r.workspace).toEqual(ws);
    const back = must(restoreDataset(r.workspace.results[0]));
    expect(back).toEqual(dataset());
    const isp = back.columns.isp_m_s!;
    expect([isp[0], Number.isNaN(isp[1])]).toEqual([3216.5, true]);
    expect(exportWorkspace(r.workspace, AT)).toBe(text);
  });

  it('skips a bad dataset record, naming the field and the value, and says its study has no rows', () => {
    const f = JSON.parse(exportWorkspace(workspaceWithDataset(), AT));
    f.results[0].meta.spec.decimal = ';';
    const r = must(importWorkspace(JSON.stringify(f)));
    expect(r.workspace.results).toEqual([]);
    expect(r.skipped).toEqual(['result res-d1: dataset “Test firings firings.csv”: decimal must be "." or "," (got ";") (field meta.spec.decimal)']);
    expect(r.warnings).toEqual([`${r.workspace.experiments[0].name}: dataset study d1 has no rows in the file`]);
    expect(r.workspace.experiments[0].studies[0].kind).toBe('dataset'); // the description stays
  });

  it('a merge copies a colliding experiment with its dataset under a new key, still readable', () => {
    let k = 0;
    const out = planMerge(workspaceWithDataset(), { ...NO_LOCAL_KEYS, experiments: new Set(['e1']) }, () => `new${++k}`).workspace;
    expect(out.experiments[0].studies[0]).toMatchObject({ id: 'd1', resultsRef: 'new2' });
    expect([out.results[0].id, out.results[0].experimentId]).toEqual(['new2', 'new1']);
    expect(must(restoreDataset(out.results[0]))).toEqual(dataset());
  });
});

/** A one-member efficiency model (3 inputs → 2 tanh → 1 output). */
function tinyModel(): ModelDoc {
  return {
    type: MODEL_DOC_TYPE, version: MODEL_DOC_VERSION, kind: 'efficiency', name: 'efficiency from firings.csv',
    inputs: [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }], outputs: [{ name: 'Isp' }],
    xScalers: [{ log: false, mean: 2.5, std: 0.6 }, { log: true, mean: 15.4, std: 1.3 }, { log: true, mean: 3.3, std: 0.9 }],
    yScalers: [{ log: false, mean: 0.95, std: 0.015 }],
    members: [{ nIn: 3, hidden: [2], nOut: 1, activation: 'tanh', layers: [{ W: [0.1, -0.2, 0.3, 0.4, -0.5, 0.6], b: [0, 0.1] }, { W: [0.7, -0.8], b: [0.05] }] }],
    residualStd: [0.004], residualCount: 2,
    hyper: { hidden: [2], activation: 'tanh', lr: 0.01, epochs: 20, batchSize: 16, patience: 10, l2: 0, evalEvery: 5 },
    seed: 1, nTrain: 1, reactants: ['RP-1', 'O2(L)'], idealBasis: 'vacuum',
  };
}

let n = 0;
const storeOn = async (name: string) => {
  const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking)));
  await ws.whenReady();
  return ws;
};

describe('workspace store: a model keeps its dataset', () => {
  it('saves the dataset with the model in one go, reads it back, and a model trained again on it points at it', async () => {
    const name = `ds-${++n}`;
    const ws = await storeOn(name);
    const target = (await ws.createFromTemplate(TEMPLATES[1]))!;
    const saved = (await ws.saveModel(tinyModel(), target, { dataset: dataset() }))!;
    expect(saved.studies.map((s) => s.kind)).toEqual(['model', 'dataset', ...target.studies.map((s) => s.kind)]);
    const dataStudy = saved.studies[1];
    expect(studyModelSpec(saved.studies[0])?.datasetStudyId).toBe(dataStudy.id);
    expect(must(await ws.datasetOf(target.id, dataStudy.id))).toEqual(dataset());

    // trained again on the kept dataset and saved with the same experiment: no second copy
    const again = (await ws.saveModel(tinyModel(), ws.byId(target.id)!, { dataset: dataset(), keptIn: { experimentId: target.id, studyId: dataStudy.id } }))!;
    expect(again.studies.filter((s) => s.kind === 'dataset').map((s) => s.id)).toEqual([dataStudy.id]);
    expect(again.studies.filter((s) => s.kind === 'model').map((s) => studyModelSpec(s)?.datasetStudyId)).toEqual([dataStudy.id, dataStudy.id]);
    // saved with another experiment, the dataset is copied there
    const other = (await ws.createFromTemplate(TEMPLATES[0]))!;
    const there = (await ws.saveModel(tinyModel(), other, { dataset: dataset(), keptIn: { experimentId: target.id, studyId: dataStudy.id } }))!;
    const copyId = there.studies.find((s) => s.kind === 'dataset')!.id;
    expect(copyId).not.toBe(dataStudy.id);
    expect(must(await ws.datasetOf(other.id, copyId))).toEqual(dataset());

    // after a restart, and through a backup into an empty workspace
    const restarted = await storeOn(name);
    expect(must(await restarted.datasetOf(target.id, dataStudy.id))).toEqual(dataset());
    const fresh = await storeOn(`ds-${++n}`);
    must(await fresh.importBackup(must(await ws.exportBackup()), 'replace'));
    expect(must(await fresh.datasetOf(target.id, dataStudy.id))).toEqual(dataset());
    // deleting the experiment deletes its dataset rows with it
    expect(await ws.remove(target.id)).toBe(true);
    const db = must(await openRfoDb(name));
    expect(await db.get('results', dataStudy.resultsRef!)).toBeUndefined();
    db.close();
  });

  it('a stored dataset that fails validation, or has no rows, gives a message naming the field and the value', async () => {
    const name = `ds-${++n}`;
    const ws = await storeOn(name);
    const target = (await ws.createFromTemplate(TEMPLATES[1]))!;
    const saved = (await ws.saveModel(tinyModel(), target, { dataset: dataset() }))!;
    const st = saved.studies[1];
    const db = must(await openRfoDb(name));
    const rec = (await db.get('results', st.resultsRef!))!;
    rec.columns.pc_Pa[1] = -5e5;
    await db.put('results', rec);
    db.close();
    const r = await ws.datasetOf(target.id, st.id);
    expect(!r.ok && r.error.message).toBe('dataset “Test firings firings.csv”: row 2 (test T-2): Chamber pressure must be a finite number > 0 Pa (got -500000) (field columns.pc_Pa.1)');
    // a copy of the experiment keeps the study's description, not its rows
    const copy = (await ws.duplicate(target.id))!;
    const c = await ws.datasetOf(copy.id, st.id);
    expect(!c.ok && c.error.message).toBe(`“${copy.name}” keeps only the description of this dataset, not its rows (a copy or a shared link does not carry them)`);
    const gone = await ws.datasetOf(target.id, 'nope');
    expect(!gone.ok && gone.error.message).toBe(`the dataset nope is no longer kept with “${target.name}”`);
  });
});

import 'fake-indexeddb/auto';
import { describe, it, expect, afterEach } from 'vitest';
import { openRfoDb, createRepository, createChangeBus, storageError, estimateStorage, type Repository, type StorageChange } from '../../app/data/db.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import { EXPERIMENT_TYPE, type Experiment } from '../../app/domain/experiment.ts';
import type { StoredResult } from '../../app/domain/backup.ts';
import { validateCustomPropellant } from '../../app/domain/propellants.ts';

let n = 0;
const opened: Repository[] = [];
async function repo(name = `test-${++n}`, channel = `ch-${n}`): Promise<Repository> {
  const db = await openRfoDb(name);
  if (!db.ok) throw new Error(db.error.message);
  const r = createRepository(db.value, createChangeBus(channel));
  opened.push(r);
  return r;
}
afterEach(() => {
  for (const r of opened.splice(0)) {
    r.bus.close();
    r.db.close();
  }
});

let idn = 0;
const exp = (t = 0, name?: string): Experiment => {
  const e = experimentFromTemplate(TEMPLATES[t], 'SI', { now: () => '2024-01-01T00:00:00.000Z', newId: () => `e${++idn}` });
  if (name) e.name = name;
  return e;
};
const result = (experimentId: string, id = `r-${experimentId}`): StoredResult => ({
  id, experimentId, studyId: 's1', createdAt: '2024-01-01T00:00:00.000Z', columns: { of: new Float64Array([1, 2, 3]) }, meta: {},
});
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('experiments store', () => {
  it('saves, lists and reads back an experiment with its results', async () => {
    const r = await repo();
    const e = exp();
    const saved = must(await r.saveExperiment(e, [result(e.id)]));
    expect(saved).toEqual({ ...e, rev: 1 }); // a new document's first revision
    expect(must(await r.getExperiment(e.id))).toEqual(saved);
    expect(must(await r.listExperiments()).experiments).toEqual([saved]);
    const res = must(await r.listResults(e.id));
    expect(res[0].columns.of).toEqual(new Float64Array([1, 2, 3]));
    expect(res[0].columns.of).toBeInstanceOf(Float64Array);
  });

  it('restores old documents on read and reports unreadable ones without losing them', async () => {
    const r = await repo();
    await r.db.put('experiments', { id: 'old', version: 1, name: 'old one', inputs: { pc_bar: 20, reactants: [{ name: 'N2H4(L)', massFraction: 1 }] } } as unknown as Experiment);
    await r.db.put('experiments', { id: 'future', type: EXPERIMENT_TYPE, version: 99 } as unknown as Experiment);
    const list = must(await r.listExperiments());
    expect(list.experiments.map((e) => [e.id, e.inputs.problem.pc])).toEqual([['old', 2e6]]);
    expect(list.broken).toHaveLength(1);
    expect(list.broken[0].id).toBe('future');
    expect(list.broken[0].message).toContain('newer version');
    expect(await r.db.get('experiments', 'future')).toBeDefined(); // kept for a future app
  });

  it('writes an experiment and its results together or not at all', async () => {
    const r = await repo();
    const e = exp();
    const bad = { ...result(e.id), meta: { fn: (() => 1) as unknown as number } };
    const res = await r.saveExperiment(e, [result(e.id, 'ok'), bad]);
    expect(res.ok).toBe(false);
    expect(must(await r.getExperiment(e.id))).toBeNull();
    expect(must(await r.listResults(e.id))).toEqual([]);
  });

  it('turns a quota error into a value and keeps what was saved before', async () => {
    const r = await repo();
    const first = exp();
    must(await r.saveExperiment(first));
    const big = exp(1);
    // structured clone reads the getter while storing: the browser's quota failure surfaces the same way
    const over = result(big.id);
    Object.defineProperty(over.meta, 'x', {
      enumerable: true,
      get() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    const res = await r.saveExperiment(big, [over]);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('quota');
      expect(res.error.message).toContain('Storage is full');
    }
    expect(must(await r.listExperiments()).experiments.map((e) => e.id)).toEqual([first.id]);
  });

  it('deletes with its results and undoes the delete', async () => {
    const r = await repo();
    const e = exp();
    const saved = must(await r.saveExperiment(e, [result(e.id)]));
    const snap = must(await r.deleteExperiment(e.id));
    expect(snap?.experiment).toEqual(saved);
    expect(must(await r.getExperiment(e.id))).toBeNull();
    expect(must(await r.listResults(e.id))).toEqual([]);
    must(await r.restoreSnapshot(snap!));
    // back, with a revision past the deleted one (a tab still holding that one cannot save over it)
    expect(must(await r.getExperiment(e.id))).toEqual({ ...saved, rev: 2 });
    expect(must(await r.listResults(e.id))).toHaveLength(1);
    expect(must(await r.deleteExperiment('missing'))).toBeNull();
  });

  it('deletes many experiments with their results and models in one write, heard as one change', async () => {
    const db = await openRfoDb(`test-${++n}`);
    if (!db.ok) throw new Error(db.error.message);
    const posts: StorageChange[] = [];
    const r = createRepository(db.value, { post: (c) => void posts.push(c), subscribe: () => () => {}, onNewerApp: () => () => {}, close() {} });
    const list = Array.from({ length: 300 }, () => exp());
    must(await r.saveExperiments(list));
    const [kept, ...gone] = [list[0], ...list.slice(1)];
    for (const e of [kept, gone[0], gone[299 - 1]]) {
      must(await r.saveExperiment({ ...must(await r.getExperiment(e.id))! }, [result(e.id)]));
      must(await r.putModel({ id: `m-${e.id}`, experimentId: e.id, name: 'surrogate', createdAt: 'x', meta: {}, weights: new Float32Array([1]).buffer }));
    }
    posts.length = 0;
    expect(must(await r.deleteExperiments([...gone.map((e) => e.id), 'never-stored']))).toBe(299);
    expect(posts.map((c) => [c.store, c.ids.length])).toEqual([['experiments', 300]]);
    expect(must(await r.listExperiments()).experiments.map((e) => e.id)).toEqual([kept.id]);
    for (const e of [gone[0], gone[298]]) {
      expect(must(await r.listResults(e.id))).toEqual([]);
      expect(must(await r.modelsOf(e.id))).toEqual([]);
    }
    expect(must(await r.listResults(kept.id))).toHaveLength(1);
    expect(must(await r.modelsOf(kept.id))).toHaveLength(1);
    expect(must(await r.deleteExperiments([]))).toBe(0);
    db.value.close();
  });

  it('finds experiments by tag through the index', async () => {
    const r = await repo();
    const a = exp(0);
    const b = exp(3);
    must(await r.saveExperiments([a, b]));
    expect(must(await r.experimentIdsWithTag('vacuum')).sort()).toEqual([a.id, b.id].sort());
    expect(must(await r.experimentIdsWithTag('hypergolic'))).toEqual([b.id]);
  });
});

describe('propellants, settings, models', () => {
  it('stores custom propellants and settings', async () => {
    const r = await repo();
    const p = must(validateCustomPropellant({ name: 'Paraffin', role: 'fuel', formula: 'C32H66', enthalpy_J_mol: -698000, density_kg_m3: 900, storageT_K: 298.15 }, 'p1'));
    must(await r.putPropellant(p));
    expect(must(await r.listPropellants())).toEqual([p]);
    must(await r.setSetting('units', 'US'));
    expect(must(await r.getSettings())).toEqual({ units: 'US' });
    must(await r.putModel({ id: 'm', experimentId: 'e', name: 'surrogate', createdAt: 'x', meta: {}, weights: new Float32Array([1, 2]).buffer }));
    expect(new Float32Array(must(await r.modelsOf('e'))[0].weights)).toEqual(new Float32Array([1, 2]));
  });
});

describe('workspace import/export', () => {
  it('exports a workspace and imports it into an empty database identically', async () => {
    const a = await repo();
    const e1 = exp(0);
    const e2 = exp(6);
    must(await a.saveExperiment(e1, [result(e1.id)]));
    must(await a.saveExperiment(e2));
    must(await a.setSetting('units', 'US'));
    const ws = must(await a.exportAll());
    const b = await repo();
    must(await b.importAll(ws, 'replace'));
    const back = must(await b.exportAll());
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(back.experiments)).toEqual(byId(ws.experiments));
    expect(back.results).toEqual(ws.results);
    expect(back.settings).toEqual({ units: 'US' });
  });

  it('replace empties the stores first', async () => {
    const r = await repo();
    must(await r.saveExperiment(exp()));
    must(await r.importAll({ experiments: [], results: [], models: [], propellants: [], settings: {} }, 'replace'));
    expect(must(await r.listExperiments()).experiments).toEqual([]);
  });
});

describe('other tabs', () => {
  it('hear about a change on the BroadcastChannel', async () => {
    const channel = `tabs-${Date.now()}`;
    const tab1 = await repo(`tabs-db-${n}`, channel);
    const listener = createChangeBus(channel);
    const heard: StorageChange[] = [];
    const got = new Promise<void>((resolve) =>
      listener.subscribe((c) => {
        heard.push(c);
        resolve();
      }),
    );
    const e = exp();
    must(await tab1.saveExperiment(e));
    await got;
    listener.close();
    expect(heard).toEqual([{ store: 'experiments', ids: [e.id] }]);
  });
});

describe('storage helpers', () => {
  it('maps errors to readable values', () => {
    expect(storageError(new DOMException('x', 'QuotaExceededError'), 'it').error.code).toBe('quota');
    expect(storageError(new Error('boom'), 'saving').error.message).toBe('Could not complete saving (Error: boom).');
  });

  it('estimates storage only where the browser supports it', async () => {
    expect(await estimateStorage()).toBeNull(); // node has no navigator.storage
  });
});

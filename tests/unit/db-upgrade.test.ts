// The main database's schema upgrades (fake-indexeddb): a database left by schema version 1
// (tests/fixtures/db-v1.json, built with the raw IndexedDB API as that version's upgrade built it)
// opens with today's code with every experiment, result, propellant and setting intact, and
// without the unused `jobs` store that version 2 drops.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, it, expect, afterEach } from 'vitest';
import { openRfoDb, createRepository, createChangeBus, DB_VERSION, type Repository } from '../../app/data/db.ts';

interface FixtureStore {
  name: string;
  keyPath: string;
  indexes: [string, string, IDBIndexParameters?][];
  rows: Record<string, unknown>[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/db-v1.json', import.meta.url), 'utf8')) as { version: number; stores: FixtureStore[] };
const rowsOf = (store: string) => fixture.stores.find((s) => s.name === store)!.rows;

/** `{"float64": [...]}` in the fixture is a Float64Array in the database. */
function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.float64) && Object.keys(o).length === 1) return Float64Array.from(o.float64 as number[]);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, revive(x)]));
  }
  return v;
}

const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});

/** Writes the fixture as a version-1 database, with the raw API (not today's upgrade code). */
async function writeV1(name: string): Promise<void> {
  const open = indexedDB.open(name, fixture.version);
  open.onupgradeneeded = () => {
    for (const s of fixture.stores) {
      const os = open.result.createObjectStore(s.name, { keyPath: s.keyPath });
      for (const [index, path, opts] of s.indexes) os.createIndex(index, path, opts);
    }
  };
  const db = await req(open);
  const tx = db.transaction(fixture.stores.map((s) => s.name), 'readwrite');
  for (const s of fixture.stores) for (const row of s.rows) tx.objectStore(s.name).put(revive(row));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

let n = 0;
const opened: Repository[] = [];
async function openRepo(name: string): Promise<Repository> {
  const db = await openRfoDb(name);
  if (!db.ok) throw new Error(db.error.message);
  const r = createRepository(db.value, createChangeBus(`upgrade-${++n}`));
  opened.push(r);
  return r;
}
afterEach(() => {
  for (const r of opened.splice(0)) {
    r.bus.close();
    r.db.close();
  }
});
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('main database upgrade from schema version 1', () => {
  it('drops the jobs store and keeps experiments, results, propellants and settings', async () => {
    await writeV1('upgrade-v1');
    const r = await openRepo('upgrade-v1');
    expect(DB_VERSION).toBe(2);
    expect(r.db.version).toBe(2);
    expect([...r.db.objectStoreNames].sort()).toEqual(['experiments', 'models', 'propellants', 'results', 'settings']);

    const [stored] = rowsOf('experiments') as { id: string; name: string; tags: string[]; studies: { id: string }[] }[];
    const e = must(await r.getExperiment(stored.id))!;
    expect(e.name).toBe('LOX/RP-1 test stand');
    expect(e.tags).toEqual(stored.tags);
    expect(e.studies.map((s) => s.id)).toEqual(stored.studies.map((s) => s.id));
    expect(must(await r.listExperiments()).experiments.map((x) => x.id)).toEqual([stored.id]);

    const [res] = must(await r.listResults(stored.id));
    expect(res.id).toBe('res-sweep-job-1');
    expect(res.columns.ispVac).toBeInstanceOf(Float64Array);
    expect([...res.columns.of]).toEqual([2, 2.5, 3]);
    expect([...res.columns.ispVac]).toEqual([3301.5, 3350.2, 3322.8]);
    expect(res.meta).toEqual({ points: 3 });

    expect(must(await r.listPropellants())).toEqual(rowsOf('propellants'));
    expect(must(await r.getSettings())).toEqual({ units: 'US', mlBackend: 'cpu' });
  });

  it('opens an upgraded database again unchanged, and a new one without a jobs store', async () => {
    await writeV1('upgrade-twice');
    (await openRepo('upgrade-twice')).db.close();
    const again = await openRepo('upgrade-twice');
    expect(again.db.version).toBe(2);
    expect(must(await again.getSettings())).toEqual({ units: 'US', mlBackend: 'cpu' });

    const fresh = await openRepo('upgrade-new');
    expect([...fresh.db.objectStoreNames].sort()).toEqual(['experiments', 'models', 'propellants', 'results', 'settings']);
  });
});

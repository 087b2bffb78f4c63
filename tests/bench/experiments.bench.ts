// Search/filter/sort over generated experiments in memory (the Experiments page's path), plus the
// cost of loading them from IndexedDB (fake-indexeddb in node: slower than a browser's).
import 'fake-indexeddb/auto';
import type { Bench } from '../../scripts/bench.ts';
import { buildSearchIndex, searchExperiments, type ExperimentFilters, type SortKey } from '../../app/domain/experiment-search.ts';
import { generateExperiments } from '../fixtures/generate-experiments.ts';
import { openRfoDb, createRepository, createChangeBus, deleteRfoDb } from '../../app/data/db.ts';

const QUERIES: [string, ExperimentFilters, SortKey][] = [
  ['', {}, 'updated-desc'],
  ['lox', {}, 'name-asc'],
  ['trade methalox', {}, 'updated-desc'],
  ['hypergolic', { status: 'done' }, 'created-desc'],
  ['', { tags: ['team'], kind: 'sweep', from: '2023-06-01', to: '2024-06-01' }, 'updated-desc'],
  ['nozzle 12', { system: 'lox-lh2' }, 'name-desc'],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function run(n: number) {
  const list = generateExperiments(n, 42);
  let t = performance.now();
  const index = buildSearchIndex(list);
  const indexMs = performance.now() - t;
  const per: number[] = [];
  let sink = 0;
  for (const [q, f, s] of QUERIES) {
    const times: number[] = [];
    for (let k = 0; k < 15; k++) {
      t = performance.now();
      sink += searchExperiments(index, q, f, s).length;
      times.push(performance.now() - t);
    }
    per.push(median(times));
  }
  // storage: write all in one transaction, then list (restoreExperiment on each) and index
  const name = `bench-${n}`;
  const db = await openRfoDb(name);
  if (!db.ok) throw new Error(db.error.message);
  const repo = createRepository(db.value, createChangeBus(`bench-${n}`));
  await repo.saveExperiments(list);
  t = performance.now();
  const loaded = await repo.listExperiments();
  if (!loaded.ok) throw new Error(loaded.error.message);
  buildSearchIndex(loaded.value.experiments);
  const loadMs = performance.now() - t;
  repo.bus.close();
  db.value.close();
  await deleteRfoDb(name);
  if (!sink) throw new Error('no hits at all');
  return { indexMs, medianQueryMs: median(per), worstQueryMs: Math.max(...per), loadAndIndexFromIdbMs: loadMs };
}

const round = (x: number) => Math.round(x * 100) / 100;

export const benches: Bench[] = [
  {
    name: 'experiments-search',
    async run() {
      const a = await run(1000);
      const b = await run(10_000);
      return {
        ms_index_1k: round(a.indexMs),
        ms_query_median_1k: round(a.medianQueryMs),
        ms_query_worst_1k: round(a.worstQueryMs),
        ms_load_idb_1k: round(a.loadAndIndexFromIdbMs),
        ms_index_10k: round(b.indexMs),
        ms_query_median_10k: round(b.medianQueryMs),
        ms_query_worst_10k: round(b.worstQueryMs),
        ms_load_idb_10k: round(b.loadAndIndexFromIdbMs),
        queries: QUERIES.length,
      };
    },
  },
];

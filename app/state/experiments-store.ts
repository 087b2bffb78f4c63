// The Experiments page's view state: query, filters, sort and the compare selection over the
// workspace's experiments, with the search index rebuilt only when the list changes.
import { createMemo, createSignal } from 'solid-js';
import { buildSearchIndex, searchExperiments, facets, type ExperimentFilters, type SortKey } from '../domain/experiment-search.ts';
import type { WorkspaceStore } from './workspace.ts';

export const MAX_COMPARE = 4;

export function createExperimentsStore(ws: WorkspaceStore) {
  const [query, setQuery] = createSignal('');
  const [filters, setFilters] = createSignal<ExperimentFilters>({});
  const [sort, setSort] = createSignal<SortKey>('updated-desc');
  const [selected, setSelected] = createSignal<string[]>([]);
  const [lastSearchMs, setLastSearchMs] = createSignal(0);

  const index = createMemo(() => buildSearchIndex(ws.experiments(), ws.library()));
  const visible = createMemo(() => {
    const t0 = performance.now();
    const r = searchExperiments(index(), query(), filters(), sort());
    setLastSearchMs(performance.now() - t0);
    return r;
  });
  const options = createMemo(() => facets(ws.experiments()));

  function toggleSelected(id: string) {
    const s = selected();
    if (s.includes(id)) setSelected(s.filter((x) => x !== id));
    else if (s.length < MAX_COMPARE) setSelected([...s, id]);
  }

  return {
    query,
    setQuery,
    filters,
    setFilter: <K extends keyof ExperimentFilters>(k: K, v: ExperimentFilters[K] | undefined) => {
      const next = { ...filters() };
      if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) delete next[k];
      else next[k] = v;
      setFilters(next);
    },
    clearFilters: () => {
      setFilters({});
      setQuery('');
    },
    sort,
    setSort,
    visible,
    options,
    selected,
    toggleSelected,
    clearSelected: () => setSelected([]),
    lastSearchMs,
  };
}

// The Experiments page's view state: query, filters, sort and the compare selection over the
// workspace's experiments, with the search index rebuilt only when the list changes. With synced
// workspaces, `places` says which experiments each holds (workspace-place.ts's teamWorkspaces), for
// the filter by workspace.
import { createMemo, createSignal } from 'solid-js';
import { buildSearchIndex, searchExperiments, facets, type ExperimentFilters, type PlaceMembers, type SortKey } from '../domain/experiment-search.ts';
import type { WorkspaceStore } from './workspace.ts';

export const MAX_COMPARE = 4;

export function createExperimentsStore(ws: WorkspaceStore, places: () => readonly PlaceMembers[]) {
  const [query, setQuery] = createSignal('');
  const [filters, setFilters] = createSignal<ExperimentFilters>({});
  const [sort, setSort] = createSignal<SortKey>('updated-desc');
  const [selected, setSelected] = createSignal<string[]>([]);
  const [lastSearchMs, setLastSearchMs] = createSignal(0);

  const index = createMemo(() => buildSearchIndex(ws.experiments(), ws.library()));
  // the place filter in force: a workspace no longer synced here filters nothing (its select
  // option is gone); without one, the places are not read, so arrivals do not search again
  const place = createMemo(() => {
    const k = filters().place;
    return k && (k === 'personal' || places().some((p) => p.db === k)) ? k : undefined;
  });
  const visible = createMemo(() => {
    const k = place();
    const where = k ? places() : [];
    const t0 = performance.now();
    const r = searchExperiments(index(), query(), { ...filters(), place: k }, sort(), where);
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
    /** The workspace filter in force ('personal', a workspace's database, or undefined: all). */
    place,
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

// Full-text search, filters and sort over experiments, in memory. The index keeps one lowercase
// haystack per experiment (name, description, tags, propellant names and species, system), so a
// query is a few substring tests per document: well under a millisecond per thousand.
import type { Experiment, StudyKind, StudyStatus } from './experiment.ts';
import { BUILT_IN_PROPELLANTS, type Propellant } from './propellants.ts';

export interface ExperimentFilters {
  system?: string;
  kind?: StudyKind;
  status?: StudyStatus;
  /** ISO date (inclusive) on updatedAt */
  from?: string;
  /** ISO date (inclusive, whole day when only a date is given) */
  to?: string;
  /** every tag must be present */
  tags?: string[];
  templatesOnly?: boolean;
  /**
   * Where the experiment is: 'personal' (in no synced workspace: this device only) or a synced
   * workspace's database (rfo-ws-…); which ids each workspace holds comes as `places`.
   */
  place?: string;
}

/** A synced workspace's database and the ids of the experiments it holds on this device. */
export interface PlaceMembers {
  db: string;
  ids: ReadonlySet<string>;
}

/** Whether experiment `id` is in place `key` ('personal' or a workspace's database), given each workspace's ids. */
export function inPlace(id: string, key: string, places: readonly PlaceMembers[]): boolean {
  if (key === 'personal') return !places.some((p) => p.ids.has(id));
  return places.some((p) => p.db === key && p.ids.has(id));
}

export const SORTS = {
  'updated-desc': 'Last changed',
  'created-desc': 'Newest first',
  'created-asc': 'Oldest first',
  'name-asc': 'Name A–Z',
  'name-desc': 'Name Z–A',
} as const;
export type SortKey = keyof typeof SORTS;

interface Entry {
  e: Experiment;
  hay: string;
  name: string;
  created: number;
  updated: number;
  tags: Set<string>;
  kinds: Set<string>;
  statuses: Set<string>;
}

export interface SearchIndex {
  entries: Entry[];
}

/** Lowercase without accents, so "peroxyde" finds "Peroxydé". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function propellantWords(e: Experiment, library: Propellant[]): string[] {
  const out: string[] = [];
  for (const r of e.inputs.problem.reactants) {
    out.push(r.name);
    const p = library.find((x) => x.components.some((c) => c.name === r.name));
    if (p) out.push(p.name, p.id);
  }
  return out;
}

export function indexEntry(e: Experiment, library: Propellant[] = BUILT_IN_PROPELLANTS): Entry {
  return {
    e,
    hay: fold([e.name, e.description, e.inputs.system, ...e.tags, ...propellantWords(e, library)].join('\n')),
    name: fold(e.name),
    created: Date.parse(e.createdAt),
    updated: Date.parse(e.updatedAt),
    tags: new Set(e.tags),
    kinds: new Set(e.studies.map((s) => s.kind)),
    statuses: new Set(e.studies.map((s) => s.status)),
  };
}

export function buildSearchIndex(list: Experiment[], library: Propellant[] = BUILT_IN_PROPELLANTS): SearchIndex {
  return { entries: list.map((e) => indexEntry(e, library)) };
}

function dayEnd(iso: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(iso) + 86_400_000 - 1 : Date.parse(iso);
}

/**
 * Experiments matching every word of the query and every filter, sorted; `places` says which
 * experiments each synced workspace holds (for `filters.place`; none: every one is personal).
 */
export function searchExperiments(index: SearchIndex, query: string, filters: ExperimentFilters = {}, sort: SortKey = 'updated-desc', places: readonly PlaceMembers[] = []): Experiment[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const from = filters.from ? Date.parse(filters.from) : -Infinity;
  const to = filters.to ? dayEnd(filters.to) : Infinity;
  const place = filters.place;
  const hits = index.entries.filter((x) => {
    if (place && !inPlace(x.e.id, place, places)) return false;
    if (filters.system && x.e.inputs.system !== filters.system) return false;
    if (filters.kind && !x.kinds.has(filters.kind)) return false;
    if (filters.status && !x.statuses.has(filters.status)) return false;
    if (filters.templatesOnly && !x.e.isTemplate) return false;
    if (x.updated < from || x.updated > to) return false;
    if (filters.tags) for (const t of filters.tags) if (!x.tags.has(t)) return false;
    for (const w of words) if (!x.hay.includes(w)) return false;
    return true;
  });
  const cmp: Record<SortKey, (a: Entry, b: Entry) => number> = {
    'updated-desc': (a, b) => b.updated - a.updated,
    'created-desc': (a, b) => b.created - a.created,
    'created-asc': (a, b) => a.created - b.created,
    'name-asc': (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    'name-desc': (a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0),
  };
  hits.sort((a, b) => cmp[sort](a, b) || (a.e.id < b.e.id ? -1 : 1));
  return hits.map((x) => x.e);
}

/** Distinct values offered by the filter controls. */
export function facets(list: Experiment[]): { systems: string[]; tags: string[] } {
  const systems = new Set<string>();
  const tags = new Set<string>();
  for (const e of list) {
    systems.add(e.inputs.system);
    for (const t of e.tags) tags.add(t);
  }
  return { systems: [...systems].sort(), tags: [...tags].sort() };
}

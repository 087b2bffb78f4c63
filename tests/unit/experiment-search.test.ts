import { describe, it, expect } from 'vitest';
import { buildSearchIndex, searchExperiments, facets, fold, inPlace } from '../../app/domain/experiment-search.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import { generateExperiments } from '../fixtures/generate-experiments.ts';
import type { Experiment } from '../../app/domain/experiment.ts';

const mk = (t: number, name: string, updatedAt: string, tags: string[] = []): Experiment => {
  const e = experimentFromTemplate(TEMPLATES[t], 'SI', { now: () => updatedAt, newId: () => name });
  e.name = name;
  e.tags = tags;
  return e;
};

const list = [
  mk(0, 'Upper stage A', '2024-01-10T10:00:00.000Z', ['class-a']),
  mk(1, 'Booster Été', '2024-02-10T10:00:00.000Z', ['class-a', 'final']),
  mk(3, 'Thruster', '2024-03-10T10:00:00.000Z'),
  mk(7, 'Candy', '2024-03-11T10:00:00.000Z', ['final']),
];
list[2].studies.push({ id: 's', kind: 'sweep', spec: {}, seed: 1, status: 'done', resultsRef: null, updatedAt: '2024-03-10T10:00:00.000Z' });
const ix = buildSearchIndex(list);
const names = (xs: Experiment[]) => xs.map((e) => e.name);

describe('experiment search', () => {
  it('matches every word across name, tags and propellant names', () => {
    expect(names(searchExperiments(ix, 'kerosene'))).toEqual(['Booster Été']); // RP-1's friendly name
    expect(names(searchExperiments(ix, 'CH6N2'))).toEqual(['Thruster']); // species name
    expect(names(searchExperiments(ix, 'sucrose'))).toEqual(['Candy']);
    expect(names(searchExperiments(ix, 'liquid oxygen upper'))).toEqual(['Upper stage A']);
    expect(names(searchExperiments(ix, 'ete'))).toEqual(['Booster Été']); // accents folded
    expect(searchExperiments(ix, 'nothing-like-this')).toEqual([]);
  });

  it('filters by system, study kind and status, dates and tags', () => {
    expect(names(searchExperiments(ix, '', { system: 'lox-rp1' }))).toEqual(['Booster Été']);
    expect(names(searchExperiments(ix, '', { kind: 'sweep', status: 'done' }))).toEqual(['Thruster']);
    expect(names(searchExperiments(ix, '', { from: '2024-02-01', to: '2024-03-10' }))).toEqual(['Thruster', 'Booster Été']);
    expect(names(searchExperiments(ix, '', { tags: ['class-a', 'final'] }))).toEqual(['Booster Été']);
  });

  it('sorts', () => {
    expect(names(searchExperiments(ix, '', {}, 'name-asc'))).toEqual(['Booster Été', 'Candy', 'Thruster', 'Upper stage A']);
    expect(names(searchExperiments(ix, '', {}, 'created-asc'))[0]).toBe('Upper stage A');
    expect(names(searchExperiments(ix, '', {}, 'updated-desc'))[0]).toBe('Candy');
  });

  it('offers facets', () => {
    expect(facets(list)).toEqual({ systems: ['kno3-sucrose', 'lox-lh2', 'lox-rp1', 'n2o4-mmh'], tags: ['class-a', 'final'] });
    expect(fold('ÀB')).toBe('ab');
  });

  it('agrees with a brute-force scan on 1,000 generated experiments', () => {
    const many = generateExperiments(1000, 7);
    const big = buildSearchIndex(many);
    const got = searchExperiments(big, 'trade methalox', { tags: ['team'] }).map((e) => e.id).sort();
    const want = many
      .filter((e) => e.tags.includes('team') && (e.name + e.description).toLowerCase().includes('trade') && e.inputs.system === 'lox-ch4')
      .map((e) => e.id)
      .sort();
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(0);
  });

  it('filters by workspace: personal is in no synced workspace, a workspace shows only what it holds', () => {
    const places = [
      { db: 'rfo-ws-team-lab', ids: new Set(['Booster Été', 'Thruster']) },
      { db: 'rfo-ws-rocket-class', ids: new Set(['Candy']) },
    ];
    expect(names(searchExperiments(ix, '', { place: 'personal' }, 'name-asc', places))).toEqual(['Upper stage A']);
    expect(names(searchExperiments(ix, '', { place: 'rfo-ws-team-lab' }, 'name-asc', places))).toEqual(['Booster Été', 'Thruster']);
    expect(names(searchExperiments(ix, '', { place: 'rfo-ws-rocket-class' }, 'name-asc', places))).toEqual(['Candy']);
    // with the other filters and the query
    expect(names(searchExperiments(ix, 'kerosene', { place: 'rfo-ws-team-lab', tags: ['final'] }, 'name-asc', places))).toEqual(['Booster Été']);
    // no place filter: all four, whatever the places
    expect(searchExperiments(ix, '', {}, 'name-asc', places)).toHaveLength(4);
    // sync off (no workspaces): every experiment is personal
    expect(searchExperiments(ix, '', { place: 'personal' })).toHaveLength(4);
    expect(searchExperiments(ix, '', { place: 'rfo-ws-team-lab' })).toEqual([]);
  });

  it('filters 1,000 experiments in 8 workspaces by workspace as a scan of the membership would', () => {
    const many = generateExperiments(1000, 11);
    // experiment k in workspace k mod 10 for k mod 10 < 8; the rest personal
    const places = Array.from({ length: 8 }, (_, w) => ({ db: `rfo-ws-w${w}`, ids: new Set(many.filter((_, k) => k % 10 === w).map((e) => e.id)) }));
    const big = buildSearchIndex(many);
    const ids = (xs: Experiment[]) => xs.map((e) => e.id).sort();
    expect(ids(searchExperiments(big, '', { place: 'rfo-ws-w3' }, 'updated-desc', places))).toEqual(many.filter((_, k) => k % 10 === 3).map((e) => e.id).sort());
    expect(ids(searchExperiments(big, '', { place: 'personal' }, 'updated-desc', places))).toEqual(many.filter((_, k) => k % 10 >= 8).map((e) => e.id).sort());
    expect(searchExperiments(big, '', { place: 'personal' }, 'updated-desc', places)).toHaveLength(200);
    expect(inPlace(many[3].id, 'rfo-ws-w3', places)).toBe(true);
    expect(inPlace(many[3].id, 'personal', places)).toBe(false);
  });
});

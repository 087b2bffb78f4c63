import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  restoreExperiment,
  createExperiment,
  duplicateExperiment,
  EXPERIMENT_TYPE,
  EXPERIMENT_VERSION,
  STUDY_KINDS,
  DEFAULT_PROBLEM,
  type Experiment,
} from '../../app/domain/experiment.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const fixed = { now: () => '2024-01-02T03:04:05.000Z', newId: () => 'new-id' };

function mustRestore(raw: unknown) {
  const r = restoreExperiment(raw, fixed);
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe('restoreExperiment: migrations', () => {
  it('loads the version-1 fixture into the current version', () => {
    const { value: e } = mustRestore(fixture('experiment-v1.json'));
    expect(e.type).toBe(EXPERIMENT_TYPE);
    expect(e.version).toBe(EXPERIMENT_VERSION);
    expect(e.id).toBe('exp-v1-fixture');
    // 44 bar = 4.4e6 Pa by definition of the bar
    expect(e.inputs.problem.pc).toBe(4.4e6);
    expect(e.inputs.problem.problem).toBe('rocket');
    expect(e.inputs.problem.of).toBe(5.5);
    expect(e.inputs.problem.exits).toEqual([{ areaRatio: 84 }]);
    expect(e.inputs.units).toBe('US');
    expect(e.inputs.system).toBe('lox-lh2');
    expect(e.createdAt).toBe('2023-11-14T22:13:20.000Z'); // 1.7e12 ms after the epoch
    expect(e.updatedAt).toBe('2023-11-14T22:21:40.000Z'); // +500 s
    expect(e.tags).toEqual(['upper stage', 'teaching', 'lox-lh2']);
    expect(e.notes).toBe('Compare with the RL10B-2 quoted 465.5 s.\nCheck the nozzle area ratio.');
    expect(e.studies.map((s) => [s.id, s.kind, s.seed, s.status, s.resultsRef])).toEqual([
      ['s1', 'point', 7, 'done', 'res-1'],
      ['s2', 'sweep', 11, 'draft', null],
    ]);
    expect(e.studies[1].spec).toEqual({ variable: 'of', from: 4, to: 7, steps: 31 });
  });

  it('keeps unknown fields at every level', () => {
    const { value: e } = mustRestore(fixture('experiment-v1.json'));
    expect(e.colour).toBe('teal');
    expect((e.inputs.problem as unknown as Record<string, unknown>).solverHint).toBe('warm-start');
  });

  it('is idempotent on the current version', () => {
    const { value: once } = mustRestore(fixture('experiment-v1.json'));
    const twice = mustRestore(JSON.parse(JSON.stringify(once)));
    expect(twice.value).toEqual(once);
    expect(twice.warnings).toEqual([]);
  });

  it('treats a document without version as version 1', () => {
    const { version: _v, ...noVersion } = fixture('experiment-v1.json');
    expect(mustRestore(noVersion).value.inputs.problem.pc).toBe(4.4e6);
  });

  it('loads the version-2 fixture into the current version unchanged but for the version, and keeps a dataset study', () => {
    const raw = fixture('experiment-v2.json');
    expect(raw.version).toBe(2);
    const { value: e, warnings } = mustRestore(raw);
    expect(EXPERIMENT_VERSION).toBe(4);
    expect(warnings).toEqual([]);
    expect(e).toEqual({ ...raw, version: 4 });
    expect(e.studies.map((s) => [s.id, s.kind, s.resultsRef])).toEqual([['s-model', 'model', 'model-v2'], ['sweep-job-1', 'sweep', 'res-sweep-job-1'], ['s-point', 'point', 'res-point']]);
    const dataset = { id: 's-data', kind: 'dataset', spec: { name: 'Test firings stand.csv', source: 'measured' }, seed: 0, status: 'done', resultsRef: 'res-s-data', summary: { rows: 12 }, updatedAt: '2025-03-03T08:00:00.000Z' };
    const withData = mustRestore({ ...e, studies: [dataset, ...e.studies] }).value;
    expect(withData.studies[0]).toEqual(dataset);
    expect(STUDY_KINDS).toContain('dataset');
  });

  it('loads the version-3 fixture into version 4 unchanged but for the version, and keeps a firing study and an analysis study', () => {
    const raw = fixture('experiment-v3.json');
    expect(raw.version).toBe(3);
    const { value: e, warnings } = mustRestore(raw);
    expect(warnings).toEqual([]);
    expect(e).toEqual({ ...raw, version: 4 });
    expect(e.studies[0].kind).toBe('dataset');
    const firing = { id: 'firing-1', kind: 'firing', spec: { name: 'Firing 1', source: 'ws://127.0.0.1:8090/', samples: 4501, flags: [{ kind: 'chugging', time: 2, frequency: 50, message: 'Chugging at 50 Hz.' }] }, seed: 0, status: 'done', resultsRef: 'res-firing-1', summary: { burnTime_s: 3.14, totalImpulse_Ns: 4480 }, updatedAt: '2025-03-04T08:00:00.000Z' };
    const withFiring = mustRestore({ ...e, studies: [firing, ...e.studies] }).value;
    expect(withFiring.studies[0]).toEqual(firing);
    expect(STUDY_KINDS).toContain('firing');
    const analysis = { id: 'analysis-job-2', kind: 'analysis', spec: { method: 'uncertainty', model: 'rocket', seed: 3 }, seed: 3, status: 'done', resultsRef: 'res-analysis-job-2', summary: { mean: 3500, sd: 4 }, updatedAt: '2025-03-04T08:00:00.000Z' };
    const withAnalysis = mustRestore({ ...e, studies: [...e.studies, analysis] }).value;
    expect(withAnalysis.studies.at(-1)).toEqual(analysis);
    expect(STUDY_KINDS).toContain('analysis');
  });
});

describe('restoreExperiment: defaults and rejections', () => {
  it('fills every default for an empty object', () => {
    const { value: e, warnings } = mustRestore({});
    expect(e.id).toBe('new-id');
    expect(e.name).toBe('Untitled experiment');
    expect(e.tags).toEqual([]);
    expect(e.studies).toEqual([]);
    expect(e.createdAt).toBe('2024-01-02T03:04:05.000Z');
    expect(e.inputs.problem).toEqual(DEFAULT_PROBLEM);
    expect(e.inputs.units).toBe('SI');
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('rejects a newer version with a readable message', () => {
    const r = restoreExperiment({ type: EXPERIMENT_TYPE, version: EXPERIMENT_VERSION + 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('newer-version');
      expect(r.error.message).toContain(`format ${EXPERIMENT_VERSION + 1}`);
      expect(r.error.message).toContain('Update the app');
    }
  });

  it.each([null, 42, 'not json', '[1,2]', [], { type: 'something-else' }, { version: 0 }, { version: 1.5 }, { version: 'two' }])(
    'returns an error value for %j, never throws',
    (raw) => {
      const r = restoreExperiment(raw);
      expect(r.ok).toBe(false);
    },
  );

  it('never throws on mangled old data', () => {
    const v1 = fixture('experiment-v1.json');
    const manglings: unknown[] = [
      { ...v1, inputs: null },
      { ...v1, inputs: { reactants: 'x', pc_bar: 'high' } },
      { ...v1, studies: [null, 3, { kind: 'séance' }] },
      { ...v1, notes: [1, null] },
      { ...v1, tags: 7, created: 'yesterday' },
      { ...v1, inputs: { ...v1.inputs, reactants: [{ name: 'X', massFraction: -1, formula: { C: 'many', H: 2 } }] } },
    ];
    for (const m of manglings) {
      const r = restoreExperiment(m, fixed);
      expect(r.ok).toBe(true);
    }
    const r = restoreExperiment(manglings[5], fixed);
    if (r.ok) expect(r.value.inputs.problem.reactants[0]).toEqual({ name: 'X', massFraction: 1, formula: { H: 2 } });
  });

  it('drops prototype-polluting keys and non-JSON values', () => {
    const raw = JSON.parse('{"name":"p","__proto__":{"polluted":true},"extra":{"constructor":{"x":1},"ok":1}}');
    const { value: e } = mustRestore(raw);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(e.extra).toEqual({ ok: 1 });
  });

  it('bounds text lengths', () => {
    const { value: e, warnings } = mustRestore({ version: 2, name: 'n'.repeat(10_000) });
    expect(e.name.length).toBe(120);
    expect(warnings.some((w) => w.includes('name'))).toBe(true);
  });

  it('drops invalid exits and keeps valid ones', () => {
    const { value: e } = mustRestore({ version: 2, inputs: { problem: { reactants: DEFAULT_PROBLEM.reactants, pc: 1e6, exits: [{ areaRatio: 0.5 }, { pcOverPe: 68 }, 'x'] } } });
    expect(e.inputs.problem.exits).toEqual([{ pcOverPe: 68 }]);
  });
});

describe('createExperiment / duplicateExperiment', () => {
  it('creates a current-version document that restores unchanged', () => {
    const e = createExperiment({ name: 'A', problem: DEFAULT_PROBLEM, system: 'lox-lh2', tags: ['t'] }, fixed);
    expect(mustRestore(e).value).toEqual(e);
  });

  it('duplicates with a new id and without results', () => {
    const e: Experiment = mustRestore(fixture('experiment-v1.json')).value;
    const d = duplicateExperiment(e, { now: () => '2025-01-01T00:00:00.000Z', newId: () => 'dup' });
    expect(d.id).toBe('dup');
    expect(d.name).toBe('RL10-class upper stage (copy)');
    expect(d.studies[0]).toMatchObject({ seed: 7, status: 'draft', resultsRef: null });
    expect(e.studies[0].resultsRef).toBe('res-1'); // the original is untouched
  });
});

// Sweep grids: spacing, point ordering, the problem at a point, validation messages.
import { describe, it, expect } from 'vitest';
import { axisValues, ofCurves, pointCount, pointIndices, problemAt, stridedPoints, validateSweep, type SweepSpec } from '../../app/domain/sweep.ts';

const base: SweepSpec['base'] = {
  problem: 'rocket',
  reactants: [
    { name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 },
    { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 },
  ],
  of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }],
};

describe('sweep grid', () => {
  it('lists the points on each axis stride in point order (a chart of a large grid draws these)', () => {
    const of = { variable: 'of' as const, from: 2, to: 3, count: 5, spacing: 'linear' as const };
    const pc = { variable: 'pc' as const, from: 1e6, to: 2e6, count: 4, spacing: 'linear' as const };
    // Axis 1 values 0, 2, 4 (stride 2, the last kept); axis 2 values 0 and 3 (stride 3): point = i + 5 j.
    expect(stridedPoints([of, pc], [2, 3])).toEqual([0, 2, 4, 15, 17, 19]);
    expect(stridedPoints([of, pc], [1, 1])).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Every kept point has its indices on the strides, and no other does.
    const spec: SweepSpec = { base, axes: [of, pc] };
    const onStrides = Array.from({ length: 20 }, (_, i) => i).filter((i) => {
      const [a, b] = pointIndices(spec, i);
      return (a % 2 === 0 || a === 4) && (b % 3 === 0 || b === 3);
    });
    expect(stridedPoints([of, pc], [2, 3])).toEqual(onStrides);
  });
  it('spaces linearly and logarithmically with exact end points', () => {
    expect([...axisValues({ variable: 'of', from: 2, to: 3, count: 5, spacing: 'linear' })]).toEqual([2, 2.25, 2.5, 2.75, 3]);
    const log = axisValues({ variable: 'pc', from: 1e5, to: 1e7, count: 3, spacing: 'log' });
    expect(log[0]).toBe(1e5);
    expect(log[1]).toBeCloseTo(1e6, 6);
    expect(log[2]).toBe(1e7);
  });

  it('orders points with the first axis fastest and maps them to problems', () => {
    const spec: SweepSpec = { base, axes: [
      { variable: 'of', from: 2, to: 3, count: 3, spacing: 'linear' },
      { variable: 'pe', from: 1e5, to: 2e5, count: 2, spacing: 'linear' },
      { variable: 'pc', from: 5e6, to: 1e7, count: 2, spacing: 'linear' },
    ] };
    expect(pointCount(spec)).toBe(12);
    expect(pointIndices(spec, 7)).toEqual([1, 0, 1]);
    const p = problemAt(spec, 7);
    expect(p.of).toBe(2.5);
    expect(p.pc).toBe(1e7);
    expect(p.exits).toEqual([{ pcOverPe: 100 }]); // pe = 1e5 Pa at pc = 1e7 Pa
    expect(base.of).toBe(2.6); // the base is not modified
  });

  it('varies a two-component blend and keeps the role summing to 1', () => {
    const blendBase = { ...base, reactants: [...base.reactants, { name: 'CH4(L)', role: 'fuel' as const, massFraction: 0, T: 111.643 }] };
    const spec: SweepSpec = { base: blendBase, axes: [{ variable: 'blend', reactant: 0, from: 0, to: 1, count: 5, spacing: 'linear' }] };
    expect(validateSweep(spec)).toBeNull();
    const p = problemAt(spec, 1);
    expect(p.reactants[0].massFraction).toBe(0.25);
    expect(p.reactants[2].massFraction).toBe(0.75);
    // each point's problem is its own copy: the base and the other points keep their fractions
    expect(blendBase.reactants[0].massFraction).toBe(base.reactants[0].massFraction);
    expect(problemAt(spec, 3).reactants[0].massFraction).toBe(0.75);
    expect(p.reactants[0].massFraction).toBe(0.25);
    expect(p.reactants[0]).not.toBe(blendBase.reactants[0]);
  });

  it('copies a base holding a "__proto__" key as plain data, without touching any prototype', () => {
    const hostile = JSON.parse(JSON.stringify({ ...base, extra: { note: 'x' } }).replace('"extra"', '"__proto__"')) as typeof base;
    const p = problemAt({ base: hostile, axes: [{ variable: 'of', from: 2, to: 3, count: 2, spacing: 'linear' }] }, 1);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(p, '__proto__')?.value).toEqual({ note: 'x' });
    expect(p.of).toBe(3);
  });

  it('names the field and value of a bad axis', () => {
    const bad = (axes: SweepSpec['axes']) => validateSweep({ base, axes });
    expect(bad([{ variable: 'of', from: 2, to: 3, count: 0, spacing: 'linear' }])?.error).toMatchObject({ field: 'axes.0.count', message: 'axis 1 point count must be ≥ 1 (got 0)' });
    expect(bad([{ variable: 'pc', from: -1, to: 3e6, count: 4, spacing: 'linear' }])?.error.field).toBe('axes.0.from');
    expect(bad([{ variable: 'of', from: 1, to: 3, count: 400, spacing: 'linear' }, { variable: 'pc', from: 1e6, to: 3e6, count: 400, spacing: 'linear' }])?.error.message).toBe('a sweep has at most 100000 points (got 160000)');
    expect(bad([{ variable: 'temperature' as never, from: 1, to: 3, count: 4, spacing: 'linear' }])?.error.message).toBe('axis 1: unknown variable "temperature"');
    expect(bad([])?.error.message).toBe('a sweep has one to three axes (got 0)');
  });
});

describe('curves along the O/F axis', () => {
  it('gives one curve per combination of the other axes, the first of them fastest, at its first O/F point', () => {
    // pc (2 values) × O/F (4, descending) × area ratio (3): 6 curves; point = i_pc + 2·i_of + 8·i_eps.
    const spec: SweepSpec = { base, axes: [
      { variable: 'pc', from: 5e6, to: 1e7, count: 2, spacing: 'linear' },
      { variable: 'of', from: 3.4, to: 1.8, count: 4, spacing: 'linear' },
      { variable: 'areaRatio', from: 10, to: 40, count: 3, spacing: 'linear' },
    ] };
    const c = ofCurves(spec)!;
    expect(c.ofAxis).toBe(1);
    expect(c.range).toEqual([1.8, 3.4]);
    expect(c.total).toBe(6);
    expect(c.curves.map((x) => x.point)).toEqual([0, 1, 8, 9, 16, 17]);
    expect(c.curves[3].at).toEqual([{ axis: 0, value: 1e7 }, { axis: 2, value: 25 }]);
    expect(c.curves[3].problem.pc).toBe(1e7);
    expect(c.curves[3].problem.exits).toEqual([{ areaRatio: 25 }]);
    expect(c.curves[3].problem.of).toBe(3.4);
  });

  it('stops at the cap but counts every curve; an O/F axis is needed, with two distinct ends', () => {
    const spec: SweepSpec = { base, axes: [
      { variable: 'of', from: 1.8, to: 3.4, count: 5, spacing: 'linear' },
      { variable: 'pc', from: 1e6, to: 2e7, count: 30, spacing: 'log' },
    ] };
    const c = ofCurves(spec)!;
    expect(c.total).toBe(30);
    expect(c.curves).toHaveLength(24);
    expect(c.curves[23].point).toBe(23 * 5);
    expect(ofCurves(spec, 3)!.curves).toHaveLength(3);
    expect(ofCurves({ base, axes: [spec.axes[1]] })).toBeNull();
    expect(ofCurves({ base, axes: [{ ...spec.axes[0], count: 1 }] })).toBeNull();
    expect(ofCurves({ base, axes: [{ ...spec.axes[0], to: 1.8 }] })).toBeNull();
    // A single O/F axis is one curve at the base's other inputs.
    expect(ofCurves({ base, axes: [spec.axes[0]] })!.curves).toMatchObject([{ at: [], point: 0 }]);
  });
});

describe('sweep CSV', () => {
  it('has one row per point with units in the headers, converted to the chosen system', async () => {
    const { sweepCsv, SWEEP_COLUMNS } = await import('../../app/domain/sweep.ts');
    const spec: SweepSpec = { base, axes: [{ variable: 'pc', from: 1e6, to: 2e6, count: 2, spacing: 'linear' }] };
    const cols = Object.fromEntries(SWEEP_COLUMNS.map((c) => [c, new Float64Array([1, 2])])) as never;
    (cols as Record<string, Float64Array>).ispVac = new Float64Array([3000, 3100]);
    const si = sweepCsv(spec, [new Float64Array([1e6, 2e6])], cols, 'SI').trim().split('\r\n');
    expect(si).toHaveLength(3);
    expect(si[0].split(',').slice(0, 3)).toEqual(['point', 'chamber pressure [bar]', 'Isp vacuum [m/s]']);
    expect(si[2].split(',').slice(0, 3)).toEqual(['2', '20', '3100']);
    const us = sweepCsv(spec, [new Float64Array([1e6, 2e6])], cols, 'US').trim().split('\r\n');
    expect(us[0].split(',')[2]).toBe('Isp vacuum [lbf·s/lbm]');
    // 1e6 Pa = 145.0377 psia (1 psi = 6894.757 Pa); 3000 m/s = 305.915 lbf·s/lbm (÷ 9.80665)
    expect(Number(us[1].split(',')[1])).toBeCloseTo(145.0377, 3);
    expect(Number(us[1].split(',')[2])).toBeCloseTo(305.915, 3);
  });
});

describe('sweep study in an experiment', () => {
  it('adds one study per job with the spec and headline figures, and stores every column apart', async () => {
    const { withSweepResult, SWEEP_COLUMNS, sweepStudyId } = await import('../../app/domain/sweep.ts');
    const { createExperiment } = await import('../../app/domain/experiment.ts');
    const e = createExperiment({ name: 'E', problem: base }, { now: () => '2026-01-01T00:00:00.000Z', newId: () => 'e1' });
    const spec: SweepSpec = { base, axes: [{ variable: 'of', from: 2, to: 3, count: 3, spacing: 'linear' }] };
    const cols = Object.fromEntries(SWEEP_COLUMNS.map((c) => [c, new Float64Array([1, 2, 3])])) as never as Record<string, Float64Array>;
    cols.ispVac = new Float64Array([3000, 3200, NaN]);
    const job = { id: 'j1', spec, failureCount: 1 };
    const { experiment, result } = withSweepResult(e, job, [new Float64Array([2, 2.5, 3])], cols as never, '2026-02-02T00:00:00.000Z');
    const study = experiment.studies.find((s) => s.id === sweepStudyId('j1'))!;
    expect(study).toMatchObject({ kind: 'sweep', status: 'done', resultsRef: result.id, summary: { points: 3, failedPoints: 1, maxIspVac_m_s: 3200, ofAtMaxIspVac: 2.5 } });
    expect((study.spec as { axes: unknown[] }).axes).toHaveLength(1);
    expect(Object.keys(result.columns)).toContain('axis0_of');
    expect([...result.columns.ispVac].slice(0, 2)).toEqual([3000, 3200]);
    // Saving the same job again replaces its study rather than adding a second one.
    const again = withSweepResult(experiment, job, [new Float64Array([2, 2.5, 3])], cols as never, '2026-02-03T00:00:00.000Z');
    expect(again.experiment.studies.filter((s) => s.kind === 'sweep')).toHaveLength(1);
    expect(e.studies.some((s) => s.kind === 'sweep')).toBe(false); // the input is not modified
  });
});

describe('sweep validation against the base problem', () => {
  it('refuses an O/F axis on a premixed propellant', () => {
    const mono = { ...base, reactants: [{ name: 'N2H4(L)', massFraction: 1, T: 298.15 }], of: undefined };
    const r = validateSweep({ base: mono, axes: [{ variable: 'of', from: 1, to: 2, count: 3, spacing: 'linear' }] });
    expect(r?.error).toMatchObject({ field: 'axes.0.variable', message: 'axis 1: O/F needs fuel and oxidizer roles (this propellant is one mixture)' });
  });
});

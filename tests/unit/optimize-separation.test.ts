// Optimize and nozzle flow separation: at sea level with area ratios up to 200 and low chamber
// pressures many designs over-expand until the flow separates (Schmucker: pe/pa < (1.88·Me − 1)^−0.64,
// Sutton & Biblarz ch. 3). By default none of them reaches the front; with "separation": "mark" they
// may, each marked. Checked through the optimize command line, as a user runs it.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveOptimizeSpec } from '../../app/domain/optimize-spec.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const optimize = (spec: unknown) => {
  const r = spawnSync(tsx, ['scripts/optimize.ts'], { cwd: root, input: JSON.stringify(spec), encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(r.stdout) as { ok: boolean; pareto: Design[]; error?: { field: string; message: string } };
};
interface Design { pc: number; areaRatio: number; pe: number; machExit: number; ispAmb: number; separated?: boolean }

// Vacuum Isp against nozzle size at low chamber pressure (5–50 bar): the large-Ae/At end over-expands.
const SPEC = {
  fuels: ['RP-1'], oxidizers: ['O2(L)'],
  variables: { of: 2.6, pc: [5e5, 5e6], areaRatio: [5, 200] },
  objectives: [{ maximize: 'ispVac' }, { minimize: 'areaRatio' }],
  pamb: 101325,
  population: 20, generations: 6, seed: 3,
};
// The criterion written out here, independently of app/domain/separation.ts.
const schmuckerLimit = (me: number) => Math.pow(1.88 * me - 1, -0.64);
const separates = (d: Design) => d.pe / 101325 < schmuckerLimit(d.machExit);

describe('optimize with flow separation', () => {
  it('the spec field is checked and defaults to exclude', () => {
    const r = resolveOptimizeSpec(SPEC);
    expect(r.ok && r.value.separation).toBe('exclude');
    const bad = resolveOptimizeSpec({ ...SPEC, separation: 'ignore' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.field).toBe('separation');
      expect(bad.error.message).toContain('"ignore"');
    }
  });

  it('by default no design on the front separates, and none has a negative ambient Isp', () => {
    const out = optimize(SPEC);
    expect(out.ok).toBe(true);
    expect(out.pareto.length).toBeGreaterThan(0);
    for (const d of out.pareto) {
      expect(separates(d)).toBe(false);
      expect(d.separated).toBe(false);
      expect(d.ispAmb).toBeGreaterThan(0);
    }
  }, 120_000);

  it('in mark mode separated designs stay on the front, each marked by the criterion', () => {
    const out = optimize({ ...SPEC, separation: 'mark' });
    expect(out.ok).toBe(true);
    for (const d of out.pareto) expect(d.separated).toBe(separates(d));
    // at ≤ 50 bar the largest nozzles separate at sea level (Ae/At 200 expands to pe of a few hundred Pa)
    expect(out.pareto.some((d) => d.separated)).toBe(true);
  }, 120_000);
});

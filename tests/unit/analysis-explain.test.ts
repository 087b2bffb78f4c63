// Explanations of sensitivity and uncertainty results (app/domain/analysis/analysis-explain.ts): every
// figure a claim carries is the result's own number, and the text states it (in the user's units).
// What the claims say is checked against analytic results:
//  - Ishigami (Ishigami & Homma 1990; Saltelli et al. 2010): S1 = (0.3139, 0.4424, 0),
//    ST = (0.5576, 0.4424, 0.2437), so x1 dominates, x1 and x3 interact (ST − S1 = 0.2437 each) and
//    x2 does not.
//  - A linear model of normal inputs, y = 3000 m/s + 50 m/s·O/F + 1e-5 m/s/Pa·pc, O/F ~ N(2.6, 0.052),
//    pc ~ N(7 MPa, 0.21 MPa): mean 3200 m/s, sd √(2.6² + 2.1²) = 3.3422 m/s, percentiles mean ± 1.6449 sd.
//  - Uniform inputs: the p-quantile of U(a, b) is a + p(b − a), and its histogram is flat.
import { describe, expect, it } from 'vitest';
import { explainAnalysis, fmtIndex, fmtValue, outputShown } from '../../app/domain/analysis/analysis-explain.ts';
import { resolveAnalysisSpec } from '../../app/domain/analysis/analysis-spec.ts';
import { analysisDesign, finishAnalysis, runAnalysis, testFunctionEvaluator, type MorrisOutput, type SobolOutput, type UncertaintyOutput } from '../../app/domain/analysis/run-analysis.ts';
import { inputValues } from '../../app/domain/analysis/analysis-spec.ts';
import { summarise, unitSample } from '../../app/domain/analysis/uncertainty.ts';
import { G0 } from '../../app/domain/units.ts';

const resolve = (spec: unknown) => {
  const r = resolveAnalysisSpec(spec);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const run = async (spec: unknown) => {
  const r = resolve(spec);
  const out = await runAnalysis(r, testFunctionEvaluator(r));
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
};

describe('explanations of a Sobol result', () => {
  it("Ishigami: x1 dominates, x1 and x3 interact, x2 does not; each cited index is the result's", async () => {
    const out = (await run({ method: 'sobol', model: 'ishigami', samples: 4096, seed: 1 })) as SobolOutput;
    const claims = explainAnalysis(out);
    const [x1, x2, x3] = out.indices;
    const dominant = claims.find((c) => c.id === 'dominant')!;
    expect(dominant.figures).toEqual({ total: x1.total, first: x1.first });
    expect(dominant.text).toContain(`S_T ${fmtIndex(x1.total)}`);
    expect(dominant.text).toContain(`S₁ ${fmtIndex(x1.first)}`);
    expect(dominant.text).toMatch(/^X1 dominates y/);
    // the analytic values, so the claim says what is true and not only what was computed
    expect(fmtIndex(x1.total)).toMatch(/^0\.5[4-7]$/);
    const inter = claims.filter((c) => c.id === 'interactions');
    expect(inter.map((c) => c.text.split(' ')[0])).toEqual(['X1', 'X3']);
    expect(inter[0].figures).toEqual({ total: x1.total, first: x1.first, interaction: x1.total - x1.first });
    expect(inter[1].figures).toEqual({ total: x3.total, first: x3.first, interaction: x3.total - x3.first });
    for (const c of inter) expect(c.text).toContain(`= ${fmtIndex(c.figures.total)} − ${fmtIndex(c.figures.first)} = ${fmtIndex(c.figures.interaction)}`);
    expect(Math.abs(inter[1].figures.interaction - 0.2437)).toBeLessThan(0.03);
    expect(x2.total - x2.first).toBeLessThan(0.05);
    expect(claims.some((c) => c.id === 'little')).toBe(false);
  });

  it('an input with S_T below 0.05 "matters little"; without interactions the text says so with the largest', () => {
    const out: SobolOutput = {
      method: 'sobol', model: 'rocket', output: 'ispVac', seed: 1, evaluations: 100, summary: '', confidence: 0.95,
      indices: [
        { input: 'of', first: 0.7, total: 0.72, firstInterval: [0.6, 0.8], totalInterval: [0.5, 0.9] },
        { input: 'pc', first: 0.01, total: 0.012, firstInterval: [0, 0.02], totalInterval: [0, 0.03] },
        { input: 'areaRatio', first: 0.26, total: 0.27, firstInterval: [0.2, 0.3], totalInterval: [0.25, 0.29] },
      ],
    };
    const claims = explainAnalysis(out);
    expect(claims.map((c) => c.id)).toEqual(['dominant', 'interactions', 'little', 'interval']);
    expect(claims[0].text).toBe('O/F dominates vacuum Isp: with its interactions it accounts for 72 % of the variance (S_T 0.72), and 70 % alone (S₁ 0.70).');
    expect(claims[1].text).toBe('The inputs act almost independently: for each, S_T − S₁ is below 0.05 (largest: O/F, 0.02).');
    expect(claims[2].text).toBe('Chamber pressure matters little (S_T 0.01): fixing it at any value in its range would leave about 99 % of the variance.');
    expect(claims[3].figures).toEqual({ lo: 0.5, hi: 0.9, confidence: 0.95 });
    expect(claims[3].text).toContain('from 0.50 to 0.90');
  });
});

describe('explanations of a Morris result', () => {
  it('names the input of largest μ* and the ratio to the next, in the user units, and flags a non-linear input', () => {
    const out: MorrisOutput = {
      method: 'morris', model: 'rocket', output: 'ispVac', seed: 1, evaluations: 80, summary: '',
      effects: [
        { input: 'of', muStar: 98.0665, mu: 90, sigma: 78.4532, rank: 1 },
        { input: 'pc', muStar: 9.80665, mu: 9.80665, sigma: 0.980665, rank: 3 },
        { input: 'areaRatio', muStar: 49.03325, mu: 49.03325, sigma: 4.903325, rank: 2 },
      ],
    };
    const si = explainAnalysis(out, 'SI');
    // 98.0665 m/s = 10 s; 49.03325 m/s = 5 s
    expect(si[0].text).toBe('Vacuum Isp responds most to O/F: its mean absolute effect μ* is 10.00 s across its range, 2.0 times that of nozzle area ratio (5.000 s).');
    expect(si[0].figures).toEqual({ muStar: 98.0665, nextMuStar: 49.03325, ratio: 2 });
    expect(si[1].id).toBe('nonlinear');
    expect(si[1].figures).toMatchObject({ sigma: 78.4532, muStar: 98.0665 });
    expect(si[1].figures.ratio).toBeCloseTo(0.8, 12);
    expect(si[1].text).toContain('σ 8.000 s against μ* 10.00 s, a ratio of 0.80');
    expect(si).toHaveLength(2);
    expect(explainAnalysis(out, 'US')[0].text).toContain('10.00 lbf·s/lbm');
  });
});

describe('uncertainty propagation: figures and explanations', () => {
  const problem = {
    problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
    of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }],
  };
  const spec = {
    method: 'uncertainty', model: 'rocket', problem, output: 'ispVac', samples: 4096, seed: 4,
    inputs: [{ name: 'of', distribution: { type: 'normal', mean: 2.6, sd: 0.052 } }, { name: 'pc', distribution: { type: 'normal', mean: 7e6, sd: 2.1e5 } }],
  };

  it('a linear model of normal inputs has the analytic mean, sd and percentiles; the claims cite them in the user units', () => {
    const r = resolve(spec);
    const u = analysisDesign(r);
    const y = u.map((row) => {
      const [of, pc] = inputValues(r.inputs, row);
      return 3000 + 50 * of + 1e-5 * pc;
    });
    const out = finishAnalysis(r, y, u) as UncertaintyOutput;
    const sd = Math.hypot(2.6, 2.1);
    expect(out.mean).toBeCloseTo(3200, 1);
    expect(Math.abs(out.sd / sd - 1)).toBeLessThan(0.01);
    expect(out.percentiles['5']).toBeCloseTo(3200 - 1.644853627 * sd, 1);
    expect(out.percentiles['50']).toBeCloseTo(3200, 1);
    expect(out.percentiles['95']).toBeCloseTo(3200 + 1.644853627 * sd, 1);
    // O/F's part of the variance is 6.76 / 11.17 = 0.61: it drives the spread, upwards
    expect(out.drivers[0].share).toBeGreaterThan(out.drivers[1].share);

    for (const system of ['SI', 'US'] as const) {
      const claims = explainAnalysis(out, system);
      const shown = outputShown('ispVac', system);
      expect(shown.scale).toBe(1 / G0);
      const [spread, pct, driver] = claims;
      expect(spread.figures).toEqual({ mean: out.mean, sd: out.sd, runs: 4096 });
      expect(spread.text).toBe(`Vacuum Isp is ${fmtValue(out.mean, shown)} ± ${fmtValue(out.sd, shown)} ${shown.unit} (mean ± standard deviation over 4,096 runs).`);
      // 3200 m/s is 326.3 s (lbf·s/lbm): the user's unit, not m/s
      expect(spread.text).toContain('326.3 ± 0.34');
      expect(pct.figures).toEqual({ p5: out.percentiles['5'], p50: out.percentiles['50'], p95: out.percentiles['95'] });
      expect(pct.text).toContain(`between ${fmtValue(out.percentiles['5'], shown)} and ${fmtValue(out.percentiles['95'], shown)} ${shown.unit}`);
      expect(driver.figures).toEqual({ rankCorrelation: out.drivers[0].rankCorrelation, share: out.drivers[0].share });
      expect(driver.text).toMatch(/^The spread comes mostly from O\/F: rank correlation 0\.\d\d .*a higher O\/F gives a higher vacuum Isp/);
    }
    expect(explainAnalysis(out, 'US')[0].text).toContain('lbf·s/lbm');
  });

  it("a uniform input's percentiles are a + p(b − a) and its histogram is flat", () => {
    // U(10, 30): 5 % → 11, 50 % → 20, 95 % → 29; 20 equal bins of 4096 runs hold 204.8 each
    const x = unitSample(1, 4096, 'lhs', 9).map(([v]) => [10 + 20 * v]);
    const s = summarise(x, x.map(([v]) => v));
    expect(s.percentiles['5']).toBeCloseTo(11, 1);
    expect(s.percentiles['50']).toBeCloseTo(20, 1);
    expect(s.percentiles['95']).toBeCloseTo(29, 1);
    expect(s.histogram.edges[0]).toBeGreaterThanOrEqual(10);
    expect(s.histogram.edges[20]).toBeLessThanOrEqual(30);
    expect(s.histogram.counts).toHaveLength(20);
    // a Latin hypercube puts exactly one run in each 1/4096 stratum: each bin holds 204 or 205 (± edge effects)
    for (const c of s.histogram.counts) expect(Math.abs(c - 204.8)).toBeLessThanOrEqual(2);
    expect(s.histogram.counts.reduce((a, b) => a + b, 0)).toBe(4096);
  });
});

// PDF reports of an analysis (app/domain/report-analysis.ts laid out by report-pdf.ts), read as a
// reader reads them: pdftotext finds the indices, the effects and the percentiles, the spec, seed,
// inputs, explanations, provenance and "page k of n"; pdftoppm finds ink on every page and the
// charts' colour (bars, dots). Expected values are analytic: the Ishigami function's Sobol indices
// (Sobol' & Levitan 1999; a = 7, b = 0.1: S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244), and for a
// linear model y = 3000 + 50·O/F + 1e-5·pc (m/s) the Morris μ* per input range (50 × 1, 1e-5 × 6e6)
// with σ = 0, and the normal mean and percentiles (mean ± 1.6449 sd) — Isp in s = m/s ÷ g0.
import { describe, expect, it } from 'vitest';
import { readPdf } from './support/pdf-pages.ts';
import { resolveAnalysisSpec, inputValues, type ResolvedAnalysis } from '../../app/domain/analysis/analysis-spec.ts';
import { analysisDesign, finishAnalysis, runAnalysis, testFunctionEvaluator, type MorrisOutput, type SobolOutput, type UncertaintyOutput } from '../../app/domain/analysis/run-analysis.ts';
import { analysisReport } from '../../app/domain/report-analysis.ts';
import { reportPdfBytes } from '../../app/domain/report-pdf.ts';

const G0 = 9.80665;
const PROVENANCE = { appVersion: '9.9.9', thermoSha256: 'dd6aaac2a87b57f7b70f2efe907cb33aedc351dae622cf807a96db8b0b0faa5f' };
const flat = (t: string) => t.replace(/\s+/g, ' ');
const fmt = (v: number) => String(Number(v.toPrecision(4)));
const resolve = (spec: unknown): ResolvedAnalysis => {
  const r = resolveAnalysisSpec(spec);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const problem = {
  problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
  of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }], pamb: 101325,
};
const linear = (r: ResolvedAnalysis) => {
  const u = analysisDesign(r);
  const y = u.map((row) => {
    const [of, pc] = inputValues(r.inputs, row);
    return 3000 + 50 * of + 1e-5 * pc;
  });
  return finishAnalysis(r, y, u);
};

describe('analysis PDF report', () => {
  it('Sobol: the Ishigami indices and their intervals as a table and bars, the spec and seed, explanations, provenance, page numbers', async () => {
    const spec = { method: 'sobol', model: 'ishigami', samples: 4096, seed: 3 };
    const run = await runAnalysis(resolve(spec), testFunctionEvaluator(resolve(spec)));
    if (!run.ok) throw new Error(run.error.message);
    const out = run.value as SobolOutput;
    const { text, pages } = readPdf(await reportPdfBytes(analysisReport('Ishigami indices', spec, out, 'SI', '2026-12-02', { provenance: PROVENANCE })), 'sobol');
    const f = flat(text);
    expect(f).toContain('Ishigami indices');
    expect(f).toContain('Seed 3');
    expect(f).toMatch(/Base samples N 4096 \(N\(d \+ 2\) = 20480 evaluations\)/);
    const analytic = { first: [0.3139, 0.4424, 0], total: [0.5576, 0.4424, 0.2437] };
    out.indices.forEach((i, k) => {
      const row = text.split('\n').map((l) => l.trim().split(/\s+/)).find((c) => c[0] === i.input)!;
      expect(row, `row of ${i.input}`).toBeTruthy();
      // Input, S1, lo "to" hi, ST, lo "to" hi, ST − S1
      expect(Number(row[1])).toBeCloseTo(analytic.first[k], 1);
      expect(Number(row[5])).toBeCloseTo(analytic.total[k], 1);
      expect(row[1]).toBe(i.first.toFixed(3));
      expect(row.slice(6, 9).join(' ')).toBe(`${i.totalInterval[0].toFixed(3)} to ${i.totalInterval[1].toFixed(3)}`);
      expect(i.totalInterval[0] - 0.03).toBeLessThan(analytic.total[k]);
      expect(i.totalInterval[1] + 0.03).toBeGreaterThan(analytic.total[k]);
    });
    expect(f).toContain('Sobol indices of y with their 95 % intervals');
    expect(f).toContain('What the numbers say');
    expect(f).toContain(out.summary.slice(0, 30));
    expect(f).toContain('sha256 dd6aaac2a87b57f7');
    expect(f).toMatch(new RegExp(`Page 1 of ${pages.length}`));
    for (const p of pages) expect(p.ink).toBeGreaterThan(200);
    // the bars: two series' colours, filled (a blue and an orange area much bigger than a line)
    expect(pages.reduce((s, p) => s + p.blue, 0)).toBeGreaterThan(150);
    expect(pages.reduce((s, p) => s + p.colour, 0)).toBeGreaterThan(400);
  });

  it('Morris: μ* and σ of a linear model in s (SI) and lbf·s/lbm (US), the dots labelled, the ranges in bar or psi', async () => {
    const spec = {
      method: 'morris', model: 'rocket', problem, output: 'ispVac', trajectories: 10, seed: 5,
      inputs: [{ name: 'of', range: [2, 3] }, { name: 'pc', range: [4e6, 1e7] }],
    };
    const out = linear(resolve(spec)) as MorrisOutput;
    const { text, pages } = readPdf(await reportPdfBytes(analysisReport('Morris screening', spec, out, 'SI', '2026-12-02')), 'morris');
    const f = flat(text);
    expect(f).toContain('Input: O/F 2 to 3');
    expect(f).toContain('Input: chamber pressure 40 bar to 100 bar');
    // μ* per input range: pc 1e-5 × 6e6 = 60 m/s = 6.118 s (rank 1), O/F 50 m/s = 5.099 s; σ = 0
    const effect = (re: RegExp) => (f.match(re) ?? []).slice(1).map(Number);
    const [pcSigma] = effect(/chamber pressure 1 6\.118 6\.118 (\S+)/);
    const [ofSigma] = effect(/O\/F 2 5\.099 5\.099 (\S+)/);
    expect(Math.abs(pcSigma)).toBeLessThan(1e-9);
    expect(Math.abs(ofSigma)).toBeLessThan(1e-9);
    // the two dots, in the first series' blue
    expect(pages.reduce((a, p) => a + p.blue, 0)).toBeGreaterThan(2);
    const us = flat(readPdf(await reportPdfBytes(analysisReport('Morris screening', spec, out, 'US', '2026-12-02')), 'morris-us').text);
    // psi = Pa / 6894.757: 4e6 Pa = 580.151 psi, 1e7 Pa = 1450.38 psi; lbf·s/lbm equals s numerically
    expect(us).toContain('chamber pressure 580.151 psia to 1450.38 psia');
    expect(us).toMatch(/chamber pressure 1 6\.118 6\.118 /);
  });

  it('uncertainty: mean, sd and percentiles of a linear model of normal inputs in s, the histogram drawn with its percentile lines, the drivers', async () => {
    const spec = {
      method: 'uncertainty', model: 'rocket', problem, output: 'ispVac', samples: 4096, seed: 4,
      inputs: [{ name: 'of', distribution: { type: 'normal', mean: 2.6, sd: 0.052 } }, { name: 'pc', distribution: { type: 'normal', mean: 7e6, sd: 2.1e5 } }],
    };
    const out = linear(resolve(spec)) as UncertaintyOutput;
    const { text, pages } = readPdf(await reportPdfBytes(analysisReport('Isp spread', spec, out, 'SI', '2026-12-02')), 'uncertainty');
    const f = flat(text);
    const sd = Math.hypot(2.6, 2.1);
    // 4 significant digits of a sampled value: within 0.1 s of the analytic one (0.05 rounding, the rest sampling)
    const shownS = (label: string) => Number(f.match(new RegExp(`${label} (\\S+) s`))?.[1]);
    expect(shownS('Mean')).toBeCloseTo(3200 / G0, 1);
    expect(shownS('Standard deviation')).toBeCloseTo(sd / G0, 2);
    expect(Math.abs(shownS('5 % percentile') - (3200 - 1.6448536 * sd) / G0)).toBeLessThan(0.1);
    expect(shownS('Median \\(50 %\\)')).toBeCloseTo(3200 / G0, 1);
    expect(Math.abs(shownS('95 % percentile') - (3200 + 1.6448536 * sd) / G0)).toBeLessThan(0.1);
    expect(f).toContain(`5 % percentile ${fmt(out.percentiles['5'] / G0)} s`);
    expect(f).toContain(`95 %: ${fmt(out.percentiles['95'] / G0)}`);
    expect(f).toContain('Input: O/F normal, mean 2.6, standard deviation 0.052 (2 % of the mean)');
    expect(f).toContain('Input: chamber pressure normal, mean 70 bar, standard deviation 2.1 bar (3 % of the mean)');
    expect(f).toContain('What drives the spread');
    // Spearman's correlation of a bivariate normal pair: (6/π) asin(ρ/2), ρ = 2.6/√(2.6² + 2.1²) = 0.778 → 0.762;
    // for pc ρ = 0.628 → 0.611; O/F's share 0.762² / (0.762² + 0.611²) = 61 %
    expect(f).toMatch(/O\/F 0\.76 61\b/);
    expect(f).toMatch(/chamber pressure 0\.61 39\b/);
    expect(pages[0].ink + (pages[1]?.ink ?? 0)).toBeGreaterThan(400);
    expect(pages.reduce((a, p) => a + p.blue, 0)).toBeGreaterThan(100);
  });
});

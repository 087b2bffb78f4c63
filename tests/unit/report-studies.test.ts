// PDF reports of a sweep and of an optimisation (app/domain/report-studies.ts laid out by
// report-pdf.ts), run on the engine in node and read as a reader reads them: the text extracted
// with pdftotext carries the grid or the spec, every result's numbers in the user's units (vacuum
// Isp in s and in m/s: m/s = s × g0, g0 = 9.80665 m/s² by definition; ft/s with 1 ft = 0.3048 m),
// the explanations, the provenance and "page k of n"; the pages rendered with pdftoppm are not
// blank and the charts' coloured lines and dots are drawn.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeEngine, runRocketOptimisation, type NodeEngine } from './support/engine-node.ts';
import { runSweepNode, searchOptimaNode } from './support/sweep-node.ts';
import { readPdf } from './support/pdf-pages.ts';
import { BUILT_IN_PROPELLANTS, propellantReactants } from '../../app/domain/propellants.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';
import type { SweepSpec } from '../../app/domain/sweep.ts';
import type { EvaluatedDesign, OptimizeSpec } from '../../app/domain/optimize-spec.ts';
import { explainSweep } from '../../app/domain/explain-sweep.ts';
import { explainPareto } from '../../app/domain/explain-pareto.ts';
import { optimizeReport, sweepReport } from '../../app/domain/report-studies.ts';
import { reportPdfBytes } from '../../app/domain/report-pdf.ts';

const G0 = 9.80665;
let e: NodeEngine;
beforeAll(async () => { e = await loadNodeEngine(); });

const lib = (id: string) => BUILT_IN_PROPELLANTS.find((p) => p.id === id)!;
const loxRp1: RocketProblem = {
  problem: 'rocket', reactants: [...propellantReactants(lib('rp1'), 1, 'fuel'), ...propellantReactants(lib('lox'), 1, 'oxidizer')],
  of: 2.5, pc: 7e6, exits: [{ areaRatio: 40 }], pamb: 0, chemistry: 'equilibrium',
};
const PROVENANCE = { appVersion: '9.9.9', thermoSha256: 'dd6aaac2a87b57f7b70f2efe907cb33aedc351dae622cf807a96db8b0b0faa5f' };
/** The text with runs of white space made one (pdftotext's layout spaces vary). */
const flat = (t: string) => t.replace(/\s+/g, ' ');
/** Whether the PDF text holds a sentence's beginning (symbols spelled out as the PDF base font needs). */
const spelled = (t: string) => t.slice(0, 40).replace(/√/g, 'sqrt').replace(/−/g, '-');

describe('sweep PDF report', () => {
  const spec: SweepSpec = { base: loxRp1, axes: [{ variable: 'of', from: 1.8, to: 3.4, count: 9, spacing: 'linear' }, { variable: 'pc', from: 1e6, to: 2e7, count: 3, spacing: 'log' }] };

  it('carries the grid, every point’s vacuum Isp in s and m/s, the optimum O/F per line, charts, explanations, provenance and page numbers', async () => {
    const t = runSweepNode(e, spec);
    const optima = await searchOptimaNode(e, spec);
    const claims = explainSweep(t, optima, 'SI');
    const rep = sweepReport('LOX/RP-1 sweep', t, optima, 'SI', '2026-12-02', { explanations: claims.map((c) => c.text), provenance: PROVENANCE });
    const { text, pages } = readPdf(await reportPdfBytes(rep), 'sweep');
    const f = flat(text);
    expect(f).toContain('LOX/RP-1 sweep');
    expect(f).toContain('Axis 1: O/F 1.8 to 3.4, 9 points, linear spacing');
    expect(f).toContain('Axis 2: chamber pressure 10 bar to 200 bar, 3 points, logarithmic spacing');
    // each point's row: #, O/F, pc (bar), Isp vac (s), Isp vac (m/s), …
    for (const i of [0, 13, 26]) {
      const row = text.split('\n').map((l) => l.trim().split(/\s+/)).find((c) => c[0] === String(i + 1) && c.length === 8)!;
      expect(row, `row ${i + 1}`).toBeTruthy();
      expect(Number(row[1])).toBeCloseTo(t.axes[0][i], 4);
      expect(Number(row[2])).toBeCloseTo(t.axes[1][i] / 1e5, 2);
      expect(Math.abs(Number(row[3]) / (t.columns.ispVac[i] / G0) - 1)).toBeLessThan(5e-5);
      expect(Math.abs(Number(row[4]) / t.columns.ispVac[i] - 1)).toBeLessThan(5e-5);
      expect(Number(row[4]) / Number(row[3])).toBeCloseTo(G0, 2);
    }
    // the optimum table: the searches' O/F and Isp
    expect(f).toContain('Optimum O/F along each line (maximising Isp vac)');
    for (const r of optima.rows) if (r.result?.ok) expect(f).toMatch(new RegExp(`${r.result.value.of.toPrecision(5)} ${(r.result.value.value / G0).toPrecision(5)} ${r.result.value.value.toPrecision(5)}`));
    expect(f).toContain('Isp vacuum (s)');
    expect(f).toContain('Optimum O/F against chamber pressure');
    expect(f).toContain('What the numbers say');
    for (const c of claims) expect(f).toContain(spelled(c.text));
    expect(f).toMatch(/Rocket Fuel Optimizer 9\.9\.9/);
    expect(f).toContain(`sha256 ${PROVENANCE.thermoSha256}`);
    expect(f).toContain(`Page 1 of ${pages.length}`);
    expect(f).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(f).not.toMatch(/NaN|undefined|Infinity/);
    for (const [k, p] of pages.entries()) expect(p.ink, `page ${k + 1} has ink`).toBeGreaterThan(50);
    expect(pages.reduce((a, p) => a + p.colour, 0), 'the charts’ coloured lines').toBeGreaterThan(100);
  }, 60_000);

  it('speaks US units: pressures in psia, Isp in s and ft/s', () => {
    const t = runSweepNode(e, { base: loxRp1, axes: [{ variable: 'pc', from: 1e6, to: 2e7, count: 3, spacing: 'log' }] });
    const rep = sweepReport('US sweep', t, null, 'US', '2026-12-02');
    expect(rep.table.head).toEqual(['#', 'chamber pressure (psia)', 'Isp vac (s)', 'Isp vac (ft/s)', 'Isp amb (s)', 'c* (ft/s)', 'Tc (°R)']);
    expect(Number(rep.table.rows[2][1])).toBeCloseTo(2e7 / 6894.757293168361, 1);
    expect(Math.abs(Number(rep.table.rows[2][3]) / (t.columns.ispVac[2] / 0.3048) - 1)).toBeLessThan(5e-5);
    expect(Math.abs(Number(rep.table.rows[2][6]) / (t.columns.Tc[2] * 1.8) - 1)).toBeLessThan(5e-5);
  });
});

describe('a large sweep in a report', () => {
  it('lists its first 400 points and says so, skips failed ones, and draws at most some 400 points per line', () => {
    const n = 5000;
    const spec: SweepSpec = { base: loxRp1, axes: [{ variable: 'areaRatio', from: 5, to: 100, count: n, spacing: 'linear' }] };
    const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => (i === 7 ? NaN : f(i)));
    const columns = { ispVac: col((i) => 3000 + i / 10), isp: col(() => 2900), ispAmb: col(() => 2800), cstar: col(() => 1800), cf: col(() => 1.8), Tc: col(() => 3600), gammaS: col(() => 1.2), M: col(() => 22), pe: col(() => 1e4), Te: col(() => 1500), areaRatio: col((i) => 5 + i) };
    const rep = sweepReport('big', { spec, axes: [Float64Array.from({ length: n }, (_, i) => 5 + (95 * i) / (n - 1))], columns }, null, 'SI', '2026-12-02');
    expect(rep.table.rows).toHaveLength(400);
    expect(rep.table.rows[7][0]).toBe('9'); // point 8 failed: left out
    expect(rep.notes).toContain('1 of the 5000 points could not be computed and are left out.');
    expect(rep.notes).toContain('The table shows the first 400 of the 4999 computed points; the CSV export has all of them.');
    const pts = rep.charts![0].series[0].points;
    expect(pts.length).toBeLessThanOrEqual(402);
    expect(pts[pts.length - 1][0]).toBe(100); // the last value is drawn
  });
});

describe('optimisation PDF report', () => {
  const SPEC = {
    fuels: ['RP-1', 'CH4(L)', 'H2(L)'], oxidizers: ['O2(L)'],
    variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: [5, 100] },
    objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
    constraints: [{ quantity: 'Tc', max: 3600 }],
    population: 24, generations: 16, seed: 1,
  } as OptimizeSpec;

  it('carries the spec, every Pareto design’s Isp in s and m/s, the front charted as dots, explanations, provenance and page numbers', async () => {
    const run = await runRocketOptimisation(e, SPEC);
    const front = run.pareto as EvaluatedDesign[];
    const claims = explainPareto(SPEC, front, 'SI');
    const rep = optimizeReport('Pareto report', SPEC, front, 'SI', '2026-12-02', { explanations: claims.map((c) => c.text), provenance: PROVENANCE });
    const { text, pages } = readPdf(await reportPdfBytes(rep), 'pareto');
    const f = flat(text);
    expect(f).toContain('Pareto report');
    expect(f).toContain('Fuels RP-1, CH4(L), H2(L)');
    expect(f).toContain('Chamber pressure 20 bar to 200 bar');
    expect(f).toContain('Objective 1 maximise vacuum Isp');
    expect(f).toContain('Constraint: chamber temperature <= 3600 K');
    expect(f).toContain('population 24, 16 generations, seed 1');
    // every design's row: its fuel, O/F, vacuum Isp in s and in m/s
    for (const d of front) {
      const s = (d.ispVac / G0).toFixed(1);
      const ms = d.ispVac.toFixed(1);
      expect(f, `${d.fuel} O/F ${d.of}`).toContain(`${d.fuel} O2(L) ${d.of.toFixed(3)} ${(d.pc / 1e5).toFixed(2)} ${d.areaRatio.toFixed(1)} ${s} ${ms}`);
    }
    expect(f).toContain('Pareto front');
    expect(f).toContain('What the numbers say');
    for (const c of claims) expect(f).toContain(spelled(c.text));
    expect(f).toContain(`sha256 ${PROVENANCE.thermoSha256}`);
    expect(f).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(f).not.toMatch(/NaN|undefined|Infinity/);
    for (const [k, p] of pages.entries()) expect(p.ink, `page ${k + 1} has ink`).toBeGreaterThan(50);
    expect(pages.reduce((a, p) => a + p.colour, 0), 'the front’s coloured dots').toBeGreaterThan(30);
  }, 60_000);
});

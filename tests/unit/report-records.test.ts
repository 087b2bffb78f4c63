// `rfo report` of the studies an experiment keeps besides sweeps and analyses (issues 16 and 18):
// firings, datasets, models, points, and an optimisation — each read back as a reader reads the
// PDF (pdftotext for the numbers, pdftoppm for ink and the charts' colours). Expected numbers come
// from outside the report code: the synthetic engine's analytic burn (thrust = Cf·At·pc with a
// half-cosine rise and tail-off: its impulse integral by hand, c* and Isp = Cf·c* by construction),
// hand-made dataset rows and model figures with hand unit conversions (1 bar = 1e5 Pa; 1 psi =
// 6894.757 Pa; 1 lbf = 4.448222 N; g0 = 9.80665 m/s²), CEA2's LOX/RP-1 point, and an NSGA-II front
// computed here on the engine.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/report.ts';
import { readPdf } from './support/pdf-pages.ts';
import { createExperiment, type Experiment, type Study } from '../../app/domain/experiment.ts';
import { exportExperimentFile } from '../../app/domain/backup.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';
import type { StoredModel, StoredResult } from '../../app/domain/stored-records.ts';
import { analyseFiring } from '../../app/domain/firing/analyse.ts';
import { withFiring } from '../../app/domain/firing/saved.ts';
import { SYNTH, SYNTH_HEADER, synthesize, type Scenario } from '../../app/domain/firing/synthetic.ts';
import { measuredDataset, withDataset } from '../../app/domain/learn-dataset.ts';
import { withModelStudy } from '../../app/domain/model-study.ts';
import type { ModelDoc } from '../../app/domain/ml-model.ts';
import { addOptimisationStudy } from '../../app/domain/optimize-study.ts';
import type { EvaluatedDesign, OptimizeSpec } from '../../app/domain/optimize-spec.ts';
import { loadNodeEngine, runRocketOptimisation } from './support/engine-node.ts';

const G0 = 9.80665;
const PSI = 6894.757293168361;
const LBF = 4.4482216152605;
const WHEN = '2026-12-02T00:00:00Z';
type Case = { id: string; problem: RocketProblem; chamber: { T_K: number }; exits: { Ae_At?: number; Isp_vac_m_s: number }[] };
const ref = JSON.parse(readFileSync(new URL('../fixtures/cea-reference-trimmed.json', import.meta.url), 'utf8')) as { rocket: Case[] };
const cea = ref.rocket.find((c) => c.id === 'lox_rp1-eq-of2.6-pc68.05')!;
const ceaExit = cea.exits.find((x) => x.Ae_At === 40)!;
const base: RocketProblem = { ...cea.problem, exits: [{ areaRatio: 40 }] };

const dir = mkdtempSync(join(tmpdir(), 'rfo-report-records-'));
const flat = (t: string) => t.replace(/\s+/g, ' ');

async function run(args: string[]): Promise<Record<string, unknown>> {
  const write = process.stdout.write.bind(process.stdout);
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { text += String(chunk); return true; }) as typeof process.stdout.write;
  try {
    expect(await main(args)).toBe(0);
  } finally {
    process.stdout.write = write;
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** The numbers of the text line that starts with `label` and ends with `unit`. */
function figure(text: string, label: string, unit: string): number {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.startsWith(label) && l.endsWith(` ${unit}`) && /\d/.test(l.slice(label.length)));
  expect(line, `a "${label} … ${unit}" line`).toBeTruthy();
  return Number(line!.slice(label.length, -unit.length).trim());
}

// The synthetic engine's burn, by hand (tests/unit/firing-analyse.test.ts derives it): 10 % of the
// peak is crossed where cos(πx) = 0.8 on the half-cosine rise (r = 0.1 s) and tail-off (τ = 0.2 s).
const x0 = Math.acos(0.8) / Math.PI;
const F0 = SYNTH.cf * SYNTH.throatArea * SYNTH.pc0; // 1500 N
const edge = 0.5 * (1 - x0 + 0.6 / Math.PI);
const IMPULSE = F0 * (0.1 * edge + (SYNTH.cutoff - SYNTH.ignition - 0.1) + SYNTH.tail * edge);
const BURN = SYNTH.cutoff + SYNTH.tail * (1 - x0) - (SYNTH.ignition + 0.1 * x0);
const ISP = SYNTH.cf * SYNTH.cstar; // F/ṁ = Cf·At·pc / (pc·At/c*) = 2250 m/s
const design = { pc: SYNTH.pc0, throatArea: SYNTH.throatArea };

async function firing(e: Experiment, scenario: Scenario, name: string, id: string) {
  const s = synthesize({ scenario });
  const a = analyseFiring(s, design);
  if (!a.ok) throw new Error(a.error.message);
  return withFiring(e, { name, source: `${scenario}.csv`, startedAt: `2026-11-0${id}T10:00:00Z`, headerLine: SYNTH_HEADER, columns: [s.t, s.thrust, s.pc, s.flow], analysis: a.value, design }, WHEN, () => id);
}

// 70 hand-made firings: O/F 2 + 0.01 i, pc (20 + 0.1 i) bar, ε 10, Isp (2400 + i) m/s, ideal 2500 m/s.
const ROWS = Array.from({ length: 70 }, (_, i) => ({ line: i + 1, testId: `T${i + 1}`, of: 2 + 0.01 * i, pc: 2e6 + 1e4 * i, eps: 10, isp: 2400 + i, thrust: 1000 + 10 * i }));

describe('rfo report: firing, dataset, model and point studies', () => {
  let file = '';
  let hardStart: { time: number; message: string } | undefined;
  beforeAll(async () => {
    let e = createExperiment({ name: 'Campaign', problem: base, units: 'SI', system: 'lox-rp1' });
    const results: StoredResult[] = [];
    const f1 = await firing(e, 'nominal', 'Nominal burn', '1');
    e = f1.experiment;
    results.push(f1.result);
    const f2 = await firing(e, 'hard-start', 'Rough start', '2');
    e = f2.experiment;
    results.push(f2.result);
    hardStart = (f2.result.meta.analysis as { flags: { kind: string; time: number; message: string }[] }).flags.find((f) => f.kind === 'hard-start');

    const ds = measuredDataset({ name: 'Bench firings', reactants: base.reactants, spec: { fileName: 'bench.csv', headers: [], mapping: {}, units: {}, decimal: '.', defaultAreaRatio: 10 } }, ROWS, ROWS.map(() => 2500));
    const d = withDataset(e, ds, WHEN, () => 'ds1');
    e = d.experiment;
    results.push(d.result);

    const doc = { ...JSON.parse(readFileSync(new URL('../fixtures/model-v1-efficiency.json', import.meta.url), 'utf8')), inputRanges: [{ min: 2.2, max: 3 }, { min: 2e6, max: 7e6 }, { min: 10, max: 40 }] } as ModelDoc;
    const model: StoredModel = { id: 'model-1', experimentId: e.id, name: doc.name, createdAt: WHEN, meta: doc as unknown as StoredModel['meta'], weights: new ArrayBuffer(0) };
    e = withModelStudy(e, doc, model.id, WHEN, 'ds1');

    // a computed point as the app keeps it: CEA2's chamber temperature and ε = 40 vacuum Isp
    const point: Study = { id: 'point-1', kind: 'point', spec: {}, seed: 1, status: 'done', resultsRef: null, updatedAt: WHEN, summary: { Tc_K: cea.chamber.T_K, ispVac_m_s: ceaExit.Isp_vac_m_s, areaRatio: 40 } };
    e = { ...e, studies: [...e.studies, point] };
    file = join(dir, 'campaign.json');
    writeFileSync(file, exportExperimentFile(e, results, [model], WHEN));
  }, 60_000);

  it('reports each firing: burn figures against the analytic burn, the flags with times, thrust and pc drawn from the trace', async () => {
    const pdf = join(dir, 'firing.pdf');
    const out = await run(['--study', 'firing-1', file, pdf]);
    expect(out).toMatchObject({ ok: true, studies: [{ id: 'firing-1', kind: 'firing', reported: true }] });
    const { text, pages } = readPdf(pdf, 'firing');
    const f = flat(text);
    expect(f).toContain('Test-stand firing “Nominal burn”'.replace(/[“”]/g, '"'));
    expect(Math.abs(figure(text, 'Total impulse', 'N·s') / IMPULSE - 1)).toBeLessThan(0.005);
    expect(Math.abs(figure(text, 'Burn time', 's') - BURN)).toBeLessThanOrEqual(0.0011);
    expect(figure(text, 'Peak thrust', 'N')).toBeCloseTo(F0, 0);
    expect(Math.abs(figure(text, 'Average thrust', 'N') / (IMPULSE / BURN) - 1)).toBeLessThan(0.005);
    expect(Math.abs(figure(text, 'Delivered c*', 'm/s') / SYNTH.cstar - 1)).toBeLessThan(0.005);
    expect(Math.abs(figure(text, 'Delivered Isp', 'm/s') / ISP - 1)).toBeLessThan(0.005);
    expect(Math.abs(figure(text, 'Delivered Isp', 's') / (ISP / G0) - 1)).toBeLessThan(0.005);
    expect(figure(text, 'Steady chamber pressure', 'bar')).toBeCloseTo(20, 2);
    expect(f).toContain('Flags (0) No flag was raised.');
    expect(f).toContain('Thrust against time');
    expect(f).toContain('Chamber pressure against time');
    expect(f).not.toMatch(/NaN|undefined|Infinity/);
    for (const [k, p] of pages.entries()) expect(p.ink, `page ${k + 1} has ink`).toBeGreaterThan(50);
    expect(pages.reduce((a, p) => a + p.blue, 0), 'the thrust and pc lines').toBeGreaterThan(20);
  }, 60_000);

  it('in US units: impulse in lbf·s, pressures in psia, and the flag’s sentence in psia too', async () => {
    const pdf = join(dir, 'firing-us.pdf');
    await run(['--units', 'US', '--study', 'firing-2', file, pdf]);
    const { text } = readPdf(pdf, 'firing-us');
    const f = flat(text);
    expect(Math.abs(figure(text, 'Peak thrust', 'lbf') / (F0 * 1.8 / LBF) - 1)).toBeLessThan(0.02); // the 80 % pc spike passes to thrust
    expect(figure(text, 'Steady chamber pressure', 'psia')).toBeCloseTo(SYNTH.pc0 / PSI, 0);
    expect(hardStart, 'the hard start is flagged').toBeTruthy();
    expect(Math.abs(hardStart!.time - SYNTH.hardStartPeak)).toBeLessThan(0.002);
    expect(f).toContain(`Flags (1) hard-start at t = ${hardStart!.time.toFixed(3)} s: Hard start: chamber pressure peaked at`);
    // the SI message says "… the steady 2.00 MPa that followed": here 290 psia (2e6 / 6894.757)
    expect(hardStart!.message).toMatch(/steady 2\.00 MPa/);
    expect(f).toMatch(/the steady 290 psia that followed/);
    expect(f).not.toContain('MPa');
  }, 60_000);

  it('reports the dataset’s rows in the user’s units, capped with the count of the rest', async () => {
    const pdf = join(dir, 'dataset.pdf');
    const out = await run(['--study', 'ds1', file, pdf]);
    expect(out).toMatchObject({ ok: true, studies: [{ id: 'ds1', kind: 'dataset', reported: true }] });
    const { text, pages } = readPdf(pdf, 'dataset');
    const f = flat(text);
    expect(f).toContain('70 rows, test firings (bench.csv)');
    // row T1: O/F 2, pc 20 bar, ε 10, thrust 1000 N, Isp 2400 m/s, ideal 2500 m/s; row T60: O/F 2.59, 25.9 bar
    expect(f).toMatch(/T1 2\.0000 20\.000 10\.000 1000\.0 2400\.0 2500\.0/);
    expect(f).toMatch(/T60 2\.5900 25\.900 10\.000 1590\.0 2459\.0 2500\.0/);
    expect(f).not.toMatch(/\bT61\b/);
    expect(f).toContain('10 more rows');
    for (const [k, p] of pages.entries()) expect(p.ink, `page ${k + 1} has ink`).toBeGreaterThan(50);
  }, 60_000);

  it('reports the model: inputs, outputs, training range in the user’s units, held-out error', async () => {
    const pdf = join(dir, 'model-us.pdf');
    const out = await run(['--units', 'US', file, pdf]);
    const studies = out.studies as { id: string; kind: string; reported: boolean }[];
    expect(studies.map((s) => s.kind).sort()).toEqual(['dataset', 'firing', 'firing', 'model', 'point']);
    expect(studies.every((s) => s.reported)).toBe(true);
    const { text, pages } = readPdf(pdf, 'model-us');
    const f = flat(text);
    expect(f).toContain('Inputs O/F, pc (log scale), eps (log scale)');
    expect(f).toContain('Outputs Isp');
    // pc trained from 2e6 to 7e6 Pa: 290.08 to 1015.3 psia
    expect(f).toMatch(new RegExp(`pc ${(2e6 / PSI).toFixed(2)} ${(7e6 / PSI).toFixed(1)} psia`));
    expect(f).toMatch(/O\/F 2\.2000 3\.0000/);
    // held out: 3 points, R² 0.93, RMSE 11.2 m/s = 1.142 lbf·s/lbm, max abs 17.9 m/s = 1.825
    expect(f).toMatch(new RegExp(`Isp 3 0\\.9300 ${(11.2 / G0).toFixed(3)} ${(17.9 / G0).toFixed(3)} 0\\.610 100 lbf·s/lbm`));
    // the point's kept figures: CEA2's vacuum Isp in lbf·s/lbm (= s) and in ft/s
    const point = text.slice(text.indexOf('Results (first exit)'));
    expect(Math.abs(figure(point, 'Isp vacuum', 'lbf·s/lbm') / (ceaExit.Isp_vac_m_s / G0) - 1)).toBeLessThan(5e-5);
    expect(Math.abs(figure(point, 'Isp vacuum', 'ft/s') / (ceaExit.Isp_vac_m_s / 0.3048) - 1)).toBeLessThan(5e-5);
    expect(figure(point, 'Chamber temperature', '°R')).toBeCloseTo(cea.chamber.T_K * 1.8, 0);
    expect(f).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(f).not.toMatch(/NaN|undefined|Infinity/);
    for (const [k, p] of pages.entries()) expect(p.ink, `page ${k + 1} has ink`).toBeGreaterThan(50);
  }, 120_000);
});

describe('rfo report: an optimisation study', () => {
  const SPEC = {
    fuels: ['RP-1', 'CH4(L)'], oxidizers: ['O2(L)'],
    variables: { of: [1.8, 4], pc: [3e6, 1.5e7], areaRatio: [10, 60] },
    objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
    population: 12, generations: 6, seed: 3,
  } as OptimizeSpec;

  it('lists every design of the front with its O/F, pc, ε and vacuum Isp in s and m/s', async () => {
    const front = (await runRocketOptimisation(await loadNodeEngine(), SPEC)).pareto as EvaluatedDesign[];
    expect(front.length).toBeGreaterThan(1);
    const e0 = createExperiment({ name: 'Front', problem: base, units: 'SI', system: 'lox-rp1' });
    const { experiment, results } = addOptimisationStudy(e0, { spec: SPEC, pareto: front, hypervolume: null, evaluations: 72, now: WHEN, id: () => 'x' });
    const file = join(dir, 'front.json');
    writeFileSync(file, exportExperimentFile(experiment, results, [], WHEN));
    const pdf = join(dir, 'front.pdf');
    const out = await run(['--study', 'opt-x', file, pdf]);
    expect(out).toMatchObject({ ok: true, studies: [{ id: 'opt-x', kind: 'optimisation', reported: true }] });
    const { text, pages } = readPdf(pdf, 'front');
    const f = flat(text);
    for (const d of front) {
      expect(f, `${d.fuel} O/F ${d.of}`).toContain(`${d.fuel} O2(L) ${d.of.toFixed(3)} ${(d.pc / 1e5).toFixed(2)} ${d.areaRatio.toFixed(1)} ${(d.ispVac / G0).toFixed(1)} ${d.ispVac.toFixed(1)}`);
    }
    expect(f).toContain('population 12, 6 generations, seed 3');
    expect(pages.reduce((a, p) => a + p.colour, 0), 'the front’s dots').toBeGreaterThan(10);
  }, 120_000);
});

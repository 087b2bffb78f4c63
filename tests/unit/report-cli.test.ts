// `rfo report experiment.json out.pdf` (issue 16, items 4 and 5): the PDF of a saved experiment,
// checked as a reader checks it — its text extracted with pdftotext (poppler) and its pages
// rendered with pdftoppm. The design is CEA2's LOX/RP-1 case at O/F 2.6, pc 68.05 bar (reference
// set copied into tests/fixtures/cea-reference-trimmed.json, see its provenance): the vacuum Isp
// printed for the ε = 40 exit must be CEA's within its print precision, in m/s and in s (÷ g0).
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readPdf } from './support/pdf-pages.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/report.ts';
import { createExperiment } from '../../app/domain/experiment.ts';
import { exportExperimentFile } from '../../app/domain/backup.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';
import type { Study } from '../../app/domain/experiment.ts';
import { withSweepResult, type SweepSpec } from '../../app/domain/sweep.ts';
import { loadNodeEngine } from './support/engine-node.ts';
import { runSweepNode } from './support/sweep-node.ts';

type Case = { id: string; problem: RocketProblem; chamber: { T_K: number }; exits: { Ae_At?: number; Isp_vac_m_s: number }[] };
const ref = JSON.parse(readFileSync(new URL('../fixtures/cea-reference-trimmed.json', import.meta.url), 'utf8')) as { rocket: Case[] };
const cea = ref.rocket.find((c) => c.id === 'lox_rp1-eq-of2.6-pc68.05')!;
const G0 = 9.80665;

/** Runs main() with stdout captured; returns the exit status and the printed JSON. */
async function run(args: string[]): Promise<{ status: number; out: Record<string, unknown> | null }> {
  const write = process.stdout.write.bind(process.stdout);
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { text += String(chunk); return true; }) as typeof process.stdout.write;
  try {
    const status = await main(args);
    return { status, out: text.trim() ? (JSON.parse(text) as Record<string, unknown>) : null };
  } finally {
    process.stdout.write = write;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'rfo-report-'));
function experimentFile(name: string, problem: RocketProblem, units: 'SI' | 'US' = 'SI'): string {
  const e = createExperiment({ name, problem, units, system: 'lox-rp1' });
  const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
  writeFileSync(file, exportExperimentFile(e, [], [], '2026-12-02T00:00:00Z'));
  return file;
}

/** Numbers of the first text line that starts with `label` and ends with `unit`. */
function rowNumbers(text: string, label: string, unit: string): number[] {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.startsWith(label) && l.endsWith(` ${unit}`));
  expect(line, `a "${label} … ${unit}" row`).toBeTruthy();
  return line!.slice(label.length, -unit.length).trim().split(/\s+/).map(Number);
}

describe('rfo report', () => {
  it('writes a PDF whose station table carries CEA2’s vacuum Isp in m/s and in s, with charts, explanations, provenance and page numbers', async () => {
    const pdf = join(dir, 'lox-rp1.pdf');
    const r = await run([experimentFile('LOX RP-1 report', cea.problem), pdf]);
    expect(r.status).toBe(0);
    expect(r.out).toMatchObject({ ok: true, file: pdf });
    const pages = r.out!.pages as number;
    expect(pages).toBeGreaterThanOrEqual(2);

    const { text, pages: rendered } = readPdf(pdf);
    expect(text).toContain('LOX RP-1 report');
    // columns: Chamber, Throat, Exit 1 (pc/pe), Exit 2 (ε 10), Exit 3 (ε 40), Exit 4 (ε 100); blank in the chamber
    const k = cea.exits.findIndex((x) => x.Ae_At === 40);
    const ms = rowNumbers(text, 'Isp vacuum', 'm/s');
    const s = rowNumbers(text, 'Isp vacuum', 's');
    expect(ms).toHaveLength(1 + cea.exits.length); // throat + exits
    expect(Math.abs(ms[1 + k] / cea.exits[k].Isp_vac_m_s - 1)).toBeLessThan(5e-4);
    expect(Math.abs(s[1 + k] / (cea.exits[k].Isp_vac_m_s / G0) - 1)).toBeLessThan(5e-4);
    // inputs with the area ratios, the composition, the charts' axes, the explanations, the provenance
    expect(text).toMatch(/Exit 3\s+Ae\/At = 40\.000/);
    expect(text).toContain('Composition');
    expect(text).toMatch(/H2O\s+0\.\d/);
    expect(text).toContain('Isp vacuum (s)');
    expect(text).toContain('O/F (mass)');
    expect(text).toContain('What the numbers say');
    expect(text).toMatch(/Vacuum Isp peaks at O\/F \d/);
    expect(text).toMatch(/sha256\s+dd6aaac2a87b57f7b70f2efe907cb33aedc351dae622cf807a96db8b0b0faa5f/); // thermo.inp's, the file CEA2 used
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).not.toMatch(/NaN|undefined/);

    // rendered: no blank page, and the Isp curve drawn in its blue on some page
    expect(rendered).toHaveLength(pages);
    for (const [i, p] of rendered.entries()) expect(p.ink, `page ${i + 1} has ink`).toBeGreaterThan(50);
    const blue = rendered.reduce((a, p) => a + p.blue, 0);
    expect(blue, 'the Isp curve is drawn').toBeGreaterThan(10);
  }, 60_000);

  it('prints US units when the experiment is in US customary units (Isp in lbf·s/lbm and ft/s)', async () => {
    const pdf = join(dir, 'us.pdf');
    const r = await run([experimentFile('US report', { ...cea.problem, exits: [{ areaRatio: 40 }] }, 'US'), pdf]);
    expect(r.out).toMatchObject({ ok: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const k = cea.exits.findIndex((x) => x.Ae_At === 40);
    const fts = rowNumbers(text, 'Isp vacuum', 'ft/s');
    expect(Math.abs(fts[1] / (cea.exits[k].Isp_vac_m_s / 0.3048) - 1)).toBeLessThan(5e-4); // 1 ft = 0.3048 m
    expect(text).toContain('psia');
  }, 60_000);

  it('--units US reports an SI experiment in US units, and the output names the first exit’s vacuum Isp and the explanations', async () => {
    const pdf = join(dir, 'override.pdf');
    const r = await run(['--units', 'US', experimentFile('SI design', { ...cea.problem, exits: [{ areaRatio: 40 }] }), pdf]);
    expect(r.out).toMatchObject({ ok: true, units: 'US' });
    const k = cea.exits.findIndex((x) => x.Ae_At === 40);
    expect(Math.abs((r.out!.ispVac_m_s as number) / cea.exits[k].Isp_vac_m_s - 1)).toBeLessThan(5e-4);
    const claims = r.out!.explanations as { id: string; text: string; figures: Record<string, number> }[];
    expect(claims.map((c) => c.id)).toContain('optimum');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('psia');
    for (const c of claims) expect(text.replace(/\s+/g, ' ')).toContain(c.text.slice(0, 30).replace(/[√γ≥≤−]/g, (m) => ({ '√': 'sqrt', 'γ': 'gamma', '≥': '>=', '≤': '<=', '−': '-' })[m]!));
  }, 60_000);

  it('refuses what it cannot use, naming it', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{not json');
    expect((await run([bad, join(dir, 'x.pdf')])).out).toMatchObject({ ok: false, error: { code: 'bad-json' } });
    const file = experimentFile('Other', cea.problem);
    expect((await run([file, join(dir, 'y.pdf'), '--id', 'nope'])).out).toMatchObject({ ok: false, error: { code: 'no-experiment', field: 'id' } });
    expect((await run([file, join(dir, 'no-such-dir', 'z.pdf')])).out).toMatchObject({ ok: false, error: { code: 'cannot-write', field: 'output' } });
    expect((await run([file])).status).toBe(2);
    expect((await run([file, 'a.pdf', '--bogus'])).status).toBe(2);
    expect((await run(['--units', 'metric', file, 'a.pdf'])).status).toBe(2);
  }, 60_000);
});

// An experiment file holding a sweep study with its results (the columns the app stores, computed
// here on the engine as the sweep job computes them) and an analysis study whose results are not in
// the file. The sweep runs over O/F 2.2, 2.6, 3.0 at CEA2's 68.05 bar and ε 40: its O/F 2.6 row must
// carry CEA2's vacuum Isp (m/s, and s = m/s ÷ g0) and chamber temperature within print precision.
describe('rfo report: the studies of an experiment', () => {
  const when = '2026-12-02T00:00:00Z';
  const base: RocketProblem = { ...cea.problem, exits: [{ areaRatio: 40 }] };
  const spec: SweepSpec = { base, axes: [{ variable: 'of', from: 2.2, to: 3.0, count: 3, spacing: 'linear' }] };
  let file = '';
  beforeAll(async () => {
    const t = runSweepNode(await loadNodeEngine(), spec);
    const e0 = createExperiment({ name: 'Studies report', problem: base, units: 'SI', system: 'lox-rp1' });
    const { experiment, result } = withSweepResult(e0, { id: 'job1', spec, failureCount: 0 }, t.axes, t.columns, when);
    const analysis: Study = {
      id: 'analysis-gone', kind: 'analysis', seed: 1, status: 'done', resultsRef: 'res-analysis-gone', updatedAt: when,
      spec: { method: 'sobol', model: 'ishigami', samples: 64, seed: 1 },
    };
    file = join(dir, 'studies.json');
    writeFileSync(file, exportExperimentFile({ ...experiment, studies: [...experiment.studies, analysis] }, [result], [], when));
  }, 60_000);
  const k = cea.exits.findIndex((x) => x.Ae_At === 40);
  /** The sweep table's row of point `n`: #, O/F, Isp vac (s), Isp vac (m/s), Isp amb (s), c* (m/s), Tc (K). */
  const sweepRow = (text: string, n: number) => text.split('\n').map((l) => l.trim().split(/\s+/)).find((c) => c[0] === String(n) && c.length === 7);

  it('reports the design, then the sweep from the results the file carries, and says which study’s results are not there', async () => {
    const pdf = join(dir, 'studies.pdf');
    const r = await run([file, pdf]);
    expect(r.out).toMatchObject({
      ok: true,
      studies: [{ id: 'sweep-job1', kind: 'sweep', reported: true }, { id: 'analysis-gone', kind: 'analysis', reported: false, reason: 'its results (res-analysis-gone) are not in the file' }],
    });
    const { text, pages } = readPdf(pdf, 'studies');
    const f = text.replace(/\s+/g, ' ');
    expect(f).toContain('Stations'); // the design point first
    expect(f).toContain('Axis 1: O/F 2.2 to 3, 3 points, linear spacing');
    const row = sweepRow(text, 2)!;
    expect(row, 'the O/F 2.6 row').toBeTruthy();
    expect(Number(row[1])).toBeCloseTo(2.6, 6);
    expect(Math.abs(Number(row[3]) / cea.exits[k].Isp_vac_m_s - 1)).toBeLessThan(5e-4);
    expect(Math.abs(Number(row[2]) / (cea.exits[k].Isp_vac_m_s / G0) - 1)).toBeLessThan(5e-4);
    expect(Math.abs(Number(row[6]) / cea.chamber.T_K - 1)).toBeLessThan(5e-4);
    expect(f).toContain('Optimum O/F along each line');
    expect(f).toContain('This study is not reported: its results (res-analysis-gone) are not in the file.');
    expect(pages).toHaveLength(r.out!.pages as number);
    expect(f).toContain(`Page ${pages.length} of ${pages.length}`);
    for (const [i, p] of pages.entries()) expect(p.ink, `page ${i + 1} has ink`).toBeGreaterThan(50);
    expect(f).not.toMatch(/NaN|undefined/);
  }, 120_000);

  it('--study ID reports that study alone; an unknown study is named', async () => {
    const pdf = join(dir, 'one-study.pdf');
    const r = await run(['--study', 'sweep-job1', file, pdf]);
    expect(r.out).toMatchObject({ ok: true, studies: [{ id: 'sweep-job1', reported: true }] });
    const { text, pages } = readPdf(pdf, 'one-study');
    expect(text).not.toContain('Stations');
    expect(text.replace(/\s+/g, ' ')).toContain('Axis 1: O/F 2.2 to 3');
    expect(Math.abs(Number(sweepRow(text, 2)![3]) / cea.exits[k].Isp_vac_m_s - 1)).toBeLessThan(5e-4);
    // the vacuum Isp chart's blue line
    expect(pages.reduce((a, p) => a + p.blue, 0)).toBeGreaterThan(10);
    expect((await run(['--study', 'nope', file, pdf])).out).toMatchObject({ ok: false, error: { code: 'no-study', field: 'study' } });
    expect((await run([file, pdf, '--study'])).status).toBe(2);
  }, 120_000);
});

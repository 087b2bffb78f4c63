// Optimize in the built app: a seeded rocket run (LOX with RP-1, CH4 or LH2; O/F, pc, ε; maximise
// vacuum Isp and density-Isp; Tc ≤ 3600 K) finishes in the engine worker with a sensible front —
// every design feasible and non-dominated, the fuel varying along it — equal to the same spec
// run in node (same seed, same wasm), and a row opens in Explore.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';
import { runNsga2 } from '../../workers/optimize-api.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';

const POP = 20;
const GENS = 8;

async function nodeFront() {
  const core = await loadCoreNode();
  const thermo = JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
  const engine = makeEngineApi(core, thermo);
  const r = await runNsga2(core, {
    fuels: ['RP-1', 'CH4(L)', 'H2(L)'], oxidizers: ['O2(L)'],
    variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: [5, 100] },
    objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
    constraints: [{ quantity: 'Tc', max: 3600 }],
    population: POP, generations: GENS, seed: 1,
    separation: 'mark', // the large-Ae/At designs separate at sea level; kept (and marked) in both runs
  }, { evaluate: (ps) => ps.map((p) => engine.solveRocket(p)) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.pareto;
}

test('a seeded LOX rocket run finishes in the browser with a feasible, non-dominated front', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/#/optimize');
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  await page.getByTestId('population').fill(String(POP));
  await page.getByTestId('population').dispatchEvent('change');
  await page.getByTestId('generations').fill(String(GENS));
  await page.getByTestId('generations').dispatchEvent('change');
  await page.getByLabel('Designs whose nozzle flow separates at ambient').selectOption('mark');
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-progress')).toContainText(`Generation ${GENS} of ${GENS}`, { timeout: 80_000 });
  await expect(page.getByTestId('optimize-progress')).toContainText('done');

  // Each generation was solved on the engine worker and the pool's workers (at least one).
  const engineWorkers = page.workers().filter((w) => /engine\.worker/.test(w.url()));
  expect(engineWorkers.length, page.workers().map((w) => w.url()).join(', ')).toBeGreaterThanOrEqual(2);

  const rows = page.getByTestId('pareto-table').locator('tbody tr');
  const n = await rows.count();
  expect(n).toBeGreaterThan(2);
  const header = await page.getByTestId('pareto-table').locator('thead th').allTextContents();
  const col = (label: string) => header.findIndex((h) => h.startsWith(label));
  const table = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
  const fuel = table.map((r) => r[col('Fuel')]);
  const isp = table.map((r) => Number(r[col('Isp vac')]));
  const rhoIsp = table.map((r) => Number(r[col('ρ·Isp')]));
  const tc = table.map((r) => Number(r[col('Tc')]));
  expect(tc.every((t) => t <= 3600)).toBe(true);
  expect(new Set(fuel).size).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // Strictly better in one and at least as good in the other (beyond display rounding) would be domination.
      const dom = isp[j] > isp[i] + 0.1 && rhoIsp[j] > rhoIsp[i] + 1;
      expect(dom, `row ${j} dominates row ${i}`).toBe(false);
    }
  }
  // Same seed, same wasm: the browser's front is node's front (table sorted by Isp vac, descending).
  // The table shows Isp in seconds, as Explore does (m/s over g0 = 9.80665 m/s²).
  const front = await nodeFront();
  const expected = front.map((d) => (d.ispVac / 9.80665).toFixed(1)).sort((a, b) => Number(b) - Number(a));
  expect(isp.map((v) => v.toFixed(1))).toEqual(expected);

  // What the front trades, computed from it: the highest-Isp end is the front's largest Isp, named in s.
  const ends = page.getByTestId('optimize-explanations').locator('li[data-claim="front-ends"]');
  await expect(ends).toContainText(`the highest vacuum Isp, ${Number(expected[0]).toPrecision(4)} s`);
  await expect(page.getByTestId('optimize-explanations').locator('li[data-claim="front-trade"]')).toContainText('at the cost of');
  // The PDF report: its text (pdftotext) has the spec, the designs' Isp in s and m/s, the same explanation.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('optimize-pdf').click()]);
  expect(pdf.suggestedFilename()).toBe('pareto.pdf');
  const text = execFileSync('pdftotext', ['-layout', (await pdf.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Fuels RP-1, CH4(L), H2(L)');
  const top = front.reduce((a, d) => (d.ispVac > a.ispVac ? d : a));
  expect(text).toContain(`${(top.ispVac / 9.80665).toFixed(1)} ${top.ispVac.toFixed(1)}`);
  expect(text).toContain(`the highest vacuum Isp, ${Number(expected[0]).toPrecision(4)} s`);
  expect(text).toMatch(/Page 1 of \d/);

  // From the keyboard: the first row's Open button, focused, then Enter.
  const first = page.getByRole('button', { name: 'Open design 1 in Explore' });
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/explore/);
});

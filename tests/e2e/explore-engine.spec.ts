// Explore on the equilibrium engine in the built app: the numbers on screen come from the engine
// worker and must equal the same engine run in node — on the very wasm and species data the build
// serves — to the digits shown; they follow O/F, the nozzle and the chemistry; a wrong input is an
// error beside its field, never NaN; the optimum O/F is found; after one visit it all works offline.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { buildEngine, distDir } from './support/build-engine.ts';
import { instantiateCore } from '../../wasm-core/index.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../../app/domain/templates.ts';

/** Explore opens on the starter template. */
const START = findTemplate(STARTER_TEMPLATE_ID)!.problem;
import type { RocketProblem, RocketResult, Station } from '../../app/domain/problem.ts';

const G0 = 9.80665;
const dist = distDir;

const nodeEngine = buildEngine;

/** The default design point of Explore with some fields changed; Explore takes 1 atm when pamb is unset. */
function problem(change: Partial<RocketProblem> = {}): RocketProblem {
  return { ...structuredClone(START), pamb: START.pamb ?? 101325, ...change };
}

async function solve(p: RocketProblem): Promise<{ chamber: Station; throat: Station; exit: Station }> {
  const r = (await nodeEngine()).solveRocket(p);
  if (!r.ok) throw new Error(`node engine failed: ${r.error.message}`);
  const v = r.value as RocketResult;
  const exit = v.exits[0];
  if (!exit || 'ok' in exit) throw new Error('node engine: no first exit');
  return { chamber: v.chamber, throat: v.throat, exit };
}

/** The first number in a cell's text ("4.2 s" → 4.2), and how many decimals it shows. */
async function shown(page: Page, testId: string): Promise<{ value: number; decimals: number }> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  const m = /-?\d+(\.(\d+))?(e[-+]\d+)?/.exec(text);
  if (!m) throw new Error(`no number in ${testId}: "${text}"`);
  return { value: Number(m[0]), decimals: m[2]?.length ?? 0 };
}

/** Waits until the summary shows the node engine's answer for `p` to the displayed precision. */
async function expectSummary(page: Page, p: RocketProblem) {
  const { chamber, throat, exit } = await solve(p);
  const want: [string, number][] = [
    ['isp-vac-s', exit.ispVac / G0],
    ['isp-amb-s', (exit.ispAmb ?? Number.NaN) / G0],
    ['cstar', throat.cstar],
    ['tc', chamber.T],
  ];
  for (const [id, v] of want) {
    expect(Number.isFinite(v), `node value for ${id}`).toBe(true);
    // Half a unit of the last digit shown (plus rounding slack of the formatter).
    await expect.poll(async () => {
      const s = await shown(page, id);
      return Math.abs(s.value - v) <= 0.5 * 10 ** -s.decimals * 1.001;
    }, { message: `${id} shows ${v} to its precision` }).toBe(true);
  }
  return { chamber, throat, exit };
}

async function noNaN(page: Page) {
  await expect(page.locator('body')).not.toContainText(/NaN|undefined|Infinity/);
}

async function openExplore(page: Page) {
  await page.goto('./#/explore');
  await expect(page.getByRole('tab', { name: 'Equilibrium (CEA-class)' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('isp-vac-s')).toBeVisible();
}

test('O/F, nozzle and chemistry edits change Isp, c* and Tc to the node engine’s values', async ({ page }) => {
  await openExplore(page);
  const base = await expectSummary(page, problem());
  const before = await page.getByTestId('isp-vac-s').textContent();

  await page.getByLabel('Mixture ratio O/F').fill('2.9');
  const of29 = await expectSummary(page, problem({ of: 2.9 }));
  expect(await page.getByTestId('isp-vac-s').textContent()).not.toBe(before);
  expect(of29.chamber.T).not.toBeCloseTo(base.chamber.T, 0);

  // An area-ratio nozzle at sea level: the ambient Isp is no longer the matched-expansion Isp.
  // (Ae/At 12, not 40: at 97 bar an Ae/At-40 nozzle separates at sea level and has no ambient Isp to show.)
  await page.getByLabel('area ratio', { exact: true }).check();
  await page.getByLabel('Area ratio Ae/At').fill('12');
  const eps = await expectSummary(page, problem({ of: 2.9, exits: [{ areaRatio: 12 }] }));
  expect(Math.abs(eps.exit.ispAmb! - eps.exit.isp)).toBeGreaterThan(1);

  // Frozen at the chamber: a lower vacuum Isp than shifting equilibrium, and the engine's value.
  const shifting = await shown(page, 'isp-vac-s');
  await page.getByLabel('Chemistry').selectOption('frozen-chamber');
  const frozen = await expectSummary(page, problem({ of: 2.9, exits: [{ areaRatio: 12 }], chemistry: 'frozen', freezeAt: 'chamber' }));
  expect(frozen.exit.ispVac / G0).toBeLessThan(shifting.value - 1);
  await noNaN(page);
});

test('an invalid O/F is an error beside the field; the last result stays, with no NaN', async ({ page }) => {
  await openExplore(page);
  await expectSummary(page, problem());
  const field = page.getByLabel('Mixture ratio O/F');
  for (const [text, message] of [['abc', 'Mixture ratio O/F must be a number (got "abc")'], ['-2', 'Mixture ratio O/F must be ≥ 0.001 (got -2)'], ['', 'Mixture ratio O/F is empty: enter a number']]) {
    await field.fill(text);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    // The message is the field's description and sits in the field's own block.
    await expect(page.locator('#x-of-err')).toHaveText(message);
    await expect(page.locator('.field', { has: field }).getByRole('alert')).toHaveText(message);
    await noNaN(page);
  }
  // The result is still the last valid input's (the starter template's O/F).
  await expectSummary(page, problem());
  await field.fill('2.6');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('#x-of-err')).toHaveCount(0);
  await expectSummary(page, problem({ of: 2.6 }));
  await noNaN(page);
});

test('the optimum O/F is marked and is a maximum of the engine’s vacuum Isp', async ({ page }) => {
  await openExplore(page);
  const line = page.getByTestId('optimum-of');
  await expect(line).toContainText('Optimum O/F for vacuum Isp');
  await expect(page.getByRole('figure', { name: /Vacuum Isp and chamber temperature versus O\/F/ }).locator('svg')).toBeVisible();
  const ofOpt = Number(await line.locator('strong').textContent());
  expect(ofOpt).toBeGreaterThan(START.of! / 2.2);
  expect(ofOpt).toBeLessThan(START.of! * 2.2);
  // The engine in node agrees it is a maximum: 10 % either side gives less vacuum Isp.
  const isp = async (of: number) => (await solve(problem({ of }))).exit.ispVac;
  const top = await isp(ofOpt);
  expect(top).toBeGreaterThan(await isp(ofOpt * 0.9));
  expect(top).toBeGreaterThan(await isp(ofOpt * 1.1));
  // The optimum's Isp follows the headline's unit: s, then m/s (× g0 = 9.80665 m/s², CGPM 1901).
  const inS = Number((await line.textContent())!.match(/\(([\d.]+) s\)/)![1]);
  await page.getByTestId('isp-unit').selectOption('velocity');
  await expect(line).toContainText('m/s)');
  const inMs = Number((await line.textContent())!.match(/\(([\d.]+) m\/s\)/)![1]);
  expect(Math.abs(inMs / (inS * 9.80665) - 1)).toBeLessThan(3e-4);
  await noNaN(page);
});

test('offline after one visit: the equilibrium engine still computes (wasm and thermo data precached)', async ({ page, context }) => {
  test.setTimeout(120_000);
  await openExplore(page);
  // the service worker precaches ~5.7 MB first: slow on a busy machine
  await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline.' })).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  await page.getByLabel('Mixture ratio O/F').fill('2.2');
  await expectSummary(page, problem({ of: 2.2 }));
  await expect(page.getByTestId('engine-error')).toHaveCount(0);
  await noNaN(page);
});

test('beside the equilibrium result, the ideal rocket of the same chamber matches the ideal kernel in node', async ({ page }) => {
  await openExplore(page);
  const { chamber, exit } = await expectSummary(page, problem());
  // The ideal rocket with the engine's chamber T, M and γs at the exit's area ratio (the textbook model).
  const { idealKernels } = await import('../../wasm-core/ideal.ts');
  const assets = join(dist, 'assets');
  const wasm = readdirSync(assets).find((f) => /^core-.*\.wasm$/.test(f))!;
  const k = idealKernels(await instantiateCore(readFileSync(join(assets, wasm))));
  const ideal = k.idealRocket(chamber.gammaS, chamber.M, chamber.T, START.pc, exit.areaRatio, 0, START.pamb ?? 101325).out!;
  for (const [id, v] of [['cmp-isp-ideal', ideal.ispVac_s], ['cmp-isp-eq', exit.ispVac / G0], ['cmp-cstar-ideal', ideal.cstar_m_s]] as const) {
    await expect.poll(async () => {
      const s = await shown(page, id);
      return Math.abs(s.value - v) <= 0.5 * 10 ** -s.decimals * 1.001;
    }, { message: `${id} shows ${v}` }).toBe(true);
  }
  // Constant γ frozen at the chamber's equilibrium γs misses recombination: the two must differ.
  expect(Math.abs(ideal.ispVac_s - exit.ispVac / G0)).toBeGreaterThan(1);
  await noNaN(page);
});

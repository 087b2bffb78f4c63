// Explore with a finite-area combustor in the built app: the user picks the combustor (infinite,
// contraction ratio, mass flux), the stations table gains Injector and Combustor end, and the
// numbers shown equal the same engine run in node (on the very wasm and data the build serves) to
// the digits shown; an impossible mass flux is a named error, never NaN.
import { test, expect, type Page } from '@playwright/test';
import { buildEngine } from './support/build-engine.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../../app/domain/templates.ts';
import type { RocketProblem, RocketResult } from '../../app/domain/problem.ts';

const START = findTemplate(STARTER_TEMPLATE_ID)!.problem;
const G0 = 9.80665;

function problem(change: Partial<RocketProblem> = {}): RocketProblem {
  return { ...structuredClone(START), pamb: START.pamb ?? 101325, ...change };
}

async function solve(p: RocketProblem): Promise<RocketResult> {
  const r = (await buildEngine()).solveRocket(p);
  if (!r.ok) throw new Error(`node engine failed: ${r.error.message}`);
  return r.value as RocketResult;
}

/** The first number in an element's text, and how many decimals it shows. */
async function shown(page: Page, testId: string): Promise<{ value: number; decimals: number }> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  const m = /-?\d+(\.(\d+))?(e[-+]\d+)?/.exec(text.replace(/^[^\d-]*/, ''));
  if (!m) throw new Error(`no number in ${testId}: "${text}"`);
  return { value: Number(m[0]), decimals: m[2]?.length ?? 0 };
}

async function expectShown(page: Page, id: string, v: number) {
  expect(Number.isFinite(v), `node value for ${id}`).toBe(true);
  await expect.poll(async () => {
    const s = await shown(page, id);
    return Math.abs(s.value - v) <= 0.5 * 10 ** -s.decimals * 1.001;
  }, { message: `${id} shows ${v} to its precision` }).toBe(true);
}

async function openExplore(page: Page) {
  await page.goto('./#/explore');
  await expect(page.getByRole('tab', { name: 'Equilibrium (CEA-class)' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('isp-vac-s')).toBeVisible();
}

test('a finite combustor by contraction ratio and by mass flux: extra stations, node engine’s numbers', async ({ page }) => {
  // each edit also recomputes the O/F curve and optimum (25+ finite-combustor points) on a shared machine
  test.setTimeout(120_000);
  await openExplore(page);
  const table = page.getByRole('table', { name: 'Station properties' });
  await expect(table.getByRole('columnheader', { name: 'Chamber' })).toBeVisible();

  await page.getByLabel('Combustor').selectOption('contractionRatio');
  await page.getByLabel('Contraction ratio Ac/At').fill('2');
  await expect(page.getByLabel('Injector pressure')).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Injector' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Combustor end' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Chamber' })).toHaveCount(0);

  const cr = await solve(problem({ combustor: { contractionRatio: 2 } }));
  await expectShown(page, 'isp-vac-s', (cr.exits[0] as { ispVac: number }).ispVac / G0);
  await expectShown(page, 'cstar', cr.throat.cstar);
  await expectShown(page, 'tc', cr.chamber.T);
  await expectShown(page, 'pinf', cr.pInf! / 1e5);
  await expectShown(page, 'combustor-end-mach', cr.combustorEnd!.mach);
  // a finite chamber loses stagnation pressure: c* (referred to p_inf) stays, vacuum Isp at the
  // same area ratio changes little, and the combustor-end Mach is subsonic
  expect(cr.pInf!).toBeLessThan(START.pc);
  expect(cr.combustorEnd!.mach).toBeGreaterThan(0.2);
  expect(cr.combustorEnd!.mach).toBeLessThan(0.5);
  await expect(page.locator('body')).not.toContainText(/NaN|undefined|Infinity/);

  // frozen at the chamber is not offered with a finite chamber
  await expect(page.getByLabel('Chemistry').locator('option[value="frozen-chamber"]')).toBeDisabled();

  await page.getByLabel('Combustor').selectOption('massFlux');
  await page.getByLabel('Mass flux ṁ/Ac').fill('1500');
  const ma = await solve(problem({ combustor: { massFlux: 1500 } }));
  await expectShown(page, 'isp-vac-s', (ma.exits[0] as { ispVac: number }).ispVac / G0);
  await expectShown(page, 'pinf', ma.pInf! / 1e5);
  // the contraction ratio that flux gives: ṁ/Ac = p_inf/(c*·Ac/At)
  expect(ma.pInf! / (ma.throat.cstar * ma.combustorEnd!.areaRatio)).toBeCloseTo(1500, 3);

  // more flux than the throat can pass: a named error, no NaN
  await page.getByLabel('Mass flux ṁ/Ac').fill('90000');
  await expect(page.getByTestId('engine-error')).toContainText('mass flux per chamber area exceeds');
  await expect(page.locator('body')).not.toContainText(/NaN|Infinity/);

  await page.getByLabel('Combustor').selectOption('infinite');
  await expect(table.getByRole('columnheader', { name: 'Chamber' })).toBeVisible();
  await expect(page.getByLabel('Chamber pressure')).toBeVisible();
});

// Explore's ideal-rocket calculator in the built app: the numbers on screen come from the engine
// worker's wasm and must equal the same kernel run in node, follow the user's edits, and turn into
// an error beside the field — never NaN — when an input is wrong.
import { test, expect, type Page } from '@playwright/test';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { idealKernels } from '../../wasm-core/ideal.ts';
import { formatSig } from '../../app/domain/number-text.ts';
import type { IdealRocketResult } from '../../app/domain/ideal-rocket.ts';

// The rows Explore shows and the scale it shows them at in SI units (pressures in bar).
const SHOWN: { key: keyof IdealRocketResult; scale?: number }[] = [
  { key: 'ispVac_s' }, { key: 'ispAmb_s' }, { key: 'ispVac_m_s' }, { key: 'ispAmb_m_s' }, { key: 'cstar_m_s' },
  { key: 'cfVac' }, { key: 'cfAmb' }, { key: 'exitMach' }, { key: 'pe_Pa', scale: 1e-5 }, { key: 'Te_K' },
  { key: 'areaRatio' }, { key: 'pcOverPe' }, { key: 'exitVelocity_m_s' },
];

async function nodeResult(gamma: number, M: number, Tc_K: number, pc_Pa: number, eps: number, pcOverPe: number, pamb_Pa: number) {
  const k = idealKernels(await loadCoreNode());
  const r = k.idealRocket(gamma, M, Tc_K, pc_Pa, eps, pcOverPe, pamb_Pa);
  if (!r.out) throw new Error(`node kernel failed with status ${r.status}`);
  return r.out;
}

const cell = (page: Page, key: keyof IdealRocketResult) => page.getByTestId(`ideal-${key}`);

async function expectShown(page: Page, expected: IdealRocketResult) {
  for (const row of SHOWN) {
    await expect(cell(page, row.key), row.key).toHaveText(formatSig(expected[row.key] * (row.scale ?? 1), 5));
  }
}

async function noNaN(page: Page) {
  await expect(page.locator('body')).not.toContainText(/NaN|undefined|Infinity/);
}

test.beforeEach(async ({ page }) => {
  await page.goto('./#/explore?mode=ideal');
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
});

test('default design point: every result equals the node kernel and c* its closed form', async ({ page }) => {
  // The form opens on γ 1.2, 22 kg/kmol, 3500 K, 70 bar, ε 16, sea level (see DEFAULT_IDEAL_INPUT).
  await expect(page.getByLabel('Ratio of specific heats γ')).toHaveValue('1.2');
  await expect(page.getByLabel('Chamber pressure')).toHaveValue('70');
  const expected = await nodeResult(1.2, 22, 3500, 7e6, 16, 0, 101325);
  await expectShown(page, expected);
  // Independent of the kernel: c* = sqrt(γ R T) / (γ sqrt((2/(γ+1))^((γ+1)/(γ-1)))).
  const g = 1.2;
  const cstar = Math.sqrt(g * (8314.462618 / 22) * 3500) / (g * Math.sqrt((2 / (g + 1)) ** ((g + 1) / (g - 1))));
  const shown = Number(await cell(page, 'cstar_m_s').textContent());
  expect(Math.abs(shown - cstar) / cstar).toBeLessThan(1e-4);
  await noNaN(page);
});

test('results follow the inputs the user edits', async ({ page }) => {
  const before = await cell(page, 'ispVac_s').textContent();
  await page.getByLabel('Area ratio Ae/At').fill('40');
  await page.getByLabel('Ambient pressure').fill('0');
  await page.getByLabel('Chamber temperature').fill('3300');
  await expectShown(page, await nodeResult(1.2, 22, 3300, 7e6, 40, 0, 0));
  expect(await cell(page, 'ispVac_s').textContent()).not.toBe(before);

  // Nozzle given by pressure ratio instead.
  await page.getByRole('radio', { name: 'pressure ratio' }).check();
  await page.getByLabel('Pressure ratio pc/pe').fill('200');
  await expectShown(page, await nodeResult(1.2, 22, 3300, 7e6, 0, 200, 0));
  await noNaN(page);
});

test('a wrong input shows an error beside its field, never NaN, and recovers', async ({ page }) => {
  await expect(cell(page, 'ispVac_s')).toBeVisible();

  // Not a number: caught by the form.
  const pc = page.getByLabel('Chamber pressure');
  await pc.fill('7O');
  await expect(pc).toHaveAttribute('aria-invalid', 'true');
  await expect(pc).toHaveAccessibleDescription(/chamber pressure must be a number \(got "7O"\)/);
  const pcError = page.locator('.field', { has: pc }).getByRole('alert');
  await expect(pcError).toBeVisible();
  const [inputBox, errorBox] = [await pc.boundingBox(), await pcError.boundingBox()];
  expect(errorBox!.y - (inputBox!.y + inputBox!.height)).toBeLessThan(48); // right under the field
  await expect(cell(page, 'ispVac_s')).toHaveCount(0);
  await expect(page.getByText('Correct the highlighted inputs to see results.')).toBeVisible();
  await noNaN(page);
  // A negative pressure: refused by the worker, told in the form's unit (bar), not in Pa.
  await pc.fill('-5');
  await expect(pc).toHaveAttribute('aria-invalid', 'true');
  await expect(pc).toHaveAccessibleDescription(/chamber pressure must be > 0 bar \(got -5 bar\)/);
  await noNaN(page);
  await pc.fill('70');
  await expect(pc).toHaveAttribute('aria-invalid', 'false');

  // A number out of range: caught by the worker's validation, shown beside the field it names.
  const gamma = page.getByLabel('Ratio of specific heats γ');
  await gamma.fill('0.9');
  await expect(gamma).toHaveAttribute('aria-invalid', 'true');
  await expect(gamma).toHaveAccessibleDescription(/0\.9/);
  await expect(cell(page, 'ispVac_s')).toHaveCount(0);
  await noNaN(page);

  await gamma.fill('1.25');
  await expect(gamma).toHaveAttribute('aria-invalid', 'false');
  await expectShown(page, await nodeResult(1.25, 22, 3500, 7e6, 16, 0, 101325));
});

test('in US customary units the fields and results read psia, °R and ft/s, with the same physics as SI', async ({ page }) => {
  const PSI = 6894.757293168; // Pa (NIST SP 811: 1 psi = 6.894757 kPa)
  const FT = 0.3048; // m, exact
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: /US customary/ }).check();
  await page.goto('./#/explore?mode=ideal');

  const pc = page.getByLabel('Chamber pressure');
  const tc = page.getByLabel('Chamber temperature');
  const form = page.getByRole('form', { name: 'Ideal rocket inputs' });
  await expect(form).toContainText('psia');
  await expect(form).toContainText('°R');
  await expect(form).not.toContainText(/\bbar\b/);
  // The default design point, 3500 K and 70 bar, written in °R (× 1.8) and psia.
  await expect(tc).toHaveValue('6300');
  expect(Number(await pc.inputValue())).toBeCloseTo(7e6 / PSI, 2);

  // 1000 psia = 68.9476 bar and 5400 °R = 3000 K, in vacuum.
  await pc.fill('1000');
  await tc.fill('5400');
  await page.getByLabel('Ambient pressure').fill('0');
  const expected = await nodeResult(1.2, 22, 3000, 1000 * PSI, 16, 0, 0);
  const row = (key: keyof IdealRocketResult) => page.locator(`tr[data-key="${key}"]`);
  await expect(cell(page, 'cstar_m_s')).toHaveText(formatSig(expected.cstar_m_s / FT, 5));
  await expect(row('cstar_m_s').locator('.unit')).toHaveText('ft/s');
  // Independent of the kernel: the textbook c* at 3000 K, in ft/s.
  const g = 1.2;
  const cstar = Math.sqrt(g * (8314.462618 / 22) * 3000) / (g * Math.sqrt((2 / (g + 1)) ** ((g + 1) / (g - 1))));
  expect(Math.abs(Number(await cell(page, 'cstar_m_s').textContent()) - cstar / FT) / (cstar / FT)).toBeLessThan(1e-4);
  await expect(cell(page, 'ispVac_s')).toHaveText(formatSig(expected.ispVac_s, 5));
  await expect(row('ispVac_s').locator('.unit')).toHaveText('s');
  await expect(cell(page, 'ispVac_m_s')).toHaveText(formatSig(expected.ispVac_m_s / FT, 5));
  await expect(row('ispVac_m_s').locator('.unit')).toHaveText('ft/s');
  await expect(cell(page, 'exitVelocity_m_s')).toHaveText(formatSig(expected.exitVelocity_m_s / FT, 5));
  await expect(cell(page, 'Te_K')).toHaveText(formatSig(expected.Te_K * 1.8, 5));
  await expect(row('Te_K').locator('.unit')).toHaveText('°R');
  // The exit pressure in psia: pc / (pc/pe), with pc the 1000 psia typed.
  await expect(row('pe_Pa').locator('.unit')).toHaveText('psia');
  const pePsia = Number(await cell(page, 'pe_Pa').textContent());
  const ratio = Number(await cell(page, 'pcOverPe').textContent());
  expect(Math.abs(pePsia * ratio - 1000) / 1000).toBeLessThan(2e-4);

  // Out of range: the message names the limit and the value in psia / °R.
  await pc.fill('-5');
  await expect(pc).toHaveAttribute('aria-invalid', 'true');
  await expect(pc).toHaveAccessibleDescription(/chamber pressure must be > 0 psia \(got -5 psia\)/);
  await tc.fill('40000');
  await expect(tc).toHaveAccessibleDescription(/chamber temperature must be ≤ 36000 °R \(got 40000 °R\)/);
  await expect(cell(page, 'cstar_m_s')).toHaveCount(0);
  await noNaN(page);

  // The same design typed in SI gives the same c*, shown in m/s.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: /^SI/ }).check();
  await page.goto('./#/explore?mode=ideal');
  await page.getByLabel('Chamber pressure').fill('68.9476');
  await page.getByLabel('Chamber temperature').fill('3000');
  await expect(cell(page, 'cstar_m_s')).toHaveText(formatSig(expected.cstar_m_s, 5));
  await expect(row('cstar_m_s').locator('.unit')).toHaveText('m/s');
  await expect(row('pe_Pa').locator('.unit')).toHaveText('bar');
});

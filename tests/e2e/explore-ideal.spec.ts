// Explore's ideal-rocket calculator in the built app: the numbers on screen come from the engine
// worker's wasm and must equal the same kernel run in node, follow the user's edits, and turn into
// an error beside the field — never NaN — when an input is wrong.
import { test, expect, type Page } from '@playwright/test';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { idealKernels } from '../../wasm-core/ideal.ts';
import { formatSig } from '../../app/domain/number-text.ts';
import type { IdealRocketResult } from '../../app/domain/ideal-rocket.ts';

// The rows Explore shows and the scale it shows them at (pressures in bar).
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

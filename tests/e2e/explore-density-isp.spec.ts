// Explore's headline density-Isp is the shown vacuum Isp times the bulk density of the design that
// Isp answers: during an edit (until its solution arrives) it stays the last design's, never the
// old Isp times the new O/F's density; once solved it is the new design's, with the density the
// library's reactant densities give mixed by volume at the new O/F.
import { test, expect } from '@playwright/test';
import { recordTexts, recordedTexts } from './support/record-texts.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../../app/domain/templates.ts';
import { propellantDensity, reactantDensities } from '../../app/domain/propellants.ts';

const START = findTemplate(STARTER_TEMPLATE_ID)!.problem;
const num = (t: string | null) => Number((t ?? '').replace(/[^\d.]/g, ''));

test('the headline density-Isp follows the solved design, not an edit still being solved', async ({ page }) => {
  await page.goto('./#/explore');
  const value = page.getByTestId('density-isp');
  await expect(value).toHaveText(/^\d+ kg·s\/m³$/);
  const before = await value.textContent();
  await recordTexts(page, 'density-isp');
  const of = START.of! + 0.6;
  await page.getByLabel('Mixture ratio O/F').fill(String(of));
  await page.getByLabel('Mixture ratio O/F').press('Tab');
  await expect(value).not.toHaveText(before!);
  await expect(page.locator('.results-col')).toHaveAttribute('aria-busy', 'false');
  const after = await value.textContent();
  const shown = await recordedTexts(page, 'density-isp');
  expect(shown.filter((t) => t !== before && t !== after), `density-Isp shown during the edit: ${shown.join(' | ')}`).toEqual([]);

  // the new design's: its Isp (s) times its bulk density (kg/m³)
  const rho = propellantDensity(START.reactants, reactantDensities(START.reactants)!, of);
  const shownRho = num(await value.locator('xpath=following-sibling::dd[1]').textContent());
  expect(Math.abs(shownRho / rho - 1)).toBeLessThan(6e-4); // ρ is shown to 4 digits
  const isp = num(await page.getByTestId('isp-vac-s').textContent());
  expect(Math.abs(num(after) / (isp * rho) - 1)).toBeLessThan(2e-4); // Isp to 5 digits, the product to 5
});

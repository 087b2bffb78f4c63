// The unit setting reaches Explore and Sweep: with US customary units the same design shows psia,
// °R and ft/s, with values equal to the SI ones converted by the exact definitions
// (1 psi = 6894.757 Pa, 1 ft = 0.3048 m, 1 K = 1.8 °R). The setting survives a reload.
import { test, expect, type Page } from '@playwright/test';

const number = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())!.replace(/[^\d.eE+-]/g, ''));

test('US customary units in Explore and Sweep, converted exactly; the edited design and the setting survive a reload', async ({ page }) => {
  await page.goto('./#/explore');
  await expect(page.getByTestId('tc')).toContainText('K');
  const tcK = await number(page, 'tc');
  const cstarSI = await number(page, 'cstar');
  const pcBar = Number(await page.getByLabel('Chamber pressure').inputValue());

  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: /US customary/ }).check();
  await page.getByRole('link', { name: 'Explore', exact: true }).click();

  await expect(page.getByText('Chamber pressure (psia)')).toBeVisible();
  const pcPsia = Number(await page.getByLabel('Chamber pressure').inputValue());
  expect(pcPsia).toBeCloseTo((pcBar * 1e5) / 6894.757293168, 3);
  await expect(page.getByTestId('tc')).toContainText('°R');
  // 5 significant figures on both sides: agree to the last digit shown.
  expect(Math.abs(await number(page, 'tc') - tcK * 1.8)).toBeLessThanOrEqual(0.5 + 0.05 * 1.8);
  await expect(page.getByTestId('cstar')).toContainText('ft/s');
  expect(Math.abs(await number(page, 'cstar') - cstarSI / 0.3048)).toBeLessThanOrEqual(0.5 + 0.05 / 0.3048);

  // A value typed in psia is stored in SI (1000 psia = 68.948 bar) and the edit survives a reload,
  // as a closed tab would: the design is saved as the user works.
  await page.getByLabel('Chamber pressure').fill('1000');
  await page.waitForTimeout(1200); // the design is saved 0.5 s after the last edit
  await page.reload();
  await expect(page.getByText('Chamber pressure (psia)')).toBeVisible();
  await expect(page.getByLabel('Chamber pressure')).toHaveValue('1000');
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: /^SI/ }).check();
  await page.getByRole('link', { name: 'Explore', exact: true }).click();
  await expect(page.getByLabel('Chamber pressure')).toHaveValue(String(+(1000 * 6894.757293168 / 1e5).toPrecision(8)));
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: /US customary/ }).check();
  await page.getByRole('link', { name: 'Sweep', exact: true }).click();
  await expect(page.getByText('From (psia)').first()).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/NaN|undefined/);
});

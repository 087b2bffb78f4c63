// Learn's held-out quality speaks the Isp unit chosen in Explore (issue 12, item 8): RMSE and the
// largest error in seconds by default, and in m/s after Explore's "Isp unit" is set to exhaust
// velocity — the same error, so the two read back in the ratio g0 = 9.80665 m/s² (the standard
// gravity of the definition Isp[s] = c[m/s] / g0; BIPM SI Brochure, 9th ed., 2019).
import { test, expect } from '@playwright/test';
import { loadFirings, trainOnCpu } from './support/learn.ts';

test.use({ serviceWorkers: 'block' });

test('Learn shows RMSE in the Isp unit of Explore: s, then m/s (g0 times as large)', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/#/learn');
  await loadFirings(page);
  await trainOnCpu(page);
  await page.getByLabel('Epochs').fill('20');
  await page.getByTestId('learn-train').click();
  const rmse = page.getByTestId('learn-rmse');
  await expect(rmse).toHaveText(/^[\d.]+(e[-+]?\d+)? s$/, { timeout: 120_000 });
  const inSeconds = Number.parseFloat((await rmse.textContent())!);

  await page.getByRole('link', { name: 'Explore', exact: true }).click();
  await page.getByLabel('Isp unit').selectOption('velocity');
  await page.getByRole('link', { name: 'Learn', exact: true }).click();
  await expect(rmse).toHaveText(/^[\d.]+(e[-+]?\d+)? m\/s$/);
  const inVelocity = Number.parseFloat((await rmse.textContent())!);
  // 4 significant digits each way
  expect(Math.abs(inVelocity / (inSeconds * 9.80665) - 1)).toBeLessThan(1e-3);
  await expect(page.locator('body')).not.toContainText('NaN');
});

// Optimize's Bayesian optimisation on a Learn model: a model imported in Learn from a file in the
// app's export format (tests/fixtures/model-v1-surrogate-lox-rp1.json, trained on the stand-in
// Isp_vac = 3000 − 400·(O/F − 2.6)² + 30·ln(pc / 7 MPa) + 80·ln(ε / 40) m/s) is optimised over the
// Optimize form's ranges in the ML worker; the page shows the best design and says what it did.
import { test, expect } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

test('Bayesian optimisation on a Learn model finds its best design over the form\'s ranges and says it ran on the model', async ({ page }) => {
  test.setTimeout(60_000);
  const name = 'LOX/RP-1 vacuum Isp surrogate (fixture)';
  await page.goto('/#/learn');
  await page.getByTestId('learn-import').setInputFiles('tests/fixtures/model-v1-surrogate-lox-rp1.json');
  await page.getByTestId('learn-save').click();
  await expect(page.getByTestId('learn-saved')).toBeVisible();

  await page.goto('/#/optimize');
  const card = page.getByTestId('bayes-on-model');
  await expect(card).toContainText('a Gaussian process (Matérn 5/2) of the answers so far chooses the next batch of designs where the expected improvement is largest');
  await expect(card.getByLabel('Learn model', { exact: true }).locator('option:checked')).toHaveText(name);
  // the model's training ranges: O/F 2.2–3, pc 30–100 bar, ε 20–60
  for (const [id, v] of [['of-lo', 2.2], ['of-hi', 3], ['pc-lo', 30], ['pc-hi', 100], ['eps-lo', 20], ['eps-hi', 60]] as const) {
    await page.getByTestId(id).fill(String(v));
    await page.getByTestId(id).dispatchEvent('change');
  }
  await card.getByLabel('Predictions (3–500)').fill('24');
  await card.getByTestId('bayes-run').click();
  // the stand-in's maximum: 3043.14 m/s = 310.3 s (÷ 9.80665) at O/F 2.6, 100 bar, ε 60
  const summary = card.getByTestId('bayes-summary');
  await expect(summary).toContainText(`after 24 predictions. Computed on the predictions of the Learn model “${name}”, not the engine.`, { timeout: 30_000 });
  const best = Number(/found is ([\d.]+) s/.exec(await summary.innerText())?.[1]);
  expect(Math.abs(best / 310.3 - 1)).toBeLessThan(0.003);
  const row = (label: RegExp) => card.getByTestId('bayes-result').locator('tr').filter({ has: page.getByRole('rowheader', { name: label }) }).locator('td');
  expect(Math.abs(Number(await row(/^O\/F$/).innerText()) - 2.6)).toBeLessThan(0.1);
  expect(Number(await row(/^Chamber pressure \(bar\)$/).innerText())).toBeGreaterThan(90);
});

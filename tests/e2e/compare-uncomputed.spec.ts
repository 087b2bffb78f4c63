// Compare of experiments that were never computed (started from a template, not opened in Explore or
// not saved there): their results are computed for the comparison in the engine worker, marked as
// computed now, and not written to the experiments (issue 12, item 4 left-over: the columns said
// "not computed"). The figure must be the one Explore shows for the same design.
import { test, expect, type Page } from '@playwright/test';

async function startTemplate(page: Page, id: string): Promise<string> {
  await page.goto('./#/templates');
  await page.getByTestId(`template-${id}`).getByRole('button', { name: 'Start from this' }).click();
  await expect(page).toHaveURL(/#\/experiments\/[^/]+$/);
  return (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
}

const seconds = (t: string | null) => {
  const m = /([\d.,]+)\s*(m\/s|s)\b/.exec(t ?? '');
  const v = Number((m?.[1] ?? 'NaN').replace(/,/g, ''));
  return m?.[2] === 'm/s' ? v / 9.80665 : v;
};

test('Compare computes never-computed experiments for the comparison, says so, and saves nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const a = await startTemplate(page, 'n2o4-mmh-hypergolic');
  const b = await startTemplate(page, 'lox-ch4');
  expect(a).not.toBe(b);

  await page.getByRole('link', { name: 'Experiments', exact: true }).first().click();
  await page.getByLabel(`Compare ${a}`).check();
  await page.getByLabel(`Compare ${b}`).check();
  const table = page.getByRole('table', { name: 'Comparison' });
  const ispRow = table.locator('tr.result-row').filter({ hasText: 'Isp, vacuum (exit 1)' });
  await expect(ispRow.locator('td').first()).toHaveText(/\d/, { timeout: 30_000 });
  await expect(ispRow.locator('td').nth(1)).toHaveText(/\d/);
  await expect(table).not.toContainText('not computed');
  const note = page.getByTestId('compare-computed-now');
  await expect(note).toContainText(a);
  await expect(note).toContainText(b);
  const heads = (await table.locator('thead th').allInnerTexts()).slice(1);
  const hyper = (await ispRow.locator('td').allInnerTexts())[heads.indexOf(a)];

  // Nothing was saved: after a reload the comparison is computed again and says so.
  await page.reload();
  await page.getByLabel(`Compare ${a}`).check();
  await page.getByLabel(`Compare ${b}`).check();
  await expect(page.getByTestId('compare-computed-now')).toContainText(a);

  // The same figure as Explore shows for the hypergolic template's design (opened from its experiment).
  await page.getByRole('link', { name: a, exact: true }).first().click();
  await page.getByRole('button', { name: 'Open in Explore' }).click();
  await expect(page.getByTestId('isp-vac-s')).toBeVisible({ timeout: 30_000 });
  const explore = await page.getByTestId('isp-vac-s').textContent();
  expect(Math.abs(seconds(hyper) / seconds(explore) - 1)).toBeLessThan(1e-4);
});

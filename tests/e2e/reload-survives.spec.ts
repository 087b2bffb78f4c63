// Work survives a reload (issue 12, item 6), from the user's side: a sweep reloaded mid-run shows
// its grid in the form (and unsaved edits of the grid come back too); a finished optimisation's
// front is still there after a reload and after the browser is closed and opened again on the
// same profile (with the form as it was); Compare reads the results Explore computed for two
// experiments without either being reopened; "Save as new experiment" asks for a name.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

const axisField = (page: Page, axis: number, key: 'from' | 'to' | 'count') => page.locator(`#axis-${axis}-${key}`);

async function setField(page: Page, axis: number, key: 'from' | 'to' | 'count', value: string) {
  await axisField(page, axis, key).fill(value);
  await axisField(page, axis, key).press('Tab');
}

// What the page holds when the form does not show the job's grid after the reload, in the failure's
// message: the draft, the address and the status. (This check failed now and then in CI; what it
// printed showed the draft without the first edit: the workspace's settings, arriving from storage
// after the page was shown, rewrote the field typed into before the edit was committed. Fixed in
// app/state/workspace.ts, units(); tested deterministically in two-tabs.spec.ts.)
async function expectGridAfterReload(page: Page, from: string): Promise<void> {
  try {
    await expect(axisField(page, 0, 'from')).toHaveValue(from);
  } catch (e) {
    const seen = await page.evaluate(() => ({
      href: location.href,
      draft: localStorage.getItem('rfo-draft:sweep-axes'),
      keys: Object.keys(localStorage),
      status: document.querySelector('[data-testid="sweep-status"]')?.textContent ?? null,
      fields: [...document.querySelectorAll('fieldset.axis input')].map((i) => `${i.id}=${(i as HTMLInputElement).value}`),
    }));
    throw new Error(`${e instanceof Error ? e.message : String(e)}\npage after the reload: ${JSON.stringify(seen)}`);
  }
}

test('a sweep reloaded mid-run: the form shows the running job\'s grid, not the default; unsaved grid edits survive too', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#/sweep');
  await expect(page.getByRole('heading', { level: 1, name: 'Sweep' })).toBeVisible();
  // The default grid is O/F 1.8–3.4 × 33 and chamber pressure 20–200 bar × 4; this one differs in every field.
  await setField(page, 0, 'from', '2');
  await setField(page, 0, 'to', '3');
  await setField(page, 0, 'count', '200');
  await setField(page, 1, 'from', '30');
  await setField(page, 1, 'to', '150');
  await setField(page, 1, 'count', '150');
  await page.locator('#axis-1-spacing').selectOption('linear');
  await expect(page.getByTestId('sweep-total')).toHaveText('30,000 points');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText(/^Running: [\d,]+ \/ 30,000 points/, { timeout: 30_000 });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sweep' })).toBeVisible();
  // The job waits for Resume after the reload; the form holds its grid.
  await expect(page.getByTestId('sweep-status')).toHaveText(/^interrupted: [\d,]+ \/ 30,000 points/);
  await expectGridAfterReload(page, '2');
  await expect(axisField(page, 0, 'to')).toHaveValue('3');
  await expect(axisField(page, 0, 'count')).toHaveValue('200');
  await expect(axisField(page, 1, 'from')).toHaveValue('30');
  await expect(axisField(page, 1, 'to')).toHaveValue('150');
  await expect(axisField(page, 1, 'count')).toHaveValue('150');
  await expect(page.locator('#axis-1-spacing')).toHaveValue('linear');
  await expect(page.getByTestId('sweep-total')).toHaveText('30,000 points');

  // An edit not run yet is kept as well: reload, and it is there (not the job's grid).
  await setField(page, 1, 'count', '7');
  await expect(page.getByTestId('sweep-total')).toHaveText('1,400 points');
  await page.reload();
  await expect(page.getByTestId('sweep-status')).toHaveText(/^interrupted/);
  await expect(axisField(page, 1, 'count')).toHaveValue('7');
  await expect(axisField(page, 0, 'count')).toHaveValue('200');
  await expect(page.getByTestId('sweep-total')).toHaveText('1,400 points');
});

test('a finished optimisation\'s front is still there after a reload and after closing and reopening the browser', async ({ playwright, baseURL }, testInfo) => {
  test.setTimeout(150_000);
  const profile = mkdtempSync(join(tmpdir(), 'rfo-reload-'));
  const launch = () => playwright.chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL, serviceWorkers: 'block' });
  const rowsOf = (page: Page) => page.getByTestId('pareto-table').locator('tbody tr').allInnerTexts();
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('./#/optimize');
    for (const [id, v] of [['population', '16'], ['generations', '6'], ['seed', '5']] as const) {
      await page.getByTestId(id).fill(v);
      await page.getByTestId(id).press('Tab');
    }
    await page.getByTestId('optimize-run').click();
    const done = /^Generation 6 of 6 · 96 evaluations · (\d+) designs on the front · done$/;
    await expect(page.getByTestId('optimize-progress')).toHaveText(done, { timeout: 90_000 });
    const progress = await page.getByTestId('optimize-progress').textContent();
    const rows = await rowsOf(page);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.length).toBe(Number(done.exec(progress ?? '')?.[1]));

    await page.reload();
    await expect(page.getByTestId('optimize-progress')).toHaveText(progress!);
    expect(await rowsOf(page)).toEqual(rows);
    await expect(page.getByTestId('population')).toHaveValue('16');
    await expect(page.getByTestId('generations')).toHaveValue('6');

    // A browser restart: the same profile, a new window.
    await context.close();
    context = await launch();
    page = await context.newPage();
    await page.goto('./#/optimize');
    await expect(page.getByTestId('optimize-progress')).toHaveText(progress!);
    expect(await rowsOf(page)).toEqual(rows);
    await expect(page.getByTestId('seed')).toHaveValue('5');
    // The Jobs panel agrees: the run is Done.
    await page.getByRole('button', { name: /^Jobs/ }).click();
    await expect(page.getByRole('region', { name: 'Jobs' }).locator('li.job').filter({ hasText: 'Optimisation:' }).locator('.job-status')).toHaveText('Done');
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

/** Saves the design in Explore as a new experiment named `name` (typed in the name field). */
async function saveAsNew(page: Page, name: string) {
  await page.getByRole('button', { name: 'Save as new experiment' }).click();
  const field = page.getByLabel('Name of the new experiment');
  await field.fill(name);
  await field.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Saved as “${name}”` })).toBeVisible();
}

test('Compare shows the results Explore computed for two experiments, without reopening either', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/explore');
  await expect(page.getByTestId('isp-vac-s')).toBeVisible({ timeout: 30_000 });
  await saveAsNew(page, 'Reload A');
  const ispA = await page.getByTestId('isp-vac-s').textContent();

  // A second design: another O/F, saved under another name.
  await page.getByLabel('Mixture ratio O/F').fill('2.0');
  await page.getByLabel('Mixture ratio O/F').press('Tab');
  await expect(page.getByTestId('isp-vac-s')).not.toHaveText(ispA!, { timeout: 30_000 });
  await saveAsNew(page, 'Reload B');
  const ispB = await page.getByTestId('isp-vac-s').textContent();
  expect(ispB).not.toBe(ispA);

  // A fresh page (storage only), straight to Compare.
  await page.reload();
  await page.getByRole('link', { name: 'Experiments', exact: true }).first().click();
  await page.getByLabel('Compare Reload A').check();
  await page.getByLabel('Compare Reload B').check();
  const table = page.getByRole('table', { name: 'Comparison' });
  await expect(table).toBeVisible();
  const heads = await table.locator('thead th').allInnerTexts();
  const ispRow = table.locator('tr.result-row').filter({ hasText: 'Isp, vacuum (exit 1)' });
  const cells = await ispRow.locator('td').allInnerTexts();
  expect(cells.join(' ')).not.toContain('not computed');
  // Each column has the vacuum Isp Explore showed for that design (Explore "330.24 s"; Compare in s or m/s, g0 = 9.80665 m/s²).
  const seconds = (t: string | null) => {
    const m = /([\d.,]+)\s*(m\/s|s)\b/.exec(t ?? '');
    const v = Number((m?.[1] ?? 'NaN').replace(/,/g, ''));
    return m?.[2] === 'm/s' ? v / 9.80665 : v;
  };
  const byName = Object.fromEntries(heads.slice(1).map((h, i) => [h, cells[i]]));
  expect(Math.abs(seconds(byName['Reload A']) / seconds(ispA) - 1)).toBeLessThan(1e-4);
  expect(Math.abs(seconds(byName['Reload B']) / seconds(ispB) - 1)).toBeLessThan(1e-4);
  for (const label of ['Chamber temperature', 'c*']) {
    expect((await table.locator('tr.result-row').filter({ hasText: label }).locator('td').allInnerTexts()).join(' ')).not.toContain('not computed');
  }
});

test('Save as new experiment asks for a name: an empty name is refused with a message, Escape cancels, Enter saves', async ({ page }) => {
  await page.goto('./#/explore');
  const button = page.getByRole('button', { name: 'Save as new experiment' });
  await button.click();
  const field = page.getByLabel('Name of the new experiment');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('LOX/RP-1 booster'); // proposed from the template
  await field.fill('   ');
  await page.getByRole('form', { name: 'Save as new experiment' }).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Give the new experiment a name' })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Saved as' })).toHaveCount(0);

  await field.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(page.getByTestId('design-name')).toHaveText('LOX/RP-1 booster');

  await button.click();
  await page.getByLabel('Name of the new experiment').fill('My first engine');
  await page.getByLabel('Name of the new experiment').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved as “My first engine”' })).toBeVisible();
  await expect(page.getByTestId('design-name')).toHaveText('My first engine');
  await page.getByRole('link', { name: 'Experiments', exact: true }).first().click();
  await expect(page.getByLabel('Compare My first engine')).toBeVisible();
  // Nothing was saved by the refused or the cancelled attempt.
  await expect(page.getByRole('checkbox', { name: /^Compare / })).toHaveCount(1);
});

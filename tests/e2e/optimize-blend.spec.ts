// Optimize with a blended fuel: with RP-1 and methane picked, the fuel can be blended instead of
// chosen; the blend bound is checked naming the field and value; the Pareto table shows the CH4
// mass fraction within its bounds, and a row opens in Explore as the blended reactant table. And the
// front follows the unit setting: the same run in US customary units shows and exports pc in psia,
// Tc in °R and Isp in s, equal to the SI figures by the exact definitions (1 psi = 6894.757293 Pa,
// 1 K = 1.8 °R, g0 = 9.80665 m/s²).
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../app/domain/csv.ts';

async function setField(page: Page, id: string, v: number) {
  await page.getByTestId(id).fill(String(v));
  await page.getByTestId(id).dispatchEvent('change');
}

async function runSmall(page: Page, pop: number, gens: number) {
  await setField(page, 'population', pop);
  await setField(page, 'generations', gens);
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-progress')).toContainText('done', { timeout: 25_000 });
}

/** The Pareto table as {header: cell text} rows. */
async function table(page: Page): Promise<Record<string, string>[]> {
  const t = page.getByTestId('pareto-table');
  const header = await t.locator('thead th').allTextContents();
  const rows = await t.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const chart = (page: Page) => page.getByRole('figure', { name: 'Pareto front of the designs' });

async function downloadCsv(page: Page): Promise<Record<string, string>[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const [header, ...rows] = parseCsv(readFileSync((await download.path())!, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

test('two fuels blended: blend fractions within bounds in the table, and a row opens in Explore with both fuels', async ({ page }) => {
  await page.goto('/#/optimize');
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  const blend = page.getByLabel('Blend RP-1 with CH4(L) instead of choosing');
  await expect(blend).toHaveCount(0); // three fuels: no blend offered
  await page.getByLabel('Liquid hydrogen (LH2)').uncheck();
  // Keyboard: focus the offered checkbox and tick it with the space bar.
  await blend.focus();
  await page.keyboard.press('Space');
  await expect(blend).toBeChecked();
  await expect(page.getByText('Fuels (blended)')).toBeVisible();
  const bounds = page.getByRole('group', { name: 'Mass fraction of CH4(L) in the fuel (0–1)' });
  await expect(bounds.getByLabel('from')).toHaveValue('0');
  await expect(bounds.getByLabel('to')).toHaveValue('1');

  // An upper bound above 1 is refused by name and value, as typed, and the run waits for a fix.
  await bounds.getByLabel('to').fill('1.5');
  await bounds.getByLabel('to').press('Tab');
  await expect(page.getByRole('alert')).toHaveText('Mass fraction of CH4(L) in the fuel (0–1) “to” must be ≤ 1 (got 1.5)');
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-blocked')).toContainText('Fix the marked field first');
  await expect(page.getByTestId('optimize-progress')).toHaveText('');

  await setField(page, 'fuelBlend-lo', 0.2);
  await setField(page, 'fuelBlend-hi', 0.7);
  await setField(page, 'pc-lo', 70); // bar, as Explore shows pressures
  await setField(page, 'pc-hi', 70);
  await runSmall(page, 8, 3);
  await expect(page.getByRole('alert')).toHaveCount(0);

  const rows = await table(page);
  expect(rows.length).toBeGreaterThan(0);
  await expect(chart(page)).toContainText('CH4(L) in fuel (mass fraction)'); // the points coloured by blend
  for (const r of rows) {
    expect(r.Fuel).toBe('RP-1 + CH4(L)');
    const b = Number(r['CH4(L) in fuel (mass fraction)']);
    expect(b).toBeGreaterThanOrEqual(0.2);
    expect(b).toBeLessThanOrEqual(0.7);
  }
  const csv = await downloadCsv(page);
  expect(csv.map((r) => Number(r['CH4(L) in fuel (mass fraction)']).toFixed(3))).toEqual(rows.map((r) => r['CH4(L) in fuel (mass fraction)']));

  const b = Number(csv[0]['CH4(L) in fuel (mass fraction)']);
  await page.getByTestId('pareto-table').locator('tbody tr').first().click();
  await expect(page).toHaveURL(/#\/explore/);
  // Mass % within the fuel, shown to 6 significant figures.
  await expect(page.getByLabel('Mass % of RP-1 (kerosene)')).toHaveValue(String(+((1 - b) * 100).toPrecision(6)));
  await expect(page.getByLabel('Mass % of Liquid methane (LCH4)')).toHaveValue(String(+(b * 100).toPrecision(6)));
  await expect(page.getByLabel('Mass % of Liquid oxygen (LOX)')).toHaveValue('100');
});

test('the Pareto table, chart and CSV follow US customary units, equal to the SI figures converted', async ({ page }) => {
  await page.goto('/#/optimize');
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  await runSmall(page, 8, 2);
  const si = await downloadCsv(page);
  const siTable = await table(page);
  await expect(chart(page)).toContainText('Isp vac (s)');
  await expect(chart(page)).toContainText('ρ·Isp (kg·s/m³)');

  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: /US customary/ }).check();
  await page.getByRole('link', { name: 'Optimize', exact: true }).click();
  await expect(page.getByText('Chamber pressure (psia)')).toBeVisible();
  await expect(page.getByTestId('pc-hi')).toHaveValue(String(+(2e7 / 6894.757293168).toPrecision(8))); // 2900.7548
  await expect(page.getByText('Chamber temperature ≤ (°R)')).toBeVisible();
  await expect(page.getByTestId('tc-max')).toHaveValue('6480'); // 3600 K
  await expect(chart(page)).toContainText('Isp vac (s)');
  await expect(chart(page)).toContainText('ρ·Isp (lbf·s/ft³)');

  const us = await downloadCsv(page);
  const usTable = await table(page);
  expect(us.length).toBe(si.length);
  for (let i = 0; i < si.length; i++) {
    expect(us[i].Fuel).toBe(si[i].Fuel);
    expect(Number(us[i]['pc (psia)'])).toBeCloseTo((Number(si[i]['pc (bar)']) * 1e5) / 6894.757293168, 6);
    expect(Number(us[i]['Tc (°R)'])).toBeCloseTo(Number(si[i]['Tc (K)']) * 1.8, 6);
    expect(Number(us[i]['Isp vac (s)'])).toBeCloseTo(Number(si[i]['Isp vac (s)']), 9);
    expect(Number(us[i]['c* (ft/s)'])).toBeCloseTo(Number(si[i]['c* (m/s)']) / 0.3048, 6);
    expect(Number(us[i]['pe (psia)'])).toBeCloseTo((Number(si[i]['pe (bar)']) * 1e5) / 6894.757293168, 6);
    // The table shows the same figures, rounded.
    expect(usTable[i]['Tc (°R)']).toBe((Number(si[i]['Tc (K)']) * 1.8).toFixed(0));
    expect(usTable[i]['Isp vac (s)']).toBe(siTable[i]['Isp vac (s)']);
  }

  // A bad pc range typed in psia is reported in psia, as typed.
  await page.getByTestId('pc-lo').fill('3000');
  await page.getByTestId('pc-lo').press('Tab');
  await expect(page.getByRole('alert')).toHaveText('Chamber pressure: “from” 3000 psia is above “to” 2900.75 psia');
});

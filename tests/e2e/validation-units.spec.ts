// Fields that speak the user's language (issue 12, items 7 and 8): in every section a bad value —
// empty, "abc", below the least allowed, a reversed range, a mass % of −50 — gets a message beside
// its field, tied to it for a screen reader (aria-invalid, aria-describedby, role=alert), naming the
// limit and the value in the units the field shows; the message goes away once the value is fixed,
// and nothing runs meanwhile. Optimize shows the same pressure and Isp units as Explore, in SI and
// in US customary units.
// Limits worked by hand from NIST SP 811 (2008) App. B.8: 1 bar = 1e5 Pa; 1 psi = 6894.757 Pa, so
// 1000 Pa = 0.01 bar = 0.1450377 psia (shown rounded up: 0.145038); 1 lbm/ft³ = 16.01846 kg/m³.
import { test, expect, type Locator, type Page } from '@playwright/test';

/** The message tied to a field: its aria-describedby target, which must be an alert beside it. */
async function messageOf(field: Locator): Promise<Locator> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const id = await field.getAttribute('aria-describedby');
  expect(id, 'the field names its message').toBeTruthy();
  const msg = field.page().locator(`[id="${id!.split(' ')[0]}"]`);
  await expect(msg).toHaveAttribute('role', 'alert');
  return msg;
}

/** Types `text` (leaving the field, as a user tabbing on would) and expects `message` beside it. */
async function expectRefused(field: Locator, text: string, message: string) {
  await field.fill(text);
  await field.press('Tab');
  await expect(await messageOf(field)).toHaveText(message);
}

async function expectAccepted(field: Locator, text: string) {
  await field.fill(text);
  await field.press('Tab');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(field).not.toHaveAttribute('aria-describedby', /err/);
}

async function useUnits(page: Page, system: 'SI' | 'US') {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: system === 'US' ? /US customary/ : /^SI/ }).check();
}

test('Explore: pressure and mass % refused beside the field in bar, then in psia; the limit itself is accepted', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/explore');
  const pc = page.getByLabel('Chamber pressure');
  await expect(pc).toBeVisible();
  await expectRefused(pc, '', 'Chamber pressure is empty: enter a number in bar');
  await expectRefused(pc, 'abc', 'Chamber pressure must be a number (got "abc")');
  await expectRefused(pc, '0.001', 'Chamber pressure must be ≥ 0.01 bar (got 0.001 bar)');
  // 0.01 bar is the 1000 Pa limit itself (the old check refused it after the unit round trip)
  await expectAccepted(pc, '0.01');
  await expectAccepted(pc, '70');
  await expect(page.getByTestId('isp-vac-s')).toContainText(' s');

  const pct = page.getByLabel('Mass % of RP-1 (kerosene)');
  await expectRefused(pct, '-50', 'Mass % of RP-1 (kerosene) must be ≥ 0 % (got -50 %)');
  await expectRefused(pct, 'abc', 'Mass % of RP-1 (kerosene) must be a number (got "abc")');
  await expectRefused(pct, '150', 'Mass % of RP-1 (kerosene) must be ≤ 100 % (got 150 %)');
  await expectAccepted(pct, '100');
  await expect(page.locator('body')).not.toContainText(/NaN/);

  await useUnits(page, 'US');
  await page.getByRole('link', { name: 'Explore', exact: true }).click();
  await expect(page.getByText('Chamber pressure (psia)')).toBeVisible();
  await expectRefused(pc, '0.1', 'Chamber pressure must be ≥ 0.145038 psia (got 0.1 psia)');
  await expectRefused(pc, '', 'Chamber pressure is empty: enter a number in psia');
  // the limit as shown, typed back, is accepted
  await expectAccepted(pc, '0.145038');
  await expectAccepted(pc, '1000');
});

test('Sweep: axis values refused in the axis unit (bar, then psia), and the sweep waits until they are fixed', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/sweep');
  const run = page.getByTestId('sweep-run');
  await page.locator('#axis-0-var').selectOption('pc');
  const from = page.locator('#axis-0-from');
  const count = page.locator('#axis-0-count');
  await expectRefused(from, 'abc', 'Axis 1 from (chamber pressure) must be a number (got "abc")');
  await expect(run).toBeDisabled();
  await expect(page.getByTestId('sweep-invalid')).toHaveText('Fix the marked field to run the sweep.');
  await expectRefused(from, '0.001', 'Axis 1 from (chamber pressure) must be ≥ 0.01 bar (got 0.001 bar)');
  await expectRefused(count, '0', 'Axis 1 points must be ≥ 1 (got 0)');
  await expectRefused(count, '2.5', 'Axis 1 points must be a whole number (got 2.5)');
  await expect(page.getByTestId('sweep-invalid')).toHaveText('Fix the marked fields to run the sweep.');
  await expectAccepted(from, '10');
  await expectAccepted(count, '3');
  await expect(run).toBeEnabled();
  await expect(page.getByTestId('sweep-invalid')).toHaveCount(0);

  await useUnits(page, 'US');
  await page.getByRole('link', { name: 'Sweep', exact: true }).click();
  await page.locator('#axis-0-var').selectOption('pc');
  await expectRefused(page.locator('#axis-0-from'), '', 'Axis 1 from (chamber pressure) is empty: enter a number in psia');
  await expectRefused(page.locator('#axis-0-from'), '0.1', 'Axis 1 from (chamber pressure) must be ≥ 0.145038 psia (got 0.1 psia)');
  await expectAccepted(page.locator('#axis-0-from'), '150');
});

test('Optimize: ranges, counts and the propellant lists refused with messages in bar; Run refuses until fixed', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/optimize');
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Chamber pressure (bar)' })).toBeVisible();
  const lo = page.getByTestId('pc-lo');
  const hi = page.getByTestId('pc-hi');
  await expect(lo).toHaveValue('20'); // 2e6 Pa
  await expectRefused(lo, '', 'Chamber pressure “from” is empty: enter a number in bar');
  await expectRefused(lo, 'abc', 'Chamber pressure “from” must be a number (got "abc")');
  await expectRefused(lo, '0', 'Chamber pressure “from” must be > 0 bar (got 0 bar)');
  // reversed: from 300 bar above to 200 bar
  await expectRefused(lo, '300', 'Chamber pressure: “from” 300 bar is above “to” 200 bar');
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-blocked')).toContainText('Chamber pressure: “from” 300 bar is above “to” 200 bar');
  await expect(page.getByTestId('optimize-progress')).toHaveText('');
  // fixing the other end fixes the pair
  await expectAccepted(hi, '400');
  await expect(lo).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('pc-error')).toHaveCount(0);
  await expectAccepted(lo, '20');
  await expectAccepted(hi, '200');

  const pop = page.getByTestId('population');
  await expectRefused(pop, 'abc', 'Population must be a number (got "abc")');
  await expectRefused(pop, '5', 'Population must be an even number (got 5)');
  await expectRefused(pop, '2', 'Population must be ≥ 4 (got 2)');
  await expectAccepted(pop, '8');
  const tc = page.getByTestId('tc-max');
  await expectRefused(tc, '-50', 'Chamber temperature limit must be > 0 K (got -50 K)');
  await expectAccepted(tc, '3600');

  // every fuel unticked: said beside the list (not "got a list")
  for (const name of ['RP-1 (kerosene)', 'Liquid methane (LCH4)', 'Liquid hydrogen (LH2)']) await page.getByLabel(name).uncheck();
  await expect(page.getByTestId('fuels-error')).toHaveText('Choose at least one fuel: the optimiser picks among the ones ticked');
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-blocked')).toContainText('Choose at least one fuel');
  await page.getByLabel('RP-1 (kerosene)').check();
  await expect(page.getByTestId('fuels-error')).toHaveCount(0);
});

/** Explore's pressure unit (from the field label) and its headline Isp unit. */
async function exploreUnits(page: Page): Promise<{ pressure: string; isp: string }> {
  await page.getByRole('link', { name: 'Explore', exact: true }).click();
  const label = await page.locator('label[for="x-pc"]').innerText();
  const isp = (await page.getByTestId('isp-vac-s').innerText()).trim().split(/\s+/).pop()!;
  return { pressure: /\(([^)]+)\)/.exec(label)![1], isp };
}

test('Optimize shows the same pressure and Isp units as Explore, in SI and in US customary units', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#/explore');
  await expect(page.getByTestId('isp-vac-s')).toBeVisible();
  for (const system of ['SI', 'US'] as const) {
    await useUnits(page, system);
    const explore = await exploreUnits(page);
    expect(explore).toEqual(system === 'SI' ? { pressure: 'bar', isp: 's' } : { pressure: 'psia', isp: 's' });
    await page.getByRole('link', { name: 'Optimize', exact: true }).click();
    await expect(page.getByRole('group', { name: `Chamber pressure (${explore.pressure})` })).toBeVisible();
    if (system === 'SI') {
      await page.getByTestId('population').fill('8');
      await page.getByTestId('generations').fill('1');
      await page.getByTestId('optimize-run').click();
      await expect(page.getByTestId('optimize-progress')).toContainText('done', { timeout: 60_000 });
    }
    const headers = await page.getByTestId('pareto-table').locator('thead th').allInnerTexts();
    expect(headers).toContain(`pc (${explore.pressure})`);
    expect(headers).toContain(`Isp vac (${explore.isp})`);
    expect(headers).toContain(`Isp amb (${explore.isp})`);
    const chart = page.getByRole('figure', { name: 'Pareto front of the designs' });
    await expect(chart).toContainText(`Isp vac (${explore.isp})`);
    // the pc range shows the same number Explore's unit gives: 20 bar = 2e6 Pa = 290.07548 psia
    await expect(page.getByTestId('pc-lo')).toHaveValue(system === 'SI' ? '20' : '290.07548');
  }
});

test('Learn: sample count 0 or "abc" and reversed ranges refused beside their fields; Train waits', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/learn');
  const train = page.getByTestId('learn-train');
  const samples = page.getByLabel('Samples');
  await expectRefused(samples, '0', 'Samples must be ≥ 8 (got 0)');
  await expect(train).toBeDisabled();
  await expectRefused(samples, 'abc', 'Samples must be a number (got "abc")');
  await expectRefused(samples, '', 'Samples is empty: enter a number');
  await expectAccepted(samples, '60');
  await expect(train).toBeEnabled();

  await page.getByLabel('O/F from').fill('4');
  await expect(await messageOf(page.getByLabel('O/F to'))).toHaveText('O/F: “from” 4 is above “to” 3.5');
  await expect(train).toBeDisabled();
  await expect(page.getByTestId('learn-invalid')).toHaveText('Fix the marked field to train.');
  await expectRefused(page.getByLabel('Chamber pressure from'), '0', 'Chamber pressure from must be > 0 bar (got 0 bar)');
  await expectAccepted(page.getByLabel('O/F to'), '5');
  await expectAccepted(page.getByLabel('Chamber pressure from'), '10');
  await expect(train).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // US units: the pressure fields are in psia (10 bar = 145.0377 psia, 250 bar = 3625.94 psia)
  await useUnits(page, 'US');
  await page.getByRole('link', { name: 'Learn', exact: true }).click();
  await expect(page.getByText('Chamber pressure from (psia)')).toBeVisible();
  const pcFrom = page.getByLabel('Chamber pressure from');
  await expect(pcFrom).toHaveValue('145.03774');
  await pcFrom.fill('5000');
  await expect(await messageOf(page.getByLabel('Chamber pressure to'))).toHaveText('Chamber pressure: “from” 5000 psia is above “to” 3625.94 psia');
  await expect(train).toBeDisabled();
  await expectRefused(pcFrom, '', 'Chamber pressure from is empty: enter a number in psia');
  await expectAccepted(pcFrom, '100');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(train).toBeEnabled();
});

test('Propellants: a custom propellant’s density and a library cost refused in the units shown, SI then US', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/propellants');
  // the library (read from storage) is shown: the page has settled before typing
  await expect(page.getByLabel('Cost of RP-1 (kerosene)')).toBeVisible();
  const rho = page.locator('#cp-rho');
  await expectRefused(rho, '-5', 'Density must be > 0 kg/m³ (got -5 kg/m³)');
  await expectRefused(rho, 'abc', 'Density must be a number (got "abc")');
  await page.getByRole('button', { name: 'Add propellant' }).click();
  await expect(page.getByText('Fix the marked fields first')).toBeVisible();
  await expectAccepted(rho, '800');
  const cost = page.getByLabel('Cost of RP-1 (kerosene)');
  await expectRefused(cost, '-1', 'Cost of RP-1 (kerosene) must be ≥ 0 $/kg (got -1 $/kg)');
  await expectAccepted(cost, '2');

  await useUnits(page, 'US');
  await page.getByRole('link', { name: 'Propellants', exact: true }).click();
  await expectRefused(page.locator('#cp-rho'), '0', 'Density must be > 0 lbm/ft³ (got 0 lbm/ft³)');
  await expectRefused(page.locator('#cp-T'), '-10', 'Storage temperature must be > 0 °R (got -10 °R)');
  await expectAccepted(page.locator('#cp-T'), '536.67');
});

test('Experiments editor: chamber pressure and exits refused beside the field; Save waits until fixed', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/templates');
  await page.getByTestId('template-lox-rp1-booster').getByRole('button', { name: 'Start from this' }).click();
  await expect(page).toHaveURL(/#\/experiments\/[^/]+$/);
  const pc = page.getByLabel(/^Chamber pressure/);
  await expectRefused(pc, '0', 'Chamber pressure must be > 0 bar (got 0 bar)');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Compute' })).toBeDisabled();
  await expectRefused(pc, 'abc', 'Chamber pressure must be a number (got "abc")');
  await expectAccepted(pc, '120');
  // the booster's exit is given by pc/pe, which must be above 1
  const exit = page.getByLabel('Exit 1 value');
  await expectRefused(exit, '0.5', 'Exit 1 pc/pe must be > 1 (got 0.5)');
  await expectRefused(exit, '', 'Exit 1 pc/pe is empty: enter a number');
  await expectAccepted(exit, '500');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
});

// A unit change (here made in another tab, as the settings loaded at start-up also are) relabels the
// fields and keeps them: the same input element, the text being typed and the focus stay. Before,
// the four unit-bearing fields of Propellants and of the ideal calculator were drawn anew, and text
// typed in that moment went to a detached input and was lost.
test('a unit change relabels Propellants and ideal-calculator fields without replacing them or the text being typed', async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto('./#/propellants');
  await expect(page.getByLabel('Cost of RP-1 (kerosene)')).toBeVisible();
  const rho = page.locator('#cp-rho');
  await rho.click();
  await page.keyboard.type('81');
  await rho.evaluate((el) => { (window as unknown as { keptInput: Element }).keptInput = el; });

  const other = await context.newPage();
  await other.goto('./#/settings');
  await other.getByRole('radio', { name: /US customary/ }).check();

  await expect(page.locator('label[for="cp-rho"]')).toHaveText('Density (lbm/ft³)');
  expect(await rho.evaluate((el) => el === (window as unknown as { keptInput: Element }).keptInput), 'the same input element').toBe(true);
  await expect(rho).toBeFocused();
  await page.keyboard.type('0');
  await expect(rho).toHaveValue('810');

  await other.getByRole('radio', { name: /^SI/ }).check();
  await page.goto('./#/explore');
  await page.getByRole('tab', { name: /Ideal rocket/ }).click();
  const tc = page.getByLabel(/^Chamber temperature/);
  await tc.fill('3500');
  await tc.evaluate((el) => { (window as unknown as { keptInput: Element }).keptInput = el; });
  await other.getByRole('radio', { name: /US customary/ }).check();
  await expect(page.locator('form[aria-label="Ideal rocket inputs"]')).toContainText('°R');
  expect(await tc.evaluate((el) => el === (window as unknown as { keptInput: Element }).keptInput), 'the same input element').toBe(true);
  await other.close();
});

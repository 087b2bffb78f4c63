// Analyze: a Sobol analysis of LOX/RP-1 vacuum Isp over O/F, chamber pressure and area ratio runs
// as a job of the app's queue, shows its chart and its sentence, is there again after a reload,
// and its share link (settings and seed only) reproduces the same indices in a fresh page.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { CHART_WORKER, holdChartWorker } from './support/charts.ts';

test.use({ serviceWorkers: 'block' });

const indices = async (page: Page) => (await page.getByTestId('analyze-indices').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

test('a Sobol analysis runs as a job, shows its chart and sentence, survives a reload, and its share link reproduces the indices', async ({ page, context }) => {
  test.setTimeout(240_000);
  // Analyze is reached from Sweep (the navigation bar has no room for another section on a phone)
  await page.goto('/#/sweep');
  await page.getByRole('link', { name: /Sensitivity analysis/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Analyze' })).toBeVisible();
  await page.getByLabel('Propellants', { exact: true }).selectOption('lox-rp1');
  await page.getByLabel('Output', { exact: true }).selectOption('ispVac');
  await page.getByLabel('Base samples N', { exact: true }).fill('128');
  await page.getByLabel('Seed', { exact: true }).fill('7');
  // a refused value names the field and holds the run back
  await page.getByLabel('O/F from', { exact: true }).fill('two');
  await expect(page.getByRole('alert').filter({ hasText: 'O/F from must be a number (got "two")' })).toBeVisible();
  await expect(page.getByTestId('analyze-run')).toBeDisabled();
  await page.getByLabel('O/F from', { exact: true }).fill('2');
  await page.getByLabel('Chamber pressure from', { exact: true }).fill('30');
  await page.getByLabel('Chamber pressure to', { exact: true }).fill('100');
  await page.getByLabel('Area ratio ε from', { exact: true }).fill('10');
  await page.getByLabel('Area ratio ε to', { exact: true }).fill('60');
  await page.getByTestId('analyze-run').click();

  // a job of the queue: the Jobs panel lists it, counted in evaluations
  const toggle = page.getByRole('button', { name: /^Jobs/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const row = page.getByRole('region', { name: 'Jobs' }).locator('li.job').filter({ hasText: 'Sobol: vacuum Isp over O/F, chamber pressure, nozzle area ratio' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('640 evaluations');

  const sentence = page.getByTestId('analyze-sentence');
  await expect(sentence).toHaveText(/^Vacuum Isp is driven mostly by (nozzle area ratio|O\/F) \(S_T 0\.\d\d\)/, { timeout: 180_000 });
  const chart = page.getByRole('figure', { name: 'Sobol indices of vacuum Isp with their intervals' });
  await expect(chart.locator('.chart-host svg')).toBeVisible({ timeout: 30_000 });
  await expect(chart.locator('.chart-host')).toContainText('Sobol indices of vacuum Isp (95 % intervals)');
  await expect(chart.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/analyze.png', fullPage: true });
  const before = await indices(page);
  expect(before).toHaveLength(3);
  expect(before.join(' ')).not.toMatch(/NaN|undefined/);
  // the settings travel in the house link envelope (version, deflate-raw, base64url)
  await expect(page.getByTestId('analyze-link')).toHaveValue(/#\/analyze\?x=1\.[A-Za-z0-9_-]+$/);
  const link = await page.getByTestId('analyze-link').inputValue();

  // after a reload the finished job's result is shown again; the chart's room is kept free until the
  // chart worker draws it (its script held back here), so the table of indices under it stays put
  const release = await holdChartWorker(context);
  await page.reload();
  await expect(page.getByTestId('analyze-sentence')).toHaveText(await sentence.textContent() ?? '', { timeout: 30_000 });
  expect(await indices(page)).toEqual(before);
  await expect(chart.locator('.chart-host svg')).toHaveCount(0);
  const table = page.getByTestId('analyze-indices');
  const tableY = (await table.boundingBox())!.y;
  release();
  await expect(chart.locator('.chart-host svg')).toBeVisible({ timeout: 30_000 });
  const tableAfter = (await table.boundingBox())!.y;
  expect(Math.abs(tableAfter - tableY), `the table of indices moved from y = ${tableY} to ${tableAfter} px when the chart arrived`).toBeLessThanOrEqual(1);
  await context.unroute(CHART_WORKER);

  // a PDF that cannot be made says so, and the button stays usable: here its code cannot be fetched
  // (as offline before the app was stored for offline use)
  await page.route('**/assets/jspdf*.js', (r) => r.abort('internetdisconnected'));
  await page.getByTestId('analyze-pdf').click();
  await expect(page.getByTestId('analyze-pdf-error')).toHaveText('The PDF report could not be made: the PDF code could not be loaded. Check the connection, reload the page and try again.');
  await expect(page.getByTestId('analyze-pdf')).toBeEnabled();

  // the share link, opened in a fresh page, fills the form; running it gives the same numbers
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Seed', { exact: true })).toHaveValue('7');
  await expect(other.getByLabel('Base samples N', { exact: true })).toHaveValue('128');
  await expect(other.getByLabel('Chamber pressure to', { exact: true })).toHaveValue('100');
  await other.getByTestId('analyze-run').click();
  await expect(other.getByTestId('analyze-progress')).toContainText('(done)', { timeout: 180_000 });
  await expect.poll(() => indices(other), { timeout: 30_000 }).toEqual(before);
});

test('uncertainty propagation shows its figures, histogram and drivers in the user units and is kept with the open experiment; Morris draws its μ*–σ points', async ({ page }) => {
  test.setTimeout(60_000);
  // with an experiment open in Explore, the analysis is kept with it
  await page.goto('/#/explore');
  await page.getByRole('button', { name: 'Save as new experiment' }).click();
  await page.getByLabel('Name of the new experiment').press('Enter');
  await expect(page.getByRole('button', { name: 'Open experiment' })).toBeVisible();
  await page.goto('/#/analyze');
  await expect(page.getByRole('checkbox', { name: /Keep the result with the experiment “LOX\/RP-1 booster”/ })).toBeChecked();
  await page.getByLabel('Method', { exact: true }).selectOption('uncertainty');
  // the ranges give way to tolerances around the fixed values: O/F ± 2 % and pc ± 3 % (normal), ε fixed
  await expect(page.getByLabel('O/F from', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('O/F tolerance ± %', { exact: true })).toHaveValue('2');
  await page.getByLabel('Chamber pressure tolerance ± %', { exact: true }).fill('3');
  await page.locator('fieldset', { hasText: 'Area ratio ε' }).getByLabel('vary').uncheck();
  await page.getByLabel('Runs', { exact: true }).fill('32');
  await page.getByTestId('analyze-run').click();
  const figures = page.getByTestId('analyze-figures');
  await expect(figures).toBeVisible({ timeout: 30_000 });
  // NASA CEA: LOX/RP-1 at O/F 2.6, 68.05 bar, ε 40, shifting: vacuum Isp 3500.7 m/s = 357.0 s
  // (tests/fixtures/cea-reference-trimmed.json); the page shows seconds, not m/s
  await expect(figures.locator('caption')).toHaveText('Vacuum Isp s');
  const cell = (row: string) => figures.locator('tr').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) }).locator('td');
  const mean = Number(await cell('Mean').innerText());
  expect(Math.abs(mean / 357.0 - 1)).toBeLessThan(0.01);
  for (const row of ['Standard deviation', '5 % percentile', 'Median (50 %)', '95 % percentile']) {
    await expect(cell(row)).toHaveText(/^\d+(\.\d+)?$/);
  }
  await expect(page.getByTestId('analyze-sentence')).toHaveText(/^Vacuum Isp is \d+\.\d ± \d\.\d+ s \(mean ± standard deviation over 32 runs\)\.$/);
  const hist = page.getByRole('figure', { name: 'Histogram of vacuum Isp with its 5, 50 and 95 % percentiles' });
  await expect(hist.locator('.chart-host svg')).toBeVisible({ timeout: 30_000 });
  await expect(hist.locator('.chart-host')).toContainText('Spread of vacuum Isp over 32 runs');
  await expect(page.getByTestId('analyze-drivers').locator('tbody tr')).toHaveCount(2);
  // the sentence's figures are the table's, and two more claims follow (percentiles, the driver)
  await expect(page.getByTestId('analyze-sentence')).toContainText(`${await cell('Mean').innerText()} ± ${await cell('Standard deviation').innerText()} s`);
  await expect(page.getByTestId('analyze-claims').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('analyze-claims').locator('li').first()).toContainText(`between ${await cell('5 % percentile').innerText()} and ${await cell('95 % percentile').innerText()} s`);

  // the PDF report carries the figures the page shows (jsPDF writes its text uncompressed)
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('analyze-pdf').click()]);
  const pdfText = readFileSync(await pdf.path()).toString('latin1');
  expect(pdfText.startsWith('%PDF-')).toBe(true);
  expect(pdfText).toContain(`(${await cell('Mean').innerText()} s)`);
  expect(pdfText).toContain(`(95 %: ${await cell('95 % percentile').innerText()})`);
  await expect(page.getByTestId('analyze-pdf-error')).toHaveCount(0);

  // kept with the experiment: it reopens from there with the same figures
  const meanText = await cell('Mean').innerText();
  await page.goto('/#/explore');
  await page.getByRole('button', { name: 'Open experiment' }).click();
  const kept = page.getByRole('region', { name: 'Analyses' }).getByRole('listitem');
  await expect(kept).toHaveText(/^Uncertainty propagation: vacuum Isp over O\/F, chamber pressure, 32 evaluations, seed 1/);
  await kept.getByRole('button', { name: 'Open in Analyze' }).click();
  await expect(page.getByTestId('analyze-saved')).toBeVisible();
  await expect(cell('Mean')).toHaveText(meanText);
  await expect(page.getByLabel('Runs', { exact: true })).toHaveValue('32');

  // Morris: the μ*–σ plot has one labelled point per varied input (the c* efficiency is one too)
  await page.getByLabel('Method', { exact: true }).selectOption('morris');
  await page.getByLabel('Trajectories', { exact: true }).fill('4');
  await page.locator('fieldset', { hasText: 'c* efficiency' }).getByLabel('vary').check();
  await page.getByLabel('c* efficiency from', { exact: true }).fill('0.9');
  await page.getByLabel('c* efficiency to', { exact: true }).fill('1');
  await page.getByTestId('analyze-run').click();
  const plot = page.getByRole('figure', { name: 'Morris μ* against σ of vacuum Isp, one labelled point per input' });
  await expect(plot.locator('.chart-host svg')).toBeVisible({ timeout: 30_000 });
  await expect(plot.locator('.chart-host g.mark-symbol.role-mark path')).toHaveCount(3);
  await expect(plot.locator('.chart-host g.mark-text.role-mark text')).toHaveText(['O/F', 'chamber pressure', 'c* efficiency']);
  // delivered Isp = η_c*·Isp_ideal is linear in η_c*, so across 0.9–1 its μ* is 0.1 × the ideal Isp met,
  // 32–36 s for LOX/RP-1 vacuum Isp of 320–360 s here (357.0 s at O/F 2.6, NASA CEA, above): more than O/F's
  await expect(page.getByTestId('analyze-sentence')).toHaveText(/^Vacuum Isp responds most to c\* efficiency: its mean absolute effect μ\* is 3[2-5]\.\d+ s across its range/);
  await page.screenshot({ path: 'test-results/screenshots/analyze-morris.png', fullPage: true });
});

test('in US units the form reads psia; a Learn model imported from a file is offered as the model (others say why not), and the analysis runs on its predictions and says so', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/#/settings');
  await page.getByRole('radio', { name: /US customary/ }).check();
  // the model file as Learn exports it (tests/fixtures/model-v1-surrogate-lox-rp1.json), imported and saved with an experiment
  const name = 'LOX/RP-1 vacuum Isp surrogate (fixture)';
  await page.goto('/#/learn');
  await page.getByTestId('learn-import').setInputFiles('tests/fixtures/model-v1-surrogate-lox-rp1.json');
  await page.getByTestId('learn-save').click();
  await expect(page.getByTestId('learn-saved')).toBeVisible();
  await page.goto('/#/analyze');

  // chamber pressure in psia, its messages too: 30 bar = 3e6 Pa / 6894.757293 Pa/psi = 435.11321 psia
  const from = page.getByLabel('Chamber pressure from', { exact: true });
  await expect(page.locator('fieldset', { hasText: 'Chamber pressure' }).locator('legend')).toHaveText('Chamber pressure (psia)');
  await expect(from).toHaveValue('435.11321');
  await from.fill('2000');
  await page.getByTestId('analyze-run').click();
  await expect(page.getByTestId('analyze-error')).toHaveText('Chamber pressure: “from” (2000 psia) must be below “to” (1450.3774 psia)');
  await from.fill('435.11321');
  // gaseous propellants offer their temperatures, in °R: 298.15 K × 1.8 = 536.67 °R; H2's data start at 200 K = 360 °R
  await expect(page.getByText("Reactant temperatures can vary for gaseous propellants only")).toBeVisible();
  await page.getByLabel('Propellants', { exact: true }).selectOption('gox-gh2');
  await expect(page.locator('fieldset', { hasText: 'Fuel temperature' }).locator('legend')).toHaveText('Fuel temperature (°R)');
  await expect(page.locator('fieldset', { hasText: 'Ambient pressure' }).locator('legend')).toHaveText('Ambient pressure (psia)');
  const fuelT = page.getByLabel('Fuel temperature fixed value', { exact: true });
  await expect(fuelT).toHaveValue('536.67');
  await fuelT.fill('270');
  await page.getByTestId('analyze-run').click();
  await expect(page.getByTestId('analyze-error')).toHaveText('Fuel temperature: fixed value must be at least 360 °R and at most 36000 °R (got 270 °R)');
  await fuelT.fill('536.67');
  await page.getByLabel('Propellants', { exact: true }).selectOption('lox-rp1');
  await expect(page.locator('fieldset', { hasText: 'Fuel temperature' })).toHaveCount(0);

  const model = page.getByLabel('Model', { exact: true });
  await expect(model.locator('option')).toHaveText(['Engine (equilibrium thermochemistry)', `Learn model: ${name}`]);
  // varying an input the model does not take: it is not offered, and the page says why
  const eta = page.locator('fieldset', { hasText: 'c* efficiency' }).getByLabel('vary');
  await eta.check();
  await expect(page.getByTestId('analyze-models-not-offered')).toHaveText(`Learn model “${name}” is not offered: does not take c* efficiency (it takes O/F, pc, eps).`);
  await expect(model.locator('option')).toHaveCount(1);
  await eta.uncheck();
  await model.selectOption({ label: `Learn model: ${name}` });
  await page.getByLabel('Base samples N', { exact: true }).fill('64');
  await page.getByTestId('analyze-run').click();

  // 64 × (3 + 2) = 320 predictions in the ML worker; the sentence, caption and figures name the model,
  // and the default ranges (O/F 2–3, ε 10–60) reach beyond its training data (O/F 2.2–3, ε 20–60)
  const sentence = page.getByTestId('analyze-sentence');
  await expect(sentence).toContainText(`Computed on the predictions of the Learn model “${name}”, not the engine; beyond its training data, where it extrapolates: O/F 2–3 (trained on 2.2`, { timeout: 30_000 });
  await expect(sentence).toContainText('nozzle area ratio 10–60 (trained on 20');
  await expect(sentence).toHaveText(/^Vacuum Isp is driven mostly by /);
  await expect(page.getByText(`320 predictions of the Learn model “${name}”, seed 1.`)).toBeVisible();
  const chart = page.getByRole('figure', { name: `Sobol indices of vacuum Isp with their intervals, on the Learn model “${name}”` });
  await expect(chart.locator('.chart-host')).toContainText(`on the Learn model “${name}”`, { timeout: 30_000 });
  expect((await indices(page)).join(' ')).not.toMatch(/NaN|undefined/);
});

test.describe('on a 360 × 740 phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  test('the Analyze form fits the screen and every control is a finger-sized target', async ({ page }) => {
    await page.goto('/#/analyze');
    await expect(page.getByRole('heading', { level: 1, name: 'Analyze' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    const small = await page.locator('main').evaluate((m) => [...m.querySelectorAll('button, a[href], input, select')].flatMap((e) => {
      const t = e instanceof HTMLInputElement && e.type === 'checkbox' ? e.closest('label') ?? e : e;
      const r = t.getBoundingClientRect();
      return r.height >= 43.5 && r.width >= 43.5 ? [] : [`${e.outerHTML.slice(0, 60)} ${r.width.toFixed(0)}×${r.height.toFixed(0)}`];
    }));
    expect(small).toEqual([]);
  });
});

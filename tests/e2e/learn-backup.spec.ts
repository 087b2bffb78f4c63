// A trained model in a workspace backup, and Explore's extrapolation warning: a model trained in
// Learn is exported in the backup, imported into an empty profile and listed with its experiment
// again; there Explore predicts with it, and an O/F outside the training range is flagged.
import { test, expect } from '@playwright/test';
import { loadFirings, trainOnCpu } from './support/learn.ts';
import { readFileSync } from 'node:fs';

// No service worker: the shell's offline-ready toast would otherwise appear at a random moment
// over the page's buttons (and take a click meant for them).
test.use({ serviceWorkers: 'block' });

test('a workspace backup carries a trained model into an empty profile; Explore flags an O/F outside its training range', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.goto('/#/learn');
  await loadFirings(page);
  await trainOnCpu(page);
  await page.getByTestId('learn-train').click();
  await expect(page.getByTestId('learn-status')).toHaveText(/^Trained 2 networks/, { timeout: 120_000 });
  await page.getByTestId('learn-save').click();
  await expect(page.getByTestId('learn-saved').getByRole('link')).toHaveText('Test firings firings.csv');

  await page.goto('/#/experiments');
  await expect(page.getByTestId('experiment-row')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export backup' }).click()]);
  const file = await download.path();
  const backup = JSON.parse(readFileSync(file, 'utf8'));
  expect(backup.version).toBe(2);
  expect(backup.models).toHaveLength(1);
  // the firings the model was trained on travel with it, as the experiment's dataset
  expect(backup.results.map((r: { meta: { type: string; testIds: string[] } }) => [r.meta.type, r.meta.testIds.length])).toEqual([['rfo-learn-dataset', 12]]);
  expect(backup.models[0].meta.members).toHaveLength(2);
  const [ofMin, ofMax] = [backup.models[0].meta.inputRanges[0].min, backup.models[0].meta.inputRanges[0].max];
  expect(ofMin).toBeGreaterThanOrEqual(2.2);
  expect(ofMax).toBeLessThanOrEqual(2.97);

  // An empty profile: nothing there until the backup is imported.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const other = await context.newPage();
  await other.goto('/#/experiments');
  await expect(other.getByText('No experiments yet.')).toBeVisible();
  await other.getByTestId('import-file').setInputFiles(file);
  // The backup also carries the backend chosen for the training (a setting), which a merge leaves as
  // this profile has it: so the import is reviewed first, and says so.
  const review = other.getByRole('region', { name: 'Review the import' });
  await expect(review).toContainText('This file holds 1 experiment(s), 1 result set(s), 1 model(s) and 0 propellant(s) to import.');
  await expect(review.getByRole('listitem')).toHaveText(["the file's settings (mlBackend) were not applied: a merge keeps your settings (choose “replace my workspace” to take them)"]);
  await review.getByRole('button', { name: 'Import' }).click();
  await expect(other.getByText('Imported 1 experiment(s), 1 result set(s), 1 model(s), 0 propellant(s).')).toBeVisible();
  await other.getByTestId('experiment-row').getByRole('link', { name: 'Test firings firings.csv' }).click();
  const models = other.getByTestId('experiment-models').locator('li');
  await expect(models).toHaveCount(1);
  await expect(models.first()).toContainText('efficiency from firings.csv (efficiency model, ');
  await expect(models.first()).toContainText('2 networks; held out: R²');
  await expect(other.getByTestId('experiment-datasets').locator('li')).toContainText('Test firings firings.csv: 12 rows, test firings (firings.csv)');

  // The experiment's design is in the middle of the training range: a prediction with its interval.
  await other.getByRole('button', { name: 'Open in Explore' }).click();
  const line = other.getByTestId('model-prediction');
  const warning = other.getByTestId('model-extrapolation');
  await expect(line).toHaveText(/^Predicted delivered Isp \d+(\.\d+)? ± \d+(\.\d+)? s \(efficiency model trained on \d+ firings at 1\.01325 bar \(assumed: the firings give no ambient pressure\); 95 % interval\)$/, { timeout: 60_000 });
  await expect(warning).toHaveCount(0);

  // O/F 4.2 is far outside the firings: the mean only, and a warning naming the range.
  await other.getByLabel('Mixture ratio O/F').fill('4.2');
  const range = `${Number(ofMin.toPrecision(3))}–${Number(ofMax.toPrecision(3))}`;
  await expect(warning).toHaveText(`O/F 4.2 is outside the training range ${range} — extrapolation: the model has no training data there, so its prediction may be far off and its 95 % interval does not hold.`, { timeout: 60_000 });
  await expect(line).toHaveText(/^Predicted delivered Isp \d+(\.\d+)? s \(efficiency model trained on \d+ firings at 1\.01325 bar \(assumed: the firings give no ambient pressure\); extrapolated, no trustworthy interval\)$/);

  // Back inside: the interval returns and the warning goes.
  await other.getByLabel('Mixture ratio O/F').fill(String(Number(((ofMin + ofMax) / 2).toFixed(2))));
  await expect(line).toHaveText(/ ± \d+(\.\d+)? s \(efficiency model trained on \d+ firings at 1\.01325 bar \(assumed: the firings give no ambient pressure\); 95 % interval\)$/, { timeout: 60_000 });
  await expect(warning).toHaveCount(0);
  await context.close();
});

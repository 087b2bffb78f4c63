import { test, expect } from '@playwright/test';
import { loadFirings, trainOnCpu } from './support/learn.ts';
import { readFileSync } from 'node:fs';

// No service worker: the shell's offline-ready toast would otherwise appear at a random moment
// over the page's buttons (and take a click meant for them).
test.use({ serviceWorkers: 'block' });

test('a model trained in Learn is saved with an experiment, listed there after a reload, and predicts in Explore', async ({ page }) => {
  test.setTimeout(180_000);
  // Explore without a model never loads the ML worker (so never TensorFlow.js).
  const mlRequests: string[] = [];
  page.on('request', (r) => { if (/\/assets\/ml[.-]/.test(r.url())) mlRequests.push(r.url()); });
  page.on('worker', (w) => { if (/ml\.worker/.test(w.url())) mlRequests.push(w.url()); });
  await page.goto('/#/explore');
  await expect(page.getByTestId('isp-vac-s')).toHaveText(/\d s$/, { timeout: 30_000 });
  expect(mlRequests).toEqual([]);

  await page.goto('/#/learn');
  await loadFirings(page);
  await trainOnCpu(page);
  await page.getByTestId('learn-train').click();
  await expect(page.getByTestId('learn-status')).toHaveText(/^Trained 2 networks/, { timeout: 120_000 });

  // "Suggest the next firing" by a Gaussian process of the twelve firings: a batch of three designs,
  // finite, in the form's units (bar) and inside the box the form searches
  await page.getByLabel('Suggest with').selectOption('gp');
  await page.getByRole('button', { name: 'Suggest next test (best Isp)' }).click();
  const suggested = page.getByTestId('learn-suggestions').locator('li');
  await expect(suggested).toHaveCount(3, { timeout: 30_000 });
  const box = async (label: string) => Number(await page.getByLabel(label, { exact: true }).inputValue());
  const [ofLo, ofHi, pcLo, pcHi, epsLo, epsHi] = [await box('O/F from'), await box('O/F to'), await box('Chamber pressure from (bar)'), await box('Chamber pressure to (bar)'), await box('Area ratio from'), await box('Area ratio to')];
  for (const text of await suggested.allInnerTexts()) {
    const m = /^O\/F ([\d.]+), pc ([\d.]+) bar, ε ([\d.]+): The Gaussian process of the 12 points expects to raise/.exec(text);
    expect(m, text).not.toBeNull();
    const [of, pc, eps] = m!.slice(1).map(Number);
    expect(of).toBeGreaterThanOrEqual(ofLo);
    expect(of).toBeLessThanOrEqual(ofHi);
    expect(pc).toBeGreaterThanOrEqual(pcLo);
    expect(pc).toBeLessThanOrEqual(pcHi);
    expect(eps).toBeGreaterThanOrEqual(epsLo);
    expect(eps).toBeLessThanOrEqual(epsHi);
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  }

  // The design is the starter template, so the model goes to a new experiment named after the dataset.
  await page.getByTestId('learn-save').click();
  const link = page.getByTestId('learn-saved').getByRole('link');
  await expect(link).toHaveText('Test firings firings.csv');
  const href = (await link.getAttribute('href'))!;
  const id = decodeURIComponent(href.replace(/^.*\/experiments\//, ''));

  // Reloaded on the experiment page (Learn would start the ML worker itself).
  await page.goto(`/#/experiments/${encodeURIComponent(id)}`);
  await page.reload();
  mlRequests.length = 0;
  const models = page.getByTestId('experiment-models').locator('li');
  await expect(models).toHaveCount(1);
  await expect(models.first()).toContainText('efficiency from firings.csv (efficiency model, ');
  await expect(models.first()).toContainText('2 networks; held out: R²');

  // Export from the experiment page: the file is the model document.
  const [download] = await Promise.all([page.waitForEvent('download'), models.first().getByRole('button', { name: 'Export' }).click()]);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(doc.type).toBe('rfo-ml-model');
  expect(doc.members).toHaveLength(2);

  await page.getByRole('button', { name: 'Open in Explore' }).click();
  const line = page.getByTestId('model-prediction');
  // in the headline's unit (s), at the sea level assumed for firings that give no ambient pressure
  await expect(line).toHaveText(/^Predicted delivered Isp \d+(\.\d+)? ± \d+(\.\d+)? s \(efficiency model trained on \d+ firings at 1\.01325 bar \(assumed: the firings give no ambient pressure\); 95 % interval\)$/, { timeout: 60_000 });
  await expect(line).not.toContainText('NaN');
  expect(mlRequests.some((u) => /ml\.worker-/.test(u))).toBe(true); // started for this prediction
  // The prediction is the design's ideal vacuum Isp times an efficiency near the data's (about 0.9–1.1).
  const mean = Number((await line.textContent())!.match(/Isp ([\d.]+) ±/)![1]);
  const ideal = Number((await page.getByTestId('isp-vac-s').textContent())!.replace(/ s$/, ''));
  expect(mean / ideal).toBeGreaterThan(0.8);
  expect(mean / ideal).toBeLessThan(1.2);

  // Back to Learn from the experiment's list, then a broken copy of the file is refused by name.
  await page.goto(`/#/experiments/${encodeURIComponent(id)}`);
  await page.getByTestId('experiment-models').getByRole('button', { name: 'Open in Learn' }).click();
  await expect(page.getByTestId('learn-status')).toHaveText(/^Loaded “efficiency from firings\.csv” from experiment “Test firings firings\.csv”: 2 networks/);
  doc.members[1].layers[0].b = doc.members[1].layers[0].b.slice(1);
  await page.getByTestId('learn-import').setInputFiles({ name: 'broken.model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.getByTestId('learn-error')).toHaveText(/^broken\.model\.json: member 1, layer 0: weights must be 3×\d+ finite numbers plus \d+ biases \(field members\.1\.layers\.0\)$/);
  await page.getByTestId('learn-import').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"type": "rocket-fuel-optimizer/experiment"}') });
  await expect(page.getByTestId('learn-error')).toHaveText('notes.json: not a model document (type is "rocket-fuel-optimizer/experiment") (field type)');
});

// A dataset kept with its experiment: firings imported in Learn are saved with the model, and after
// a reload Learn trains again on them without the CSV; the experiment page lists the dataset and
// downloads it as CSV with units; a stored row that fails validation is refused by name and value.
import { test, expect } from '@playwright/test';
import { loadFirings, trainOnCpu } from './support/learn.ts';
import { readFileSync } from 'node:fs';

// No service worker: the shell's offline-ready toast would otherwise appear at a random moment
// over the page's buttons (and take a click meant for them).
test.use({ serviceWorkers: 'block' });

test('firings saved with a model are kept: Learn trains on them again after a reload, and the experiment page downloads them as CSV', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/#/learn');
  await loadFirings(page);
  await trainOnCpu(page);
  await page.getByTestId('learn-train').click();
  const status = page.getByTestId('learn-status');
  await expect(status).toHaveText(/^Trained 2 networks on \d+ rows\.( The firings give no ambient pressure: taken at sea level \(1\.01325 bar\)[^]*)?$/, { timeout: 120_000 });
  const first = await status.textContent();
  await page.getByTestId('learn-save').click();
  const link = page.getByTestId('learn-saved').getByRole('link');
  await expect(link).toHaveText('Test firings firings.csv');
  const id = decodeURIComponent((await link.getAttribute('href'))!.replace(/^.*\/experiments\//, ''));

  // After a reload nothing of the CSV is left in the page: the dataset comes from storage.
  await page.reload();
  await page.getByLabel('kept in an experiment').check();
  await expect(page.getByTestId('learn-csv')).toHaveCount(0);
  const picker = page.getByTestId('learn-stored');
  await expect(picker.locator('option')).toHaveCount(2);
  await picker.selectOption({ index: 1 });
  await expect(page.getByTestId('learn-stored-summary')).toHaveText('Test firings firings.csv: 12 rows, test firings (firings.csv)');
  await page.getByLabel('Ensemble members').fill('2');
  await page.getByLabel('Epochs').fill('20');
  await page.getByTestId('learn-train').click();
  // the same rows, split with the same seed: the same count of training rows as the first time
  await expect(status).toHaveText(first!, { timeout: 120_000 });
  const rows = Number(first!.match(/on (\d+) rows/)![1]);
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(12);
  await expect(page.getByTestId('learn-r2')).toHaveText(/\d/);
  // saved again: with the experiment that keeps the dataset, which is not copied
  await page.getByTestId('learn-save').click();
  await expect(page.getByTestId('learn-saved').getByRole('link')).toHaveAttribute('href', new RegExp(`/experiments/${encodeURIComponent(id)}$`));

  await page.goto(`/#/experiments/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('experiment-models').locator('li')).toHaveCount(2);
  const datasets = page.getByTestId('experiment-datasets').locator('li');
  await expect(datasets).toHaveCount(1);
  await expect(datasets.first()).toContainText('Test firings firings.csv: 12 rows, test firings (firings.csv)');
  const [download] = await Promise.all([page.waitForEvent('download'), datasets.first().getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('Test-firings-firings.csv.csv');
  const lines = readFileSync(await download.path(), 'utf8').trim().split(/\r\n/);
  expect(lines).toHaveLength(13);
  expect(lines[0]).toBe('Test id,O/F,Chamber pressure [bar],Area ratio,Ambient pressure [bar],Thrust [N],Mass flow [kg/s],c* [m/s],Isp measured [m/s],Isp ideal (engine) [m/s]');
  const t1 = lines[1].split(',');
  expect(t1.slice(0, 2)).toEqual(['T-1', '2.2']);
  expect(Number(t1[2])).toBeCloseTo(50, 9); // 50.0 bar in the file
  expect(t1.slice(3, 8)).toEqual(['40', '', '', '', '']); // the default area ratio; nothing else measured
  expect(Number(t1[8])).toBeCloseTo(328.0 * 9.80665, 6); // 328.0 s in the file
  expect(Number(t1[9])).toBeGreaterThan(Number(t1[8])); // the ideal vacuum Isp is above the delivered one

  // and back to Learn from the list, with the dataset picked
  await datasets.first().getByRole('button', { name: 'Train in Learn' }).click();
  await expect(page.getByTestId('learn-stored-summary')).toHaveText('Test firings firings.csv: 12 rows, test firings (firings.csv)');

  // A stored row spoilt behind the app's back: refused by name and value, in Learn and on the experiment page.
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('rocket-fuel-optimizer');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('results', 'readwrite');
      const store = tx.objectStore('results');
      store.getAll().onsuccess = (e) => {
        const rec = (e.target as IDBRequest<{ columns: Record<string, Float64Array> }[]>).result[0];
        rec.columns.pc_Pa[1] = -5;
        store.put(rec);
      };
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  }));
  const refusal = 'dataset “Test firings firings.csv”: row 2 (test T-2): Chamber pressure must be a finite number > 0 Pa (got -5) (field columns.pc_Pa.1)';
  await page.getByTestId('learn-stored').selectOption({ index: 0 });
  await page.getByTestId('learn-stored').selectOption({ index: 1 });
  await expect(page.getByTestId('learn-error')).toHaveText(refusal);
  await expect(page.getByTestId('learn-stored-summary')).toHaveText('');
  await page.goto(`/#/experiments/${encodeURIComponent(id)}`);
  await datasets.first().getByRole('button', { name: 'Download CSV' }).click();
  await expect(page.getByTestId('dataset-problem')).toHaveText(refusal);
});

// A sweep whose chunk write is refused because storage is full: the job stops as Failed with a
// message saying so (in the Jobs panel and a notice), keeps the chunks it stored, and Resume — once
// there is room again — completes it with every grid point stored exactly once and in the CSV.
// "Storage full" is simulated: IndexedDB's put throws QuotaExceededError (what Chromium reports
// when the origin's quota is used up) for the job store's chunk writes while window.__storageFull
// is set; the first chunk write is let through so that the job has saved something to keep.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { parseCsv } from '../../app/domain/csv.ts';

const COUNT = 20;
const TOTAL = COUNT * COUNT;
const LABEL = `Sweep of O/F × chamber pressure (${TOTAL} points)`;

declare global {
  interface Window { __storageFull: { allow: number; refused: number } | null }
}

/** For each point of the job, how many stored chunks hold it (read from the job database). */
function storedCoverage(page: Page, jobId: string, total: number): Promise<number[]> {
  return page.evaluate(([id, n]) => new Promise<number[]>((resolve, reject) => {
    const open = indexedDB.open('rfo-jobs');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('chunks').objectStore('chunks').index('byJob').getAll(id);
      get.onerror = () => reject(get.error);
      get.onsuccess = () => {
        const seen = new Array<number>(n).fill(0);
        for (const row of get.result as { data: { start: number; columns: { ispVac: Float64Array } } }[]) {
          for (let k = 0; k < row.data.columns.ispVac.length; k++) seen[row.data.start + k]++;
        }
        open.result.close();
        resolve(seen);
      };
    };
  }), [jobId, total] as const);
}

test('a chunk write refused for lack of space fails the sweep with a message; Resume completes it, every point once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    window.__storageFull = { allow: 1, refused: 0 };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const full = window.__storageFull;
      if (full && this.name === 'chunks' && this.transaction.db.name === 'rfo-jobs') {
        if (full.allow > 0) full.allow--;
        else {
          full.refused++;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
      }
      return put.apply(this, args);
    };
  });
  await page.goto('./#/sweep');
  await expect(page.getByRole('heading', { level: 1, name: 'Sweep' })).toBeVisible();
  for (const k of [0, 1]) {
    const field = page.locator(`#axis-${k}-count`);
    await field.fill(String(COUNT));
    await field.press('Tab');
  }
  await expect(page.getByTestId('sweep-total')).toHaveText(`${TOTAL} points`);
  await page.getByRole('button', { name: 'Run sweep' }).click();

  // The job stops: Failed, with why, in the Jobs panel and in a notice; the stored chunk is kept.
  await expect(page.getByRole('status').filter({ hasText: `“${LABEL}” failed` })).toContainText('storage is full', { timeout: 60_000 });
  await page.getByRole('button', { name: /^Jobs/ }).click();
  const row = page.getByRole('region', { name: 'Jobs' }).locator('li.job').filter({ hasText: LABEL });
  await expect(row.locator('.job-status')).toHaveText('Failed');
  await expect(row.locator('.error')).toContainText(/^The results of points \d+–\d+ could not be saved: the browser's storage is full\. Free some space/);
  expect((await page.evaluate(() => window.__storageFull!.refused))).toBeGreaterThan(0);
  const kept = await row.locator('.job-points').textContent();
  const keptPoints = Number(/^([\d,]+) \//.exec(kept ?? '')![1].replace(/,/g, ''));
  expect(keptPoints).toBeGreaterThan(0);
  expect(keptPoints).toBeLessThan(TOTAL);
  await expect(page.getByTestId('sweep-status')).toHaveText(`failed: ${keptPoints} / ${TOTAL} points`);
  const jobId = (await row.getAttribute('data-job-id'))!;
  const before = await storedCoverage(page, jobId, TOTAL);
  expect(before.filter((c) => c > 1)).toEqual([]);
  expect(before.filter((c) => c === 1)).toHaveLength(keptPoints);

  // Room again: Resume finishes the sweep.
  await page.evaluate(() => { window.__storageFull = null; });
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row.locator('.job-status')).toHaveText('Done', { timeout: 60_000 });
  await expect(row.locator('.job-points')).toContainText(`${TOTAL} / ${TOTAL} points (100 %)`);
  await expect(row.locator('.error')).toHaveCount(0);

  // Every grid point stored exactly once, and each has its result in the table's CSV.
  expect(await storedCoverage(page, jobId, TOTAL)).toEqual(new Array(TOTAL).fill(1));
  await page.getByRole('region', { name: 'Jobs' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText(`Done: ${TOTAL} / ${TOTAL} points`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
  const rows = csv.slice(1).filter((r) => r.length > 1);
  expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
  const isp = csv[0].indexOf('Isp vacuum [m/s]');
  expect(isp).toBeGreaterThan(0);
  expect(rows.filter((r) => !(Number(r[isp]) > 0))).toEqual([]);
  // Each (O/F, chamber pressure) pair of the grid appears once.
  expect(new Set(rows.map((r) => `${r[1]}|${r[2]}`)).size).toBe(TOTAL);
});

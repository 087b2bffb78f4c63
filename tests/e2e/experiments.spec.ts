// Experiments in the built app: create from a template, edit, reload; share links in a fresh
// browser context; backup into an empty profile; search over 1,000 experiments (time printed).
import { test, expect, type Page, type Browser } from '@playwright/test';
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { generateExperiments } from '../fixtures/generate-experiments.ts';
import { exportWorkspace } from '../../app/domain/backup.ts';

const TMP = new URL('../../test-results/experiments-e2e/', import.meta.url).pathname;
mkdirSync(TMP, { recursive: true });

async function startFromTemplate(page: Page, templateId: string, title: string) {
  await page.goto('./#/templates');
  await page.getByTestId(`template-${templateId}`).getByRole('button', { name: 'Start from this' }).click();
  await expect(page).toHaveURL(/#\/experiments\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page };
}

const inputsText = (page: Page) => page.getByRole('table', { name: 'Inputs' }).innerText();

test('an experiment made from a template, edited and saved, is still there after a reload', async ({ page }) => {
  await startFromTemplate(page, 'lox-rp1-booster', 'LOX/RP-1 booster');
  await page.getByLabel('Name', { exact: true }).fill('My booster study');
  await page.getByLabel(/^Chamber pressure/).fill('120');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'My booster study' })).toBeVisible();
  await expect(page.getByLabel(/^Chamber pressure/)).toHaveValue('120');
  await expect(page.getByRole('table', { name: 'Inputs' })).toContainText('Chamber pressure120.00 bar');
  await page.goto('./#/experiments');
  await expect(page.getByTestId('experiment-row')).toHaveCount(1);
  await expect(page.getByTestId('experiment-row')).toContainText('My booster study');
});

test('a share link opened in a fresh browser context reproduces the inputs and the results', async ({ page, browser }) => {
  await startFromTemplate(page, 'n2o4-mmh-hypergolic', 'N2O4/MMH hypergolic thruster');
  await page.getByRole('button', { name: 'Compute' }).click();
  const isp = page.getByTestId('res-ispVac-exit1');
  await expect(isp).toHaveText(/^\d/, { timeout: 30_000 });
  const ispSender = await isp.innerText();
  const inputsSender = await inputsText(page);
  await page.getByRole('button', { name: 'Make share link' }).click();
  const link = await page.getByLabel(/^Link \(/).inputValue();
  expect(link).toMatch(/#x=1\.[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
  console.log(JSON.stringify({ e2e: 'share-link', chars: link.length, fragmentChars: link.length - link.indexOf('#') }));

  const { context, page: other } = await freshPage(browser);
  await other.goto(link);
  await expect(other.getByTestId('share-name')).toHaveText('N2O4/MMH hypergolic thruster');
  expect(await inputsText(other)).toBe(inputsSender);
  await expect(other.getByTestId('res-ispVac-exit1')).toHaveText(ispSender, { timeout: 30_000 });
  // nothing stored until asked
  await other.goto('./#/experiments');
  await expect(other.getByText('No experiments yet.')).toBeVisible();
  await other.goto(link);
  await other.getByRole('button', { name: 'Save to my experiments' }).click();
  await expect(other).toHaveURL(/#\/experiments\/[^/]+$/);
  await expect(other.getByRole('heading', { level: 1, name: 'N2O4/MMH hypergolic thruster' })).toBeVisible();
  await context.close();
});

test('a damaged or hostile link shows a clear message and stores nothing', async ({ page }) => {
  await page.goto('./#x=1.this-is-not-deflate');
  await expect(page.getByTestId('share-error')).toContainText(/incomplete or damaged|damaged/);
  await page.goto('./#x=9.AAAA');
  await expect(page.getByTestId('share-error')).toContainText('newer version');
  // a link whose name is markup: shown as text, no element created
  const code = await page.evaluate(async () => {
    const json = JSON.stringify({ name: '<img src=x onerror="window.__pwned=1">', inputs: { problem: { reactants: [{ name: 'N2H4(L)', massFraction: 1, T: 298.15 }], pc: 2e6, exits: [{ areaRatio: 50 }] } } });
    const s = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const b = new Uint8Array(await new Response(s).arrayBuffer());
    return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  });
  await page.goto(`./#x=1.${code}`);
  await expect(page.getByTestId('share-name')).toHaveText('<img src=x onerror="window.__pwned=1">');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('main img[src="x"]').count()).toBe(0);
  await page.goto('./#/experiments');
  await expect(page.getByText('No experiments yet.')).toBeVisible();
});

test('a backup exported and imported into an empty profile gives the same workspace', async ({ page, browser }) => {
  await startFromTemplate(page, 'lox-lh2-upper-stage', 'LOX/LH2 upper stage');
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.getByTestId('res-ispVac-exit1')).toHaveText(/^\d/, { timeout: 30_000 });
  await startFromTemplate(page, 'kno3-sucrose-candy', 'KNO3/sucrose amateur solid');
  await page.goto('./#/experiments');
  await expect(page.getByTestId('experiment-row')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  const file = `${TMP}backup.json`;
  await (await download).saveAs(file);
  const original = JSON.parse(readFileSync(file, 'utf8'));
  expect(original.experiments).toHaveLength(2);
  expect(original.results).toHaveLength(1);

  const { context, page: other } = await freshPage(browser);
  await other.goto('./#/experiments');
  await expect(other.getByText('No experiments yet.')).toBeVisible();
  await other.getByTestId('import-file').setInputFiles(file);
  await expect(other.getByText('Imported 2 experiment(s), 1 result set(s)')).toBeVisible();
  await expect(other.getByTestId('experiment-row')).toHaveCount(2);
  const again = other.waitForEvent('download');
  await other.getByRole('button', { name: 'Export backup' }).click();
  const file2 = `${TMP}backup-again.json`;
  await (await again).saveAs(file2);
  const copy = JSON.parse(readFileSync(file2, 'utf8'));
  const byId = (xs: { id: string }[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  expect(byId(copy.experiments)).toEqual(byId(original.experiments));
  expect(copy.results).toEqual(original.results);
  expect(copy.propellants).toEqual(original.propellants);
  expect(copy.settings).toEqual(original.settings);
  await context.close();
});

test('search and filter over 1,000 experiments (time printed, not asserted)', async ({ page }) => {
  const file = `${TMP}thousand.json`;
  writeFileSync(file, exportWorkspace({ experiments: generateExperiments(1000, 3), results: [], models: [], propellants: [], settings: {} }, '2024-01-01T00:00:00.000Z'));
  await page.goto('./#/experiments');
  await page.getByTestId('import-file').setInputFiles(file);
  const status = page.getByTestId('search-status');
  await expect(status).toContainText('1000 of 1000 experiments', { timeout: 30_000 });

  // Timed inside the page: the input event runs the search and Solid updates the DOM synchronously;
  // the next frame is when the user sees it. (Playwright's own round trips are not counted.)
  const measure = (selector: string, value: string, event: 'input' | 'change') =>
    page.evaluate(
      async ({ selector, value, event }) => {
        const el = document.querySelector(selector) as HTMLInputElement | HTMLSelectElement;
        const t0 = performance.now();
        el.value = value;
        el.dispatchEvent(new Event(event, { bubbles: true }));
        const domMs = performance.now() - t0;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        return { searchMs: Number(document.querySelector('[data-testid="search-status"]')!.getAttribute('data-ms')), domUpdatedMs: +domMs.toFixed(2), nextFrameMs: +(performance.now() - t0).toFixed(2) };
      },
      { selector, value, event },
    );
  const all = await measure('#exp-search', 'lox', 'input');
  await expect(status).toContainText(/^\d+ of 1000 experiments/);
  const q = await measure('#exp-search', 'methalox trade', 'input');
  await expect(status).toContainText(/^\d+ of 1000 experiments/);
  const f = await measure('#f-kind', 'sweep', 'change');
  await expect(status).toContainText(/^\d+ of 1000 experiments/);
  const count = Number((await status.innerText()).split(' ')[0]);
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(1000);
  // the list agrees with the same query in node
  const names = await page.getByTestId('experiment-row').locator('.exp-name').allInnerTexts();
  expect(names.every((n) => n.includes('methalox'))).toBe(true);
  console.log(JSON.stringify({ e2e: 'experiments-search-1000', broadQuery: all, query: q, queryPlusStudyFilter: f, hits: count }));
});

test('two open tabs stay consistent', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await b.goto('./#/experiments');
  await expect(b.getByText('No experiments yet.')).toBeVisible();
  await startFromTemplate(a, 'lox-ch4', 'LOX/CH4 (methalox)');
  await expect(b.getByTestId('experiment-row')).toHaveCount(1); // told by BroadcastChannel, no reload
  await a.goto('./#/experiments');
  await a.getByRole('button', { name: 'Delete' }).click();
  await expect(b.getByTestId('experiment-row')).toHaveCount(0);
  await a.getByRole('button', { name: 'Undo' }).click();
  await expect(b.getByTestId('experiment-row')).toHaveCount(1);
});

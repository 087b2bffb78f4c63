// The browser's own print of a page is clean (issue 16, item 4): printed, Explore shows its results
// and not the top bar, the navigation or the buttons, and a wide table prints whole (no scroll box).
// Printed to PDF by Chromium and read back with pdftotext, as a reader of the printout reads it.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test.use({ serviceWorkers: 'block' });

test('printing Explore gives the results without the top bar, navigation or buttons', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/explore');
  const isp = page.getByTestId('isp-vac-s');
  await expect(isp).toHaveText(/^\d+(\.\d+)? s$/, { timeout: 30_000 });
  const shown = (await isp.textContent())!;

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.topbar')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'PDF report' })).toBeHidden();
  await expect(page.getByRole('table', { name: 'Station properties' })).toBeVisible();
  // a wide table prints whole: its scroll box does not clip it
  const clipped = await page.locator('.table-scroll').evaluateAll((els) => els.filter((e) => getComputedStyle(e).overflowX !== 'visible').length);
  expect(clipped).toBe(0);

  const file = join(mkdtempSync(join(tmpdir(), 'rfo-print-')), 'explore.pdf');
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Explore');
  expect(text).toContain(shown);
  expect(text).not.toContain('Skip to content');
  expect(text).not.toContain('PDF report');
  expect(text).not.toMatch(/NaN/);
});

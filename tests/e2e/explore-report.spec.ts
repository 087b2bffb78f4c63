// Explore's PDF report (issue 16, item 4) is worth printing: the station table in the user's units
// with Isp in s and in m/s, the composition, the O/F charts drawn as vectors, the explanations,
// the provenance (thermo.inp's sha256) and page numbers. Read as a user reads it: the text
// extracted by pdftotext, the pages rendered by pdftoppm.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test.use({ serviceWorkers: 'block' });

test('the PDF report carries the vacuum Isp Explore shows, in s and m/s, its charts, explanations, provenance and page numbers', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/explore');
  const shown = page.getByTestId('isp-vac-s');
  await expect(shown).toHaveText(/^\d+(\.\d+)? s$/, { timeout: 30_000 });
  // the O/F curve (the report's charts) is there once its chart is drawn
  await expect(page.getByTestId('optimum-of')).toBeVisible({ timeout: 30_000 });
  const seconds = (await shown.textContent())!.replace(' s', '');

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF report' }).click()]);
  const file = await pdf.path();
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const row = (unit: string) => text.split('\n').map((l) => l.trim()).find((l) => l.startsWith('Isp vacuum') && l.endsWith(` ${unit}`));
  // exit 1 is the first exit column; the row has the throat then the exits
  expect(row('s')?.split(/\s+/)[3]).toBe(seconds);
  expect(Math.abs(Number(row('m/s')?.split(/\s+/)[3]) / (Number(seconds) * 9.80665) - 1)).toBeLessThan(2e-4); // g0 = 9.80665 m/s²
  for (const heading of ['Inputs', 'Stations', 'Composition', 'Charts', 'What the numbers say', 'Provenance']) expect(text).toContain(heading);
  expect(text).toContain('Isp vacuum (s)');
  expect(text).toMatch(/sha256\s+dd6aaac2a87b57f7b70f2efe907cb33aedc351dae622cf807a96db8b0b0faa5f/); // NASA thermo.inp of 9/09/04
  const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(text).toContain(`Page ${pages} of ${pages}`);
  expect(text).not.toMatch(/NaN|undefined/);

  const dir = mkdtempSync(join(tmpdir(), 'rfo-pdf-'));
  execFileSync('pdftoppm', ['-r', '24', file, join(dir, 'p')]);
  let blue = 0;
  for (const f of readdirSync(dir)) {
    const buf = readFileSync(join(dir, f));
    const start = buf.indexOf('\n255\n') + 5;
    for (let i = start; i + 2 < buf.length; i += 3) if (buf[i + 2] > buf[i] + 80 && buf[i + 2] > buf[i + 1] + 40) blue++;
  }
  expect(blue, 'the Isp curve is drawn in its blue').toBeGreaterThan(10);
});

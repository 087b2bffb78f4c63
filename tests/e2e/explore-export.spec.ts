// Explore's exports of the design point: CSV with units, a PDF report whose text carries the
// figures shown on screen, and a CEA input deck with the same inputs.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

test('CSV, PDF report and CEA deck of the design point carry what the screen shows', async ({ page }) => {
  await page.goto('./#/explore');
  await expect(page.getByTestId('cstar')).toContainText('m/s');
  const cstar = (await page.getByTestId('cstar').textContent())!.replace(/\s*m\/s$/, '');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV', exact: true }).click()]);
  const lines = readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toContain('p [bar]');
  expect(lines.map((l) => l.split(',')[0])).toEqual(['Station', 'chamber', 'throat', 'exit 1', 'exit 2']);

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF report' }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = readFileSync(await pdf.path()).toString('latin1');
  expect(bytes.startsWith('%PDF-')).toBe(true);
  // jsPDF writes text uncompressed: the report's title, a row label and the c* shown on screen.
  expect(bytes).toContain('(LOX/RP-1 booster)');
  expect(bytes).toContain('(Isp vacuum)');
  expect(bytes).toContain(`(${cstar})`);

  const [deck] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CEA input deck' }).click()]);
  const text = readFileSync(await deck.path(), 'utf8');
  expect(text).toMatch(/prob\b[\s\S]*rocket/);
  expect(text).toMatch(/RP-1/);
  expect(text).toMatch(/O2\(L\)/);
});

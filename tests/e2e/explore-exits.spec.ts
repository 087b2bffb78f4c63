// Explore shows and edits every nozzle exit of the design, and what it shows is exactly what the
// station table, the CEA input deck, the PDF report and the saved experiment carry (issue 12, item 5).
// The LOX/CH4 template has two exits: exit pressure matched at sea level (pc/pe = 250 bar / 1.01325 bar)
// and Ae/At = 40 (app/domain/templates.ts).
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

test.use({ serviceWorkers: 'block' });

/** The exits of a CEA deck's `prob` dataset: pi/p values and supar values, as written. */
function deckExits(text: string): { pip: number[]; supar: number[] } {
  const list = (key: string) => (text.match(new RegExp(`${key.replace('/', '\\/')}=([\\d.,eE+-]+)`))?.[1] ?? '').split(',').filter(Boolean).map(Number);
  return { pip: list('pi/p'), supar: list('supar') };
}

/** The station table's Ae/At in column `col` (0 = chamber), as a number (the engine meets an area ratio to ~1e-5). */
const aeAt = (page: Page, col: number) => page.getByRole('table', { name: 'Station properties' }).getByRole('row')
  .filter({ has: page.getByRole('rowheader', { name: /^Ae\/At( What is\b.*)?$/ }) }).getByRole('cell').nth(col);
async function expectAeAt(page: Page, col: number, value: number) {
  await expect.poll(async () => Math.abs(Number(await aeAt(page, col).textContent()) / value - 1), { timeout: 30_000 }).toBeLessThan(1e-4);
}

const stationHeaders = (page: Page) => page.getByRole('table', { name: 'Station properties' }).locator('thead th');

test('every exit of a template is shown, edited, added and removed, and exactly those exits are exported', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#/templates');
  await page.getByTestId('template-lox-ch4').getByRole('button', { name: 'Start from this' }).click();
  await page.getByRole('button', { name: 'Open in Explore' }).click();
  await expect(page.getByTestId('design-name')).toHaveText('LOX/CH4 (methalox)');

  // Both exits are visible: exit 1 by its exit pressure (1.01325 bar), exit 2 by Ae/At 40.
  const exits = page.getByTestId('nozzle-exits');
  await expect(exits.getByTestId(/^exit-\d$/)).toHaveCount(2);
  await expect(page.getByLabel('exit pressure', { exact: true })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Exit pressure (bar)' })).toHaveValue('1.01325');
  await expect(page.getByLabel('Exit 2: area ratio')).toBeChecked();
  await expect(page.getByLabel('Exit 2 Ae/At')).toHaveValue('40');
  await expect(page.getByTestId('isp-vac-s')).toHaveText(/\d s$/, { timeout: 30_000 });
  await expect(stationHeaders(page)).toHaveText(['Property', 'Chamber', 'Throat', 'Exit 1', 'Exit 2', 'Unit']);

  // Exit 2: Ae/At 40 → 60; the station table's exit 2 follows (Ae/At row).
  await page.getByLabel('Exit 2 Ae/At').fill('60');
  await expectAeAt(page, 3, 60);

  // Add a third exit: twice the largest area ratio given, 120.
  await page.getByRole('button', { name: 'Add exit' }).click();
  await expect(exits.getByTestId(/^exit-\d$/)).toHaveCount(3);
  await expect(page.getByLabel('Exit 3 Ae/At')).toHaveValue('120');
  await expect(stationHeaders(page)).toHaveText(['Property', 'Chamber', 'Throat', 'Exit 1', 'Exit 2', 'Exit 3', 'Unit'], { timeout: 30_000 });
  await expectAeAt(page, 4, 120);

  // Remove exit 1 (the pressure-matched one): exits 60 and 120 remain, renumbered.
  await page.getByRole('button', { name: 'Remove exit 1' }).click();
  await expect(exits.getByTestId(/^exit-\d$/)).toHaveCount(2);
  await expect(page.getByLabel('Area ratio Ae/At')).toHaveValue('60');
  await expect(page.getByLabel('Exit 2 Ae/At')).toHaveValue('120');
  await expect(stationHeaders(page)).toHaveText(['Property', 'Chamber', 'Throat', 'Exit 1', 'Exit 2', 'Unit'], { timeout: 30_000 });
  await expectAeAt(page, 2, 60);
  await expectAeAt(page, 3, 120);

  // The CEA deck carries exactly the two exits shown, and no pressure ratio any more.
  const [deck] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CEA input deck' }).click()]);
  const text = readFileSync(await deck.path(), 'utf8');
  expect(deckExits(text)).toEqual({ pip: [], supar: [60, 120] });

  // The PDF report lists the same exits among its inputs, with a station column each.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF report' }).click()]);
  const pdfText = execFileSync('pdftotext', ['-layout', await pdf.path(), '-'], { encoding: 'utf8' });
  expect(pdfText).toMatch(/Exit 1\s+Ae\/At = 60\b/);
  expect(pdfText).toMatch(/Exit 2\s+Ae\/At = 120\b/);
  expect(pdfText).not.toContain('Exit 3');
  expect(pdfText).not.toContain('pc/pe');

  // Saved, the experiment (what Compare and share links read) holds the same two exits.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
  await page.getByRole('button', { name: 'Open experiment' }).click();
  const inputs = page.getByRole('table', { name: 'Inputs', exact: true });
  await expect(inputs.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Exit 1( What is\b.*)?$/ }) })).toContainText('Ae/At = 60');
  await expect(inputs.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Exit 2( What is\b.*)?$/ }) })).toContainText('Ae/At = 120');
  await expect(inputs.getByRole('rowheader', { name: 'Exit 3', exact: true })).toHaveCount(0);
});

test('the last exit cannot be removed', async ({ page }) => {
  await page.goto('./#/templates');
  await page.getByTestId('template-n2h4-monoprop').getByRole('button', { name: 'Start from this' }).click();
  await page.getByRole('button', { name: 'Open in Explore' }).click();
  await expect(page.getByTestId('nozzle-exits').getByTestId(/^exit-\d$/)).toHaveCount(1);
  await expect(page.getByLabel('Area ratio Ae/At')).toHaveValue('50');
  await expect(page.getByRole('button', { name: 'Remove exit 1' })).toBeDisabled();
  // With a second exit, either may go.
  await page.getByRole('button', { name: 'Add exit' }).click();
  await expect(page.getByLabel('Exit 2 Ae/At')).toHaveValue('100');
  await expect(page.getByRole('button', { name: 'Remove exit 1' })).toBeEnabled();
  await page.getByRole('button', { name: 'Remove exit 2' }).click();
  await expect(page.getByRole('button', { name: 'Remove exit 1' })).toBeDisabled();
});

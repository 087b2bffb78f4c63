// Learn's CSV import of test firings: bad rows are rejected one by one with messages.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

// No service worker: this test is about learning, and the shell's offline-ready toast would
// otherwise appear at a random moment over the page's buttons (and take a click meant for them).
test.use({ serviceWorkers: 'block' });

test('a CSV with bad rows is rejected row by row with messages', async ({ page }) => {
  await page.goto('/#/learn');
  await page.getByLabel('test firings (CSV)').check();
  await page.getByTestId('learn-csv').setInputFiles(fixture('testfire-bad.csv'));
  await expect(page.getByLabel('unit of thrust')).toHaveValue('kN'); // from the header "Thrust (kN)"
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('2 firings read, 3 problems, 0 warnings: check the columns and units, then confirm');
  await page.getByTestId('learn-csv-confirm').click();
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('2 firings accepted, 3 problems');
  const items = page.getByTestId('learn-csv-errors').locator('li');
  await expect(items).toHaveText([
    'row 3, column "O/F": O/F must be a number (got "abc")',
    'row 4, column "Pc (bar)": chamber pressure must be > 0 bar (got -5)',
    'row 5, column "Pc (bar)": chamber pressure is missing',
  ]);
});

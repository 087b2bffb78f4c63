// Learn's test-fire import reads units from the headers: a file in psia, lbf, lbm/s and s is shown
// with those units, confirmed by the user, and read converted (902 psia = 62.19 bar, not 902 bar);
// a firing whose Isp column disagrees with thrust ÷ mass flow is flagged before training.
import { test, expect } from '@playwright/test';

// No service worker: the shell's offline-ready toast would otherwise appear over the page's buttons.
test.use({ serviceWorkers: 'block' });

// 902 psia × 6894.757293168 Pa/psi = 62.1907 bar; 1015 psia = 69.98 bar.
// 3000 lbf / 10 lbm/s = 300 lbf·s/lbm = 300 s (the Isp column agrees within 5 %).
const PSIA_CSV = ['Test ID,O/F,Pc (psia),Thrust (lbf),mdot (lbm/s),Isp (s)', 'F-1,2.40,902,3000,10,300', 'F-2,2.60,1015,3050,10.1,302'].join('\n') + '\n';

test('a file in psia, lbf and lbm/s is read in those units, shown, and accepted once confirmed', async ({ page }) => {
  await page.goto('/#/learn');
  await page.getByLabel('test firings (CSV)').check();
  await page.getByTestId('learn-csv').setInputFiles({ name: 'us-units.csv', mimeType: 'text/csv', buffer: Buffer.from(PSIA_CSV) });

  // The mapping says what each header named.
  await expect(page.getByLabel('column for chamber pressure')).toHaveValue('2');
  await expect(page.getByLabel('unit of chamber pressure')).toHaveValue('psia');
  await expect(page.getByLabel('unit of thrust')).toHaveValue('lbf');
  await expect(page.getByLabel('unit of mass flow')).toHaveValue('lbm/s');
  await expect(page.getByLabel('unit of Isp')).toHaveValue('s');
  await expect(page.getByTestId('learn-map-pc-header')).toHaveText('psia');

  // Not accepted until confirmed; training asks for the confirmation.
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('2 firings read, 0 problems, 0 warnings: check the columns and units, then confirm');
  await page.getByTestId('learn-train').click();
  await expect(page.getByTestId('learn-error')).toHaveText('check the columns and units of the test-fire file, then confirm them before training');

  // The firings as read, converted: 902 psia is 62.19 bar, 3000 lbf 13,345 N (13340 to 4 digits), 10 lbm/s 4.536 kg/s.
  const first = page.getByTestId('learn-csv-preview').locator('tbody tr').first();
  await expect(first.locator('td')).toHaveText(['2', 'F-1', '2.400', '62.19', '13340', '4.536', '300.0']);
  await expect(page.getByTestId('learn-csv-preview').locator('tbody tr').nth(1).locator('td').nth(3)).toHaveText('69.98');

  await page.getByTestId('learn-csv-confirm').click();
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('2 firings accepted, 0 problems');

  // Reading the same pressures as bar is flagged as implausible and asks for a new confirmation.
  await page.getByLabel('unit of chamber pressure').selectOption('bar');
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('2 firings read, 0 problems, 1 warnings: check the columns and units, then confirm');
  await expect(page.getByTestId('learn-csv-warnings').locator('li')).toHaveText([
    'chamber pressure: 1 of 2 values are outside 0.1 bar to 1000 bar, implausible for a chemical rocket (first: row 3, 1015 bar); did you mean psia?',
  ]);
  await expect(page.getByTestId('learn-csv-preview').locator('tbody tr').first().locator('td').nth(3)).toHaveText('902.0');
});

test('a column without a unit is not given one silently: the user chooses it', async ({ page }) => {
  await page.goto('/#/learn');
  await page.getByLabel('test firings (CSV)').check();
  await page.getByTestId('learn-csv').setInputFiles({ name: 'bare.csv', mimeType: 'text/csv', buffer: Buffer.from('Test,O/F,Pc,Isp (s)\nA,2.4,902,300\n') });
  await expect(page.getByLabel('unit of chamber pressure')).toHaveValue('');
  await expect(page.getByTestId('learn-map-pc-header')).toHaveText('no unit: choose one');
  await expect(page.getByTestId('learn-error')).toHaveText('choose the unit of chamber pressure: the column "Pc" names no unit');
  await expect(page.getByTestId('learn-csv-confirm')).toHaveCount(0);
  await page.getByLabel('unit of chamber pressure').selectOption('psia');
  await expect(page.getByTestId('learn-error')).toHaveCount(0);
  await expect(page.getByTestId('learn-csv-preview').locator('tbody tr').first().locator('td').nth(3)).toHaveText('62.19');
});

test('a firing whose Isp disagrees with thrust ÷ mass flow is flagged, naming the row and both values', async ({ page }) => {
  await page.goto('/#/learn');
  await page.getByLabel('test firings (CSV)').check();
  // Row 3: 3000 lbf / 10 lbm/s = 300 s, but the Isp column says 250 s (20 % apart).
  const csv = ['Test ID,O/F,Pc (psia),Thrust (lbf),mdot (lbm/s),Isp (s)', 'F-1,2.40,902,3000,10,300', 'F-2,2.60,1015,3000,10,250'].join('\n') + '\n';
  await page.getByTestId('learn-csv').setInputFiles({ name: 'disagree.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('2 firings read, 0 problems, 1 warnings: check the columns and units, then confirm');
  await expect(page.getByTestId('learn-csv-warnings').locator('li')).toHaveText(['row 3: the Isp column says 250 s but thrust ÷ mass flow gives 300 s (20 % apart)']);
});

test('with a throat area typed in, a c* column that disagrees with pc·At ÷ mass flow is flagged', async ({ page }) => {
  await page.goto('/#/learn');
  await page.getByLabel('test firings (CSV)').check();
  // 1000 psia × 2 in² / 10 lbm/s = 200 lbf·s/lbm = 1961 m/s; the file says 1500 m/s (30.76 % apart).
  const csv = 'Test ID,O/F,Pc (psia),mdot (lbm/s),c* (m/s)\nA,2.4,1000,10,1500\n';
  await page.getByTestId('learn-csv').setInputFiles({ name: 'cstar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByLabel('unit of c*')).toHaveValue('m/s');
  await expect(page.getByTestId('learn-csv-warnings')).toHaveCount(0);
  await page.getByLabel('Throat area for the c* check when the file has none').fill('12.9032'); // 2 in²
  await expect(page.getByTestId('learn-csv-warnings').locator('li')).toHaveText(['row 2: the c* column says 1500 m/s but pc·At ÷ mass flow gives 1961 m/s (30.76 % apart)']);
});

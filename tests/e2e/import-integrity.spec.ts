// Imports never overwrite or silently change local work (issue 11, item 5), as a user meets them:
// a backup merged into a workspace whose ids it shares leaves every local record as it was; a CEA
// deck with an impossible number or an unknown species says so before anything is saved; a test-
// fire CSV with thousands of bad cells lists the first ones and how many more.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const TMP = new URL('../../test-results/import-integrity-e2e/', import.meta.url).pathname;
mkdirSync(TMP, { recursive: true });

// No service worker: the shell's offline-ready toast would otherwise appear at a random moment
// over the page's buttons.
test.use({ serviceWorkers: 'block' });

async function startFromTemplate(page: Page, templateId: string, title: string) {
  await page.goto('./#/templates');
  await page.getByTestId(`template-${templateId}`).getByRole('button', { name: 'Start from this' }).click();
  await expect(page).toHaveURL(/#\/experiments\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function exportBackup(page: Page, name: string) {
  await page.goto('./#/experiments');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  const file = `${TMP}${name}`;
  await (await download).saveAs(file);
  return { file, json: JSON.parse(readFileSync(file, 'utf8')) };
}

type Rec = { id: string; experimentId?: string; name?: string; studies?: { kind: string; resultsRef: string | null }[] };

test('a backup merge with colliding ids leaves every local record as it was', async ({ page }) => {
  // Local work: two computed experiments (each with a stored result) and the unit setting.
  await startFromTemplate(page, 'lox-lh2-upper-stage', 'LOX/LH2 upper stage');
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.getByTestId('res-ispVac-exit1')).toHaveText(/^\d/, { timeout: 30_000 });
  await startFromTemplate(page, 'lox-rp1-booster', 'LOX/RP-1 booster');
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.getByTestId('res-ispVac-exit1')).toHaveText(/^\d/, { timeout: 30_000 });
  const before = (await exportBackup(page, 'local.json')).json;
  expect(before.experiments).toHaveLength(2);
  expect(before.results).toHaveLength(2);

  // A file from elsewhere whose ids collide with the local ones: the LOX/LH2 experiment under its
  // own id but renamed, and a different experiment whose result reuses the id of the LOX/RP-1
  // result (the case that overwrote local work), plus other settings.
  const [lh2, rp1] = ['LOX/LH2 upper stage', 'LOX/RP-1 booster'].map((n) => before.experiments.find((e: Rec) => e.name === n));
  const rp1Result = before.results.find((r: Rec) => r.experimentId === rp1.id);
  const lh2Result = before.results.find((r: Rec) => r.experimentId === lh2.id);
  const theirs = { ...structuredClone(rp1), id: 'their-experiment', name: 'Their engine' };
  const foreign = {
    ...before,
    experiments: [{ ...structuredClone(lh2), name: 'LOX/LH2 edited elsewhere' }, theirs],
    results: [structuredClone(lh2Result), { ...structuredClone(rp1Result), experimentId: 'their-experiment', meta: { note: 'their numbers' } }],
    settings: { units: 'US' },
  };
  const file = `${TMP}foreign.json`;
  writeFileSync(file, JSON.stringify(foreign));

  await page.goto('./#/experiments');
  await page.getByTestId('import-file').setInputFiles(file);
  const review = page.getByTestId('import-review');
  await expect(review).toContainText('Nothing is saved until you choose Import; nothing of yours is overwritten.');
  await expect(review).toContainText(`experiment “LOX/LH2 edited elsewhere”: id "${lh2.id}" is already used here, so it was added as a copy under a new id`);
  await expect(review).toContainText(`result "${rp1Result.id}" of “Their engine”: the id is already used here by another record, so it was stored under a new id`);
  await expect(review).toContainText('the file\'s settings (units) were not applied');
  await review.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 experiment(s), 2 result set(s)' })).toContainText('2 record(s) got a new id');
  await expect(page.getByTestId('experiment-row')).toHaveCount(4);

  const after = (await exportBackup(page, 'after.json')).json;
  // every local record is still there, exactly as it was, and the settings too
  for (const k of ['experiments', 'results', 'models', 'propellants'] as const) {
    for (const x of before[k]) expect(after[k].find((y: Rec) => y.id === x.id)).toEqual(x);
  }
  expect(after.settings).toEqual(before.settings);
  // the imported records are there under keys of their own, their references following
  expect(after.experiments).toHaveLength(4);
  expect(after.results).toHaveLength(4);
  const copy = after.experiments.find((e: Rec) => e.name === 'LOX/LH2 edited elsewhere');
  const their = after.experiments.find((e: Rec) => e.name === 'Their engine');
  expect(copy.id).not.toBe(lh2.id);
  expect(their.id).toBe('their-experiment');
  const theirRef = their.studies.find((s: { kind: string }) => s.kind === 'point').resultsRef;
  expect(theirRef).not.toBe(rp1Result.id);
  expect(after.results.find((r: Rec) => r.id === theirRef)).toMatchObject({ experimentId: 'their-experiment', meta: { note: 'their numbers' } });
  expect(after.results.filter((r: Rec) => r.experimentId === copy.id)).toHaveLength(1);

  // and a user reads the same: the local experiment still opens with its own name
  await page.getByRole('link', { name: 'LOX/RP-1 booster' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'LOX/RP-1 booster' })).toBeVisible();
});

const deck = (prob: string, fuel = 'RP-1') => `reac\n  fuel ${fuel}  wt%=100  t,k=298.15\n  oxid O2(L)  wt%=100  t,k=90.17\nprob  rocket  case=t1  ${prob}  o/f=2.6  supar=10\noutput siunits\nend\n`;

test('a CEA deck with an impossible pressure or an unknown species says so before anything is saved', async ({ page }) => {
  await page.goto('./#/experiments');
  await expect(page.getByText('No experiments yet.')).toBeVisible();
  await page.getByTestId('import-file').setInputFiles({ name: 'huge.inp', mimeType: 'text/plain', buffer: Buffer.from(deck('p,bar=1e400')) });
  await expect(page.getByRole('status').filter({ hasText: 'not a CEA deck we can read' })).toContainText('prob: p,bar must be a finite number (got "1e400")');
  await expect(page.getByText('No experiments yet.')).toBeVisible();

  // an unknown species is found by the engine at import, not at Compute
  await page.getByTestId('import-file').setInputFiles({ name: 'unknown.inp', mimeType: 'text/plain', buffer: Buffer.from(deck('p,bar=70', 'KEROSENE-X')) });
  const review = page.getByTestId('import-review');
  await expect(review).toContainText('The engine cannot compute it (1)', { timeout: 30_000 });
  await expect(review).toContainText('unknown species "KEROSENE-X"');
  await review.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import cancelled; nothing was saved.' })).toBeVisible();
  await expect(page.getByText('No experiments yet.')).toBeVisible();

  // the same deck saved on purpose opens in the editor; a deck with nothing to say saves straight away
  await page.getByTestId('import-file').setInputFiles({ name: 'unknown.inp', mimeType: 'text/plain', buffer: Buffer.from(deck('p,bar=70', 'KEROSENE-X')) });
  await page.getByTestId('import-review').getByRole('button', { name: 'Save experiment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CEA deck t1' })).toBeVisible();
  await page.goto('./#/experiments');
  await page.getByTestId('import-file').setInputFiles({ name: 'good.inp', mimeType: 'text/plain', buffer: Buffer.from(deck('p,bar=70')) });
  await expect(page).toHaveURL(/#\/experiments\/[^/]+$/, { timeout: 30_000 });
  await page.goto('./#/experiments');
  await expect(page.getByTestId('experiment-row')).toHaveCount(2);
});

test('a test-fire CSV with 20,000 bad cells lists the first 50 and how many more', async ({ page }) => {
  const rows = ['Test,O/F,Pc (bar)'];
  for (let i = 0; i < 10_000; i++) rows.push(`T${i},1e400,-${i + 1}`);
  rows.push('ok,2.6,70');
  await page.goto('./#/learn');
  await page.getByLabel('test firings (CSV)').check();
  await page.getByTestId('learn-csv').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\r\n')) });
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('1 firings read, 20000 problems, 0 warnings: check the columns and units, then confirm', { timeout: 20_000 });
  const items = page.getByTestId('learn-csv-errors').locator('li');
  await expect(items).toHaveCount(51);
  await expect(items.first()).toHaveText('row 2, column "O/F": O/F must be a finite number (got "1e400")');
  await expect(items.nth(1)).toHaveText('row 2, column "Pc (bar)": chamber pressure must be > 0 bar (got -1)');
  await expect(items.last()).toHaveText('and 19950 more');
});

test('a share link whose data had to be changed lists the changes above its Save button', async ({ page }) => {
  // 25 reactants (the document keeps 20) whose fuel fractions then no longer sum to one
  const code = await page.evaluate(async () => {
    const fuels = Array.from({ length: 24 }, (_, i) => ({ name: i ? `F${i}` : 'RP-1', role: 'fuel', massFraction: 1 / 24 }));
    const json = JSON.stringify({ type: 'rocket-fuel-optimizer/experiment', version: 3, name: 'Too many fuels', inputs: { problem: { reactants: [{ name: 'O2(L)', role: 'oxidizer', massFraction: 1 }, ...fuels], of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }] } } });
    const s = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const b = new Uint8Array(await new Response(s).arrayBuffer());
    return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  });
  await page.goto(`./#x=1.${code}`);
  await expect(page.getByTestId('share-name')).toHaveText('Too many fuels');
  const changes = page.getByTestId('share-warnings');
  await expect(changes).toContainText('The link\'s data was changed while reading it (2).');
  await expect(changes.locator('li')).toHaveText([
    'inputs.problem.reactants had 25 entries; only the first 20 were kept (left out: F19, F20, F21, F22, F23)',
    /^inputs\.problem\.reactants: the fuel mass fractions sum to 0\.791667, not 1 \(RP-1 0\.0416667, F1 0\.0416667/,
  ]);
  await expect(page.getByRole('button', { name: 'Save to my experiments, with these changes' })).toBeVisible();
  // nothing is stored by looking
  await page.goto('./#/experiments');
  await expect(page.getByText('No experiments yet.')).toBeVisible();
});

// Two tabs of one browser (one IndexedDB) editing the same experiment: a save that the other tab
// got ahead of shows both versions and waits for the user's choice, and whatever is chosen is what
// a reload shows. Also: a tab that hears of a newer app open elsewhere stops saving.
import { test, expect, type Page, type BrowserContext } from '@playwright/test';

// two pages and several round trips each: more than the default 30 s on a loaded machine
test.describe.configure({ timeout: 120_000 });

const pc = (p: Page) => p.getByLabel(/^Chamber pressure/);
const saveButton = (p: Page) => p.getByRole('button', { name: 'Save', exact: true });
const heading = (p: Page) => p.getByRole('heading', { level: 1 });

/** Tab A makes an experiment from the LOX/RP-1 booster template (97 bar); tab B opens it too. */
async function twoTabsOnOneExperiment(context: BrowserContext) {
  const a = await context.newPage();
  await a.goto('./#/templates');
  await a.getByTestId('template-lox-rp1-booster').getByRole('button', { name: 'Start from this' }).click();
  await expect(a).toHaveURL(/#\/experiments\/[^/]+$/);
  await expect(heading(a)).toHaveText('LOX/RP-1 booster');
  const b = await context.newPage();
  await b.goto(a.url());
  await expect(heading(b)).toHaveText('LOX/RP-1 booster');
  await expect(pc(b)).toHaveValue('97');
  return { a, b };
}

async function saveIn(p: Page) {
  await expect(p.getByText('Unsaved changes')).toBeVisible();
  await saveButton(p).click();
  await expect(p.getByText('Unsaved changes')).toHaveCount(0); // the write has landed
  await expect(p.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

test('a save that another tab got ahead of shows both versions; keeping both edits loses neither', async ({ context }) => {
  const { a, b } = await twoTabsOnOneExperiment(context);
  await b.getByLabel('Name', { exact: true }).fill('Booster, tab B'); // not saved yet
  await pc(a).fill('150');
  await saveIn(a);

  await saveButton(b).click();
  const dialog = b.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('“LOX/RP-1 booster” was changed in another tab');
  const nameRow = dialog.getByTestId('conflict-name');
  await expect(nameRow.getByRole('rowheader')).toHaveText('Name (changed in this tab)');
  await expect(nameRow.getByRole('cell')).toHaveText(['Booster, tab B', 'LOX/RP-1 booster']);
  const pcRow = dialog.getByTestId('conflict-pc');
  await expect(pcRow.getByRole('rowheader')).toHaveText('Chamber pressure (changed in the other tab)');
  await expect(pcRow.getByRole('cell')).toHaveText(['97 bar', '150 bar']);
  await expect(dialog.getByRole('row')).toHaveCount(3); // header, name, pc: nothing else differs
  // nothing was written while the dialog waits: tab A still shows its own save
  await expect(heading(a)).toHaveText('LOX/RP-1 booster');
  await expect(pc(a)).toHaveValue('150');

  await dialog.getByRole('button', { name: 'Keep both edits' }).click();
  await expect(dialog).toBeHidden();
  await expect(heading(b)).toHaveText('Booster, tab B');
  await expect(pc(b)).toHaveValue('150');
  // tab A, not editing, follows without a reload
  await expect(heading(a)).toHaveText('Booster, tab B');
  await expect(pc(a)).toHaveValue('150');
  await b.reload();
  await expect(heading(b)).toHaveText('Booster, tab B');
  await expect(pc(b)).toHaveValue('150');
});

test('when both tabs changed the same field, each choice leads to the stored state it names', async ({ context }) => {
  const { a, b } = await twoTabsOnOneExperiment(context);
  const conflictOnPc = async (inA: string, inB: string) => {
    await pc(b).fill(inB);
    await pc(a).fill(inA);
    await saveIn(a);
    await saveButton(b).click();
    const dialog = b.getByRole('dialog');
    await expect(dialog.getByTestId('conflict-pc').getByRole('cell')).toHaveText([`${inB} bar`, `${inA} bar`]);
    await expect(dialog.getByTestId('conflict-pc').getByRole('rowheader')).toHaveText('Chamber pressure (changed in both)');
    await expect(dialog.getByRole('button', { name: 'Keep both edits' })).toHaveCount(0);
    return dialog;
  };

  // take theirs: tab B drops its edit and shows the stored version
  let dialog = await conflictOnPc('150', '200');
  await dialog.getByRole('button', { name: 'Take theirs' }).click();
  await expect(dialog).toBeHidden();
  await expect(pc(b)).toHaveValue('150');
  await expect(b.getByText('Unsaved changes')).toHaveCount(0);

  // keep mine: written knowingly over the other tab's save, which follows
  dialog = await conflictOnPc('120', '210');
  await dialog.getByRole('button', { name: 'Keep mine' }).click();
  await expect(dialog).toBeHidden();
  await expect(pc(b)).toHaveValue('210');
  await expect(pc(a)).toHaveValue('210');

  // save mine as a copy: the stored one stays as the other tab saved it, mine opens as a new experiment
  dialog = await conflictOnPc('130', '220');
  await dialog.getByRole('button', { name: 'Save mine as a copy' }).click();
  await expect(dialog).toBeHidden();
  await expect(heading(b)).toHaveText('LOX/RP-1 booster (copy)');
  await expect(pc(b)).toHaveValue('220');
  await expect(b).not.toHaveURL(a.url());

  await b.goto('./#/experiments');
  await expect(b.getByTestId('experiment-row')).toHaveCount(2);
  await a.reload();
  await expect(pc(a)).toHaveValue('130');
  await expect(heading(a)).toHaveText('LOX/RP-1 booster');
});

test('a tab that hears of a newer app in another tab stops saving and offers a reload', async ({ context }) => {
  const { a, b } = await twoTabsOnOneExperiment(context);
  // what a tab of the next schema version says when it starts
  await a.evaluate(() => {
    const ch = new BroadcastChannel('rfo-storage');
    ch.postMessage({ hello: true, schema: { db: 99, experiment: 99 } });
    ch.close();
  });
  const banner = b.getByTestId('stale-app');
  await expect(banner).toContainText('A newer version of the app is open in another tab');
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  await pc(b).fill('180');
  await saveButton(b).click();
  await expect(b.getByRole('alert').filter({ hasText: 'no longer saves (nothing was changed)' })).toBeVisible();
  await a.reload();
  await expect(pc(a)).toHaveValue('97');
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(pc(b)).toHaveValue('97');
});

test('an experiment deleted in another tab while this tab edits it keeps the edit for the user to choose', async ({ context }) => {
  const { a, b } = await twoTabsOnOneExperiment(context);
  await b.getByLabel('Name', { exact: true }).fill('Still editing');
  await a.goto('./#/experiments');
  await a.getByTestId('experiment-row').getByRole('button', { name: 'Delete' }).click();
  await expect(a.getByTestId('experiment-row')).toHaveCount(0);
  const dialog = b.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('“Still editing” was deleted in another tab');
  await dialog.getByRole('button', { name: 'Keep mine (save it again)' }).click();
  await expect(dialog).toBeHidden();
  await expect(heading(b)).toHaveText('Still editing');
  await expect(a.getByTestId('experiment-row')).toHaveCount(1);
  await expect(a.getByTestId('experiment-row')).toContainText('Still editing');
});

test('Explore saves its design back only over the revision it opened, and shows a conflict otherwise', async ({ context }) => {
  const { a, b } = await twoTabsOnOneExperiment(context);
  await a.getByRole('button', { name: 'Open in Explore' }).click();
  await expect(a.getByTestId('design-name')).toHaveText('LOX/RP-1 booster');
  await a.locator('#x-pc').fill('120');
  // meanwhile tab B renames the experiment
  await b.getByLabel('Name', { exact: true }).fill('Renamed in B');
  await saveIn(b);

  await a.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = a.getByRole('dialog');
  await expect(dialog.getByTestId('conflict-pc').getByRole('cell')).toHaveText(['120 bar', '97 bar']);
  await expect(dialog.getByTestId('conflict-pc').getByRole('rowheader')).toHaveText('Chamber pressure (changed in this tab)');
  await dialog.getByRole('button', { name: 'Keep both edits' }).click();
  await expect(dialog).toBeHidden();
  await expect(a.getByRole('status').filter({ hasText: 'Saved to “Renamed in B”.' })).toBeVisible();
  // tab B, no longer editing, shows both edits
  await expect(heading(b)).toHaveText('Renamed in B');
  await expect(pc(b)).toHaveValue('120');
});

// Text typed into a field and not yet committed stays when this tab hears of a change made in
// another tab (which reloads its settings and lists): the Sweep axis fields showed their values in
// the unit system and were rewritten whenever the settings were read again, so what was typed
// meanwhile was lost (in CI, the first edit of a sweep typed while the settings were still loading).
test('a value typed into a Sweep axis survives a change heard from another tab, and is committed when the field is left', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('./#/sweep');
  await expect(heading(a)).toHaveText('Sweep');
  await a.getByText('Batch: run this grid on several experiments').click();
  await expect(a.getByText('No saved experiments yet.')).toBeVisible(); // (this tab's workspace is loaded)
  const from = a.locator('#axis-0-from');
  await expect(from).toHaveValue('1.8');
  await from.fill('2'); // typed, not yet committed (the field is not left)

  const b = await context.newPage();
  await b.goto('./#/templates');
  await b.getByTestId('template-lox-rp1-booster').getByRole('button', { name: 'Start from this' }).click();
  await expect(b).toHaveURL(/#\/experiments\/[^/]+$/);

  // tab A hears of it: its batch list shows the new experiment
  await expect(a.getByRole('checkbox', { name: 'LOX/RP-1 booster', exact: true })).toBeVisible();
  await expect(from).toHaveValue('2');
  await from.press('Tab');
  await expect(a.getByTestId('sweep-total')).toHaveText('132 points'); // 33 × 4: the grid is read back
  const draft = await a.evaluate(() => JSON.parse(localStorage.getItem('rfo-draft:sweep-axes') ?? 'null') as { value: { from: number }[] } | null);
  expect(draft?.value[0].from).toBe(2);
});

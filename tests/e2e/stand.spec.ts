// Test stand (issue 18), from the user's side: the simulator, started here on a free loopback
// port, streams a firing over WebSocket; the live view follows it, the flag appears with its
// frequency, and a reload in the middle of the firing loses at most one second of samples; a firing
// linked to an experiment is flagged against its design, saved with it and feeds Learn.
import { test, expect, type Page } from '@playwright/test';
import { startStandSim, type StandSim } from '../../scripts/stand-sim.ts';

test.use({ serviceWorkers: 'block' });

const samples = async (page: Page) => Number((await page.getByTestId('stand-status').innerText()).replace(/[^\d]/g, ''));

async function open(page: Page) {
  await page.goto('./#/explore');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Stand', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Test stand' })).toBeVisible();
}

test.describe('test stand', () => {
  let sim: StandSim | null = null;
  test.afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  test('a chugging firing streamed over WebSocket: live samples, running figures, the flag with its frequency', async ({ page }) => {
    test.setTimeout(90_000);
    sim = await startStandSim({ scenario: 'chugging', frequency: 50, seed: 5 });
    await open(page);
    await page.getByLabel('WebSocket URL').fill(sim.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('stand-status')).toHaveText(/^Live: /);
    // the view follows the stream: the count grows while live
    await expect.poll(() => samples(page), { timeout: 10_000 }).toBeGreaterThan(1000);
    const early = await samples(page);
    await expect.poll(() => samples(page), { timeout: 10_000 }).toBeGreaterThan(early + 500);
    await expect(page.getByTestId('stand-status')).toHaveText('Ended: 4,501 samples', { timeout: 20_000 });
    // burn 0.5 → 3.5 s with 0.1 s and 0.2 s half-cosine ramps: 3.14 s between the 10 % crossings
    await expect(page.getByTestId('fig-burn')).toHaveText(/^3\.1[34]/);
    // 1500 N steady with an 8 % oscillation on top (and 0.5 % noise)
    await expect(page.getByTestId('fig-peak')).toHaveText(/^1,6[0-6]\d$/);
    const flag = page.getByRole('list', { name: 'Flags' }).getByRole('listitem');
    await expect(flag).toHaveCount(1);
    await expect(flag).toContainText('chugging');
    await expect(flag).toContainText(/(49\.9|50\.0)\d* Hz/);
  });

  test('a reload in the middle of a firing loses at most one second of samples', async ({ page }) => {
    test.setTimeout(90_000);
    // at half speed the firing lasts 9 s, so the reload surely falls in the middle of it
    sim = await startStandSim({ scenario: 'nominal', seed: 2, speed: 0.5 });
    await open(page);
    await page.getByLabel('WebSocket URL').fill(sim.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => samples(page), { timeout: 10_000 }).toBeGreaterThan(1500);
    const status = await page.getByTestId('stand-status').innerText();
    expect(status).toMatch(/^Live: /);
    const before = Number(status.replace(/[^\d]/g, ''));
    await page.reload();
    await expect(page.getByTestId('stand-status')).toHaveText(/^Stored firing: [1-9]/);
    const after = await samples(page);
    // a second of the stream is 500 samples at 1 kHz played at half speed
    expect(before - after).toBeLessThanOrEqual(500);
    expect(after).toBeLessThan(4501);
    await expect(page.getByTestId('stand-message')).toContainText('Recovered the interrupted firing');
    await expect(page.getByTestId('fig-burn')).not.toHaveText('–');
  });

  test('a firing linked to an experiment: drift from its design flagged, saved with it, and its row in Learn', async ({ page }) => {
    test.setTimeout(60_000);
    sim = await startStandSim({ scenario: 'nominal', seed: 3, speed: 4 });
    await page.goto('./#/explore');
    await expect(page.getByTestId('design-name')).toHaveText('LOX/RP-1 booster');
    await page.getByRole('button', { name: 'Save as new experiment' }).click();
    await page.getByLabel('Name of the new experiment').press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Saved as “LOX/RP-1 booster”' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Stand', exact: true }).click();
    await page.getByLabel('Experiment').selectOption({ label: 'LOX/RP-1 booster' });
    // the booster is designed for 97 bar
    await expect(page.getByTestId('stand-expected')).toContainText('chamber pressure 97 bar');
    await page.getByLabel('WebSocket URL').fill(sim.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('stand-status')).toHaveText('Ended: 4,501 samples', { timeout: 20_000 });
    // the simulated engine runs at 20 bar: 79 % below the design, the sentence in bar as the page
    const drift = page.getByRole('list', { name: 'Flags' }).locator('li[data-kind="pc-drift"]');
    await expect(drift).toContainText('below the prediction');
    await expect(drift).toContainText(/\(\d+\.\d bar measured, 97\.0 bar predicted\)/);
    await page.getByRole('button', { name: "Add to Learn's test firings" }).click();
    await expect(page.getByTestId('stand-after')).toHaveText(/^Added “Firing 1” to Learn's test firings: “Stand firings” in “LOX\/RP-1 booster” has 1 row\.$/, { timeout: 20_000 });
    const saved = page.getByRole('table', { name: 'Saved firings' }).locator('tbody tr');
    await expect(saved).toHaveCount(1);
    await expect(saved).toContainText('Firing 1');
    await expect(saved).toContainText('pc-drift');
    const impulseNs = Number((await page.getByTestId('fig-impulse').innerText()).replace(/,/g, ''));
    await expect(page.getByTestId('fig-impulse-unit')).toHaveText('N·s');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Learn', exact: true }).click();
    await page.getByLabel('kept in an experiment').check();
    await page.getByTestId('learn-stored').selectOption({ label: 'Stand firings: 1 rows, test firings (test stand) — in “LOX/RP-1 booster”' });
    await expect(page.getByTestId('learn-stored-summary')).toHaveText('Stand firings: 1 rows, test firings (test stand)');

    // US customary units: the stored firing's figures in lbf·s and lbf, the design's pc in psia
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: /US customary/ }).check();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Stand', exact: true }).click();
    await expect(page.getByTestId('stand-status')).toHaveText('Stored firing: 4,501 samples');
    await expect(page.getByTestId('fig-impulse-unit')).toHaveText('lbf·s');
    await expect(page.getByTestId('fig-peak-unit')).toHaveText('lbf');
    // 1 lbf = 4.4482216152605 N; both shown to 4 significant digits
    await expect(page.getByTestId('fig-burn')).toHaveText(/^3\.1[34]/);
    const impulseLbfs = Number((await page.getByTestId('fig-impulse').innerText()).replace(/,/g, ''));
    expect(Math.abs(impulseLbfs * 4.4482216152605 / impulseNs - 1)).toBeLessThan(1e-3);
    // the firing keeps its link to the experiment
    await expect(page.getByLabel('Experiment').locator('option:checked')).toHaveText('LOX/RP-1 booster');
    // 97 bar = 1406.9 psia
    await expect(page.getByTestId('stand-expected')).toContainText('chamber pressure 1,407 psia');
    await expect(page.getByRole('table', { name: 'Saved firings' })).toContainText('Total impulse [lbf·s]');
    // the flag's sentence in psia too: 97 bar = 1407 psia
    await expect(page.getByRole('list', { name: 'Flags' }).locator('li[data-kind="pc-drift"]')).toContainText(/\(\d+ psia measured, 1407 psia predicted\)/);

    // Experiments: the saved firing with its figures in US units, and a way to its campaign on the Stand
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Experiments', exact: true }).click();
    const line = page.getByRole('list', { name: 'Firings of LOX/RP-1 booster' }).getByTestId('experiment-firing');
    await expect(line).toHaveText(/^Firing “Firing 1”: 3\.1[34]\d? s burn, [\d,.]+ lbf·s, peak [\d,.]+ lbf, 1 flag Open on the Stand$/);
    const listed = Number(/burn, ([\d,.]+) lbf·s/.exec(await line.innerText())![1].replace(/,/g, ''));
    expect(Math.abs(listed / impulseLbfs - 1)).toBeLessThan(1e-3);
    await expect(line.getByRole('link', { name: 'Open on the Stand' })).toHaveAttribute('href', /\/stand\?experiment=[^&]+&firing=firing-/);
    // the experiment's own page lists it too, and opens it on the Stand
    await page.getByRole('link', { name: 'LOX/RP-1 booster', exact: true }).click();
    const kept = page.getByRole('region', { name: 'Stand firings' }).getByRole('listitem');
    await expect(kept).toContainText('“Firing 1”: 3.1');
    await expect(kept).toContainText(/lbf·s, peak [\d,.]+ lbf, 1 flag/);
    await kept.getByRole('button', { name: 'Open on the Stand' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Test stand' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Saved firings' }).locator('tbody tr[aria-current="true"]')).toContainText('Firing 1');
  });
});

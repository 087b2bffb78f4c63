// Shared by the Learn end-to-end tests: twelve synthetic test firings and their import.
import { expect, type Page } from '@playwright/test';

/** Twelve synthetic firings at O/F 2.20–2.97 (no ambient column: each is paired with the ideal vacuum Isp). */
export function firingsCsv(): string {
  const rows = ['Test ID,O/F,Pc (bar),Isp (s)'];
  for (let i = 0; i < 12; i++) {
    const of = 2.2 + 0.07 * i;
    const pc = 50 + ((i * 7) % 12) * 3.5;
    const isp = 330 - 6 * (of - 2.6) ** 2 + 0.05 * (pc - 70) - (i % 3) * 0.4;
    rows.push(`T-${i + 1},${of.toFixed(2)},${pc.toFixed(1)},${isp.toFixed(1)}`);
  }
  return rows.join('\n') + '\n';
}

/** On the Learn page: chooses test firings, imports the twelve as firings.csv, confirms the columns and units, and sets a quick training (2 members, 20 epochs). */
export async function loadFirings(page: Page): Promise<void> {
  await page.getByLabel('test firings (CSV)').check();
  await page.getByTestId('learn-csv').setInputFiles({ name: 'firings.csv', mimeType: 'text/csv', buffer: Buffer.from(firingsCsv()) });
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('12 firings read, 0 problems, 0 warnings: check the columns and units, then confirm');
  await page.getByTestId('learn-csv-confirm').click();
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('12 firings accepted, 0 problems');
  await page.getByLabel('Ensemble members').fill('2');
  await page.getByLabel('Epochs').fill('20');
}

/**
 * Learn's own "Compute backend" choice, set to the CPU the way a user sets it (it becomes the
 * Settings preference, so it holds after a reload and for the worker that replaces a cancelled one,
 * and a workspace backup carries it: importing that backup elsewhere shows the review first).
 * For the tests of Learn's flows (jobs, saving, backups, datasets, units), not of its backends: the
 * Chromium of the tests has only software GPU adapters, on which the automatic choice (WebGL)
 * spends ~8 s compiling shaders before the first epoch and again for each network shape of a
 * search, where the CPU trains these 2 × 20-epoch networks in about a second. The backends are
 * tested where they are the subject: learn-no-webgpu trains on the automatic choice,
 * learn-webgpu on webgpu and cpu, settings-ml switches between them.
 */
export async function trainOnCpu(page: Page): Promise<void> {
  await page.getByTestId('learn-backend').selectOption('cpu');
  await expect(page.getByTestId('learn-backend-active')).toHaveText('active: cpu', { timeout: 60_000 });
}

// A browser without a WebGPU adapter (Chromium without --enable-unsafe-webgpu: navigator.gpu is
// there, requestAdapter gives null — as on many real machines): Learn starts on WebGL or the CPU,
// does not offer webgpu, and trains. (Regression: tfjs tried to start its registered WebGPU
// backend, failed, and every later call said the backend was not initialized.)
import { test, expect } from '@playwright/test';
import { loadFirings } from './support/learn.ts';

test.use({
  serviceWorkers: 'block',
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
});

test('without a WebGPU adapter Learn starts on WebGL or the CPU, without webgpu among the choices, and trains', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/learn');
  await expect(page.getByTestId('learn-backend-active')).toHaveText(/^active: (webgl|cpu)$/, { timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  const options = await page.getByTestId('learn-backend').locator('option').allTextContents();
  expect(options).not.toContain('webgpu');
  expect(options).toContain('cpu');
  await loadFirings(page);
  await page.getByTestId('learn-train').click();
  await expect(page.getByTestId('learn-status')).toHaveText(/^Trained 2 networks on \d+ rows\.( The firings give no ambient pressure: taken at sea level \(1\.01325 bar\)[^]*)?$/, { timeout: 90_000 });
});

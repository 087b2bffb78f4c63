// Learn on the (software) WebGPU adapter that --enable-unsafe-webgpu gives: the automatic choice
// passes over it, and a model trained on webgpu predicts as one trained on cpu. Not run under
// E2E_NO_WEBGPU=1 (playwright.config.ts leaves this file out there).
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { latinHypercube } from '../../app/domain/lhs.ts';
import { predict } from '../../workers/ml/api.ts';

// No service worker: the shell's offline-ready toast would otherwise appear at a random moment
// over the page's buttons (and take a click meant for them).
test.use({ serviceWorkers: 'block' });

// The Learn section's default design box (O/F, pc, ε), where the two models are compared.
const BOX = [
  { name: 'O/F', min: 1.5, max: 3.5 },
  { name: 'pc', min: 1e5, max: 250e5, log: true },
  { name: 'eps', min: 5, max: 150, log: true },
];

/** Trains the small surrogate on `backend` and returns the exported model document. */
async function trainSmall(page: Page, backend: string): Promise<unknown> {
  await page.getByTestId('learn-backend').selectOption(backend);
  await expect(page.getByTestId('learn-backend-active')).toHaveText(`active: ${backend}`);
  await page.getByLabel('Samples').fill('60');
  await page.getByLabel('Ensemble members').fill('1');
  await page.getByLabel('Epochs').fill('20');
  await page.getByTestId('learn-train').click();
  await expect(page.getByTestId('learn-status')).toHaveText(/^Trained 1 networks/, { timeout: 120_000 });
  await expect(page.getByTestId('learn-error')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('learn-export').click()]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

// Regression for the cause of the old failure: tfjs-backend-webgpu's dataSync reads through an
// OffscreenCanvas that returns zeros in a worker on the software adapter and then loses the device,
// so training read back zero weights and the next call failed in createBuffer(mappedAtCreation).
test('trains the same small surrogate on webgpu and on cpu; predictions agree', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/#/learn');
  await expect(page.getByTestId('learn-backend-active')).toHaveText(/active: (webgpu|webgl|cpu)/, { timeout: 60_000 });
  const options = await page.getByTestId('learn-backend').locator('option').allTextContents();
  // Playwright starts Chromium with --enable-unsafe-webgpu, which gives a (software) adapter: WebGPU must be there.
  expect(options, `backends offered: ${options.join(', ')}`).toContain('webgpu');
  // That adapter is a software one (SwiftShader), slower than the CPU for these networks: the
  // automatic choice passes over it and says so, but it stays selectable.
  await expect(page.getByTestId('learn-backend-active')).toHaveText(/active: (webgl|cpu)/);
  await expect(page.getByTestId('learn-backend-hint')).toContainText('WebGPU here is a software adapter');
  await expect(page.getByTestId('learn-backend-notice')).toHaveCount(0);

  const gpuModel = await trainSmall(page, 'webgpu');
  // The model trained on webgpu, evaluated on webgpu and on cpu inside the worker after training.
  await page.getByTestId('learn-compare').click();
  await expect(page.getByTestId('learn-comparison')).toHaveText(/^webgpu vs cpu: largest relative difference /, { timeout: 60_000 });
  const sameModel = Number((await page.getByTestId('learn-comparison').textContent())!.replace(/^.*difference /, ''));
  // float32 forward pass of a 3-32-32-1 network, two summation orders: ~1e-7 relative on Isp.
  expect(sameModel).toBeLessThan(1e-5);

  const cpuModel = await trainSmall(page, 'cpu');
  // Both models (same data, seeds and initial weights) evaluated the same way on 200 new points.
  await tf.setBackend('cpu');
  const x = latinHypercube(BOX, 200, 9);
  const [a, b] = await Promise.all([predict({ model: gpuModel, x }), predict({ model: cpuModel, x })]);
  if (!a.ok || !b.ok) throw new Error(`predict failed: ${JSON.stringify(a.ok ? b : a)}`);
  let maxRel = 0;
  for (let i = 0; i < x.length; i++) maxRel = Math.max(maxRel, Math.abs(a.value.mean[0][i] / b.value.mean[0][i] - 1));
  console.log(`webgpu vs cpu training: largest relative difference of predictions ${maxRel.toExponential(2)} (same model on both: ${sameModel.toExponential(2)})`);
  // 20 Adam steps in float32 on both: rounding-order differences measured ~2e-8 relative here (a few
  // float32 ulps); 1e-5 leaves room for other GPUs' tanh/exp. The old failure (zeros read back as
  // weights) was tens of percent off.
  expect(maxRel).toBeLessThan(1e-5);
});

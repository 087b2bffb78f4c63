// Settings → Machine learning: the backend preference is kept, applied when Learn first uses the
// ML worker (choosing it does not load TensorFlow.js), switches a running worker, and survives a
// reload; 'Automatic' returns to the start-up choice.
import { test, expect, type Page } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

const gotoSection = async (page: Page, name: string, hash: RegExp) => {
  await page.getByRole('navigation').getByRole('link', { name }).first().click();
  await expect(page).toHaveURL(hash);
};

test('the ML backend chosen in Settings is used by Learn, kept across a reload, and Automatic returns to the start-up choice', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // The automatic choice in this browser, from a fresh profile.
  const probe = await browser.newContext({ serviceWorkers: 'block' });
  const probePage = await probe.newPage();
  await probePage.goto('/#/learn');
  await expect(probePage.getByTestId('learn-backend-active')).toHaveText(/^active: (webgpu|webgl|cpu)$/, { timeout: 60_000 });
  const automatic = ((await probePage.getByTestId('learn-backend-active').textContent()) ?? '').replace('active: ', '');
  await probe.close();

  const tfjsRequests: string[] = [];
  page.on('request', (r) => {
    if (/tfjs|ml\.worker/i.test(r.url())) tfjsRequests.push(r.url());
  });
  await page.goto('/#/settings');
  const pref = page.getByTestId('settings-ml-backend');
  await expect(pref).toHaveValue('auto');
  await pref.selectOption('cpu');
  await expect(pref).toHaveValue('cpu');
  // Choosing a preference does not start the ML worker.
  expect(tfjsRequests).toEqual([]);

  await gotoSection(page, 'Learn', /#\/learn/);
  await expect(page.getByTestId('learn-backend-active')).toHaveText('active: cpu', { timeout: 60_000 });
  await expect(page.getByTestId('learn-backend')).toHaveValue('cpu');

  // Kept across a reload, and applied again when the new worker starts.
  await page.reload();
  await expect(page.getByTestId('learn-backend-active')).toHaveText('active: cpu', { timeout: 60_000 });

  // Switching back to Automatic while the worker runs: the start-up choice.
  await gotoSection(page, 'Settings', /#\/settings/);
  await expect(page.getByTestId('settings-ml-backend')).toHaveValue('cpu');
  await page.getByTestId('settings-ml-backend').selectOption('auto');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await gotoSection(page, 'Learn', /#\/learn/);
  await expect(page.getByTestId('learn-backend-active')).toHaveText(`active: ${automatic}`);

  // A choice made in Learn becomes the preference Settings shows.
  await page.getByTestId('learn-backend').selectOption('cpu');
  await expect(page.getByTestId('learn-backend-active')).toHaveText('active: cpu');
  await gotoSection(page, 'Settings', /#\/settings/);
  await expect(page.getByTestId('settings-ml-backend')).toHaveValue('cpu');
});

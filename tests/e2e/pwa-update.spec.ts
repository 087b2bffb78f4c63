// A new version is offered, never forced. vite preview serves one fixed build, so this test serves
// dist/ itself and swaps in a changed sw.js — to the browser that is a new release. The new worker
// must install and wait, the page must keep the user's work and show "Update available", and only
// the user's "Reload" may activate the new version.
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page } from '@playwright/test';

const dist = `${resolve(process.env.E2E_DIST || new URL('../../dist', import.meta.url).pathname)}/`;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** A static server for dist/ whose sw.js can be replaced by a "next release" of itself. */
function serveDist(): Promise<{ server: Server; url: string; release: (n: number) => void }> {
  let version = 1;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = '';
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    let body = readFileSync(file);
    if (path === '/sw.js' && version > 1) body = Buffer.concat([body, Buffer.from(`\n// release ${version}\n`)]);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, release: (n) => (version = n) }),
    ),
  );
}

const swState = (page: Page) =>
  page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return { controlled: navigator.serviceWorker.controller?.state ?? null, waiting: r?.waiting?.state ?? null };
  });

test('a new service worker waits, the user is offered "Update available — Reload", and Reload activates it', async ({ page }) => {
  test.setTimeout(120_000);
  const { server, url, release } = await serveDist();
  // What the service workers and the page did, printed only if the test fails (a failure in CI is
  // rare and slow to reproduce: the timeline says which step stalled).
  const t0 = Date.now();
  const timeline: string[] = [];
  const note = (s: string) => timeline.push(`${String(Date.now() - t0).padStart(6)} ms  ${s}`);
  const cdp = await page.context().newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) note(`service worker ${v.versionId}: ${v.status}, ${v.runningStatus}, ${v.controlledClients?.length ?? 0} clients`);
  });
  await cdp.send('ServiceWorker.enable');
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) note(`page navigated: ${f.url()}`); });
  page.on('requestfailed', (r) => note(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  try {
    // The fake clock lets the hourly update check run now, as it would in a tab left open.
    await page.clock.install();
    await page.goto(`${url}#/explore?mode=ideal`);
    const toast = page.getByRole('status').filter({ hasText: /Ready to work offline|Update available/ });
    await expect(toast).toHaveText(/Ready to work offline\./, { timeout: 60_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    await toast.getByRole('button', { name: 'OK' }).click();
    await expect(toast).toHaveCount(0);

    // Mid-work: the user has changed an input.
    const eps = page.getByLabel('Area ratio Ae/At');
    await eps.fill('25');
    await expect(page.getByTestId('ideal-areaRatio')).toHaveText('25.000');

    release(2);
    await page.clock.fastForward('01:00:01');
    await expect(toast).toHaveText(/Update available\./);
    expect(await swState(page), 'the new version waits; the old one still serves').toEqual({ controlled: 'activated', waiting: 'installed' });
    await expect(eps, 'nothing reloaded under the user').toHaveValue('25');

    // "Later" keeps working on the old version.
    await toast.getByRole('button', { name: 'Later' }).click();
    await expect(toast).toHaveCount(0);
    await page.clock.fastForward('00:00:05');
    await expect(eps).toHaveValue('25');
    expect((await swState(page)).waiting).toBe('installed');

    // Coming back later: the waiting version is offered again, and Reload switches to it.
    await page.reload();
    await expect(toast).toHaveText(/Update available\./);
    await eps.fill('30');
    note('click Reload');
    await toast.getByRole('button', { name: 'Reload' }).click();
    // (the new worker activates first: on a loaded 2-core machine that once took over 20 s)
    await expect(eps, 'Reload reloads the page').toHaveValue('16', { timeout: 60_000 });
    await expect.poll(() => swState(page).catch(() => null), { message: 'the new version is active, none waits' })
      .toEqual({ controlled: 'activated', waiting: null });
    await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
    await expect(page.getByTestId('ideal-ispVac_s')).toBeVisible();
    await expect(toast).toHaveCount(0);
  } catch (e) {
    console.log(`pwa-update timeline:\n${timeline.join('\n')}`);
    throw e;
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

// The installable, offline app: the manifest is linked and valid with real PNG icons, Chromium
// finds the page installable, and after one visit the app reloads and computes with the network off.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, type Page, type BrowserContext } from '@playwright/test';

const dist = resolve(process.env.E2E_DIST || new URL('../../dist', import.meta.url).pathname);

interface ManifestIcon { src: string; sizes: string; type?: string; purpose?: string }
interface WebManifest { name?: string; short_name?: string; start_url?: string; display?: string; icons?: ManifestIcon[] }

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Opens the app and waits until its service worker controls the page and says it is ready offline. */
async function visitOnce(page: Page) {
  await page.goto('./#/explore?mode=ideal');
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  // the service worker precaches ~5.7 MB first: slow on a busy machine
  test.setTimeout(120_000);
  await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline.' })).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 30_000 });
}

test('the manifest is linked, parses, and its 192, 512 and maskable icons are PNGs of the stated size', async ({ page, baseURL }) => {
  await page.goto('./');
  const links = page.locator('link[rel="manifest"]');
  await expect(links).toHaveCount(1);
  const href = await links.evaluate((l: HTMLLinkElement) => l.href);
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/application\/manifest\+json|application\/json/);
  const manifest = JSON.parse(await res.text()) as WebManifest;

  expect(manifest.name).toBe('Rocket Fuel Optimizer');
  expect(manifest.short_name?.length).toBeGreaterThan(0);
  expect(manifest.display).toMatch(/^(standalone|fullscreen|minimal-ui)$/);
  expect(new URL(manifest.start_url!, href).href).toBe(new URL('./', baseURL).href);

  const icons = manifest.icons ?? [];
  const want = [
    { sizes: '192x192', maskable: false },
    { sizes: '512x512', maskable: false },
    { sizes: '512x512', maskable: true },
  ];
  for (const w of want) {
    const icon = icons.find((i) => i.sizes === w.sizes && (i.purpose ?? 'any').split(' ').includes(w.maskable ? 'maskable' : 'any'));
    expect(icon, `${w.maskable ? 'maskable' : 'any'} icon ${w.sizes}`).toBeTruthy();
    const iconRes = await page.request.get(new URL(icon!.src, href).href);
    expect(iconRes.status(), icon!.src).toBe(200);
    expect(iconRes.headers()['content-type']).toBe('image/png');
    const [width, height] = w.sizes.split('x').map(Number);
    expect(pngSize(await iconRes.body()), icon!.src).toEqual({ width, height });
  }

  // A maskable icon must be full-bleed (opaque corners: launchers crop it); the plain icon is rounded.
  const cornerAlpha = (src: string) =>
    page.evaluate(async (url) => {
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return ctx.getImageData(1, 1, 1, 1).data[3];
    }, new URL(src, href).href);
  expect(await cornerAlpha(icons.find((i) => i.purpose === 'maskable')!.src)).toBe(255);
  expect(await cornerAlpha(icons.find((i) => i.sizes === '512x512' && i.purpose !== 'maskable')!.src)).toBe(0);
});

test('Chromium parses the manifest without errors and finds the app installable', async ({ playwright, baseURL }, testInfo) => {
  // Playwright's contexts are incognito, where Chromium never offers installation; a persistent
  // profile is a normal window, so every installability criterion is checked.
  const profile = mkdtempSync(join(tmpdir(), 'rfo-install-'));
  const context = await playwright.chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await visitOnce(page);
    const cdp = await context.newCDPSession(page);
    const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[] };
    expect(errors.map((e) => e.message)).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the service worker precaches the shell, every built asset (wasm, worker, data, lazy chunks) and the icons', async ({ page }) => {
  await visitOnce(page);
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname.replace(/^\//, ''));
    }
    return urls;
  });
  const want = ['index.html', 'manifest.webmanifest', ...readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`),
    ...readdirSync(join(dist, 'icons')).map((f) => `icons/${f}`)];
  expect(want.some((f) => f.endsWith('.wasm')), 'the build has the wasm core').toBe(true);
  expect(cached.sort()).toEqual(expect.arrayContaining(want));
});

/** Fails unless both the page and the service worker really are cut off from the server. */
async function expectNetworkOff(page: Page, context: BrowserContext) {
  const probe = `./not-precached-${Date.now()}.txt`;
  expect(await page.evaluate((u) => fetch(u).then(() => 'reached', () => 'offline'), probe)).toBe('offline');
  const [sw] = context.serviceWorkers();
  expect(sw, 'a service worker is running').toBeTruthy();
  expect(await sw.evaluate((u) => fetch(new URL(u, self.location.href)).then(() => 'reached', () => 'offline'), probe)).toBe('offline');
}

test('after one visit the app reloads and computes in its worker with the network off', async ({ page, context }) => {
  await visitOnce(page);
  const onlineIsp = await page.getByTestId('ideal-ispVac_s').textContent();
  expect(onlineIsp).toMatch(/^\d+\.\d+$/);

  await context.setOffline(true);
  await expectNetworkOff(page, context);

  const reload = await page.reload();
  expect(reload?.fromServiceWorker(), 'the page came from the service worker cache').toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  // The result needs the engine worker script and the wasm, both from the cache now.
  await expect(page.getByTestId('ideal-ispVac_s')).toHaveText(onlineIsp!);
  await page.getByLabel('Area ratio Ae/At').fill('60');
  await expect(page.getByTestId('ideal-areaRatio')).toHaveText('60.000');
  await expect(page.getByTestId('ideal-ispVac_s')).not.toHaveText(onlineIsp!);

  // Another section (a lazy chunk never loaded while online) also opens offline.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectNetworkOff(page, context);
});

// The app shell in the built app: loads without errors, every section opens, the keyboard reaches
// everything, every control is named, and a 360 px phone gets a usable layout.
import { test, expect, type Page, type Locator } from '@playwright/test';
import { SECTIONS } from '../../app/ui/sections.ts';

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const INPUT_LABELS = ['Ratio of specific heats γ', 'Molar mass of the gas', 'Chamber temperature', 'Chamber pressure', 'Area ratio Ae/At', 'Ambient pressure'];

/** Explore in its ideal-rocket mode (the calculator these tests fill in). */
async function openExplore(page: Page) {
  await page.goto('./#/explore?mode=ideal');
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  await expect(page.getByTestId('ideal-ispVac_s')).toHaveText(/^\d+\.\d+$/);
}

const sectionLink = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label, exact: true });

/** Every visible control on the page. */
const controls = (page: Page): Locator =>
  page.locator('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').filter({ visible: true });

test('loads and visits every section with no console errors, page errors or failed requests', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline.' })).toBeVisible({ timeout: 60_000 }); // the service worker installed (~5.7 MB precached)
  for (const s of SECTIONS) {
    await sectionLink(page, s.label).click();
    await expect(page.getByRole('heading', { level: 1, name: s.label })).toBeVisible();
    await expect(sectionLink(page, s.label)).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('main')).not.toContainText(/NaN|undefined/);
  }
  await sectionLink(page, 'Explore').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  await openExplore(page);
  expect(problems).toEqual([]);
});

test('Tab reaches the skip link, the section links and every input; Enter follows a link', async ({ page }) => {
  await openExplore(page);
  const focusedName = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      const input = el as HTMLInputElement;
      if (input.labels?.length) return input.labels[0].textContent!.trim();
      return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focusedName());
  }
  expect(seen[0]).toBe('Skip to content');
  for (const s of SECTIONS) expect(seen, `Tab reaches the ${s.label} link`).toContain(s.label);
  for (const label of INPUT_LABELS) expect(seen.some((n) => n.startsWith(label)), `Tab reaches "${label}"`).toBe(true);
  expect(seen, 'Tab reaches the nozzle choice').toContain('area ratio');

  // The skip link moves focus to the content and stays on this page.
  await page.locator('body').click({ position: { x: 1, y: 300 } });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();

  // A section link works from the keyboard.
  await sectionLink(page, 'Optimize').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Optimize' })).toBeVisible();
});

test('every control has an accessible name', async ({ page }) => {
  test.setTimeout(90_000);
  await openExplore(page);
  // Names as Chromium's accessibility tree computes them (what a screen reader hears), read in two
  // protocol calls per page: checking control by control took over a minute.
  const cdp = await page.context().newCDPSession(page);
  type DomNode = { backendNodeId: number; attributes?: string[]; children?: DomNode[]; contentDocument?: DomNode; shadowRoots?: DomNode[] };
  const check = async (where: string) => {
    // Tag this moment's controls, so a list re-rendering under the check cannot mix them up.
    const html = await controls(page).evaluateAll((els) =>
      els.map((e, i) => {
        e.setAttribute('data-a11y-check', `${i}`);
        return e.outerHTML.slice(0, 120);
      }),
    );
    expect(html.length, `${where} has controls`).toBeGreaterThan(5);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: DomNode };
    const tagged = new Map<number, number>();
    const walk = (n: DomNode) => {
      const a = n.attributes ?? [];
      for (let k = 0; k < a.length; k += 2) if (a[k] === 'data-a11y-check') tagged.set(n.backendNodeId, Number(a[k + 1]));
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
    };
    walk(root);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { backendDOMNodeId?: number; ignored?: boolean; name?: { value?: unknown } }[] };
    const names = new Map<number, string>();
    for (const n of nodes) if (n.backendDOMNodeId !== undefined && !n.ignored) names.set(n.backendDOMNodeId, String(n.name?.value ?? ''));
    const unnamed: string[] = [];
    for (const [id, i] of tagged) if (!/\S/.test(names.get(id) ?? '')) unnamed.push(html[i]);
    expect(tagged.size, `${where}: every tagged control found in the DOM`).toBe(html.length);
    expect(unnamed, `${where}: controls without an accessible name`).toEqual([]);
  };
  await check('Explore');
  await page.getByRole('radio', { name: 'pressure ratio' }).check();
  await check('Explore, nozzle by pressure ratio');
  // Every other section, as a fresh profile shows it (the equilibrium Explore included).
  for (const s of SECTIONS) {
    await sectionLink(page, s.label).click();
    await expect(page.getByRole('heading', { level: 1, name: s.label })).toBeVisible();
    if (s.label === 'Explore') await expect(page.getByTestId('isp-vac-s')).toHaveText(/\d s$/, { timeout: 30_000 });
    await check(s.label);
  }
});

test.describe('on a 360 × 640 phone', () => {
  test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

  const noHorizontalOverflow = (page: Page) =>
    expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  /** The controls (of those `where` finds) less than 44 px tall, with their height: measured in one call. */
  const tooSmall = (where: Locator) =>
    where.evaluateAll((els) => els.map((e) => ({ h: e.getBoundingClientRect().height, html: e.outerHTML.slice(0, 100) })).filter((c) => !(c.h >= 44)).map((c) => `${c.h.toFixed(1)} px: ${c.html}`));

  test('no horizontal overflow, a compact nav that reaches every section, 44 px touch targets', async ({ page }) => {
    test.setTimeout(90_000);
    await openExplore(page);
    await noHorizontalOverflow(page);
    await page.screenshot({ path: `${SHOTS}explore-360x640.png`, fullPage: true });

    // The top bar leaves most of the screen to the content: one row for the icon and Jobs, two for the
    // seven sections (every one on screen, none behind a sideways swipe: issue 12, item 3).
    const header = await page.locator('header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(150);

    // Touch targets: top-bar links and buttons, inputs, buttons, radio labels.
    const targets = page.locator('header a, header button, main input[type="text"], main button, main label.radio, .toast button').filter({ visible: true });
    expect(await targets.count()).toBeGreaterThan(10);
    expect(await tooSmall(targets)).toEqual([]);

    // Every section's form controls, as a fresh profile shows them, are finger-sized too
    // (checkboxes and radios are inside labels that are).
    for (const s of SECTIONS) {
      await page.goto(`./#${s.path}`);
      await expect(page.getByRole('heading', { level: 1, name: s.label })).toBeVisible();
      const controls = page.locator('main input:not([type="checkbox"]):not([type="radio"]):not(.sr-only), main select, main button').filter({ visible: true });
      expect(await tooSmall(controls), s.label).toEqual([]);
      await noHorizontalOverflow(page);
    }
    await openExplore(page);

    // The last section is on screen and reachable by tapping it.
    await expect(sectionLink(page, SECTIONS[SECTIONS.length - 1].label)).toBeInViewport({ ratio: 1 });
    const last = SECTIONS[SECTIONS.length - 1];
    await sectionLink(page, last.label).tap();
    await expect(page.getByRole('heading', { level: 1, name: last.label })).toBeVisible();
    await expect(sectionLink(page, last.label)).toBeInViewport({ ratio: 1 });
    await noHorizontalOverflow(page);
    await page.screenshot({ path: `${SHOTS}${last.label.toLowerCase()}-360x640.png` });
  });
});

// Every route and every dialog or panel a user can open, on a 360 × 740 phone (issue 12, item 3):
// nothing sticks out sideways and every visible control is a finger-sized target (44 × 44 px).
//
// What counts, and the two allowances:
// - Overflow: the page scrolls sideways (document scrollWidth > clientWidth), or any visible
//   element's box reaches past the left or right edge of the 360 px screen. A part hidden by an
//   ancestor that clips or scrolls (a wide table in its own scroll box) is not visible, so it does
//   not count; the scroll box itself must fit.
// - Controls: button, a, input, select, textarea, summary, [role=button]. The target of a checkbox,
//   radio or visually hidden file input is the label that holds it (tapping the label is tapping
//   the input), so that label's box is measured instead. A link inside a sentence (an `a` in a
//   paragraph or list item that has other text) is allowed to be one line high — WCAG 2.5.8's
//   "inline" exception — and is listed separately so it stays visible in the test output.
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { SECTIONS } from '../../app/ui/sections.ts';

const W = 360;
const H = 740;
const MIN = 44;
test.use({ viewport: { width: W, height: H }, hasTouch: true, isMobile: true });
test.describe.configure({ timeout: 180_000 });

interface Audit { overflow: string[]; small: string[]; inline: string[] }

/** Checks the page as it is now; returns what is wrong, each item naming the element. */
async function audit(page: Page): Promise<Audit> {
  return page.evaluate(({ W, MIN }) => {
    const out = { overflow: [] as string[], small: [] as string[], inline: [] as string[] };
    const name = (e: Element) => {
      const h = e.outerHTML.replace(/\s+/g, ' ');
      const open = h.slice(0, h.indexOf('>') + 1).slice(0, 110);
      const text = (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return text ? `${open} “${text}”` : open;
    };
    const shown = (e: Element) => {
      const r = e.getBoundingClientRect();
      if (r.width < 1 && r.height < 1) return false;
      const cs = getComputedStyle(e);
      return cs.visibility !== 'hidden' && cs.display !== 'none' && !e.closest('[hidden], [aria-hidden="true"] svg');
    };
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.overflow.push(`the page scrolls sideways: scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`);
    // Horizontal extent of each element, less what clipping ancestors hide.
    for (const e of document.body.querySelectorAll('*')) {
      if (!shown(e)) continue;
      const r = e.getBoundingClientRect();
      let left = r.left;
      let right = r.right;
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX !== 'visible' || cs.clipPath !== 'none' || cs.clip !== 'auto') {
          const ar = a.getBoundingClientRect();
          left = Math.max(left, ar.left);
          right = Math.min(right, ar.right);
        }
      }
      if (right <= 0 || left >= W || right - left < 1) continue; // off-screen on purpose (the skip link), or clipped away
      if (right > W + 0.5 || left < -0.5) out.overflow.push(`${name(e)} spans x ${left.toFixed(0)}…${right.toFixed(0)}`);
    }
    // Touch targets.
    const SEL = 'button, a[href], input, select, textarea, summary, [role="button"]';
    for (const e of document.body.querySelectorAll(SEL)) {
      let target: Element = e;
      if (e instanceof HTMLInputElement && (['checkbox', 'radio'].includes(e.type) || e.classList.contains('sr-only'))) {
        const label = e.closest('label') ?? e.labels?.[0];
        if (label) target = label;
      }
      if (!shown(target) || target.closest('.sr-only') && target === e) continue;
      const r = target.getBoundingClientRect();
      if (r.bottom <= 0 || r.right <= 0) continue; // the skip link, off-screen until focused
      if (r.height >= MIN - 0.5 && r.width >= MIN - 0.5) continue;
      const size = `${r.width.toFixed(0)}×${r.height.toFixed(0)}`;
      const parent = e.parentElement;
      const inSentence = e.tagName === 'A' && getComputedStyle(e).display === 'inline' && parent && ['P', 'LI', 'SPAN', 'TD'].includes(parent.tagName) && (parent.textContent ?? '').trim().length > (e.textContent ?? '').trim().length;
      (inSentence ? out.inline : out.small).push(`${size} ${name(target)}`);
    }
    return out;
  }, { W, MIN });
}

const found: Record<string, Audit> = {};
/** Audits the page; a failure names the place, and the test goes on to the next place. */
async function check(page: Page, where: string) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const a = await audit(page);
  found[where] = a;
  expect.soft(a.overflow, `${where}: sticks out sideways`).toEqual([]);
  expect.soft(a.small, `${where}: controls under ${MIN} px`).toEqual([]);
}

test.afterAll(() => {
  const inline = Object.entries(found).flatMap(([w, a]) => a.inline.map((x) => `${w}: ${x}`));
  if (inline.length) console.log(JSON.stringify({ e2e: 'phone-routes', inlineLinksAllowed: inline }));
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function openAllDetails(page: Page) {
  await page.locator('main details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

async function startFromTemplate(page: Page, templateId: string, title: string) {
  await page.goto('./#/templates');
  await page.getByTestId(`template-${templateId}`).getByRole('button', { name: 'Start from this' }).tap();
  await expect(page).toHaveURL(/#\/experiments\/[^/]+$/);
  await expect(heading(page, title)).toBeVisible();
}

test('every section reached from the navigation, without sideways scrolling of it', async ({ page }) => {
  await page.goto('./#/explore');
  await expect(heading(page, 'Explore')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  // The whole navigation is on screen: no strip to swipe, no link beyond the edge.
  expect(await nav.evaluate((n) => n.scrollWidth <= n.clientWidth)).toBe(true);
  for (const s of SECTIONS) await expect(nav.getByRole('link', { name: s.label, exact: true })).toBeInViewport({ ratio: 1 });
  for (const s of SECTIONS) {
    await nav.getByRole('link', { name: s.label, exact: true }).tap();
    await expect(heading(page, s.label)).toBeVisible();
    if (s.label === 'Explore') await expect(page.getByTestId('isp-vac-s')).toHaveText(/\d s$/, { timeout: 60_000 });
    await openAllDetails(page);
    await check(page, s.label);
  }
  await page.goto('./#/explore?mode=ideal');
  await expect(page.getByTestId('ideal-ispVac_s')).toHaveText(/^\d+\.\d+$/);
  await check(page, 'Explore, ideal rocket');
  await page.goto('./#/templates');
  await expect(heading(page, 'Templates')).toBeVisible();
  await openAllDetails(page);
  await check(page, 'Templates');
  await page.goto('./#/nowhere');
  await check(page, 'an unknown section');
});

test('the "Ready to work offline" notice covers no control, goes away by itself, and OK dismisses it', async ({ page, browser, baseURL }) => {
  // Two first visits, each precaching ~5.8 MB (slow on a busy machine), made side by side: one
  // waits out the notice, the other dismisses it with OK as soon as it shows.
  const other = await browser.newContext({ viewport: { width: W, height: H }, hasTouch: true, isMobile: true, baseURL });
  const p2 = await other.newPage();
  const dismissedWithOk = (async () => {
    await p2.goto('./#/explore?mode=ideal');
    const notice2 = p2.getByRole('status').filter({ hasText: 'Ready to work offline.' });
    await notice2.getByRole('button', { name: 'OK' }).tap({ timeout: 60_000 });
    await expect(notice2).toHaveCount(0);
  })();

  // The page's clock runs as usual until paused below, so the test need not wait out the notice.
  await page.clock.install();
  await page.goto('./#/explore?mode=ideal');
  const notice = page.getByRole('status').filter({ hasText: 'Ready to work offline.' });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  const covered = await notice.evaluate((n) => {
    const r = n.getBoundingClientRect();
    const hits: string[] = [];
    for (const c of document.querySelectorAll('button, a[href], input, select, textarea, summary, [role="button"], label')) {
      if (n.contains(c)) continue;
      const q = c.getBoundingClientRect();
      if (q.width && q.height && q.left < r.right && q.right > r.left && q.top < r.bottom && q.bottom > r.top) hits.push(c.outerHTML.slice(0, 80));
    }
    return hits;
  });
  expect(covered).toEqual([]);
  await check(page, 'Explore with the offline notice');
  // Time in the page stops 2 s on (the notice still there), then moves 13 s on at once — the 15 s this
  // test always allowed: the notice goes by itself, untouched, and only that jump can have removed it.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 2_000));
  await expect(notice).toBeVisible();
  await page.clock.fastForward(13_000);
  await expect(notice).toHaveCount(0);

  await dismissedWithOk;
  await other.close();
});

test('an experiment, its share link, the shared preview and the full-screen QR code', async ({ page }) => {
  await startFromTemplate(page, 'n2o4-mmh-hypergolic', 'N2O4/MMH hypergolic thruster');
  await check(page, 'experiment page');
  await page.getByRole('button', { name: 'Compute' }).tap();
  await expect(page.getByTestId('res-ispVac-exit1')).toHaveText(/^\d/, { timeout: 60_000 });
  // The tap lands on the button itself (once it hit another card).
  const make = page.getByRole('button', { name: 'Make share link' });
  await make.scrollIntoViewIfNeeded();
  const box = (await make.boundingBox())!;
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.textContent?.trim(), { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  expect(hit).toBe('Make share link');
  await make.tap();
  const link = await page.getByLabel(/^Link \(/).inputValue();
  expect(link).toMatch(/#x=1\.[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
  await check(page, 'experiment page with its share link and QR code');

  await page.getByRole('button', { name: 'Show QR' }).tap();
  await expect(page.getByRole('dialog', { name: /QR code/ })).toBeVisible();
  await check(page, 'full-screen QR code');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.goto(link);
  await expect(page.getByTestId('share-name')).toHaveText('N2O4/MMH hypergolic thruster');
  await expect(page.getByTestId('res-ispVac-exit1')).toHaveText(/^\d/, { timeout: 60_000 });
  await check(page, 'share preview');
});

test('Compare, the import review, the trend, the jobs panel', async ({ page }) => {
  await startFromTemplate(page, 'lox-rp1-booster', 'LOX/RP-1 booster');
  await startFromTemplate(page, 'lox-lh2-upper-stage', 'LOX/LH2 upper stage');
  await page.goto('./#/experiments');
  const rows = page.getByTestId('experiment-row');
  await expect(rows).toHaveCount(2);
  await check(page, 'Experiments list');
  await rows.first().getByRole('button', { name: 'Rename' }).tap();
  await expect(page.getByLabel('New name')).toBeFocused();
  await check(page, 'Experiments list, renaming one');
  await page.getByLabel('New name').press('Escape');
  for (const r of await rows.all()) await r.getByRole('checkbox').tap();
  await expect(page.getByRole('button', { name: 'Clear comparison' })).toBeVisible();
  await check(page, 'Compare');

  const deck = 'reac\n  fuel KEROSENE-X  wt%=100  t,k=298.15\n  oxid O2(L)  wt%=100  t,k=90.17\nprob  rocket  case=t1  p,bar=70  o/f=2.6  supar=10\noutput siunits\nend\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'unknown.inp', mimeType: 'text/plain', buffer: Buffer.from(deck) });
  await expect(page.getByTestId('import-review')).toContainText('The engine cannot compute it (1)', { timeout: 30_000 });
  await check(page, 'import review');
  await page.getByTestId('import-review').getByRole('button', { name: 'Cancel' }).tap();

  await page.getByText('Trend of a result over time').tap();
  await check(page, 'Experiments with the trend open');

  await page.goto('./#/sweep');
  await expect(heading(page, 'Sweep')).toBeVisible();
  for (const k of [0, 1]) await page.locator(`#axis-${k}-count`).fill('5');
  await page.locator('#axis-1-count').press('Tab');
  await page.getByRole('button', { name: 'Run sweep' }).tap();
  await expect(page.getByTestId('sweep-status')).toHaveText(/^Done: 25 \/ 25 points/, { timeout: 60_000 });
  await openAllDetails(page);
  await check(page, 'Sweep with its results');
  await page.getByRole('button', { name: /^Jobs/ }).tap();
  await expect(page.getByRole('region', { name: 'Jobs' })).toBeVisible();
  await check(page, 'jobs panel');
});

test('the conflict dialog of a save another tab got ahead of', async ({ context }: { context: BrowserContext }) => {
  const a = await context.newPage();
  await startFromTemplate(a, 'lox-rp1-booster', 'LOX/RP-1 booster');
  const b = await context.newPage();
  await b.goto(a.url());
  await expect(heading(b, 'LOX/RP-1 booster')).toBeVisible();
  await b.getByLabel(/^Chamber pressure/).fill('120');
  await a.getByLabel(/^Chamber pressure/).fill('150');
  await a.getByRole('button', { name: 'Save', exact: true }).tap();
  await expect(a.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await b.getByRole('button', { name: 'Save', exact: true }).tap();
  await expect(b.getByRole('dialog')).toBeVisible();
  await check(b, 'conflict dialog');
});

test('Explore with its options, a finished Optimize front, Learn\'s test-fire column review, a propellant of my own', async ({ page }) => {
  await page.goto('./#/explore');
  await expect(page.getByTestId('isp-vac-s')).toHaveText(/\d s$/, { timeout: 60_000 });
  await page.getByTestId('exit-1').getByRole('radio', { name: 'exit pressure' }).tap();
  await page.getByTestId('x-transport').tap();
  await expect(page.getByTestId('isp-vac-s')).toHaveText(/\d s$/, { timeout: 60_000 });
  await openAllDetails(page);
  await check(page, 'Explore with transport properties and the exit given by pressure');

  await page.goto('./#/optimize');
  await expect(heading(page, 'Optimize')).toBeVisible();
  for (const [id, v] of [['population', '8'], ['generations', '2']]) {
    await page.getByTestId(id).fill(v);
    await page.getByTestId(id).dispatchEvent('change');
  }
  await page.getByTestId('optimize-run').tap();
  await expect(page.getByTestId('optimize-progress')).toContainText('done', { timeout: 90_000 });
  await expect(page.getByTestId('pareto-table').locator('tbody tr').first()).toBeVisible();
  await openAllDetails(page);
  await check(page, 'Optimize with its front');

  await page.goto('./#/learn');
  await expect(heading(page, 'Learn')).toBeVisible();
  await page.getByLabel('test firings (CSV)').check();
  const csv = 'Test ID,O/F,Pc (psia),Thrust (lbf),mdot (lbm/s),Isp (s)\nF-1,2.40,902,3000,10,300\nF-2,2.60,1015,3000,10,250\n';
  await page.getByTestId('learn-csv').setInputFiles({ name: 'firings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('learn-csv-summary')).toBeVisible();
  await openAllDetails(page);
  await check(page, 'Learn, reviewing a test-fire file');

  await page.goto('./#/propellants');
  await expect(heading(page, 'Propellants')).toBeVisible();
  await openAllDetails(page);
  await check(page, 'Propellants, every panel open');
});

// Terms explained where they appear (issue 12 item 10), from the user's side: the small "i" beside a
// label explains the term on hover, on a tap (360 px phone) and from the keyboard (Tab, Enter,
// Escape), and the glossary page lists every term with its formula and its SI and US units.
import { test, expect, type Page } from '@playwright/test';
import { GLOSSARY } from '../../app/domain/glossary.ts';

// Explore's first result can take a while on a shared machine.
test.describe.configure({ timeout: 90_000 });

async function openExplore(page: Page) {
  await page.goto('./#/explore');
  await expect(page.getByTestId('cstar')).toBeVisible();
}

/** Nothing on the page is wider than the viewport (no sideways scrolling). */
async function expectNoOverflow(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, 'page width').toBeLessThanOrEqual(width);
}

test('hovering the i beside c* in the results explains it, with its formula and units, and leaving closes it', async ({ page }) => {
  await openExplore(page);
  const button = page.getByTestId('summary').getByRole('button', { name: 'What is c*?' });
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await button.hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Characteristic velocity');
  await expect(tip).toContainText('c* = pc·At/ṁ');
  await expect(tip).toContainText('SI: m/s · US: ft/s');
  await expect(button).toHaveAttribute('aria-describedby', (await tip.getAttribute('id'))!);
  await page.mouse.move(5, 5);
  await expect(page.getByRole('tooltip')).toHaveCount(0);

  // the station table's rows are explained too
  await page.getByRole('table', { name: 'Station properties' }).getByRole('button', { name: 'What is γs?' }).hover();
  await expect(page.getByRole('tooltip')).toContainText('Isentropic exponent');
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('a tap on the i beside γs shows its explanation inside the screen; a tap elsewhere closes it', async ({ page }) => {
    await openExplore(page);
    const button = page.getByTestId('summary').getByRole('button', { name: 'What is γs?' });
    const box = (await button.boundingBox())!;
    expect(box.width, 'touch target width').toBeGreaterThanOrEqual(44);
    expect(box.height, 'touch target height').toBeGreaterThanOrEqual(44);
    await button.tap();
    const tip = page.getByRole('tooltip');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('Isentropic exponent');
    await expect(tip).toContainText('a = √(γs·p/ρ)');
    const t = (await tip.boundingBox())!;
    expect(t.x).toBeGreaterThanOrEqual(0);
    expect(t.x + t.width).toBeLessThanOrEqual(360);
    await expectNoOverflow(page);
    // it stays open until the user taps elsewhere
    await page.getByRole('heading', { name: 'Performance' }).tap();
    await expect(page.getByRole('tooltip')).toHaveCount(0);
  });

  test('the glossary page fits the screen', async ({ page }) => {
    await page.goto('./#/glossary');
    await expect(page.getByRole('heading', { name: 'Glossary', level: 1 })).toBeVisible();
    await expectNoOverflow(page);
    await page.locator('#term-separation').scrollIntoViewIfNeeded();
    await expectNoOverflow(page);
  });
});

test('from the keyboard: Tab to the i beside O/F, Enter opens it, Escape closes it', async ({ page }) => {
  await openExplore(page);
  // the control just before the O/F field, then Tab as a keyboard user does
  await page.getByRole('button', { name: 'Add', exact: true }).focus();
  await page.keyboard.press('Tab');
  const button = page.getByRole('button', { name: 'What is O/F?' });
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Mass of oxidizer per mass of fuel');
  await expect(tip).toContainText('O/F = ṁox/ṁfuel');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  // Tab reaches the link inside it without closing it; Escape closes it and gives focus back
  await page.keyboard.press('Tab');
  await expect(tip.getByRole('link', { name: 'More in glossary' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  // Enter again opens it, and Escape closes it from the button too
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tooltip')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  // the fields keep their names to themselves: a toggletip's question repeats no field label
  for (const label of ['Mixture ratio O/F', 'Chamber pressure', 'Ambient pressure']) await expect(page.getByLabel(label), label).toHaveCount(1);
});

test('"More in glossary" opens the glossary at that term', async ({ page }) => {
  await openExplore(page);
  await page.getByTestId('summary').getByRole('button', { name: 'What is density-Isp?' }).click();
  await page.getByRole('tooltip').getByRole('link', { name: 'More in glossary' }).click();
  await expect(page).toHaveURL(/#\/glossary\?term=densityIsp$/);
  const entry = page.locator('#term-densityIsp');
  await expect(entry).toBeFocused();
  await expect(entry).toBeInViewport();
  await expect(entry).toContainText('ρ·Isp = ρbulk·Isp');
});

test('the glossary lists every term with its formula and its SI and US units, and Settings links to it', async ({ page }) => {
  await page.goto('./#/settings');
  await page.getByRole('link', { name: 'Glossary' }).click();
  await expect(page.getByRole('heading', { name: 'Glossary', level: 1 })).toBeVisible();
  await expect(page.locator('.glossary-entry')).toHaveCount(GLOSSARY.length);
  // every entry as the reader sees it: name, explanation, formula line, units line
  const shown = new Map(await page.locator('.glossary-entry').evaluateAll((els) => els.map((el) => [el.id, {
    name: el.querySelector('dt')?.textContent ?? '',
    text: el.textContent ?? '',
    formula: el.querySelector('[data-testid="formula"]')?.textContent ?? null,
    units: el.querySelector('[data-testid="units"]')?.textContent ?? null,
  }] as const)));
  for (const t of GLOSSARY) {
    const e = shown.get(`term-${t.id}`);
    expect(e, t.id).toBeDefined();
    expect(e!.name, t.id).toContain(t.name);
    expect(e!.text, t.id).toContain(t.short);
    if (t.formula) expect(e!.formula, t.id).toBe(`Formula: ${t.formula}`);
    if (t.si !== null) {
      expect(e!.units, t.id).toContain(`SI: ${t.si === '–' ? '– (a pure number)' : t.si}`);
      expect(e!.units, t.id).toContain(`US: ${t.us === '–' ? '– (a pure number)' : t.us}`);
    }
  }
  // the ones the issue names, as a reader would look for them
  for (const [id, formula, si, us] of [
    ['cstar', 'c* = pc·At/ṁ', 'm/s', 'ft/s'],
    ['isp', 'Isp = F/(ṁ·g0) = Cf·c*/g0', 's (or m/s)', 'lbf·s/lbm'],
    ['areaRatio', 'ε = Ae/At', '– (a pure number)', '– (a pure number)'],
    ['densityIsp', 'ρ·Isp = ρbulk·Isp', 'kg·s/m³', 'lbf·s/ft³'],
  ]) {
    await expect(page.locator(`#term-${id}`)).toContainText(formula);
    await expect(page.locator(`#term-${id}`)).toContainText(`SI: ${si}`);
    await expect(page.locator(`#term-${id}`)).toContainText(`US: ${us}`);
  }
  for (const name of ['Shifting equilibrium', 'Frozen flow', 'Pareto front', 'NSGA-II / NSGA-III', 'Hypervolume', 'Surrogate model', 'Flow separation (Schmucker criterion)']) {
    await expect(page.locator('.glossary-entry dt').filter({ hasText: name })).toHaveCount(1);
  }
});

test('Optimize, Learn and a template\'s inputs explain their terms too', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./#/optimize');
  await page.getByRole('button', { name: 'What is a Pareto front?' }).hover();
  await expect(page.getByRole('tooltip')).toContainText('best trade-offs');
  await page.getByRole('button', { name: 'What is NSGA-II/III?' }).click();
  await expect(page.getByRole('tooltip')).toContainText('Non-dominated Sorting Genetic Algorithm');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'What is flow separation?' })).toBeVisible();

  await page.goto('./#/learn');
  await page.getByRole('button', { name: 'What is a surrogate model?' }).click();
  await expect(page.getByRole('tooltip')).toContainText('neural network');
  await page.keyboard.press('Escape');

  // the inputs table of a template (the same view as an experiment's and a shared link's)
  await page.goto('./#/templates');
  const template = page.getByTestId('template-lox-rp1-booster');
  await template.getByText('Inputs', { exact: true }).click();
  await template.getByRole('button', { name: 'What is O/F?' }).hover();
  await expect(page.getByRole('tooltip')).toContainText('Mass of oxidizer per mass of fuel');
});

test('a finished sweep explains its columns', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#/sweep');
  for (const k of [0, 1]) {
    const field = page.locator(`#axis-${k}-count`);
    await field.fill('3');
    await field.press('Tab');
  }
  await expect(page.getByTestId('sweep-total')).toHaveText('9 points');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText(/^Done/, { timeout: 90_000 });
  const results = page.getByRole('table', { name: 'Sweep results' });
  await results.getByRole('button', { name: 'What is c*?' }).click();
  await expect(page.getByRole('tooltip')).toContainText('Characteristic velocity');
});

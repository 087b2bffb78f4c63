// "Show QR" (issue 12, item 9b): the share link's QR code full screen, for a projector, at a desktop
// size and on a 360 px phone. It fills the screen, says which version and error-correction level
// it chose, draws as many modules as that version has (21 + 4·(v − 1), ISO/IEC 18004 § 5.3.1),
// and closes with Escape or Close, giving focus back to the button that opened it. The code holds the
// link in its QR form (#x=1:<digits>), which opens the same experiment.
import { test, expect, type Page } from '@playwright/test';
import { qrShareText } from '../../app/domain/share-link.ts';

async function shareLinkOnScreen(page: Page) {
  await page.goto('./#/templates');
  await page.getByTestId('template-n2o4-mmh-hypergolic').getByRole('button', { name: 'Start from this' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'N2O4/MMH hypergolic thruster' })).toBeVisible();
  await page.getByRole('button', { name: 'Make share link' }).click();
  await expect(page.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
  return page.getByLabel(/^Link \(/).inputValue();
}

/** What the open full-screen view shows: the caption's figures and the drawn symbol's extent. */
async function fullScreenView(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'QR code of the share link, full screen' });
  await expect(dialog).toBeVisible();
  const caption = await dialog.getByTestId('qr-full-caption').innerText();
  const m = /Version (\d+), (\d+) × (\d+) modules, error correction ([LMQH]), ([\d.]+) px per module/.exec(caption);
  expect(m, caption).not.toBeNull();
  const svg = dialog.getByRole('img', { name: 'QR code of the share link, full screen' });
  const drawn = await svg.evaluate((s) => {
    // dark modules are "Mx,yh1v1h-1z" with the 4-module quiet zone added to x and y
    const d = s.querySelector('path')!.getAttribute('d')!;
    let min = Infinity;
    let max = -Infinity;
    for (const [, x, y] of d.matchAll(/M(\d+),(\d+)/g)) {
      min = Math.min(min, +x, +y);
      max = Math.max(max, +x, +y);
    }
    return { span: max - min + 1, viewBox: s.getAttribute('viewBox') };
  });
  return {
    dialog,
    version: Number(m![1]),
    size: Number(m![2]),
    ecl: m![4],
    modulePx: Number(m![5]),
    box: (await svg.boundingBox())!,
    dialogBox: (await dialog.boundingBox())!,
    drawn,
  };
}

async function checkFullScreen(page: Page, width: number, height: number) {
  const link = await shareLinkOnScreen(page);
  const show = page.getByRole('button', { name: 'Show QR' });
  await show.click();
  const v = await fullScreenView(page);
  // The module count is the chosen version's: 21 + 4·(v − 1), and that is what is drawn (the
  // finder patterns reach both corners, so dark modules span the whole symbol).
  expect(v.size).toBe(21 + 4 * (v.version - 1));
  expect(v.drawn.span).toBe(v.size);
  expect(v.drawn.viewBox).toBe(`0 0 ${v.size + 8} ${v.size + 8}`);
  // It fills the screen: the dialog covers the viewport, the symbol its smaller side (less the caption bar).
  expect(v.dialogBox).toEqual({ x: 0, y: 0, width, height });
  expect(Math.min(v.box.width, v.box.height)).toBeGreaterThanOrEqual(0.85 * Math.min(width, height));
  expect(v.box.x).toBeGreaterThanOrEqual(0);
  expect(v.box.x + v.box.width).toBeLessThanOrEqual(width);
  // The caption's module size is the drawn one; at least 8 px unless the level is already L.
  expect(v.modulePx).toBeCloseTo(v.box.width / (v.size + 8), 1);
  if (v.ecl !== 'L') expect(v.modulePx).toBeGreaterThanOrEqual(8);
  console.log(JSON.stringify({ e2e: 'qr-full-screen', viewport: `${width}x${height}`, version: v.version, ecl: v.ecl, modulePx: v.modulePx, sidePx: v.box.width }));

  await page.keyboard.press('Escape');
  await expect(v.dialog).toHaveCount(0);
  await expect(show).toBeFocused();
  // Close does the same.
  await show.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(show).toBeFocused();
  return { ...v, link };
}

test.describe('on a desktop screen', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test('Show QR fills the screen, draws the chosen version, closes with Escape', async ({ page }) => {
    const v = await checkFullScreen(page, 1280, 720);
    // the template's ~580-byte link, in its QR form, has modules of at least 8 px here (level L)
    expect(v.modulePx).toBeGreaterThanOrEqual(8);
    // and that form (what a phone reads from the code) opens the experiment
    const q = qrShareText(v.link);
    expect(q).toMatch(/#x=1:\d+$/);
    // (pasted into this tab: the app reads a share link arriving by hashchange too)
    await page.goto(q);
    await expect(page.getByTestId('share-name')).toHaveText('N2O4/MMH hypergolic thruster');
  });
});

test.describe('on a 360 × 740 phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  test('Show QR fills the width, draws the chosen version, closes with Escape', async ({ page }) => {
    const v = await checkFullScreen(page, 360, 740);
    expect(v.box.width).toBe(360);
  });
});

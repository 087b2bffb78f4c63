// Renders the PNG app icons from public/icons/icon.svg in headless Chromium:
// icon-192.png and icon-512.png (the rounded icon as drawn) and icon-maskable-512.png (the same
// artwork scaled into the 80 % safe circle on a full-bleed background, so launchers may crop it to
// any shape). Run `node scripts/make-icons.mjs` after editing icon.svg, and commit the PNGs.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const dir = new URL('../public/icons/', import.meta.url);
const svg = readFileSync(new URL('icon.svg', dir), 'utf8');
const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)?.[1] ?? '#1b2a41';
const artwork = /<g[\s\S]*<\/g>/.exec(svg)?.[0];
if (!artwork) throw new Error('icon.svg: expected the artwork in one <g> element after the background <rect>');

// The artwork reaches 224 px from the centre of the 512 box (the flame tip); 0.8 brings it to
// 179 px, inside the 204.8 px radius of the maskable safe zone.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="${background}"/>
  <g transform="translate(256 256) scale(0.8) translate(-256 -256)">${artwork}</g>
</svg>`;

const targets = [
  { file: 'icon-192.png', size: 192, svg },
  { file: 'icon-512.png', size: 512, svg },
  { file: 'icon-maskable-512.png', size: 512, svg: maskable },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const t of targets) {
    const page = await browser.newPage({ viewport: { width: t.size, height: t.size }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(t.svg).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}img{display:block}</style><img src="${src}" width="${t.size}" height="${t.size}">`);
    await page.locator('img').evaluate((img) => (img instanceof HTMLImageElement ? img.decode() : undefined));
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: t.size, height: t.size } });
    const w = png.readUInt32BE(16);
    const h = png.readUInt32BE(20);
    if (w !== t.size || h !== t.size) throw new Error(`${t.file}: rendered ${w}×${h}, expected ${t.size}×${t.size}`);
    writeFileSync(new URL(t.file, dir), png);
    console.log(`public/icons/${t.file}: ${t.size}×${t.size}, ${png.length} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}

// Prints what a first visit costs, from dist/: the gzip size of the JS and CSS that index.html
// loads before the app can render (entry scripts, modulepreloads, stylesheets and the chunks they
// import statically — not lazy chunks, not workers), and the size of the service-worker precache.
// `node scripts/report-size.mjs --json` prints the figures as one JSON object instead.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, normalize, relative } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
if (!existsSync(join(dist, 'index.html'))) {
  console.error('report-size: dist/index.html not found; run `npm run build` first');
  process.exit(1);
}

const kB = (bytes) => Math.round(bytes / 10) / 100; // kB = 1000 bytes, as Vite prints
const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
/** Resolves a URL found in `fromFile` (relative or base-absolute) to a path inside dist/. */
const resolveIn = (fromFile, url) => normalize(url.startsWith('/') ? join(dist, url) : join(dirname(fromFile), url));

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set();
for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
  const isScript = tag.startsWith('<script') && /type="module"/.test(tag);
  const isPreload = /rel="(modulepreload|stylesheet)"/.test(tag);
  const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
  if ((isScript || isPreload) && url && !/^[a-z]+:/i.test(url)) initial.add(resolveIn(join(dist, 'index.html'), url));
}
// Chunks that an initial chunk imports statically also load before it runs; dynamic import() does not.
const queue = [...initial].filter((f) => f.endsWith('.js'));
while (queue.length) {
  const file = queue.pop();
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
    const dep = resolveIn(file, m[1]);
    if (!initial.has(dep) && existsSync(dep)) {
      initial.add(dep);
      queue.push(dep);
    }
  }
}

const files = [...initial].sort();
const sum = (ext) => files.filter((f) => f.endsWith(ext)).reduce((s, f) => s + gzipBytes(f), 0);
const jsGzip = sum('.js');
const cssGzip = sum('.css');

let precacheEntries = 0;
let precacheBytes = 0;
const swPath = join(dist, 'sw.js');
if (existsSync(swPath)) {
  const urls = new Set([...readFileSync(swPath, 'utf8').matchAll(/\{\s*"?url"?\s*:\s*"([^"]+)"/g)].map((m) => m[1]));
  precacheEntries = urls.size;
  for (const u of urls) {
    const f = join(dist, u);
    if (existsSync(f)) precacheBytes += statSync(f).size;
  }
}

const figures = {
  firstLoadKbGzip: kB(jsGzip),
  firstLoadCssKbGzip: kB(cssGzip),
  firstLoadFiles: files.map((f) => relative(dist, f)),
  precacheEntries,
  precacheKb: kB(precacheBytes),
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(figures));
} else {
  console.log(
    `first-load JS: ${figures.firstLoadKbGzip} kB gzip (+ CSS ${figures.firstLoadCssKbGzip} kB gzip; ${files.length} files); ` +
      `precache: ${precacheEntries} entries, ${figures.precacheKb} kB`,
  );
}

// A static server for a production build on a free loopback port, and a Chromium page on it
// (browser benchmarks).
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** Serves `dir` (index.html for unknown paths) on 127.0.0.1 at a free port. */
export function serveDist(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

/**
 * Runs `fn` on a fresh page (no service worker: a first visit) of the production build in Debian's
 * Chromium (CHROMIUM_PATH overrides), building dist/ first when it is missing; BENCH_DIST points at
 * another build. Everything is closed afterwards.
 */
export async function withBuiltApp<T>(fn: (page: Page, url: string, dist: string) => Promise<T>, extraArgs: string[] = []): Promise<T> {
  const root = new URL('../../', import.meta.url).pathname;
  const dist = process.env.BENCH_DIST || join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const { server, url } = await serveDist(dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
  try {
    const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
    return await fn(page, url, dist);
  } finally {
    await browser.close();
    server.close();
  }
}

/**
 * Seconds from clicking `button` (a JS expression for the element) to `status`'s text passing
 * `done` ('startsWith:…' or 'endsWith:…'), timed in the page by a MutationObserver (no polling
 * delay). The page code is a string: tsx would wrap named functions in a helper the page lacks.
 */
export async function secondsUntil(page: Page, button: string, status: string, done: string): Promise<number> {
  const [how, text] = [done.slice(0, done.indexOf(':')), done.slice(done.indexOf(':') + 1)];
  return (await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      const s = document.querySelector(${JSON.stringify(status)})?.textContent ?? '';
      if (s.${how === 'endsWith' ? 'endsWith' : 'startsWith'}(${JSON.stringify(text)})) {
        observer.disconnect();
        resolve((performance.now() - t0) / 1000);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    (${button}).click();
  })`)) as number;
}

/**
 * CPU seconds (user + system) used so far by this process's descendants that are still running —
 * the Chromium a bench launched: steadier than wall time on a loaded machine. Linux /proc only
 * (clock ticks of 1/100 s, the kernel's USER_HZ); 0 elsewhere.
 */
export function descendantsCpuSeconds(): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // fields after the command name in parentheses: state ppid … utime (14th) stime (15th)
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, t] of ticks) if (mine(pid)) sum += t;
  return sum / 100;
}

// A first visit to Explore in Chromium, measured from the network: the JavaScript requested before
// Explore's first result (the vacuum Isp headline) is on screen, as gzip kB of the files the
// production build serves: `gzipKB` the page's own scripts (the main thread's), `workerGzipKB` the
// workers' (the engine's), `withWorkersGzipKB` both; and the same once
// the page has settled (no new request for 3 s). The network is throttled like a phone's ("Fast 3G":
// 1.6 Mbit/s down, 150 ms latency), so what is fetched before the first result delays it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { withBuiltApp } from './serve-dist.ts';
import type { Bench } from '../../scripts/bench.ts';

interface Fetched {
  path: string;
  worker: boolean;
  at: number;
}

const kB = (bytes: number) => Math.round(bytes / 10) / 100;

const firstLoad: Bench = {
  name: 'first-load-js',
  run: () => withBuiltApp(async (page, url, dist) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 });
    const fetched: Fetched[] = [];
    // When the first result is on screen, on the epoch clock, seen by the page itself (a poll from
    // here would see it late and count what the page asked for just after it).
    await page.addInitScript(`new MutationObserver((_, o) => {
      if (document.querySelector('[data-testid="isp-vac-s"]')) { window.__firstResultAt = performance.timeOrigin + performance.now(); o.disconnect(); }
    }).observe(document, { subtree: true, childList: true })`);
    const t0 = Date.now();
    page.context().on('request', (req) => {
      const path = new URL(req.url()).pathname;
      if (!path.endsWith('.js')) return;
      // A worker's own script is named *.worker-<hash>.js by the build (Vite bundles each worker in
      // one file); a request made from inside a worker has no frame.
      let worker = /\.worker-[^/]*\.js$/.test(path);
      try { req.frame(); } catch { worker = true; }
      fetched.push({ path, worker, at: Date.now() - t0 });
    });
    await page.goto(`${url}#/explore`);
    await page.waitForFunction('window.__firstResultAt !== undefined', undefined, { timeout: 120_000 });
    const firstResult_ms = Math.round(((await page.evaluate('window.__firstResultAt')) as number) - t0);
    // Settled: no new script request for 3 s.
    let n = -1;
    while (n !== fetched.length) {
      n = fetched.length;
      await page.waitForTimeout(3000);
    }
    const before = fetched.filter((f) => f.at < firstResult_ms);
    const size = new Map<string, number>();
    const gz = (p: string) => {
      if (!size.has(p)) size.set(p, gzipSync(readFileSync(join(dist, p.replace(/^\//, ''))), { level: 9 }).length);
      return size.get(p)!;
    };
    const total = (list: Fetched[], worker: boolean) => kB([...new Set(list.filter((f) => f.worker === worker).map((f) => f.path))].reduce((s, p) => s + gz(p), 0));
    const base = new URL(url).pathname;
    const names = (list: Fetched[]) => [...new Set(list.filter((f) => !f.worker).map((f) => f.path.slice(base.length)))];
    return {
      gzipKB: total(before, false),
      workerGzipKB: total(before, true),
      withWorkersGzipKB: +(total(before, false) + total(before, true)).toFixed(2),
      settledGzipKB: total(fetched, false),
      settledWorkerGzipKB: total(fetched, true),
      firstResult_ms,
      network: 'Fast 3G (1.6 Mbit/s, 150 ms)',
      beforeFirstResult: names(before),
      afterFirstResult: names(fetched).filter((p) => !names(before).includes(p)),
    };
  }),
};

export const benches: Bench[] = [firstLoad];

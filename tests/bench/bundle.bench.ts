// First-visit cost of the production build: first-load JS (gzip) and the service-worker precache.
// Figures come from scripts/report-size.mjs so the build output and the benchmark never disagree.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Bench } from '../../scripts/bench.ts';

const root = new URL('../../', import.meta.url).pathname;

export const benches: Bench[] = [
  {
    name: 'first-load-size',
    async run() {
      if (!existsSync(`${root}dist/index.html`) || !existsSync(`${root}dist/sw.js`)) {
        // The build prints its own report; keep stdout to the benchmark's one JSON line.
        execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      }
      const out = execFileSync(process.execPath, ['scripts/report-size.mjs', '--json'], { cwd: root, encoding: 'utf8' });
      const f = JSON.parse(out) as { firstLoadKbGzip: number; firstLoadCssKbGzip: number; precacheEntries: number; precacheKb: number };
      return { firstLoadKbGzip: f.firstLoadKbGzip, firstLoadCssKbGzip: f.firstLoadCssKbGzip, precacheEntries: f.precacheEntries, precacheKb: f.precacheKb };
    },
  },
];

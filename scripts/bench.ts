// Benchmark runner: `npm run bench` runs every benchmark, `npm run bench -- NAME [NAME…]` runs the
// ones whose name contains NAME. Each benchmark module in tests/bench/*.bench.ts exports
// `benches: Bench[]`; each prints one JSON line {"bench": name, ...figures with units in their names}.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface Bench {
  name: string;
  run(): Promise<Record<string, unknown>>;
}

const dir = new URL('../tests/bench/', import.meta.url).pathname;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
let failed = 0;
let ran = 0;
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { benches: Bench[] };
  for (const b of mod.benches) {
    if (filters.length && !filters.some((x) => b.name.includes(x))) continue;
    ran++;
    try {
      const figures = await b.run();
      console.log(JSON.stringify({ bench: b.name, ...figures }));
    } catch (e) {
      failed++;
      console.log(JSON.stringify({ bench: b.name, error: e instanceof Error ? e.message : String(e) }));
    }
  }
}
if (!ran) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(1);
}
process.exit(failed ? 1 : 0);

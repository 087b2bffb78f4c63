// Builds the AssemblyScript kernels (release target) when any source is newer than the output,
// so `npm start`, `npm test`, `npm run bench` and the CLI never need a manual build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'wasm-core/build/core.wasm');

function newestMtime(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

const force = process.argv.includes('--force');
const srcTime = Math.max(newestMtime(join(root, 'wasm-core/assembly')), statSync(join(root, 'asconfig.json')).mtimeMs);
if (!force && existsSync(out) && statSync(out).mtimeMs >= srcTime) {
  process.exit(0);
}
const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');
execFileSync(process.execPath, [asc, 'wasm-core/assembly/index.ts', '--target', 'release'], { cwd: root, stdio: 'inherit' });
console.error(`wasm-core: built ${out} (${(statSync(out).size / 1024).toFixed(1)} KiB)`);

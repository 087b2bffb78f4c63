#!/usr/bin/env -S MALLOC_TOP_PAD_=16777216 MALLOC_TRIM_THRESHOLD_=67108864 node --v8-pool-size=1
// `rfo <command> …` (the usage text below lists them): the command-line
// tools, run from their build in dist-cli/ (plain JavaScript: no TypeScript is compiled here).
// When the build or the wasm kernels are missing or older than their sources, they are built
// first (messages on stderr, so stdout carries only results). CommonJS, not an ES module: node
// loads it without its ES module loader (~10 ms less start-up); built-in modules by require.
//
// Node is started with one V8 platform thread (--v8-pool-size=1, here and in package.json's
// scripts; node's default is 4) and no other change: V8's background work (optimising compiles of
// the kernel and of the JavaScript, concurrent GC) then runs one task at a time beside the command's
// own thread instead of four at once. On a 2-core machine the four starved that thread while the
// kernel tiered up: the issue's 10,000-point grid 0.44 -> 0.41 s (medians of 14-16 alternating
// runs, 2026-12-04); runs on worker threads (20,000 and 50,000 problems) and start-up unchanged.
// It is a node option, not a V8 flag: it cannot be set once node runs, so `node bin/rfo.cjs` without
// it works the same, only slower on small machines.
//
// Run through this line (npx rfo, node_modules/.bin/rfo), glibc's allocator is also told to keep
// memory it frees (MALLOC_TRIM_THRESHOLD_ 64 MB, against 128 kB) and to grow its heap 16 MB at a
// time (MALLOC_TOP_PAD_): V8's optimising compiler takes and frees tens of MB of working memory per
// run, and each time it was handed back to the kernel the next compile touched fresh pages again
// (~10 µs a page on a virtual machine). The grid, 14-16 alternating runs on this 2-core machine:
// median -12 to -15 ms, CPU -30 ms. Other C libraries ignore these variables; package.json's scripts
// cannot set them on every platform, so `npm run` goes without.
const { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const COMMANDS = ['solve', 'optimize', 'design', 'sensitivity', 'command', 'firing', 'report'];
const USAGE = `usage: rfo solve [--lines] [--compact] [--digits N] [file]
       rfo optimize [--progress] [file]
       rfo design [file]
       rfo sensitivity [--progress] [file]
       rfo command [--units SI|US] "LOX and methane at 100 bar, O/F 3.4"
       rfo firing trace.csv [--design experiment.json]
       rfo report [--units SI|US] [--id ID] [--study STUDY_ID] experiment.json out.pdf
(JSON from the file, or from stdin when none is given; command: the sentence; README "Command line")`;

// (paths joined by hand and one stat per file: this check runs before every command, and
// path.join's normalising and an existsSync before each stat cost more than the stats)
function newest(dir, skip = () => false) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (skip(p)) continue;
    t = Math.max(t, e.isDirectory() ? newest(p, skip) : statSync(p).mtimeMs);
  }
  return t;
}

function mtime(p) {
  return statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

// node:child_process is loaded only when something must be built (a plain run starts faster).
async function run(args, what, cleanUp = () => {}) {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    cleanUp();
    console.error(`rfo: ${what} failed${r.error ? `: ${r.error.message}` : ''}`);
    process.exit(2);
  }
}

// The kernels: the same check as scripts/asbuild.mjs, done here to spare a node start-up.
async function ensureWasm() {
  const built = mtime(join(root, 'wasm-core/build/core.wasm'));
  if (built >= 0 && built >= Math.max(newest(join(root, 'wasm-core/assembly')), mtime(join(root, 'asconfig.json')))) return;
  await run([join(root, 'scripts/asbuild.mjs')], 'building the wasm kernels (npm run asbuild)');
}

// Sources of the built tools: everything they import lives in these folders.
function sourcesTime() {
  const skipWasm = (p) => /wasm-core[\\/](assembly|build|data)$/.test(p);
  return Math.max(
    newest(join(root, 'scripts'), (p) => !p.endsWith('.ts')),
    newest(join(root, 'app/domain')),
    newest(join(root, 'workers')),
    newest(join(root, 'wasm-core'), skipWasm),
    mtime(join(root, 'vite.cli.config.ts')),
  );
}

// Newest time of the sources the build was made of (dist-cli/sources.json, written by the build),
// or Infinity when a listed file is gone; null when the build has no list (an older build): scan instead.
function listedSourcesTime(out) {
  let files;
  try {
    files = JSON.parse(readFileSync(join(out, 'sources.json'), 'utf8'));
  } catch {
    return null;
  }
  let t = mtime(join(root, 'vite.cli.config.ts'));
  for (const f of files) {
    const m = mtime(`${root}/${f}`); // f: a path relative to the root, with forward slashes
    if (m < 0) return Infinity; // renamed or deleted: rebuild
    if (m > t) t = m;
  }
  return t;
}

async function ensureBuild() {
  const out = join(root, 'dist-cli');
  const built = Math.min(mtime(join(out, 'solve.cjs')), ...COMMANDS.map((c) => mtime(join(out, `${c}.mjs`))));
  if (built >= 0 && built >= (listedSourcesTime(out) ?? sourcesTime())) return;
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) {
    console.error('rfo: the command-line build (dist-cli/) is missing or stale and vite is not installed: run `npm ci`, then `npm run build:cli`');
    process.exit(2);
  }
  console.error('rfo: building the command-line tools (dist-cli/)…');
  // Built aside and moved into place, so that a command started meanwhile never sees half a build.
  const tmp = `${out}.tmp-${process.pid}`;
  await run([vite, 'build', '-c', 'vite.cli.config.ts', '--outDir', tmp], 'building the command-line tools (npm run build:cli)',
    () => rmSync(tmp, { recursive: true, force: true }));
  rmSync(out, { recursive: true, force: true });
  try {
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another rfo put its build in place first
  }
}

// (CommonJS has no top-level await)
(async () => {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.error(USAGE);
    process.exit(cmd === undefined ? 2 : 0);
  }
  if (!COMMANDS.includes(cmd)) {
    console.error(`rfo: unknown command ${JSON.stringify(cmd)}\n${USAGE}`);
    process.exit(2);
  }
  await ensureWasm();
  await ensureBuild();
  // solve: the young generation of V8's heap keeps its first size (1 MB halves) instead of doubling
  // as it fills. A solve makes a little short-lived garbage per problem and keeps almost nothing, so
  // a larger young generation only touches fresh memory (~11 µs a page on a virtual machine): on the
  // issue's 10,000-point grid 1,400 fewer page faults and ~10 ms less. (A flag V8 reads each time it
  // would grow that space, so setting it now takes effect.)
  if (cmd === 'solve') require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
  // For benchmarks (tests/bench/cli.bench.ts): this process's peak memory and CPU time, the options
  // node was started with and the allocator settings of the #! line, on stderr at exit.
  if (process.env.RFO_REPORT_USAGE) {
    process.on('exit', () => {
      const u = process.resourceUsage();
      const malloc = { topPad: process.env.MALLOC_TOP_PAD_ ?? null, trimThreshold: process.env.MALLOC_TRIM_THRESHOLD_ ?? null };
      console.error(`rfo-usage ${JSON.stringify({ maxRSS_MB: +(u.maxRSS / 1024).toFixed(1), cpu_s: (u.userCPUTime + u.systemCPUTime) / 1e6, nodeOptions: process.execArgv, malloc })}`);
    });
  }
  const { main } = cmd === 'solve' ? require('./run-script.cjs').runScript(join(root, 'dist-cli/solve.cjs')) : await import(pathToFileURL(join(root, 'dist-cli', `${cmd}.mjs`)).href);
  process.exitCode = await main(args);
})();

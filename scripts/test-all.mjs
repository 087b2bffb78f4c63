// `npm test`: typecheck, lint, unit tests (vitest, node) and e2e tests (Playwright, Chromium,
// production build). Every step runs even when an earlier one failed, so the summary counts all
// tests; the last line is `N passed, N failed` (typecheck and lint count as one test each).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
let passed = 0;
let failed = 0;
const lines = [];

function run(cmd, args, env = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: r.status === 0, seconds: ((Date.now() - t0) / 1000).toFixed(1) };
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function step(name, cmd, args) {
  const r = run(cmd, args);
  if (r.ok) passed++;
  else failed++;
  lines.push(`${name}: ${r.ok ? 'ok' : 'FAILED'} (${r.seconds} s)`);
  return r.ok;
}

const npx = (bin) => ['node_modules/.bin/' + bin];

step('wasm build', 'node', ['scripts/asbuild.mjs']);
step('typecheck', ...npx('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('lint', ...npx('eslint'), ['.']);

// The command-line tools (dist-cli/), built once before the unit tests that run them: each of those
// builds them when missing, and two test workers could otherwise both build them (a failed build
// shows there as failed tests, so it is not counted here).
const cli = run('npm', ['run', '--silent', 'build:cli']);
lines.push(`cli build: ${cli.ok ? 'ok' : 'FAILED'} (${cli.seconds} s)`);

rmSync('test-results/vitest.json', { force: true });
const unit = run(...npx('vitest'), ['run']);
const vj = readJson('test-results/vitest.json');
if (vj) {
  passed += vj.numPassedTests;
  failed += vj.numFailedTests + (vj.numTotalTestSuites && !unit.ok && vj.numFailedTests === 0 ? 1 : 0);
  lines.push(`unit: ${vj.numPassedTests} passed, ${vj.numFailedTests} failed (${unit.seconds} s)`);
} else {
  failed++;
  lines.push(`unit: vitest did not report (${unit.seconds} s)`);
}

const build = run('npm', ['run', 'build']);
if (!build.ok) {
  failed++;
  lines.push(`build: FAILED (${build.seconds} s); e2e not run`);
} else {
  lines.push(`build: ok (${build.seconds} s)`);
  const chromium = run('node', ['scripts/check-chromium.mjs']);
  if (!chromium.ok) {
    failed++;
    lines.push('e2e: Chromium missing; not run');
  } else {
    rmSync('test-results/e2e.json', { force: true });
    // No traces unless asked for (E2E_TRACE=retain-on-failure npm test): CI keeps only what is
    // printed, and recording every test's trace (DOM snapshots and screencast at each action) took
    // 20-50 % of the CPU of the specs measured. `npx playwright test` alone still records them.
    const e2e = run(...npx('playwright'), ['test', '--trace', process.env.E2E_TRACE || 'off']);
    const pj = readJson('test-results/e2e.json');
    if (pj?.stats) {
      const p = pj.stats.expected + (pj.stats.flaky ?? 0);
      const f = pj.stats.unexpected;
      passed += p;
      failed += f + (!e2e.ok && f === 0 ? 1 : 0);
      lines.push(`e2e: ${p} passed, ${f} failed, ${pj.stats.skipped} skipped (${e2e.seconds} s)`);
    } else {
      failed++;
      lines.push(`e2e: Playwright did not report (${e2e.seconds} s)`);
    }
  }
}

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

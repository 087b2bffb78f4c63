// End-to-end tests against the production build (dist/, built by `npm run build` before this runs),
// served by `vite preview`, in the system Chromium (`npx playwright install` cannot download here).
import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';

// A free loopback port, so the suite never collides with an `npm start` (4173) or another run.
// The runner picks it once and puts it in the environment: Playwright's worker processes load this
// file again and must see the same port.
function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}
process.env.E2E_PORT ||= String(freePort());
const port = Number(process.env.E2E_PORT);
// E2E_DIST runs the suite against another build (e.g. to check that a test fails on a broken one).
const dist = process.env.E2E_DIST || 'dist';
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Without a WebGPU adapter (E2E_NO_WEBGPU=1) the test that needs one is left out.
  ...(process.env.E2E_NO_WEBGPU ? { testIgnore: ['**/learn-webgpu.spec.ts'] } : {}),
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // 60 s: a test that takes 20 s on a quiet 2-core machine must not fail because the machine is busy.
  timeout: 60_000,
  // 20 s: on the 2-core CI with two browsers a lazy page or a service-worker switch can take over 10 s.
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // A (software) WebGPU adapter; E2E_NO_WEBGPU=1 runs the suite as on a machine without one.
        ...(process.env.E2E_NO_WEBGPU ? [] : ['--enable-unsafe-webgpu']),
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: baseURL,
    // A stale preview would serve an older dist/; always start our own (strictPort fails loudly if taken).
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

// Fails early, with the fix, when the Chromium that Playwright runs is missing: the e2e tests use
// the system browser (`npx playwright install` cannot download browsers here).
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
let problem = null;
try {
  accessSync(path, constants.X_OK);
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) problem = `${path} is there but \`${path} --version\` failed: ${(r.stderr || r.error?.message || '').trim()}`;
  else console.log(`e2e browser: ${r.stdout.trim()} (${path})`);
} catch {
  problem = `Chromium not found at ${path}${process.env.CHROMIUM_PATH ? ' (from CHROMIUM_PATH)' : ''}.`;
}
if (problem) {
  console.error(
    `${problem}\nThe end-to-end tests need Chromium. Install it with\n  sudo apt-get install -y chromium\n` +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary, e.g.\n  CHROMIUM_PATH=/path/to/chrome npm run test:e2e',
  );
  process.exit(1);
}

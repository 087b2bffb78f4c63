import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';

const solid = (p: string) => fileURLToPath(new URL(`./node_modules/solid-js/${p}`, import.meta.url));

export default defineConfig({
  // Stores are tested in node with Solid's client build (the default node build is the server
  // renderer, whose effects never run); solid-js is inlined so its store module shares that copy.
  resolve: {
    alias: [
      { find: /^solid-js\/store$/, replacement: solid('store/dist/store.js') },
      { find: /^solid-js$/, replacement: solid('dist/solid.js') },
    ],
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Threads, not forks: each test file starts in a fresh worker either way (isolated), and a
    // thread starts for less than a process (143 files; measured 23 against 36 CPU-s on 40 small ones).
    pool: 'threads',
    // Vitest's default is one worker less than the cores: one worker on the 2-core CI, which then
    // ran the files one after another while the main process mostly waited.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    server: { deps: { inline: [/solid-js/] } },
  },
});

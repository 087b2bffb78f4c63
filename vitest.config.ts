import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

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
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    server: { deps: { inline: [/solid-js/] } },
  },
});

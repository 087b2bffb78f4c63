// Build of the command-line tools (scripts/solve.ts, scripts/optimize.ts) into plain JavaScript for
// node in dist-cli/, so that `rfo` (bin/rfo.mjs) starts without compiling TypeScript. The wasm
// core and the species data are read at run time from wasm-core/ (scripts/cli-engine.ts).
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      input: { solve: 'scripts/solve.ts', optimize: 'scripts/optimize.ts' },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
    },
  },
});

// Build of the command-line tools (scripts/solve.ts, scripts/optimize.ts) into plain JavaScript for
// node in dist-cli/, so that `rfo` (bin/rfo.mjs) starts without compiling TypeScript. The wasm
// core and the species data are read at run time from wasm-core/ (scripts/cli-engine.ts).
// dist-cli/sources.json lists the source files the build was made of: bin/rfo.mjs checks only their
// times to tell whether the build is stale (a file newly imported shows as its importer's change).
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = resolve(import.meta.dirname);

function sourceList(): Plugin {
  return {
    name: 'rfo-cli-sources',
    generateBundle() {
      const files = [...this.getModuleIds()]
        .filter((id) => !id.startsWith('\0') && id.startsWith(root) && existsSync(id))
        .map((id) => relative(root, id).split('\\').join('/'))
        .sort();
      this.emitFile({ type: 'asset', fileName: 'sources.json', source: JSON.stringify(files) });
    },
  };
}

export default defineConfig({
  logLevel: 'warn',
  plugins: [sourceList()],
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      input: { solve: 'scripts/solve.ts', optimize: 'scripts/optimize.ts', command: 'scripts/command.ts', report: 'scripts/report.ts' },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
    },
  },
});

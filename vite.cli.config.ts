// Build of the command-line tools (scripts/solve.ts, scripts/optimize.ts) into plain JavaScript for
// node in dist-cli/, so that `rfo` (bin/rfo.cjs) starts without compiling TypeScript. The wasm
// core and the species data are read at run time from wasm-core/ (scripts/cli-engine.ts).
// dist-cli/sources.json lists the source files the build was made of: bin/rfo.cjs checks only their
// times to tell whether the build is stale (a file newly imported shows as its importer's change).
// dist-cli/thermo-index.json and thermo-data.bin: the species data packed (app/domain/thermo-inp.ts,
// packThermoDocument), loaded at start-up instead of thermo.json; the list names
// wasm-core/data/thermo.json, so a change to it rebuilds them.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import { packThermoDocument, type ThermoDocument } from './app/domain/thermo-inp.ts';

const root = resolve(import.meta.dirname);
const THERMO = 'wasm-core/data/thermo.json';

function sourceList(): Plugin {
  return {
    name: 'rfo-cli-sources',
    generateBundle() {
      const files = [...this.getModuleIds()]
        .filter((id) => !id.startsWith('\0') && id.startsWith(root) && existsSync(id))
        .map((id) => relative(root, id).split('\\').join('/'))
        .concat(THERMO)
        .sort();
      this.emitFile({ type: 'asset', fileName: 'sources.json', source: JSON.stringify(files) });
      const { index, numbers } = packThermoDocument(JSON.parse(readFileSync(resolve(root, THERMO), 'utf8')) as ThermoDocument);
      this.emitFile({ type: 'asset', fileName: 'thermo-index.json', source: JSON.stringify(index) });
      this.emitFile({ type: 'asset', fileName: 'thermo-data.bin', source: new Uint8Array(numbers.buffer) });
    },
  };
}

// dist-cli/solve.cjs: the solve command again, as one CommonJS script, which bin/rfo.cjs runs with
// a V8 code cache (dist-cli/solve.cjs.cache, written by the first run): no module graph to resolve
// and link, no ES facades of node's built-in modules, no compiling of what the cache holds — the
// command's start-up. Its worker threads load the same script, with a code cache of their own
// (dist-cli/solve.cjs.thread-cache, scripts/solve-pool.ts).
function solveScript(): Plugin {
  let outDir = '';
  return {
    name: 'rfo-cli-solve-script',
    apply: 'build',
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        build: {
          ssr: true,
          target: 'node20',
          outDir,
          emptyOutDir: false,
          minify: false,
          sourcemap: false,
          copyPublicDir: false,
          rollupOptions: {
            input: { solve: 'scripts/solve.ts' },
            output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
          },
        },
      });
    },
  };
}

export default defineConfig({
  logLevel: 'warn',
  plugins: [sourceList(), solveScript()],
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      input: {
        solve: 'scripts/solve.ts',
        'solve-worker': 'scripts/solve-worker.ts',
        optimize: 'scripts/optimize.ts',
        design: 'scripts/design.ts',
        sensitivity: 'scripts/sensitivity.ts',
        command: 'scripts/command.ts',
        firing: 'scripts/firing.ts',
        report: 'scripts/report.ts',
      },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
    },
  },
});

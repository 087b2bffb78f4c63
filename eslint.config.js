// Lint: TypeScript rules plus the house import directions (../shared/HOUSE_STYLE.md, "Who may import whom").
import tseslint from 'typescript-eslint';

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

// Only app/bridge creates workers, so only it may name their modules (for `typeof api`).
const WORKERS_ONLY_FROM_BRIDGE = { group: ['**/workers/**'], message: 'only app/bridge reaches workers/; types shared with a worker live in app/domain (HOUSE_STYLE.md).' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'dist-cli.tmp-*/**', 'wasm-core/build/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dev-dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // bin/rfo.cjs is CommonJS on purpose (node starts it without its ES module loader): require is its import.
  { files: ['bin/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // wasm-core/assembly imports nothing outside itself (and is AssemblyScript: not linted as TS).
  { ignores: ['wasm-core/assembly/**'] },
  // workers never import the UI, state, storage, the job system or solid-js; they may import app/domain.
  restrict(['workers/**'], [
    { group: ['**/app/ui/**', '**/app/state/**', '**/app/data/**', '**/app/bridge/**', '**/app/jobs/**'], message: 'workers/ may import app/domain only (HOUSE_STYLE.md).' },
    { group: ['solid-js', 'solid-js/*', 'idb'], message: 'workers/ must not use solid-js or idb.' },
  ]),
  // app never imports wasm-core: all numerics go through workers.
  restrict(['app/**'], [
    { group: ['**/wasm-core/**', '!**/wasm-core/**/*.wasm?url'], message: 'app/ reaches wasm-core only through workers (HOUSE_STYLE.md).' },
  ]),
  // the UI never touches IndexedDB directly.
  restrict(['app/ui/**'], [
    { group: ['**/wasm-core/**'], message: 'app/ reaches wasm-core only through workers.' },
    { group: ['idb', 'idb/*'], message: 'app/ui reaches IndexedDB through app/state and app/data (HOUSE_STYLE.md).' },
    WORKERS_ONLY_FROM_BRIDGE,
  ]),
  // stores and the job system reach workers through app/bridge; their shared types live in app/domain.
  restrict(['app/state/**'], [
    { group: ['**/wasm-core/**'], message: 'app/ reaches wasm-core only through workers.' },
    WORKERS_ONLY_FROM_BRIDGE,
  ]),
  // Stores whose factories take their I/O as arguments (app-stores.ts or the page wires the app's)
  // load no bridge, no app queue or runner and no app singleton, so node tests run them with fakes;
  // types may still come from there.
  {
    files: ['app/state/optimize-store.ts', 'app/state/sweep-store.ts', 'app/state/ideal-store.ts', 'app/state/explain-store.ts', 'app/state/chamber-store.ts',
      'app/state/learn-store.ts', 'app/state/learn-dataset-store.ts', 'app/state/learn-model-store.ts', 'app/state/explore-store.ts', 'app/state/stand-store.ts', 'app/state/model-prediction.ts',
      'app/state/analyze-store.ts', 'app/state/bayes-model-store.ts', 'app/state/learn-training-store.ts', 'app/state/explore-results.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { group: ['../bridge/*', '../jobs/*', './workspace*', './design*', './app-stores*'], allowTypeImports: true, message: 'an injected store imports only types from the bridges, the job system and the app singletons: its caller passes the I/O in (app/state/app-stores.ts).' },
      ] }],
    },
  },
  restrict(['app/jobs/**'], [
    { group: ['**/wasm-core/**'], message: 'app/ reaches wasm-core only through workers.' },
    WORKERS_ONLY_FROM_BRIDGE,
    { group: ['../ui/*', '**/app/ui/**'], message: 'the job system does not import the UI (HOUSE_STYLE.md).' },
  ]),
  // storage never imports the bridge layer, the job system, stores or the UI: types both sides need live in app/domain.
  restrict(['app/data/**'], [
    { group: ['**/wasm-core/**'], message: 'app/ reaches wasm-core only through workers.' },
    WORKERS_ONLY_FROM_BRIDGE,
    { group: ['../bridge/*', '../jobs/*', '../state/*', '../ui/*', '**/app/bridge/**', '**/app/jobs/**', '**/app/state/**', '**/app/ui/**'], message: 'app/data imports only app/domain (and idb): storage never imports the bridge layer or the job system (HOUSE_STYLE.md).' },
  ]),
  // app/domain is pure: no solid-js, idb, comlink or DOM-bound modules; it runs in node.
  restrict(['app/domain/**'], [
    { group: ['solid-js', 'solid-js/*', 'idb', 'idb/*', 'comlink', '**/app/ui/**', '**/app/state/**', '**/app/data/**', '**/app/bridge/**', '**/app/jobs/**', '../ui/*', '../state/*', '../data/*', '../bridge/*', '../jobs/*', '**/wasm-core/**', '**/workers/**'], message: 'app/domain is pure TypeScript (HOUSE_STYLE.md).' },
  ]),
);

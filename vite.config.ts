import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';

// Provenance printed in reports: the app's version and the hashes of the data files it computes with.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const dataSha = (file: string): string => {
  try {
    return (JSON.parse(readFileSync(new URL(`./wasm-core/data/${file}`, import.meta.url), 'utf8')) as { provenance?: { sha256?: string } }).provenance?.sha256 ?? '';
  } catch {
    return '';
  }
};

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __THERMO_SHA256__: JSON.stringify(dataSha('thermo.json')),
    __TRANS_SHA256__: JSON.stringify(dataSha('trans.json')),
  },
  plugins: [
    solid(),
    VitePWA({
      registerType: 'prompt',
      // UpdatePrompt registers the worker through virtual:pwa-register/solid.
      injectRegister: false,
      // The glob below already precaches public/ (icons included); listing them again duplicates entries.
      includeManifestIcons: false,
      manifest: {
        name: 'Rocket Fuel Optimizer',
        short_name: 'RocketFuel',
        description: 'Rocket propellant performance, optimisation and learning — offline, in your browser.',
        theme_color: '#1b2a41',
        background_color: '#0f1724',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The first install takes control at once, so one visit is enough to work offline. Updates wait
        // (skipWaiting false) until the user accepts "Update available — Reload": a new version never
        // reloads under someone mid-work. tests/e2e/pwa.spec.ts and pwa-update.spec.ts check both.
        clientsClaim: true,
        skipWaiting: false,
        // Everything, lazy chunks included: a classroom tablet that visited once must work offline in every
        // section. Lazy chunks still load only when a section needs them; the service worker fetches them
        // into its cache without blocking the page. The plugin adds manifest.webmanifest itself.
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,json}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
      },
    }),
  ],
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});

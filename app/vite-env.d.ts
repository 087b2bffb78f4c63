/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/solid" />

/** package.json's version, the sha256 of the thermo.inp and trans.inp the data files were made from (vite.config.ts). */
declare const __APP_VERSION__: string;
declare const __THERMO_SHA256__: string;
declare const __TRANS_SHA256__: string;

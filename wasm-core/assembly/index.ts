// The wasm module's exports: every kernel family re-exported from one entry.
export * from './ideal/ideal-rocket';
export * from './optimize/index';
export * from './thermo/equilibrium';
export * from './thermo/rocket';
export * from './thermo/fac';
export * from './thermo/json-out';
export * from './text/json-scan';
// Standard gravity, read and checked by the loader (wasm-core/thermo.ts) against app/domain/units.ts's G0:
// the kernel's ideal-rocket Isp in seconds and the app's conversions use the same number.
export { G0_m_s2 } from './common';

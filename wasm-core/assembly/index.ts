// The wasm module's exports: every kernel family re-exported from one entry.
export * from './ideal/ideal-rocket';
export * from './optimize/index';
export * from './thermo/equilibrium';
export * from './thermo/rocket';
export * from './thermo/fac';

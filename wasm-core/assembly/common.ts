// Shared definitions for every kernel: the precision alias, physical constants and status codes.

/** Floating-point type used by every kernel (switch to f32 only for experiments). */
export type F = f64;

/** Universal gas constant, J/(mol·K) (CODATA 2018). */
export const R_J_molK: F = 8.314462618;
/** Standard gravity, m/s². */
export const G0_m_s2: F = 9.80665;

// Status codes returned by kernels. 0 is success; the TS loader maps the others to messages.
export const OK: i32 = 0;
export const ERR_BAD_INPUT: i32 = 1;
export const ERR_NO_CONVERGENCE: i32 = 2;

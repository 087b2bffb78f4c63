// Result values: expected failures (bad input, no convergence) travel as data, never as throws.

export interface KernelError {
  /** Machine-readable kind: 'bad-input', 'no-convergence', 'aborted', 'worker-crashed', … */
  code: string;
  /** A sentence a user can read, naming the value. */
  message: string;
  /** The input field at fault, as named in the input object (dotted path), when there is one. */
  field?: string;
}

export type Result<T, E = KernelError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: string, message: string, field?: string): { ok: false; error: KernelError } => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

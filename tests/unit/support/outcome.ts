// What every engine or optimiser answer must be, whatever the input: ok with finite numbers
// throughout (no NaN, no ±Infinity, nothing that JSON would print as null), or a named error.
import { expect } from 'vitest';

/** Path of the first value that is not a finite number where a number belongs (null, NaN, ±Infinity), else null. */
export function nonFinitePath(v: unknown, path = '$'): string | null {
  if (v === null) return path;
  if (typeof v === 'number') return Number.isFinite(v) ? null : path;
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v as object)) {
      const bad = nonFinitePath(x, Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return null;
}

/** Problems with a named error value: a kebab-case code, a readable message, a field when given. */
export function errorProblems(e: unknown, needField: boolean): string | null {
  if (!e || typeof e !== 'object') return `error is ${JSON.stringify(e)}`;
  const { code, message, field } = e as { code?: unknown; message?: unknown; field?: unknown };
  if (typeof code !== 'string' || !/^[a-z]+(-[a-z]+)*$/.test(code)) return `error.code ${JSON.stringify(code)}`;
  if (typeof message !== 'string' || message.trim().length < 10) return `error.message ${JSON.stringify(message)}`;
  if (field !== undefined && (typeof field !== 'string' || field === '')) return `error.field ${JSON.stringify(field)}`;
  if (needField && field === undefined) return `error ${code} names no field: ${message}`;
  return null;
}

/**
 * Expects an engine answer to be finite throughout and, when it failed, a named error; returns the
 * error's code, or null for an ok answer.
 */
export function expectOutcome(res: { ok: boolean; error?: unknown }, tag: string): string | null {
  expect(nonFinitePath(res), tag).toBeNull();
  if (res.ok) return null;
  expect(errorProblems(res.error, false), tag).toBeNull();
  return (res.error as { code: string }).code;
}

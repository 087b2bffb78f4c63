// Copies untrusted JSON-shaped data into plain values: no prototypes, no functions, bounded depth.
// Everything that reaches a document from storage, a link or a file goes through here, so a
// hostile "__proto__" key or a cyclic object can never change how the app behaves.

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** A deep copy of v restricted to JSON values (finite numbers only); undefined when v is not JSON-like. */
export function cleanJson(v: unknown, depth = 32): JsonValue | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (depth <= 0 || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) {
    const out: JsonValue[] = [];
    for (const x of v) {
      const c = cleanJson(x, depth - 1);
      out.push(c === undefined ? null : c);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (FORBIDDEN_KEYS.has(k)) continue;
    const c = cleanJson(x, depth - 1);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys of `raw` that are not in `known`, cleaned, for documents that keep fields they do not understand. */
export function unknownFields(raw: Record<string, unknown>, known: readonly string[]): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (known.includes(k) || FORBIDDEN_KEYS.has(k)) continue;
    const c = cleanJson(v);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

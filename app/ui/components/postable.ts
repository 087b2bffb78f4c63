// What a chart posts to its worker: the spec with every Solid store proxy inside it replaced by the
// store's plain object (a proxy cannot be cloned into a message). Solid's `unwrap` does that by
// walking the whole value and rewriting it in place: on a sweep's chart spec, 10,000 data rows,
// that walk took 10–14 ms of the main thread at the moment the chart was asked for. This walk only
// looks: it returns the value itself when no proxy is inside (the usual case), and copies only the
// objects and arrays on the way to a proxy; the caller's value is never changed.
import { $RAW, unwrap } from 'solid-js/store';

const isProxy = (v: object): boolean => (v as Record<PropertyKey, unknown>)[$RAW] !== undefined;

/** `value` with each store proxy inside it unwrapped; the same value when there is none. */
export function postable<T>(value: T): T {
  return walk(value, new Map()) as T;
}

// `done`: each object already walked and what it became (an object met twice becomes the same
// copy; one inside itself is left as it is, to the structured clone)
function walk(v: unknown, done: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isProxy(v)) return unwrap(v);
  if (done.has(v)) return done.get(v);
  done.set(v, v);
  // typed arrays, dates, maps and other built-ins are cloned as they are
  const proto = Object.getPrototypeOf(v);
  let out: unknown = v;
  if (Array.isArray(v)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const y = walk(x, done);
      if (y !== x) (copy ??= v.slice())[i] = y;
    }
    out = copy ?? v;
  } else if (proto === Object.prototype || proto === null) {
    let copy: Record<string, unknown> | null = null;
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      const y = walk(x, done);
      if (y !== x) (copy ??= { ...(v as Record<string, unknown>) })[k] = y;
    }
    out = copy ?? v;
  }
  done.set(v, out);
  return out;
}

// What a chart posts to its worker (app/ui/components/postable.ts): store proxies inside a spec are
// replaced by plain objects so the spec can be cloned into a message, a spec without any is passed
// as it is (no walk that rewrites 10,000 data rows), and the caller's spec is never changed.
import { describe, expect, it } from 'vitest';
import { createStore } from 'solid-js/store';
import { postable } from '../../app/ui/components/postable.ts';

describe('postable', () => {
  it('returns a spec without store values as the very same object, unchanged', () => {
    const values = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i * i, series: `s${i % 3}` }));
    const spec = { data: { values }, mark: 'line', encoding: { x: { field: 'x' } }, typed: new Float64Array([1, 2]) };
    const before = JSON.stringify(spec);
    expect(postable(spec)).toBe(spec);
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('replaces a store proxy deep inside by its plain object, copying only the path to it', () => {
    const [store] = createStore({ axes: [{ variable: 'of', from: 1.8 }] });
    const untouched = { field: 'y' };
    const spec = { data: { values: [{ x: 1 }] }, encoding: { y: untouched }, params: [{ name: 'p', value: store.axes }] };
    // a proxy cannot be cloned: the check that this test's input is the case the helper is for
    expect(() => structuredClone(spec)).toThrow();
    const out = postable(spec);
    expect(() => structuredClone(out)).not.toThrow();
    expect(structuredClone(out).params[0].value).toEqual([{ variable: 'of', from: 1.8 }]);
    // the caller's spec still holds its proxy; untouched branches are shared, not copied
    expect(() => structuredClone(spec)).toThrow();
    expect(out).not.toBe(spec);
    expect(out.encoding).toBe(spec.encoding);
    expect(out.data).toBe(spec.data);
  });

  it('unwraps a spec that is itself a store, and an object met twice becomes one copy', () => {
    const [store] = createStore({ mark: 'point', data: { values: [{ x: 1 }] } });
    expect(() => structuredClone(postable(store))).not.toThrow();
    const [s2] = createStore({ v: 1 });
    const shared = { inner: s2 };
    const out = postable({ a: shared, b: shared });
    expect(out.a).toBe(out.b);
    expect(out.a).not.toBe(shared);
    expect(() => structuredClone(out)).not.toThrow();
  });

  it('leaves a cycle to the structured clone instead of looping', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(postable(a)).toBe(a);
  });
});

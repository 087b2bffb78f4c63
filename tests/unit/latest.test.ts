// The "latest call wins" helper: only the newest call's answer is kept, whatever order answers
// arrive in; cancel drops every call in flight.
import { describe, it, expect } from 'vitest';
import { latest } from '../../app/domain/latest.ts';

/** A call whose answer arrives when `release` is called. */
function deferred<T>() {
  let release!: (v: T) => void;
  const p = new Promise<T>((r) => { release = r; });
  return { p, release };
}

describe('latest', () => {
  it('keeps the answer of the newest call even when an older one arrives later', async () => {
    const calls = latest();
    const shown: string[] = [];
    const ask = async (answer: Promise<string>) => {
      const current = calls.next();
      const v = await answer;
      if (current()) shown.push(v);
    };
    const a = deferred<string>();
    const b = deferred<string>();
    const pa = ask(a.p);
    const pb = ask(b.p);
    b.release('b');
    await pb;
    a.release('a');
    await pa;
    expect(shown).toEqual(['b']);
  });

  it('a single call is current until the next one starts', () => {
    const calls = latest();
    const first = calls.next();
    expect(first()).toBe(true);
    const second = calls.next();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('cancel makes every call in flight stale', () => {
    const calls = latest();
    const a = calls.next();
    calls.cancel();
    expect(a()).toBe(false);
    expect(calls.next()()).toBe(true);
  });

  it('separate helpers do not interfere', () => {
    const x = latest();
    const y = latest();
    const cx = x.next();
    y.next();
    y.cancel();
    expect(cx()).toBe(true);
  });
});

// The budget the sync engines of one server share (app/data/sync-budget.ts), with fake requests
// and fake timers: how many requests and long-polls are open at once, who gets a long-poll place
// when one ends, what an engine without one does, and what an abort does to a place.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncBudget, type ChangeWaiter } from '../../app/data/sync-budget.ts';

/** A request that stays open until `end()` is called. */
function pending() {
  let end = () => {};
  const p = new Promise<void>((r) => (end = r));
  return { p, end: () => end() };
}

/** An engine's waiter: its long-polls stay open until ended; its checks answer `changed`. */
function waiter(changed = false) {
  const polls: ReturnType<typeof pending>[] = [];
  let checks = 0;
  const w: ChangeWaiter = {
    longpoll: (signal) => {
      const x = pending();
      polls.push(x);
      signal.addEventListener('abort', x.end);
      return x.p;
    },
    check: async () => {
      checks++;
      return changed;
    },
  };
  return { w, polls, checks: () => checks };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sync budget', () => {
  it('keeps at most maxOpen requests open; the others wait and go in order', async () => {
    const b = createSyncBudget({ maxOpen: 3, maxLongpolls: 1 });
    const reqs = Array.from({ length: 5 }, () => pending());
    let open = 0;
    let peak = 0;
    const order: number[] = [];
    const all = reqs.map((r, k) =>
      b.request(async () => {
        open++;
        peak = Math.max(peak, open);
        order.push(k);
        await r.p;
        open--;
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(b.load().open).toBe(3);
    expect(order).toEqual([0, 1, 2]);
    reqs.forEach((r) => r.end());
    await Promise.all(all);
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(b.load().open).toBe(0);
  });

  it('gives 2 of 8 engines a long-poll; the others check in turn every checkMs; an ended long-poll passes its place to the longest waiting', async () => {
    const b = createSyncBudget({ maxOpen: 4, maxLongpolls: 2, checkMs: 1000 });
    const ws = Array.from({ length: 8 }, () => waiter());
    const ctl = ws.map(() => new AbortController());
    const waits = ws.map((x, k) => b.waitForChange(x.w, ctl[k].signal));
    await vi.advanceTimersByTimeAsync(0);
    expect(ws.map((x) => x.polls.length)).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(b.load()).toMatchObject({ longpolls: 2, waiting: 6 });
    // no change on the server: each of the six checks once a second, none long-polls
    await vi.advanceTimersByTimeAsync(3000);
    expect(ws.slice(2).map((x) => x.checks())).toEqual([3, 3, 3, 3, 3, 3]);
    expect(ws.slice(0, 2).map((x) => x.checks())).toEqual([0, 0]);
    // engine 0's long-poll ends (a change or its timeout): engine 2, first in line, long-polls at once
    ws[0].polls[0].end();
    await waits[0];
    await vi.advanceTimersByTimeAsync(0);
    expect(ws[2].polls.length).toBe(1);
    expect(b.load()).toMatchObject({ longpolls: 2, waiting: 5 });
    // engine 0 waits again: at the back of the line, not on a long-poll
    const again = b.waitForChange(ws[0].w, ctl[0].signal);
    await vi.advanceTimersByTimeAsync(0);
    expect(ws[0].polls.length).toBe(1);
    expect(b.load()).toMatchObject({ longpolls: 2, waiting: 6 });
    for (const c of ctl) c.abort();
    await Promise.allSettled([...waits, again]);
    expect(b.load()).toEqual({ open: 0, longpolls: 0, waiting: 0 });
  });

  it('returns when a check sees a change; an abort (a local change) ends the wait at once', async () => {
    const b = createSyncBudget({ maxLongpolls: 1, checkMs: 1000 });
    const holder = waiter();
    const c0 = new AbortController();
    void b.waitForChange(holder.w, c0.signal).catch(() => undefined);
    const seesChange = waiter(true);
    let done = false;
    const w1 = b.waitForChange(seesChange.w, new AbortController().signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await w1;
    expect(seesChange.checks()).toBe(1);
    // a poke while in line: AbortError now, not at the next check
    const poked = new AbortController();
    const w2 = b.waitForChange(waiter().w, poked.signal);
    poked.abort();
    await expect(w2).rejects.toMatchObject({ name: 'AbortError' });
    expect(b.load().waiting).toBe(0);
    c0.abort();
  });

  it('a place handed to an engine that was poked meanwhile goes on to the next in line', async () => {
    const b = createSyncBudget({ maxLongpolls: 1, checkMs: 1000 });
    const a = waiter();
    const ca = new AbortController();
    const wa = b.waitForChange(a.w, ca.signal);
    // engine b's check hangs; while it checks, the long-poll ends and the place is handed to b
    let endCheck = () => {};
    const slow: ChangeWaiter = { longpoll: () => new Promise(() => {}), check: () => new Promise<boolean>((r) => (endCheck = () => r(true))) };
    const wb = b.waitForChange(slow, new AbortController().signal);
    const c = waiter();
    const cc = new AbortController();
    const wc = b.waitForChange(c.w, cc.signal);
    await vi.advanceTimersByTimeAsync(1000); // b checks (hangs); c waits for its turn to check
    a.polls[0].end();
    await wa;
    // b sees a change and returns without using the place: c gets it, at once
    endCheck();
    await wb;
    await vi.advanceTimersByTimeAsync(0);
    expect(c.polls.length).toBe(1);
    expect(b.load()).toMatchObject({ longpolls: 1, waiting: 0 });
    cc.abort();
    await wc;
    expect(b.load().longpolls).toBe(0);
  });

  it('refuses a budget whose long-polls could hold every request', () => {
    expect(() => createSyncBudget({ maxOpen: 2, maxLongpolls: 2 })).toThrow(/maxOpen \(2\) must exceed maxLongpolls \(2\)/);
  });
});

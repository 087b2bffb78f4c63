// The worker bridge contract in node, over fake workers on MessageChannels: lazy start, calls in
// order, progress through a Comlink.proxy callback, cancel of queued and running calls (the
// running one terminates the worker), crashes and throws as Result errors, and the idle stop.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { WorkerBridge } from '../../app/bridge/worker-bridge.ts';
import { fakeWorkers } from './support/fake-worker.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fake worker API: `count` reports 1..n then answers n; `hang` never answers; `boom` throws. */
function makeApi(log: string[] = []) {
  return {
    async count(input: { n: number; wait?: number }, onProgress?: (p: { done: number }) => void) {
      log.push(`start ${input.n}`);
      for (let i = 1; i <= input.n; i++) onProgress?.({ done: i });
      if (input.wait) await sleep(input.wait);
      log.push(`end ${input.n}`);
      return { ok: true as const, value: input.n };
    },
    hang(_input: object) {
      return new Promise<{ ok: true; value: number }>(() => {});
    },
    boom(_input: object): { ok: true; value: number } {
      throw new Error('the kernel tripped');
    },
  };
}
type Api = ReturnType<typeof makeApi>;

afterEach(() => vi.useRealTimers());

describe('WorkerBridge', () => {
  it('starts its worker on the first call, not before, and answers with the method\'s Result', async () => {
    const w = fakeWorkers(() => makeApi());
    const b = new WorkerBridge<Api>(w.create);
    expect(w.started).toHaveLength(0);
    const r = await b.call('count', { n: 3 });
    expect(r).toEqual({ ok: true, value: 3 });
    // the reply is typed at the call site: value is a number without a cast
    if (r.ok) expect(r.value + 1).toBe(4);
    expect(w.started).toHaveLength(1);
    await b.call('count', { n: 1 });
    expect(w.started).toHaveLength(1);
  });

  it('runs calls one at a time, in the order made', async () => {
    const log: string[] = [];
    const w = fakeWorkers(() => makeApi(log));
    const b = new WorkerBridge<Api>(w.create);
    const [a, c] = await Promise.all([b.call('count', { n: 2, wait: 20 }), b.call('count', { n: 5 })]);
    expect([a, c]).toEqual([{ ok: true, value: 2 }, { ok: true, value: 5 }]);
    expect(log).toEqual(['start 2', 'end 2', 'start 5', 'end 5']);
  });

  it('passes onProgress to the worker as a proxy: every report arrives, in order, before the answer', async () => {
    const w = fakeWorkers(() => makeApi());
    const b = new WorkerBridge<Api>(w.create);
    const seen: number[] = [];
    const r = await b.call('count', { n: 4, wait: 10 }, { onProgress: (p) => seen.push(p.done) });
    expect(r.ok).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('drops a queued call on abort without running it', async () => {
    const log: string[] = [];
    const w = fakeWorkers(() => makeApi(log));
    const b = new WorkerBridge<Api>(w.create);
    const ctl = new AbortController();
    const first = b.call('count', { n: 1, wait: 20 });
    const second = b.call('count', { n: 2 }, { signal: ctl.signal });
    expect(b.pending).toBe(1);
    ctl.abort();
    expect(await second).toEqual({ ok: false, error: { code: 'aborted', message: 'count was cancelled' } });
    expect(await first).toEqual({ ok: true, value: 1 });
    expect(log).toEqual(['start 1', 'end 1']);
    expect(w.started).toHaveLength(1);
  });

  it('aborting the running call terminates its worker; the next call starts a fresh one', async () => {
    const w = fakeWorkers(() => makeApi());
    const b = new WorkerBridge<Api>(w.create);
    const ctl = new AbortController();
    const hung = b.call('hang', {}, { signal: ctl.signal });
    const queued = b.call('count', { n: 7 });
    await sleep(10);
    ctl.abort();
    expect(await hung).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(w.started[0].terminated).toBe(true);
    expect(await queued).toEqual({ ok: true, value: 7 });
    expect(w.started).toHaveLength(2);
    expect(w.started[1].terminated).toBe(false);
  });

  it('answers an already-aborted call at once, without starting a worker', async () => {
    const w = fakeWorkers(() => makeApi());
    const b = new WorkerBridge<Api>(w.create);
    const ctl = new AbortController();
    ctl.abort();
    expect(await b.call('count', { n: 1 }, { signal: ctl.signal })).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(w.started).toHaveLength(0);
  });

  it('turns a throw in the worker into a worker-error Result naming the method and the message', async () => {
    const w = fakeWorkers(() => makeApi());
    const b = new WorkerBridge<Api>(w.create);
    expect(await b.call('boom', {})).toEqual({ ok: false, error: { code: 'worker-error', message: 'boom failed: the kernel tripped' } });
    expect(await b.call('count', { n: 2 })).toEqual({ ok: true, value: 2 });
  });

  it('turns a crashed worker into a worker-crashed Result and restarts for the next call', async () => {
    const w = fakeWorkers(() => makeApi());
    const b = new WorkerBridge<Api>(w.create);
    const hung = b.call('hang', {});
    await sleep(10);
    w.started[0].crash();
    expect(await hung).toEqual({ ok: false, error: { code: 'worker-crashed', message: 'the worker stopped while running hang' } });
    expect(await b.call('count', { n: 3 })).toEqual({ ok: true, value: 3 });
    expect(w.started).toHaveLength(2);
  });

  it('stops an idle worker after idleMs, not before, and starts another for the next call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const w = fakeWorkers(() => makeApi());
    const b = new WorkerBridge<Api>(w.create, { idleMs: 5000 });
    await b.call('count', { n: 1 });
    vi.advanceTimersByTime(4999);
    expect(b.alive).toBe(true);
    // a call before the deadline keeps the worker and restarts the wait
    await b.call('count', { n: 2 });
    vi.advanceTimersByTime(4999);
    expect(b.alive).toBe(true);
    vi.advanceTimersByTime(1);
    expect(b.alive).toBe(false);
    expect(w.started[0].terminated).toBe(true);
    expect(await b.call('count', { n: 3 })).toEqual({ ok: true, value: 3 });
    expect(w.started).toHaveLength(2);
  });

  it('never stops a worker while a call runs, however long it takes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const w = fakeWorkers(() => makeApi());
    const b = new WorkerBridge<Api>(w.create, { idleMs: 1000 });
    void b.call('hang', {});
    await vi.waitFor(() => expect(b.running).toBe(true));
    vi.advanceTimersByTime(60_000);
    expect(b.alive).toBe(true);
    expect(w.started[0].terminated).toBe(false);
    b.terminate();
  });
});

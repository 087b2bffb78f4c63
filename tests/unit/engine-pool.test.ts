// The engine pool in node over fake workers: calls spread to the least-loaded worker, idle workers
// stop after idleMs, and a lease hands the holder a MessagePort to every worker (answered by the
// workers' servePort, as the optimiser worker uses them), keeping them busy until it ends.
import { describe, it, expect, vi, afterEach } from 'vitest';
import * as Comlink from 'comlink';
import { EnginePool } from '../../app/bridge/engine-pool.ts';
import type { WorkerEndpoint } from '../../app/bridge/worker-bridge.ts';
import { servePort } from '../../workers/serve-port.ts';
import { fakeWorkers } from './support/fake-worker.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each fake worker knows its number; solveRockets answers each problem with that number. */
function poolApi() {
  let n = 0;
  return () => {
    const me = ++n;
    const api = {
      async solveRockets(input: { problems: unknown[] }) {
        await sleep(5);
        return { ok: true as const, value: input.problems.map(() => me) };
      },
      serve(input: { port: MessagePort }) {
        return servePort(input.port, { solveRockets: api.solveRockets });
      },
    };
    return api;
  };
}

// The pool is typed by the engine worker's API; the fakes answer the subset these tests call.
const asPool = (size: number, create: () => WorkerEndpoint, idleMs?: number) => new EnginePool({ size, create, idleMs });

afterEach(() => vi.useRealTimers());

describe('EnginePool', () => {
  it('sends concurrent calls to different workers (least loaded first)', async () => {
    const w = fakeWorkers(poolApi());
    const pool = asPool(3, w.create);
    const rs = await Promise.all([0, 1, 2].map(() => pool.call('solveRockets', { problems: [{}] })));
    const who = rs.map((r) => (r.ok ? (r.value[0] as unknown as number) : -1)).sort();
    expect(who).toEqual([1, 2, 3]);
    expect(w.started).toHaveLength(3);
    pool.terminate();
  });

  it('starts no worker before the first call, and stops idle workers after idleMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const w = fakeWorkers(() => ({ async solveRockets(input: { problems: unknown[] }) { return { ok: true as const, value: input.problems.map(() => 0) }; } }));
    const pool = asPool(2, w.create, 10_000);
    expect(pool.alive).toBe(0);
    await Promise.all([pool.call('solveRockets', { problems: [] }), pool.call('solveRockets', { problems: [] })]);
    expect(pool.alive).toBe(2);
    vi.advanceTimersByTime(9_999);
    expect(pool.alive).toBe(2);
    vi.advanceTimersByTime(1);
    expect(pool.alive).toBe(0);
    expect(w.started.every((x) => x.terminated)).toBe(true);
  });

  it('warm() starts every worker and asks each to load its engine, once per worker; warm(problem) hands each the design', async () => {
    const inputs: unknown[] = [];
    const w = fakeWorkers(() => ({ async warm(input: unknown) { inputs.push(input); return { ok: true as const, value: null }; } }));
    const pool = asPool(3, w.create);
    pool.warm();
    for (let i = 0; i < 20 && inputs.length < 3; i++) await sleep(5);
    expect(w.started).toHaveLength(3);
    expect(inputs).toEqual([null, null, null]);
    pool.warm({ problem: 'rocket', of: 2.5 });
    for (let i = 0; i < 20 && inputs.length < 6; i++) await sleep(5);
    expect(w.started).toHaveLength(3);
    expect(inputs.slice(3)).toEqual(Array(3).fill({ problem: { problem: 'rocket', of: 2.5 } }));
    pool.terminate();
  });

  it('leases a port to every worker; calls on the ports reach them directly, and ending frees them', async () => {
    const w = fakeWorkers(poolApi());
    const pool = asPool(2, w.create);
    const lease = pool.lease();
    expect(lease.ports).toHaveLength(2);
    let freed = false;
    void lease.done.then(() => { freed = true; });
    const remotes = lease.ports.map((p) => Comlink.wrap<{ solveRockets(x: { problems: unknown[] }): Promise<{ ok: true; value: number[] }>; end(): void }>(p));
    const answers = await Promise.all(remotes.map((r) => r.solveRockets({ problems: [1, 2] })));
    expect(answers.map((a) => a.value).sort()).toEqual([[1, 1], [2, 2]]);
    // while leased, the workers are busy for the pool: a pool call waits for the end
    let later = false;
    const call = pool.call('solveRockets', { problems: [0] }).then((r) => { later = true; return r; });
    await sleep(30);
    expect(freed).toBe(false);
    expect(later).toBe(false);
    await Promise.all(remotes.map((r) => r.end()));
    await lease.done;
    expect(freed).toBe(true);
    expect((await call).ok).toBe(true);
    pool.terminate();
  });

  it('a lease whose signal aborts stops the leased workers', async () => {
    const w = fakeWorkers(poolApi());
    const pool = asPool(2, w.create);
    const ctl = new AbortController();
    const lease = pool.lease(ctl.signal);
    await sleep(10);
    ctl.abort();
    await lease.done;
    expect(w.started.map((x) => x.terminated)).toEqual([true, true]);
  });
});

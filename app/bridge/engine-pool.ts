// A pool of engine workers for jobs: sized to the machine (hardwareConcurrency − 1, at least 1),
// each a WorkerBridge, so a chunk can be cancelled by terminating just its worker. Idle workers
// stop after `idleMs` (their wasm memory freed); the next call starts one again.
import * as Comlink from 'comlink';
import { WorkerBridge, type BridgeReply, type CallOptions, type Input, type Progress, type WorkerEndpoint } from './worker-bridge.ts';
import type { EngineWorkerApi } from '../../workers/engine.worker.ts';

export function poolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, n - 1);
}

/** Pool workers left idle this long stop (ms). */
export const POOL_IDLE_MS = 30_000;

export interface EnginePoolOptions {
  size?: number;
  /** Starts one engine worker (a module Worker in the app; a fake endpoint in tests). */
  create?: () => WorkerEndpoint;
  idleMs?: number;
}

const engineWorker = (): WorkerEndpoint =>
  new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine-pool' });

/** MessagePorts to every pool worker, held busy until `done` settles (see EnginePool.lease). */
export interface PoolLease {
  ports: MessagePort[];
  /** Settles when every worker has let go of its port (or was stopped by the signal). */
  done: Promise<void>;
}

export class EnginePool {
  readonly size: number;
  private readonly bridges: WorkerBridge<EngineWorkerApi>[];
  private readonly load: number[];

  constructor(opts: EnginePoolOptions = {}) {
    this.size = opts.size ?? poolSize();
    const create = opts.create ?? engineWorker;
    this.bridges = Array.from({ length: this.size }, () => new WorkerBridge<EngineWorkerApi>(create, { idleMs: opts.idleMs ?? POOL_IDLE_MS }));
    this.load = new Array(this.size).fill(0);
  }

  /** Runs a call on the least-loaded worker. */
  async call<K extends keyof EngineWorkerApi & string>(method: K, input: Input<EngineWorkerApi[K]>, opts: CallOptions<Progress<EngineWorkerApi[K]>> = {}): Promise<BridgeReply<EngineWorkerApi[K]>> {
    let best = 0;
    for (let i = 1; i < this.size; i++) if (this.load[i] < this.load[best]) best = i;
    return this.on(best, method, input, opts);
  }

  /**
   * Starts every pool worker and loads its engine now, so the next job's first chunk does not wait
   * for the start-up (a page about to run one calls this); failures are left to the real calls.
   * With `problem` (a design of the `solve` format), each worker also runs sweep chunks around it once,
   * for at most 400 ms, and stops at the first real call (workers/engine.worker.ts `warm`).
   */
  warm(problem?: unknown): void {
    for (let i = 0; i < this.size; i++) void this.on(i, 'warm', problem === undefined ? null : { problem }, {}).catch(() => {});
  }

  /**
   * A port to each worker, answering `solveRockets` for whoever holds it (the optimiser worker)
   * until its `end()`: each worker is busy for the pool meanwhile. Aborting the signal stops them.
   */
  lease(signal?: AbortSignal): PoolLease {
    const ports: MessagePort[] = [];
    const served = this.bridges.map((_, i) => {
      const { port1, port2 } = new MessageChannel();
      ports.push(port2);
      return this.on(i, 'serve', Comlink.transfer({ port: port1 }, [port1]), { signal });
    });
    return { ports, done: Promise.all(served).then(() => undefined) };
  }

  /** Workers running now (started and not stopped since). */
  get alive(): number {
    return this.bridges.filter((b) => b.alive).length;
  }

  terminate(): void {
    for (const b of this.bridges) b.terminate();
  }

  private async on<K extends keyof EngineWorkerApi & string>(i: number, method: K, input: Input<EngineWorkerApi[K]>, opts: CallOptions<Progress<EngineWorkerApi[K]>>): Promise<BridgeReply<EngineWorkerApi[K]>> {
    this.load[i]++;
    try {
      return await this.bridges[i].call(method, input, opts);
    } finally {
      this.load[i]--;
    }
  }
}

let shared: EnginePool | null = null;
/** The app's job pool, created on first use. */
export function enginePool(): EnginePool {
  shared ??= new EnginePool();
  return shared;
}

// A pool of engine workers for jobs: sized to the machine (hardwareConcurrency − 1, at least 1),
// each a WorkerBridge, so a chunk can be cancelled by terminating just its worker.
import { WorkerBridge, type CallOptions, type Reply } from './worker-bridge.ts';
import type { EngineWorkerApi } from '../../workers/engine.worker.ts';

export function poolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, n - 1);
}

export class EnginePool {
  private readonly bridges: WorkerBridge<EngineWorkerApi>[];
  private readonly load: number[];

  constructor(readonly size = poolSize()) {
    this.bridges = Array.from({ length: size }, () =>
      new WorkerBridge<EngineWorkerApi>(
        () => new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine-pool' }),
      ),
    );
    this.load = new Array(size).fill(0);
  }

  /** Runs a call on the least-loaded worker. */
  async call<K extends keyof EngineWorkerApi & string>(method: K, input: Parameters<EngineWorkerApi[K]>[0], opts: CallOptions = {}): Promise<Reply<EngineWorkerApi[K]>> {
    let best = 0;
    for (let i = 1; i < this.size; i++) if (this.load[i] < this.load[best]) best = i;
    this.load[best]++;
    try {
      return await this.bridges[best].call(method, input, opts);
    } finally {
      this.load[best]--;
    }
  }

  terminate(): void {
    for (const b of this.bridges) b.terminate();
  }
}

let shared: EnginePool | null = null;
/** The app's job pool, created on first use. */
export function enginePool(): EnginePool {
  shared ??= new EnginePool();
  return shared;
}

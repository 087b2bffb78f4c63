// The optimiser bridge: NSGA-II runs in a worker of its own (workers/optimizer.worker.ts), so a
// cancelled optimisation stops that worker and the pool's, never Explore's engine. Each step hands
// the optimiser a MessagePort to every pool worker: a generation's designs go from the optimiser
// to the pool and back without passing through the main thread.
import * as Comlink from 'comlink';
import { WorkerBridge, type BridgeReply, type CallOptions, type WorkerEndpoint } from './worker-bridge.ts';
import { enginePool, type EnginePool } from './engine-pool.ts';
import type { OptimizerWorkerApi } from '../../workers/optimizer.worker.ts';

type Api = OptimizerWorkerApi;

/** How long a failed step's pool workers get to let go of their ports before they are stopped (ms). */
const LEASE_GRACE_MS = 2000;

export class OptimizerBridge {
  private readonly bridge: WorkerBridge<Api>;

  constructor(private readonly pool: () => Pick<EnginePool, 'lease'>, create: () => WorkerEndpoint) {
    this.bridge = new WorkerBridge<Api>(create);
  }

  /** Starts a run of `spec`; the answer names it for nsga2Step. */
  start(spec: unknown, opts: CallOptions = {}): Promise<BridgeReply<Api['nsga2Start']>> {
    return this.bridge.call('nsga2Start', spec, opts);
  }

  /** One generation of run `runId`, evaluated on the pool (and in the optimiser worker). */
  async step(runId: number, opts: CallOptions = {}): Promise<BridgeReply<Api['nsga2Step']>> {
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const lease = this.pool().lease(stop.signal);
    const r = await this.bridge.call('nsga2Step', Comlink.transfer({ runId, pool: lease.ports }, lease.ports), opts);
    opts.signal?.removeEventListener('abort', onAbort);
    // The optimiser lets go of every port when a step ends; one that crashed cannot, so pool
    // workers still serving a moment later are stopped.
    if (!r.ok) {
      await Promise.race([lease.done, new Promise((resolve) => setTimeout(resolve, LEASE_GRACE_MS))]);
      stop.abort();
    }
    return r;
  }
}

let shared: OptimizerBridge | null = null;
/** The app's optimiser, created on first use (its worker starts on the first call). */
export function optimizer(): OptimizerBridge {
  shared ??= new OptimizerBridge(enginePool, () =>
    new Worker(new URL('../../workers/optimizer.worker.ts', import.meta.url), { type: 'module', name: 'optimizer' }));
  return shared;
}

// The ML bridge: the one place the main thread reaches the ML worker (and so TensorFlow.js, which
// loads with the worker on the first call — never with the app shell).
import { WorkerBridge } from './worker-bridge.ts';
import type { MlWorkerApi } from '../../workers/ml.worker.ts';

export type MlBridge = Pick<WorkerBridge<MlWorkerApi>, 'call'>;

let bridge: WorkerBridge<MlWorkerApi> | null = null;

/** The shared ML bridge, created on first use (the worker starts on the first call). */
export function ml(): WorkerBridge<MlWorkerApi> {
  bridge ??= new WorkerBridge<MlWorkerApi>(() => new Worker(new URL('../../workers/ml.worker.ts', import.meta.url), { type: 'module', name: 'ml' }));
  return bridge;
}

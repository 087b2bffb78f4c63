// The engine bridge: the one place the main thread reaches Explore's engine worker (kept warm: it
// answers every edit, so it does not idle out).
import { WorkerBridge } from './worker-bridge.ts';
import type { EngineWorkerApi } from '../../workers/engine.worker.ts';

export type EngineBridge = Pick<WorkerBridge<EngineWorkerApi>, 'call'>;

let bridge: WorkerBridge<EngineWorkerApi> | null = null;

/** The shared engine bridge, created on first use (the worker starts on the first call). */
export function engine(): WorkerBridge<EngineWorkerApi> {
  bridge ??= new WorkerBridge<EngineWorkerApi>(
    () => new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }),
  );
  return bridge;
}

// The chart bridge: the one place the main thread reaches the chart worker, where vega draws every
// chart (the page only inserts the result), so vega never loads with the app and a chart of
// thousands of marks never blocks the page. The worker keeps the charts on screen (for pointer
// picks and zoom), so it does not idle out.
import { WorkerBridge } from './worker-bridge.ts';
import type { ChartWorkerApi } from '../../workers/chart.worker.ts';

export type ChartBridge = Pick<WorkerBridge<ChartWorkerApi>, 'call'>;

let bridge: WorkerBridge<ChartWorkerApi> | null = null;

/** The shared chart bridge, created on first use (the worker starts on the first call). */
export function charts(): WorkerBridge<ChartWorkerApi> {
  bridge ??= new WorkerBridge<ChartWorkerApi>(() => new Worker(new URL('../../workers/chart.worker.ts', import.meta.url), { type: 'module', name: 'charts' }));
  return bridge;
}

// A Worker stand-in for node tests of the bridges: the "worker" is an API exposed (with the
// worker side's exposeApi) on one end of a MessageChannel; terminate() closes both ends, so a
// call in flight never answers — as when a real worker is terminated mid-loop.
import { MessageChannel } from 'node:worker_threads';
import { exposeApi } from '../../../workers/expose-api.ts';
import type { WorkerEndpoint } from '../../../app/bridge/worker-bridge.ts';

export interface FakeWorkers {
  /** Starts one fake worker (pass as the bridge's create). */
  create: () => WorkerEndpoint;
  /** Workers started so far, the latest last. */
  started: FakeWorker[];
}

export interface FakeWorker {
  endpoint: WorkerEndpoint;
  terminated: boolean;
  /** Fires the worker's error event (an uncaught error in a real worker). */
  crash(): void;
}

export function fakeWorkers(makeApi: () => Record<string, (input: any, onProgress?: any) => unknown>): FakeWorkers {
  const started: FakeWorker[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    exposeApi(makeApi(), port2 as unknown as MessagePort);
    const w: FakeWorker = {
      terminated: false,
      endpoint: Object.assign(port1 as unknown as WorkerEndpoint, {
        terminate() {
          w.terminated = true;
          port1.close();
          port2.close();
        },
      }),
      crash: () => (port1 as unknown as EventTarget).dispatchEvent(new Event('error')),
    };
    started.push(w);
    return w.endpoint;
  };
  return { create, started };
}

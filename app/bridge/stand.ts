// The test stand's bridge: the one place the stand worker is created. The worker is a stream
// processor rather than a request/response API (text goes in continuously, updates come out on a
// timer), so it speaks plain typed messages instead of the Comlink call contract.
import type { StandIn, StandOut } from '../domain/firing/live.ts';

export interface StandWorker {
  send(m: StandIn, transfer?: Transferable[]): void;
  onMessage(cb: (m: StandOut) => void): void;
  terminate(): void;
}

export function createStandWorker(): StandWorker {
  const w = new Worker(new URL('../../workers/stand.worker.ts', import.meta.url), { type: 'module', name: 'stand' });
  return {
    send: (m, transfer = []) => w.postMessage(m, transfer),
    onMessage: (cb) => w.addEventListener('message', (e: MessageEvent<StandOut>) => cb(e.data)),
    terminate: () => w.terminate(),
  };
}

// The test stand's bridge: the one place the stand worker is created. Its API has the worker
// contract's shape: a stream is opened with `{signal, onProgress}`, the worker's updates and rows
// come through `onProgress`, and aborting the signal stops the worker (terminated, as the other
// bridges cancel). The wire is plain typed messages, not Comlink — the one deliberate exception
// (HOUSE_STYLE.md, Contracts; README, Architecture): the input is a fire-and-forget text stream
// (every WebSocket message or serial read: about 100 a second from the simulator at any sample
// rate, a serial port's reads every few milliseconds) with nothing to answer, and the output is
// pushed by the worker on its own 200 ms timer, not returned by a call; Comlink would add a reply
// message and a promise for every chunk of text.
import type { StandIn, StandOut } from '../domain/firing/live.ts';

export interface StandStreamOptions {
  /** Aborting it stops the worker: a stream is not restarted, a new one is opened. */
  signal: AbortSignal;
  /** Every message of the worker: a view update, or samples not yet stored. */
  onProgress: (m: StandOut) => void;
}

export interface StandStream {
  /** Text, a reset, the end of a firing, a restored firing or a design; ignored once aborted. */
  send(m: StandIn, transfer?: Transferable[]): void;
}

/** The part of a Worker the stream uses (a fake in node tests). */
export type StandWorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>;

const createWorker = (): StandWorkerLike => new Worker(new URL('../../workers/stand.worker.ts', import.meta.url), { type: 'module', name: 'stand' });

export function openStandStream(opts: StandStreamOptions, create: () => StandWorkerLike = createWorker): StandStream {
  const w = create();
  const stop = () => w.terminate();
  if (opts.signal.aborted) stop();
  else opts.signal.addEventListener('abort', stop, { once: true });
  w.addEventListener('message', (e) => {
    if (!opts.signal.aborted) opts.onProgress((e as MessageEvent<StandOut>).data);
  });
  return { send: (m, transfer = []) => { if (!opts.signal.aborted) w.postMessage(m, transfer); } };
}

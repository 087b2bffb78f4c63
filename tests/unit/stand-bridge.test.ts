// The stand worker's bridge in node, over a fake worker: a stream opened with {signal, onProgress}
// hands every worker message to onProgress and every send to the worker; aborting the signal
// terminates the worker, after which nothing is sent or delivered.
import { describe, it, expect } from 'vitest';
import { openStandStream, type StandWorkerLike } from '../../app/bridge/stand.ts';
import type { StandIn, StandOut } from '../../app/domain/firing/live.ts';

function fakeWorker() {
  const sent: StandIn[] = [];
  let listener: ((e: MessageEvent) => void) | null = null;
  let terminated = 0;
  const worker = {
    postMessage: (m: StandIn) => void sent.push(m),
    addEventListener: (type: string, fn: (e: MessageEvent) => void) => { if (type === 'message') listener = fn; },
    terminate: () => void terminated++,
  } as unknown as StandWorkerLike;
  return { worker, sent, emit: (m: StandOut) => listener?.({ data: m } as MessageEvent), terminated: () => terminated };
}

const rows: StandOut = { type: 'rows', headerLine: 't_s,F_N', from: 0, columns: [new Float64Array([0, 0.001]), new Float64Array([10, 12])] };

describe('stand bridge: the worker contract shape over plain messages', () => {
  it('sends go to the worker and its messages to onProgress, in order', () => {
    const f = fakeWorker();
    const got: StandOut[] = [];
    const s = openStandStream({ signal: new AbortController().signal, onProgress: (m) => got.push(m) }, () => f.worker);
    s.send({ type: 'reset' });
    s.send({ type: 'text', text: 't_s,F_N\n0,10\n' });
    f.emit(rows);
    expect(f.sent).toEqual([{ type: 'reset' }, { type: 'text', text: 't_s,F_N\n0,10\n' }]);
    expect(got).toEqual([rows]);
    expect(f.terminated()).toBe(0);
  });

  it('an abort terminates the worker once; later sends and messages go nowhere', () => {
    const f = fakeWorker();
    const got: StandOut[] = [];
    const ctl = new AbortController();
    const s = openStandStream({ signal: ctl.signal, onProgress: (m) => got.push(m) }, () => f.worker);
    ctl.abort();
    ctl.abort();
    s.send({ type: 'end' });
    f.emit(rows);
    expect(f.terminated()).toBe(1);
    expect(f.sent).toEqual([]);
    expect(got).toEqual([]);
  });

  it('a signal aborted before opening terminates the worker at once', () => {
    const f = fakeWorker();
    const ctl = new AbortController();
    ctl.abort();
    openStandStream({ signal: ctl.signal, onProgress: () => {} }, () => f.worker);
    expect(f.terminated()).toBe(1);
  });
});

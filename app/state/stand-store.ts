// Store of the Test stand section: one source at a time (WebSocket, replayed file, serial port)
// feeding text to the stand worker; the worker's updates drive the page, its rows are stored in
// IndexedDB as they come (app/data/stand-db.ts). On opening, the last firing is read back, so a
// reload in the middle of a firing shows everything stored up to the last 200 ms.
import { createSignal } from 'solid-js';
import { createStandWorker, type StandWorker } from '../bridge/stand.ts';
import * as standDb from '../data/stand-db.ts';
import { newId } from '../domain/experiment.ts';
import { parseHeader } from '../domain/firing/protocol.ts';
import type { FiringDesign } from '../domain/firing/analyse.ts';
import type { StandOut } from '../domain/firing/live.ts';

export type StandStatus = 'idle' | 'connecting' | 'live' | 'replaying' | 'ended' | 'recovered' | 'error';
export type StandUpdate = Extract<StandOut, { type: 'update' }>;

export interface StandIo {
  worker: () => StandWorker;
  db: typeof standDb;
  webSocket: (url: string) => WebSocket;
}

const defaultIo: StandIo = { worker: createStandWorker, db: standDb, webSocket: (url) => new WebSocket(url) };

export function createStandStore(io: StandIo = defaultIo) {
  const [status, setStatus] = createSignal<StandStatus>('idle');
  const [message, setMessage] = createSignal('');
  const [update, setUpdate] = createSignal<StandUpdate | null>(null);
  const [stored, setStored] = createSignal(0);
  const [firing, setFiring] = createSignal<standDb.StoredFiring | null>(null);
  let worker: StandWorker | null = null;
  let stopSource: (() => void) | null = null;
  // Chunks are written one after another, in order; rows that arrive while a write is under way are
  // joined into the next one, so a slow disk never builds a queue longer than one write.
  let writes: Promise<unknown> = Promise.resolve();
  let pending: { headerLine: string; from: number; columns: Float64Array[] }[] = [];
  let writing = false;

  async function drain() {
    if (writing) return;
    writing = true;
    while (pending.length) {
      const batch = pending;
      pending = [];
      const f = firing();
      if (!f) break;
      const columns = batch[0].columns.map((_, c) => {
        const out = new Float64Array(batch.reduce((s, b) => s + b.columns[c].length, 0));
        let k = 0;
        for (const b of batch) {
          out.set(b.columns[c], k);
          k += b.columns[c].length;
        }
        return out;
      });
      const r = await io.db.appendChunk(f.id, batch[0].headerLine, batch[0].from, columns);
      if (r.ok) setStored(r.value.samples);
      else setMessage(r.error.message);
    }
    writing = false;
  }

  function ensureWorker(): StandWorker {
    if (worker) return worker;
    worker = io.worker();
    worker.onMessage((m) => {
      if (m.type === 'update') setUpdate(m);
      else if (firing()) {
        pending.push(m);
        writes = drain();
      }
    });
    return worker;
  }

  async function begin(source: string, next: StandStatus): Promise<boolean> {
    stop();
    const w = ensureWorker();
    w.send({ type: 'reset' });
    pending = [];
    setStored(0);
    const r = await io.db.startFiring({ id: newId(), startedAt: new Date().toISOString(), source });
    if (!r.ok) {
      setMessage(`${r.error.message} The firing is shown but not stored.`);
      setFiring(null);
    } else setFiring(r.value);
    setStatus(next);
    setMessage('');
    return true;
  }

  function finish(text: string, next: StandStatus = 'ended') {
    stopSource = null;
    worker?.send({ type: 'end' });
    const f = firing();
    if (f) void writes.then(() => io.db.finishFiring(f.id));
    setStatus(next);
    setMessage(text);
  }

  /** Streams from a data-acquisition box or bridge on the network. */
  async function connectWebSocket(url: string) {
    if (!/^wss?:\/\/\S+$/.test(url.trim())) {
      setStatus('error');
      setMessage(`The address must start with ws:// or wss:// (got ${JSON.stringify(url)}).`);
      return;
    }
    await begin(url, 'connecting');
    const ws = io.webSocket(url.trim());
    let opened = false;
    ws.onopen = () => {
      opened = true;
      setStatus('live');
    };
    ws.onmessage = (e) => {
      if (typeof e.data === 'string') worker!.send({ type: 'text', text: e.data });
    };
    ws.onerror = () => {
      if (!opened) finish(`Could not connect to ${url}.`, 'error');
    };
    ws.onclose = () => {
      if (opened && stopSource) finish('The stream ended.');
    };
    stopSource = () => ws.close();
  }

  /** Replays a recorded trace at `speed` × real time, by its time column. */
  async function replayFile(file: File, speed: number) {
    const text = await file.text();
    const lines = text.split(/\r?\n/);
    let h = 0;
    while (h < lines.length && (lines[h].trim() === '' || lines[h].trim().startsWith('#'))) h++;
    const header = parseHeader(lines[h]?.replace(/^\ufeff/, '') ?? '', h + 1);
    if (!header.ok) {
      setStatus('error');
      setMessage(header.error.message);
      return;
    }
    await begin(file.name, 'replaying');
    const w = worker!;
    w.send({ type: 'text', text: lines[h] + '\n' });
    const { time, delimiter, channels } = header.value;
    const tc = channels[time];
    const timeOf = (line: string) => Number(line.split(delimiter)[time]) * tc.factor;
    let i = h + 1;
    const t0 = timeOf(lines[i] ?? '');
    const start = performance.now();
    const timer = setInterval(() => {
      const due = t0 + ((performance.now() - start) / 1000) * speed;
      const out: string[] = [];
      while (i < lines.length && !(timeOf(lines[i]) > due)) out.push(lines[i++]);
      if (out.length) w.send({ type: 'text', text: out.join('\n') + '\n' });
      if (i >= lines.length) {
        clearInterval(timer);
        finish(`Replayed ${file.name}.`);
      }
    }, 20);
    stopSource = () => clearInterval(timer);
  }

  /** Reads a serial port (Web Serial: Chromium on the desktop). */
  async function connectSerial(baudRate: number) {
    const serial = (navigator as Navigator & { serial?: { requestPort(): Promise<SerialLike> } }).serial;
    if (!serial) {
      setMessage('This browser has no Web Serial; use a WebSocket bridge or replay a file.');
      return;
    }
    let port: SerialLike;
    try {
      port = await serial.requestPort();
      await port.open({ baudRate });
    } catch (e) {
      setStatus('error');
      setMessage(`The serial port did not open (${e instanceof Error ? e.message : String(e)}).`);
      return;
    }
    await begin('serial port', 'live');
    const reader = port.readable.pipeThrough(new TextDecoderStream()).getReader();
    let open = true;
    stopSource = () => {
      open = false;
      void reader.cancel();
    };
    void (async () => {
      while (open) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) break;
        if (value) worker!.send({ type: 'text', text: value });
      }
      void port.close().catch(() => {});
      finish('The serial port closed.');
    })();
  }

  function stop() {
    if (stopSource) {
      const s = stopSource;
      stopSource = null;
      s();
      finish('Stopped.');
    }
  }

  function setDesign(design: FiringDesign) {
    ensureWorker().send({ type: 'design', design });
  }

  /** Shows the last stored firing (after a reload or a crash). */
  async function recover() {
    const r = await io.db.latestFiring();
    if (!r.ok || !r.value || !r.value.headerLine || r.value.samples === 0) return;
    const f = r.value;
    const cols = await io.db.loadFiringColumns(f);
    if (!cols.ok) {
      setMessage(cols.error.message);
      return;
    }
    ensureWorker().send({ type: 'restore', headerLine: f.headerLine!, columns: cols.value }, cols.value.map((c) => c.buffer));
    setFiring(f);
    setStored(f.samples);
    setStatus('recovered');
    setMessage(`${f.status === 'recording' ? 'Recovered the interrupted firing' : 'The last firing'} from ${f.source}: ${f.samples.toLocaleString('en')} samples, started ${new Date(f.startedAt).toLocaleString()}.`);
  }

  function dispose() {
    stop();
    worker?.terminate();
    worker = null;
  }

  return { status, message, update, stored, firing, connectWebSocket, replayFile, connectSerial, stop, setDesign, recover, dispose };
}

interface SerialLike {
  open(o: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  readable: ReadableStream<BufferSource>;
}

export type StandStore = ReturnType<typeof createStandStore>;

// Store of the Test stand section: one source at a time (WebSocket, replayed file, serial port)
// feeding text to the stand worker; the worker's updates drive the page, its rows are stored in
// IndexedDB as they come (app/data/stand-db.ts). On opening, the last firing is read back, so a
// reload in the middle of a firing shows everything stored up to the last 200 ms.
// A firing can be linked to an experiment: its design is the expected line and the reference of
// the pc-drift flag; after the firing it is saved with that experiment (trace, figures, flags) and
// added to the experiment's Learn dataset of stand firings, and the experiment's saved firings
// are compared on one chart.
import { createEffect, createMemo, createResource, createSignal, on, untrack } from 'solid-js';
import type { StandStream, StandStreamOptions } from '../bridge/stand.ts';
import type { EngineBridge } from '../bridge/engine.ts';
import type * as standDb from '../data/stand-db.ts';
import { newId, type Experiment } from '../domain/experiment.ts';
import { parseHeader } from '../domain/firing/protocol.ts';
import type { FiringDesign } from '../domain/firing/analyse.ts';
import { decimate, type Polyline, type StandOut } from '../domain/firing/live.ts';
import { expectedFiring, firingDesign, type ExpectedFiring } from '../domain/firing/design.ts';
import { firingLearnRow, firingsOf, restoreFiringTrace, standDatasetStudy, withFiring, withLearnRow, type FiringEntry } from '../domain/firing/saved.ts';
import type { RocketProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { WorkspaceStore } from './workspace.ts';

export type StandStatus = 'idle' | 'connecting' | 'live' | 'replaying' | 'ended' | 'recovered' | 'error';
export type StandUpdate = Extract<StandOut, { type: 'update' }>;

/** The store's I/O, passed in (the Stand page passes the app's; node tests fakes). */
export interface StandIo {
  /** Opens a stream in the stand worker (bridge/stand.ts). */
  openStream: (opts: StandStreamOptions) => StandStream;
  db: typeof standDb;
  webSocket: (url: string) => WebSocket;
  workspace: () => Pick<WorkspaceStore, 'experiments' | 'amend' | 'datasetOf' | 'resultsOf'>;
  /** The engine's ideal Isp (m/s) of a problem with one exit: at its ambient pressure when it has one, else in vacuum. */
  idealIsp: (p: RocketProblem) => Promise<Result<number>>;
}

/** `idealIsp` through an engine bridge (the Stand page passes the app's engine worker). */
export const engineIdealIsp = (engine: EngineBridge) => async (p: RocketProblem): Promise<Result<number>> => {
  const r = await engine.call('solveRocket', p);
  if (!r.ok) return r;
  const e = r.value.exits[0];
  if (!e || 'ok' in e) return err('no-exit', e && 'ok' in e ? e.error.message : 'the engine returned no exit station');
  return ok(p.pamb && e.ispAmb !== undefined ? e.ispAmb : e.ispVac);
};

/** One saved firing of the linked experiment, for the campaign chart: thrust against time from its burn start. */
export interface CampaignTrace {
  studyId: string;
  name: string;
  thrust: Polyline;
}

export function createStandStore(io: StandIo) {
  const [status, setStatus] = createSignal<StandStatus>('idle');
  const [message, setMessage] = createSignal('');
  const [update, setUpdate] = createSignal<StandUpdate | null>(null);
  const [stored, setStored] = createSignal(0);
  const [firing, setFiring] = createSignal<standDb.StoredFiring | null>(null);
  const [linkedId, setLinkedId] = createSignal<string | null>(null);
  const [expected, setExpected] = createSignal<ExpectedFiring>({});
  /** Study id of the current firing once saved with the linked experiment. */
  const [savedAs, setSavedAs] = createSignal<{ experimentId: string; studyId: string; name: string } | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [afterMessage, setAfterMessage] = createSignal<{ text: string; error: boolean } | null>(null);
  let worker: StandStream | null = null;
  /** Stops the worker (dispose). */
  let workerStop: AbortController | null = null;
  let stopSource: (() => void) | null = null;
  /** Header line of the current firing's samples. */
  let headerLine: string | null = null;
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
      headerLine = batch[0].headerLine;
      const r = await io.db.appendChunk(f.id, batch[0].headerLine, batch[0].from, columns);
      if (r.ok) setStored(r.value.samples);
      else setMessage(r.error.message);
    }
    writing = false;
  }

  function ensureWorker(): StandStream {
    if (worker) return worker;
    workerStop = new AbortController();
    worker = io.openStream({
      signal: workerStop.signal,
      onProgress: (m) => {
        if (m.type === 'update') setUpdate(m);
        else if (firing()) {
          pending.push(m);
          writes = drain();
        }
      },
    });
    return worker;
  }

  async function begin(source: string, next: StandStatus): Promise<boolean> {
    stop();
    const w = ensureWorker();
    w.send({ type: 'reset' });
    pending = [];
    headerLine = null;
    setStored(0);
    setSavedAs(null);
    setAfterMessage(null);
    const link = linkedId();
    const r = await io.db.startFiring({ id: newId(), startedAt: new Date().toISOString(), source, ...(link ? { experimentId: link } : {}) });
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
    headerLine = f.headerLine;
    if (f.experimentId && !linkedId()) setLinkedId(f.experimentId);
    setStored(f.samples);
    setStatus('recovered');
    setMessage(`${f.status === 'recording' ? 'Recovered the interrupted firing' : 'The last firing'} from ${f.source}: ${f.samples.toLocaleString('en')} samples, started ${new Date(f.startedAt).toLocaleString()}.`);
  }

  const linked = createMemo(() => io.workspace().experiments().find((e) => e.id === linkedId()) ?? null);

  /** Links the firing to an experiment (null: none): its design becomes the expected line and the pc-drift reference. */
  function link(id: string | null) {
    setLinkedId(id);
    const f = firing();
    if (f) void io.db.linkFiring(f.id, id);
  }

  // The linked experiment's design, sent to the worker only when it changes (saving a firing
  // changes the document, not its design); read again when the workspace has loaded it.
  const designOf = createMemo(() => {
    const e = linked();
    if (!e) return { design: {} as FiringDesign, expected: {} as ExpectedFiring, error: null as string | null };
    const d = firingDesign(e);
    return d.ok ? { design: d.value, expected: expectedFiring(e, d.value), error: null } : { design: {}, expected: {}, error: d.error.message };
  }, undefined, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  createEffect(on(designOf, (d) => {
    setExpected(d.expected);
    if (d.error) setAfterMessage({ text: d.error, error: true });
    setDesign(d.design);
  }, { defer: true }));

  /** The finished firing's samples and figures, once every chunk is written. */
  async function currentFiring(): Promise<Result<{ f: standDb.StoredFiring; columns: Float64Array[]; headerLine: string }>> {
    const f = firing();
    if (!f) return err('not-stored', 'This firing was not stored in this browser, so it cannot be saved.');
    await writes;
    await drain();
    if (!headerLine) return err('no-samples', 'This firing has no samples yet.');
    const cols = await io.db.loadFiringColumns(f);
    return cols.ok ? ok({ f, columns: cols.value, headerLine }) : cols;
  }

  const say = (text: string, error = false) => setAfterMessage({ text, error });

  /** Saves the finished firing with the linked experiment: trace, figures, flags (once; again does nothing). */
  async function saveToExperiment(): Promise<{ experiment: Experiment; name: string } | null> {
    const e = linked();
    const a = update()?.analysis;
    if (!e) return (say('Choose the experiment to save the firing with.', true), null);
    if (!a) return (say('There are no burn figures to save yet.', true), null);
    const done = savedAs();
    if (done && done.experimentId === e.id) return { experiment: e, name: done.name };
    setSaving(true);
    try {
      const cur = await currentFiring();
      if (!cur.ok) return (say(cur.error.message, true), null);
      const name = `Firing ${firingsOf(e).length + 1}`;
      const design = firingDesign(e);
      const rec = await withFiring(e, { name, source: cur.value.f.source, startedAt: cur.value.f.startedAt, headerLine: cur.value.headerLine, columns: cur.value.columns, analysis: a, design: design.ok ? design.value : {} }, new Date().toISOString());
      const r = await io.workspace().amend(e.id, (now) => ({ experiment: { ...now, studies: [rec.experiment.studies[0], ...now.studies] }, results: [rec.result] }));
      if (!r.ok || !r.value) return (say(r.ok ? `“${e.name}” is no longer stored.` : r.error.message, true), null);
      setSavedAs({ experimentId: e.id, studyId: rec.studyId, name });
      say(`Saved “${name}” with “${e.name}”.`);
      return { experiment: r.value, name };
    } finally {
      setSaving(false);
    }
  }

  /** Saves the firing (if not yet) and adds it as a row of the experiment's Learn dataset of stand firings. */
  async function addToLearn(): Promise<boolean> {
    const a = update()?.analysis;
    const saved = await saveToExperiment();
    if (!saved || !a) return false;
    const e = saved.experiment;
    const row = firingLearnRow(a, e, saved.name);
    if (!row.ok) return (say(row.error.message, true), false);
    setSaving(true);
    try {
      const ideal = await io.idealIsp({ ...e.inputs.problem, of: row.value.ideal.of, pc: row.value.ideal.pc, exits: [{ areaRatio: row.value.ideal.eps }] });
      const st = standDatasetStudy(e);
      const kept = st ? await io.workspace().datasetOf(e.id, st.id) : null;
      if (kept && !kept.ok) return (say(kept.error.message, true), false);
      let rows = 0;
      const r = await io.workspace().amend(e.id, (now) => {
        const next = withLearnRow(now, kept?.value ?? null, row.value, ideal.ok ? ideal.value : null, new Date().toISOString());
        rows = next.dataset.testIds.length;
        return { experiment: next.experiment, results: [next.result] };
      });
      if (!r.ok || !r.value) return (say(r.ok ? `“${e.name}” is no longer stored.` : r.error.message, true), false);
      say(`Added “${saved.name}” to Learn's test firings: “Stand firings” in “${e.name}” has ${rows} row${rows === 1 ? '' : 's'}${ideal.ok ? '' : ` (no ideal Isp for this one: ${ideal.error.message}; it is kept but not trained on)`}.`);
      return true;
    } finally {
      setSaving(false);
    }
  }

  const campaign = createMemo<FiringEntry[]>(() => {
    const e = linked();
    return e ? firingsOf(e) : [];
  });

  /** The saved firings' thrust, decimated and aligned at their burn start, for the overlay chart; the firings whose trace cannot be read, with why. */
  const [campaignTraces] = createResource(
    // keyed by the traces' records: saving something else in the experiment reads nothing again
    () => {
      const e = linked();
      const refs = campaign().map((f) => f.resultsRef).join(',');
      return e && refs ? `${e.id}|${refs}` : null;
    },
    async (key): Promise<{ traces: CampaignTrace[]; unreadable: string[] }> => {
      const list = untrack(campaign);
      const results = await io.workspace().resultsOf(key.slice(0, key.indexOf('|')));
      const traces: CampaignTrace[] = [];
      const unreadable: string[] = [];
      for (const f of list) {
        const rec = results.find((r) => r.id === f.resultsRef);
        const tr = rec ? await restoreFiringTrace(rec) : err('missing', 'its trace is not stored in this browser');
        if (!tr.ok) {
          unreadable.push(`${f.name}: ${tr.error.message}`);
          continue;
        }
        const t = tr.value.columns[tr.value.time];
        const t0 = tr.value.analysis?.burnStart ?? 0;
        const shifted = Float64Array.from(t, (x) => x - t0);
        traces.push({ studyId: f.studyId, name: f.name, thrust: decimate(shifted, tr.value.columns[tr.value.thrust], 400) });
      }
      return { traces, unreadable };
    },
  );

  function dispose() {
    stop();
    workerStop?.abort();
    workerStop = null;
    worker = null;
  }

  return {
    status, message, update, stored, firing, connectWebSocket, replayFile, connectSerial, stop, setDesign, recover, dispose,
    linkedId, linked, link, expected, saveToExperiment, addToLearn, savedAs, saving, afterMessage, campaign, campaignTraces,
  };
}

interface SerialLike {
  open(o: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  readable: ReadableStream<BufferSource>;
}

export type StandStore = ReturnType<typeof createStandStore>;

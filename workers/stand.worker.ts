// The test stand's worker: every byte of a live firing is parsed, buffered and analysed here, so
// the page only draws. Text arrives in chunks from any source (serial, WebSocket, replayed file);
// every 200 ms the samples not yet stored go back for IndexedDB, and a decimated view with the
// running figures and flags goes back for the screen.
import { FiringStreamParser } from '../app/domain/firing/protocol.ts';
import { analyseFiring, seriesFromBuffer, type FiringDesign } from '../app/domain/firing/analyse.ts';
import { decimate, type StandIn, type StandOut } from '../app/domain/firing/live.ts';

const TICK_MS = 200;
/** Figures and flags are recomputed at most this often (the whole firing is analysed each time). */
const ANALYSE_MS = 500;

let parser = new FiringStreamParser();
let stored = 0;
let design: FiringDesign = {};
let dirty = false;
let lastAnalysis = 0;
/** How long the last analysis took, ms. */
let analyseCost = 0;
let analysis: Extract<StandOut, { type: 'update' }>['analysis'] = null;
let waiting: string | null = 'Waiting for data…';

const post = (m: StandOut, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

function flushRows(): void {
  const b = parser.buffer;
  const headerLine = parser.headerLine();
  if (!b || !headerLine || b.length <= stored) return;
  const cols = b.columns().map((c) => c.slice(stored));
  post({ type: 'rows', headerLine, from: stored, columns: cols }, cols.map((c) => c.buffer));
  stored = b.length;
}

function update(force = false): void {
  const b = parser.buffer;
  const h = parser.header;
  const now = performance.now();
  if (b && h && b.length > 2 && (force || now - lastAnalysis >= Math.max(ANALYSE_MS, 3 * analyseCost))) {
    lastAnalysis = now;
    const r = analyseFiring(seriesFromBuffer(h, b), design);
    // a long firing at a high rate takes longer to analyse: never let analysis crowd out parsing
    analyseCost = performance.now() - now;
    analysis = r.ok ? r.value : null;
    waiting = r.ok ? null : r.error.message;
  }
  const cols = b?.columns();
  const t = cols && h ? cols[h.time] : new Float64Array(0);
  const th = decimate(t, cols && h ? cols[h.thrust] : new Float64Array(0), 600);
  const pc = cols && h && h.pc >= 0 ? decimate(t, cols[h.pc], 600) : null;
  post({
    type: 'update',
    samples: b?.length ?? 0,
    errorCount: parser.errorCount,
    errors: parser.errors.slice(0, 5).map((e) => e.message),
    failed: parser.failed?.message ?? null,
    analysis,
    waiting,
    // one time axis per series: decimation keeps each series' own extremes
    view: { thrust: th, pc },
  });
}

setInterval(() => {
  if (!dirty) return;
  dirty = false;
  flushRows();
  update();
}, TICK_MS);

self.onmessage = (e: MessageEvent<StandIn>) => {
  const m = e.data;
  switch (m.type) {
    case 'reset':
      parser = new FiringStreamParser();
      stored = 0;
      analysis = null;
      waiting = 'Waiting for data…';
      update(true);
      break;
    case 'text':
      parser.push(m.text);
      dirty = true;
      break;
    case 'end':
      parser.end();
      flushRows();
      // the last samples on screen at once; the figures of the whole firing follow (a long firing takes a while to analyse)
      update();
      update(true);
      break;
    case 'restore':
      parser = new FiringStreamParser();
      parser.push(m.headerLine + '\n');
      parser.appendColumns(m.columns);
      stored = parser.buffer?.length ?? 0;
      update(true);
      break;
    case 'design':
      design = m.design;
      update(true);
      break;
  }
};

// The test-stand line protocol (README "Test stand: line protocol"): one header line naming the
// channels with their units in brackets, `time (s),thrust (N),pc (bar)`, then one sample per line.
// The same text arrives from a serial port, a WebSocket or a file, so one streaming parser serves
// all three: it takes text in chunks of any size, keeps the partial last line, converts every
// value to SI and appends the samples to a buffer. Empty cells and `NaN` are kept as NaN (a sensor
// dropout is data, not a parse error); anything else that is not a number is an error naming the
// line, the column and the value.
import { ATM, BAR, LBF, LBM, PSI } from '../units.ts';
import { err, ok, type KernelError, type Result } from '../result.ts';
import { FiringBuffer } from './buffer.ts';

export type ChannelKind = 'time' | 'thrust' | 'pc' | 'pressure' | 'force' | 'mass' | 'flow' | 'temperature';
type UnitKind = 'time' | 'force' | 'pressure' | 'mass' | 'flow' | 'temperature';

interface UnitDef {
  kind: UnitKind;
  /** value_SI = value × factor + offset */
  factor: number;
  offset?: number;
}

// Keys are lower case: units are matched without regard to case (no two accepted units differ only in it).
const UNITS: Record<string, UnitDef> = {
  s: { kind: 'time', factor: 1 },
  ms: { kind: 'time', factor: 1e-3 },
  us: { kind: 'time', factor: 1e-6 },
  'µs': { kind: 'time', factor: 1e-6 },
  n: { kind: 'force', factor: 1 },
  kn: { kind: 'force', factor: 1e3 },
  lbf: { kind: 'force', factor: LBF },
  pa: { kind: 'pressure', factor: 1 },
  kpa: { kind: 'pressure', factor: 1e3 },
  mpa: { kind: 'pressure', factor: 1e6 },
  bar: { kind: 'pressure', factor: BAR },
  psi: { kind: 'pressure', factor: PSI },
  psia: { kind: 'pressure', factor: PSI },
  atm: { kind: 'pressure', factor: ATM },
  kg: { kind: 'mass', factor: 1 },
  g: { kind: 'mass', factor: 1e-3 },
  lbm: { kind: 'mass', factor: LBM },
  'kg/s': { kind: 'flow', factor: 1 },
  'g/s': { kind: 'flow', factor: 1e-3 },
  'lbm/s': { kind: 'flow', factor: LBM },
  k: { kind: 'temperature', factor: 1 },
  '°c': { kind: 'temperature', factor: 1, offset: 273.15 },
  degc: { kind: 'temperature', factor: 1, offset: 273.15 },
  '°f': { kind: 'temperature', factor: 5 / 9, offset: 273.15 - (32 * 5) / 9 },
  degf: { kind: 'temperature', factor: 5 / 9, offset: 273.15 - (32 * 5) / 9 },
};

/** The units the protocol accepts, as written in headers, for messages and the README. */
export const ACCEPTED_UNITS: Record<UnitKind, string[]> = {
  time: ['s', 'ms', 'us'],
  force: ['N', 'kN', 'lbf'],
  pressure: ['Pa', 'kPa', 'MPa', 'bar', 'psi', 'psia', 'atm'],
  mass: ['kg', 'g', 'lbm'],
  flow: ['kg/s', 'g/s', 'lbm/s'],
  temperature: ['K', '°C', 'degC', '°F', 'degF'],
};

const THRUST_NAME = /^(thrust|f|force|load)$/i;
const PC_NAME = /^(pc|p_?c|p_?chamber|chamber[\s_-]*pressure)$/i;
const TIME_NAME = /^(t|time)$/i;

export interface ChannelInfo {
  /** Name as written in the header, without the unit. */
  name: string;
  /** The unit as written in the header. */
  unit: string;
  kind: ChannelKind;
  /** The header cell as written, for messages. */
  label: string;
  factor: number;
  offset: number;
}

export interface FiringHeader {
  delimiter: ',' | ';' | '\t';
  channels: ChannelInfo[];
  /** Column indexes of the roles the analysis reads (-1: absent). */
  time: number;
  thrust: number;
  pc: number;
  mass: number;
  /** Every mass-flow column (their sum is the propellant flow). */
  flows: number[];
}

const LABEL = /^(.*?)\s*[([]\s*([^()[\]]*?)\s*[)\]]\s*$/;

function detectDelimiter(line: string): ',' | ';' | '\t' {
  if (line.includes('\t')) return '\t';
  if (!line.includes(',') && line.includes(';')) return ';';
  return ',';
}

/** Reads the header line (1-based `line` for messages): channels, units and which column is which. */
export function parseHeader(text: string, line = 1): Result<FiringHeader> {
  const delimiter = detectDelimiter(text);
  const cells = text.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
  const channels: ChannelInfo[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) {
    const label = cells[i];
    const m = LABEL.exec(label);
    if (!m || m[1] === '') {
      return err('bad-header', `Header line ${line}, column ${i + 1} ${JSON.stringify(label)}: write a channel name and its unit in brackets, e.g. "thrust (N)".`, label || `column ${i + 1}`);
    }
    const [, name, unit] = m;
    const def = UNITS[unit.toLowerCase()];
    if (!def) {
      const all = Object.values(ACCEPTED_UNITS).flat().join(', ');
      return err('bad-unit', `Header line ${line}, column ${i + 1} ${JSON.stringify(label)}: unknown unit ${JSON.stringify(unit)} (accepted: ${all}).`, name);
    }
    const key = name.toLowerCase();
    if (seen.has(key)) return err('bad-header', `Header line ${line}: channel ${JSON.stringify(name)} appears twice (columns ${seen.get(key)! + 1} and ${i + 1}).`, name);
    seen.set(key, i);
    channels.push({ name, unit, label, kind: def.kind, factor: def.factor, offset: def.offset ?? 0 });
  }
  const pick = (kind: UnitKind, named: RegExp, role: string): Result<number> => {
    const ofKind = channels.map((c, i) => (c.kind === kind ? i : -1)).filter((i) => i >= 0);
    const byName = ofKind.filter((i) => named.test(channels[i].name));
    if (byName.length === 1) return ok(byName[0]);
    if (ofKind.length === 1) return ok(ofKind[0]);
    if (ofKind.length === 0) return ok(-1);
    return err('bad-header', `Header line ${line}: ${ofKind.length} columns could be the ${role} (${ofKind.map((i) => JSON.stringify(channels[i].label)).join(', ')}); name one of them ${role === 'time' ? '"time"' : role === 'thrust' ? '"thrust"' : '"pc"'}.`, role);
  };
  const time = pick('time', TIME_NAME, 'time');
  if (!time.ok) return time;
  if (time.value < 0) return err('bad-header', `Header line ${line}: no time column (name one "time (s)" or "time (ms)").`, 'time');
  const thrust = pick('force', THRUST_NAME, 'thrust');
  if (!thrust.ok) return thrust;
  if (thrust.value < 0) return err('bad-header', `Header line ${line}: no thrust column (name one "thrust (N)", "(kN)" or "(lbf)").`, 'thrust');
  const pc = pick('pressure', PC_NAME, 'pc');
  if (!pc.ok) return pc;
  const masses = channels.map((c, i) => (c.kind === 'mass' ? i : -1)).filter((i) => i >= 0);
  if (masses.length > 1) return err('bad-header', `Header line ${line}: more than one mass column (${masses.map((i) => JSON.stringify(channels[i].label)).join(', ')}); keep the propellant mass only.`, 'mass');
  channels[time.value].kind = 'time';
  channels[thrust.value].kind = 'thrust';
  if (pc.value >= 0) channels[pc.value].kind = 'pc';
  return ok({
    delimiter,
    channels,
    time: time.value,
    thrust: thrust.value,
    pc: pc.value,
    mass: masses.length ? masses[0] : -1,
    flows: channels.map((c, i) => (c.kind === 'flow' ? i : -1)).filter((i) => i >= 0),
  });
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface LineError extends KernelError {
  line: number;
}

/** Converts one sample line to SI values (NaN for an empty or `NaN` cell); an error names the line, column and value. */
export function parseSampleLine(header: FiringHeader, text: string, line: number, out: Float64Array): Result<Float64Array, LineError> {
  const cells = text.split(header.delimiter);
  const n = header.channels.length;
  if (cells.length !== n) {
    return { ok: false, error: { code: 'bad-line', line, message: `Line ${line} has ${cells.length} value${cells.length === 1 ? '' : 's'}; the header names ${n} channels.`, field: `line ${line}` } };
  }
  for (let i = 0; i < n; i++) {
    const c = cells[i].trim();
    const ch = header.channels[i];
    let v: number;
    if (c === '' || /^nan$/i.test(c)) v = NaN;
    else if (NUMBER.test(c)) v = Number(c) * ch.factor + ch.offset;
    else {
      return { ok: false, error: { code: 'bad-value', line, message: `Line ${line}, column ${JSON.stringify(ch.label)}: ${JSON.stringify(c.slice(0, 40))} is not a number.`, field: ch.name } };
    }
    if (!Number.isFinite(v) && !Number.isNaN(v)) {
      return { ok: false, error: { code: 'bad-value', line, message: `Line ${line}, column ${JSON.stringify(ch.label)}: ${JSON.stringify(c.slice(0, 40))} is out of range.`, field: ch.name } };
    }
    out[i] = v;
  }
  return ok(out);
}

export interface PushResult {
  /** Samples appended by this push. */
  added: number;
  /** Lines refused by this push (each skipped). */
  errors: LineError[];
}

/**
 * Streaming reader of the protocol: `push` text as it arrives (any chunking), `end` when the
 * source closes. Samples go to `buffer` in SI, one column per header channel; refused lines are
 * skipped and reported. A bad header stops the stream (`failed`).
 */
export class FiringStreamParser {
  header: FiringHeader | null = null;
  buffer: FiringBuffer | null = null;
  failed: KernelError | null = null;
  /** Every refused line so far (kept to the first 100; `errorCount` counts all). */
  errors: LineError[] = [];
  errorCount = 0;
  private rest = '';
  private line = 0;
  private row = new Float64Array(0);
  private lastTime = -Infinity;

  /** Header line as the buffer's columns are ordered (what a stored firing keeps to be read again). */
  headerLine(): string | null {
    return this.header ? this.header.channels.map((c) => c.label).join(this.header.delimiter) : null;
  }

  /** Appends stored samples (SI columns, in header order) after the header was pushed: a recording read back. */
  appendColumns(cols: ArrayLike<number>[]): void {
    if (!this.header || !this.buffer || !cols.length || !cols[0].length) return;
    this.buffer.appendColumns(cols);
    const t = cols[this.header.time];
    this.lastTime = t[t.length - 1];
  }

  /** Reads `text` (a chunk of the stream); complete lines are parsed now, a partial last line waits for the next chunk. */
  push(text: string): PushResult {
    const data = this.rest + text;
    const lines = data.split('\n');
    this.rest = lines.pop() ?? '';
    return this.lines(lines);
  }

  /** The source closed: parses a last line without a newline. */
  end(): PushResult {
    const last = this.rest;
    this.rest = '';
    return this.lines(last === '' ? [] : [last]);
  }

  private lines(lines: string[]): PushResult {
    const res: PushResult = { added: 0, errors: [] };
    for (let raw of lines) {
      this.line++;
      if (this.failed) continue;
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      if (this.line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
      const t = raw.trim();
      if (t === '' || t.startsWith('#')) continue;
      if (!this.header) {
        const h = parseHeader(t, this.line);
        if (!h.ok) {
          this.failed = h.error;
          continue;
        }
        this.header = h.value;
        this.buffer = new FiringBuffer(h.value.channels.length);
        this.row = new Float64Array(h.value.channels.length);
        continue;
      }
      const r = parseSampleLine(this.header, t, this.line, this.row);
      let e: LineError | null = r.ok ? null : r.error;
      if (r.ok) {
        const time = this.row[this.header.time];
        const ch = this.header.channels[this.header.time];
        if (Number.isNaN(time)) e = { code: 'bad-time', line: this.line, message: `Line ${this.line}: the time (column ${JSON.stringify(ch.label)}) is missing.`, field: ch.name };
        else if (!(time > this.lastTime)) {
          const shown = (v: number) => `${+((v - ch.offset) / ch.factor).toPrecision(9)} ${ch.unit}`;
          e = { code: 'bad-time', line: this.line, message: `Line ${this.line}: time ${shown(time)} is not after the previous sample's ${shown(this.lastTime)}.`, field: ch.name };
        }
      }
      if (e) {
        this.errorCount++;
        if (this.errors.length < 100) this.errors.push(e);
        res.errors.push(e);
        continue;
      }
      this.lastTime = this.row[this.header.time];
      this.buffer!.append(this.row);
      res.added++;
    }
    return res;
  }
}

/** Parses a whole recorded trace strictly: the first bad line (or a bad header, or no samples) is the error. */
export function parseTraceText(text: string): Result<{ header: FiringHeader; buffer: FiringBuffer }> {
  const p = new FiringStreamParser();
  p.push(text);
  p.end();
  if (p.failed) return { ok: false, error: p.failed };
  if (!p.header || !p.buffer) return err('no-header', 'The trace is empty: expected a header line such as "time (s),thrust (N),pc (Pa)".', 'header');
  if (p.errors.length) {
    const { line: _line, ...e } = p.errors[0];
    const more = p.errorCount > 1 ? ` (${p.errorCount - 1} more line${p.errorCount > 2 ? 's' : ''} refused)` : '';
    return { ok: false, error: { ...e, message: e.message + more } };
  }
  if (p.buffer.length === 0) return err('no-samples', 'The trace has a header but no samples.', 'samples');
  return ok({ header: p.header, buffer: p.buffer });
}

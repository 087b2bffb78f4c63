// A chunk of the solve command's work and how it is solved: the same code in the command's own
// thread and in its worker threads (scripts/solve-thread.ts), so the bytes cannot differ.
import { makeSpeciesDb } from '../app/domain/thermo-problem.ts';
import { makeThermoSolver, type RawRocket } from '../wasm-core/thermo.ts';
import { makeTransportDb } from '../wasm-core/transport.ts';
import type { Core } from '../wasm-core/index.ts';
import { loadEngineFiles } from './cli-engine.ts';
import type { JsonBytes } from './cli-json.ts';

/** Problems per chunk: the first of every chunk starts cold, wherever the chunk is solved. */
export const JOB = 200;

/**
 * A chunk of work: the JSON text of an array of problems (array mode: a slice of the input, which is
 * known to be JSON), or input lines numbered from firstLine (--lines).
 */
export type Job = { text: string } | {
  lines: string[];
  firstLine: number;
  /** whether the first problem starts from scratch (default true; false continues the engine's last) */
  coldFirst?: boolean;
};

/**
 * Solves one problem; `warm`: from the previous problem's solution (same answer within 1e-9). The
 * answer is the result value, or a rocket point's station records (RawRocket: writeResult formats
 * them into the same bytes without building the result's objects; read before the next call).
 */
export type Solve = (raw: unknown, warm: boolean) => unknown;

/** This thread's engine, from the repository's files; on the kernel instance `core` when given one. */
export async function engineSolve(core?: Promise<Core>): Promise<Solve> {
  const { core: k, thermo, trans } = await loadEngineFiles(core);
  const solver = makeThermoSolver(k, makeSpeciesDb(thermo), () => makeTransportDb(trans()));
  return (raw, warm) => solver.solveRaw(raw, warm);
}

/** Appends what a Solve returned to `out` as JSON. */
export function writeResult(out: JsonBytes, r: unknown, compact: boolean): JsonBytes {
  return typeof r === 'object' && r !== null && (r as Partial<RawRocket>).rawRocket === true ? out.rawRocket(r as RawRocket, compact) : out.value(r, compact);
}

/**
 * The JSON of a chunk, appended to `out`: array mode, the results joined by ",\n"; --lines, one
 * result per non-blank line, each followed by "\n" (a line that is not JSON gets an error naming its
 * number). Each problem starts from the one before it (a warm start: the answer solving it alone
 * gives, within 1e-9, tests/unit/warm-start.test.ts), the first of a chunk from scratch: chunks are
 * the same whether this thread or a pool solves them, so the bytes are too. Returns whether the next
 * line would start cold (--lines).
 */
export function solveJob(job: Job, solve: Solve, out: JsonBytes, compact: boolean): boolean {
  if (!('lines' in job)) {
    // (a slice of an input already known to be JSON: scanJson or JSON.parse read it whole)
    const problems = JSON.parse(job.text) as unknown[];
    for (let i = 0; i < problems.length; i++) {
      if (i > 0) out.text(',\n');
      writeResult(out, solve(problems[i], i > 0), compact);
    }
    return true;
  }
  // --lines: the first problem solved at or after each line 1 + k·JOB starts cold, so where the
  // reads happened to end (and which thread solved what) cannot change a digit of the text.
  let cold = job.coldFirst ?? true;
  for (let i = 0; i < job.lines.length; i++) {
    const n = job.firstLine + i;
    if ((n - 1) % JOB === 0) cold = true;
    const t = job.lines[i].trim();
    if (t === '') continue; // blank lines (a trailing newline, spacing) give no result
    let raw: unknown;
    try {
      raw = JSON.parse(t);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      out.value({ ok: false, error: { code: 'bad-json', message: `line ${n} is not valid JSON: ${why}`, field: `line ${n}` } }).text('\n');
      continue;
    }
    writeResult(out, solve(raw, !cold), compact).text('\n');
    cold = false;
  }
  return cold;
}

/**
 * Where the next elements of a JSON array's text end. `at`: the position of the array's `[` or of a
 * comma between two of its elements; from there up to `n` elements on. `end`: the position of the
 * comma after the last of them, or of the array's `]`; `count`: how many there were (fewer than `n`
 * at the end of the array, 0 for an empty one). The elements are `text.slice(at + 1, end)`; the next
 * call starts at `end`. For a text that JSON.parse reads as an array, or will: nothing is checked here.
 */
export function nextElements(text: string, at: number, n: number): { end: number; count: number } {
  let depth = 1;
  let count = 0;
  let open = false; // an element has begun since the last comma
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { // a string: to its closing quote (one not escaped by an odd run of backslashes)
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i < 0) return { end: text.length, count };
        let b = 0;
        while (text.charCodeAt(i - 1 - b) === 92) b++;
        if ((b & 1) === 0) break;
      }
      open = true;
    } else if (c === 91 || c === 123) { // [ {
      depth++;
      open = true;
    } else if (c === 93 || c === 125) { // ] }
      if (--depth === 0) return { end: i, count: count + (open ? 1 : 0) };
    } else if (c === 44 && depth === 1) {
      if (++count === n) return { end: i, count };
      open = false;
    } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) open = true;
  }
  return { end: text.length, count };
}

/** Where each element of the JSON array whose `[` is at `at` ends (as JsonShape.ends, scripts/json-scan.ts). */
export function elementEnds(text: string, at: number): number[] {
  const ends: number[] = [];
  for (;;) {
    const { end, count } = nextElements(text, at, 1);
    if (count === 0) return ends;
    ends.push(end);
    at = end;
  }
}

/** Position of the `[` that begins a JSON array's text (after white space), or −1 when it is no array. */
export function arrayStart(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) return i;
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return -1;
  }
  return -1;
}

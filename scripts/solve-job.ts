// A chunk of the solve command's work and how it is solved: the same code in the command's own
// thread and in its worker threads (scripts/solve-worker.ts), so the bytes cannot differ.
import { makeSpeciesDb } from '../app/domain/thermo-problem.ts';
import { makeThermoSolver, type RawRocket } from '../wasm-core/thermo.ts';
import { makeTransportDb } from '../wasm-core/transport.ts';
import { loadEngineFiles } from './cli-engine.ts';
import type { JsonBytes } from './cli-json.ts';

/** Problems per chunk: the first of every chunk starts cold, wherever the chunk is solved. */
export const JOB = 200;

/**
 * A chunk of work: parsed problems or the JSON text of their array (array mode), or input lines
 * numbered from firstLine (--lines).
 */
export type Job = { problems: unknown[] } | { text: string } | {
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

/** This thread's engine, from the repository's files. */
export async function engineSolve(): Promise<Solve> {
  const { core, thermo, trans } = await loadEngineFiles();
  const solver = makeThermoSolver(core, makeSpeciesDb(thermo), () => makeTransportDb(trans()));
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
    // (a text job is a slice of an input that JSON.parse already read as a whole)
    const problems = 'problems' in job ? job.problems : JSON.parse(job.text) as unknown[];
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
 * Where the elements of a JSON array's text are: `sep[0]` is its `[`, `sep[i]` (0 < i < n) the comma
 * before element i, `sep[n]` its `]`; elements i…j−1 are `text.slice(sep[i] + 1, sep[j])`. For a
 * text that JSON.parse has read as an array (nothing is checked here); `[]` gives its two brackets.
 */
export function arraySeparators(text: string): Uint32Array {
  let sep = new Uint32Array(1024);
  let n = 0;
  const push = (i: number) => {
    if (n === sep.length) {
      const s = new Uint32Array(n * 2);
      s.set(sep);
      sep = s;
    }
    sep[n++] = i;
  };
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { // a string: to its closing quote (one not escaped by an odd run of backslashes)
      for (;;) {
        i = text.indexOf('"', i + 1);
        let b = 0;
        while (text.charCodeAt(i - 1 - b) === 92) b++;
        if ((b & 1) === 0) break;
      }
    } else if (c === 91 || c === 123) { // [ {
      if (depth++ === 0) push(i);
    } else if (c === 93 || c === 125) { // ] }
      if (--depth === 0) {
        push(i);
        break;
      }
    } else if (c === 44 && depth === 1) push(i);
  }
  return sep.subarray(0, n);
}

// Command line: `rfo solve [--lines] [--compact] [file]` (also `npm run --silent solve -- …`;
// stdin when no file). Input: one problem or an array (format in app/domain/problem.ts); output:
// one result or an array, same order, on stdout. `--lines`: one problem per input line, one result
// per output line, written as they come (memory stays flat however many lines). `--compact`: no
// mole fractions. Exit status 0 when the input was read (failures, bad lines included, are values
// in the output), 2 when it was not valid JSON, could not be read, or the options were wrong.
import { createReadStream, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { makeEngineApi } from '../workers/engine-api.ts';
import { isMainModule, loadEngineFiles, POOL_WORKER_FLAG, writeOut } from './cli-engine.ts';
import { DEFAULT_DIGITS, JsonBytes } from './cli-json.ts';
import type { Job, SolveWorkerData } from './solve-pool.ts';

// Worker threads (node:worker_threads and the pool) load only for a pooled run: a short run starts
// faster without them.
const loadPool = () => import('./solve-pool.ts');

const USAGE = 'usage: rfo solve [--lines] [--compact] [--digits N] [file]';
// --lines input is read in chunks of this many characters.
const CHUNK = 1 << 16;

/** How results are written: without mole fractions (`compact`), numbers to `digits` significant digits. */
export interface OutputOptions { compact: boolean; digits: number }
interface Options extends OutputOptions { lines: boolean; path: string | undefined }

function parseArgs(args: string[]): Options | string {
  const o: Options = { lines: false, compact: false, digits: DEFAULT_DIGITS, path: undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--lines') o.lines = true;
    else if (a === '--compact') o.compact = true;
    else if (a === '--digits' || a.startsWith('--digits=')) {
      const v = a === '--digits' ? args[++i] : a.slice('--digits='.length);
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 1 || n > 17) return `--digits must be an integer from 1 to 17 (got ${v ?? 'nothing'})`;
      o.digits = n;
    }
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else if (o.path !== undefined) return `one input file at most (got ${o.path} and ${a})`;
    else o.path = a === '-' ? undefined : a;
  }
  return o;
}

/** Solves one problem; `warm`: from the previous problem's solution (same answer within 1e-9). */
type Solve = (raw: unknown, warm: boolean) => unknown;

// Problems per chunk, and the run length from which worker threads pay for their start-up.
const JOB = 200;
const POOL_FROM = 2000;

/**
 * Threads to solve with: RFO_THREADS (1 by default: all in this thread). Worker threads each load
 * and warm up their own engine; on a machine already busy with other work they measured slower
 * than one thread, so they are asked for, not assumed (README "Command line: the engine").
 */
function threadCount(): number {
  const env = Number(process.env.RFO_THREADS);
  return Number.isInteger(env) && env >= 1 ? Math.min(env, 64, Math.max(availableParallelism(), 1) * 2) : 1;
}

/**
 * The JSON of a chunk, appended to `out`: array mode, the results joined by ",\n"; --lines, one
 * result per non-blank line, each followed by "\n" (a line that is not JSON gets an error naming its
 * number). Each problem starts from the one before it (a warm start: the answer solving it alone
 * gives, within 1e-9, tests/unit/warm-start.test.ts), the first of a chunk from scratch: chunks are
 * the same whether this thread or a pool solves them, so the bytes are too. Returns whether the next
 * line would start cold (--lines).
 */
function solveJob(job: Job, solve: Solve, out: JsonBytes, compact: boolean): boolean {
  if ('problems' in job) {
    for (let i = 0; i < job.problems.length; i++) {
      if (i > 0) out.text(',\n');
      out.value(solve(job.problems[i], i > 0), compact);
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
    out.value(solve(raw, !cold), compact).text('\n');
    cold = false;
  }
  return cold;
}

/** Where chunks go: solved here and written at once, or handed to a pool of worker threads. */
interface Sink { submit(job: Job): Promise<void>; finish(): Promise<boolean> }

function inlineSink(solve: Solve, o: OutputOptions, separator: string): Sink {
  let wroteAny = false;
  let cold = true; // the engine here keeps the last solution from one chunk to the next
  const out = new JsonBytes(o.digits);
  return {
    async submit(job) {
      if (wroteAny) out.text(separator);
      const start = out.length;
      cold = solveJob('lines' in job ? { ...job, coldFirst: cold } : job, solve, out, o.compact);
      if (out.length === start) { // nothing (blank lines): not even the separator
        out.clear();
        return;
      }
      const w = writeOut(out.view());
      out.clear();
      wroteAny = true;
      if (w) await w;
    },
    finish: async () => wroteAny,
  };
}

async function solveArray(input: unknown, solve: () => Promise<Solve>, o: OutputOptions): Promise<void> {
  if (!Array.isArray(input)) {
    await writeOut(new JsonBytes(o.digits).value((await solve())(input, false), o.compact).text('\n').view());
    return;
  }
  if (input.length === 0) {
    await writeOut('[]\n');
    return;
  }
  // One result per line inside the array: the same value JSON.parse reads as before, written in chunks.
  const threads = threadCount();
  const sink = threads > 1 && input.length >= POOL_FROM
    ? new (await loadPool()).SolvePool(import.meta.url, threads, o, ',\n')
    : inlineSink(await solve(), o, ',\n');
  await writeOut('[\n');
  for (let i = 0; i < input.length; i += JOB) {
    await sink.submit({ problems: input.slice(i, i + JOB) });
    input.fill(undefined, i, i + JOB); // done with (or handed over): let them go
  }
  await sink.finish();
  await writeOut('\n]\n');
}

async function solveLines(path: string | undefined, solve: () => Promise<Solve>, o: OutputOptions): Promise<void> {
  const stream = path !== undefined ? createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK }) : process.stdin.setEncoding('utf8');
  const threads = threadCount();
  let sink = null as Sink | null; // (assigned in submit)
  let pooled = false;
  let rest = '';
  let lineNo = 1; // number of the first line not yet handed over
  let pending: string[] = []; // pooled: lines held until the next line 1 + k·JOB (a chunk boundary)
  const hand = async (lines: string[]) => {
    const first = lineNo;
    lineNo += lines.length;
    await sink!.submit({ lines, firstLine: first });
  };
  const submit = async (lines: string[], last = false) => {
    if (!pooled && threads > 1 && lineNo + lines.length > POOL_FROM) {
      // a long input: from the next chunk boundary on, worker threads (everything before is written
      // here first), so each thread's chunk starts where a cold start happens anyway
      const toBoundary = (JOB - ((lineNo - 1) % JOB)) % JOB;
      sink ??= inlineSink(await solve(), o, '');
      if (toBoundary > 0) await hand(lines.slice(0, toBoundary));
      lines = lines.slice(toBoundary);
      await sink.finish();
      sink = new (await loadPool()).SolvePool(import.meta.url, threads, o, '');
      pooled = true;
    }
    if (!pooled) {
      sink ??= inlineSink(await solve(), o, '');
      await hand(lines);
      return;
    }
    pending = pending.concat(lines);
    while (pending.length >= JOB || (last && pending.length > 0)) {
      const n = Math.min(JOB, pending.length);
      await hand(pending.slice(0, n));
      pending = pending.slice(n);
    }
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    // Everything read so far is handed over before the next read: a caller that writes one problem
    // and waits for its result gets it.
    for (let i = 0; i < parts.length; i += JOB) await submit(parts.slice(i, i + JOB));
  }
  await submit([rest], true);
  await sink?.finish();
}

async function engineSolve(): Promise<Solve> {
  const { core, thermo, trans } = await loadEngineFiles();
  const api = makeEngineApi(core, thermo, trans);
  return (raw, warm) => api.solveProblem(raw, warm);
}

// A solver thread of SolvePool: this same module, started with SolveWorkerData.
async function serveAsWorker(data: SolveWorkerData): Promise<void> {
  const { parentPort } = await import('node:worker_threads');
  const solve = await engineSolve();
  const out = new JsonBytes(data.digits);
  parentPort!.on('message', (m: { id: number; job: Job }) => {
    solveJob(m.job, solve, out, data.compact);
    const bytes = out.take();
    parentPort!.postMessage({ id: m.id, bytes }, [bytes.buffer as ArrayBuffer]);
  });
}

/** Runs the solve command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    console.error(`solve: ${o}\n${USAGE}`);
    return 2;
  }
  const where = o.path ?? 'stdin';
  let input: unknown;
  if (!o.lines) {
    let text: string;
    try {
      text = readFileSync(o.path ?? 0, 'utf8');
    } catch (e) {
      console.error(`solve: cannot read ${where}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    try {
      input = JSON.parse(text);
    } catch (e) {
      console.error(`solve: input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  // The engine of this thread, loaded only when a problem is solved here (not with worker threads).
  let solver: Promise<Solve> | null = null;
  const solve = (): Promise<Solve> => (solver ??= engineSolve());
  if (!o.lines) {
    await solveArray(input, solve, o);
    return 0;
  }
  try {
    await solveLines(o.path, solve, o);
  } catch (e) {
    if (e instanceof Error && e.name === 'PoolFailure') throw e; // a bug, not the input
    console.error(`solve: cannot read ${where}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  return 0;
}

// A solver thread is started with POOL_WORKER_FLAG in its argv: only then is worker_threads asked.
const worker = process.argv.includes(POOL_WORKER_FLAG) ? await import('node:worker_threads') : null;
if (worker && !worker.isMainThread && (worker.workerData as Partial<SolveWorkerData> | null)?.rfoSolveWorker) await serveAsWorker(worker.workerData as SolveWorkerData);
else if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

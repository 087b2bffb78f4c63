// Command line: `rfo solve [--lines] [--compact] [file]` (also `npm run --silent solve -- …`;
// stdin when no file). Input: one problem or an array (format in app/domain/problem.ts); output:
// one result or an array, same order, on stdout. `--lines`: one problem per input line, one result
// per output line, written as they come (memory stays flat however many lines). `--compact`: no
// mole fractions. Exit status 0 when the input was read (failures, bad lines included, are values
// in the output), 2 when it was not valid JSON, could not be read, or the options were wrong.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Core } from '../wasm-core/index.ts';
import { coreInstance, decodeText, isMainModule, readText, writeOut } from './cli-engine.ts';
import { DEFAULT_DIGITS, JsonBytes } from './cli-json.ts';
import { scanJson } from './json-scan.ts';
import { bytesElements, fileElements, textElements, type ArrayElements } from './json-file.ts';
import { arrayStart, elementEnds, engineSolve, JOB, solveJob, writeResult, type Job, type Solve } from './solve-job.ts';
import type { SolvePool } from './solve-pool.ts';

// Worker threads (node:worker_threads and the pool) load only for a pooled run: a short run starts
// faster without them.
const loadPool = () => import('./solve-pool.ts');
// (what a worker thread calls when it loads this command's CommonJS script, scripts/solve-pool.ts)
export { serveSolveJobs } from './solve-thread.ts';

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

// The run length (problems) from which threads pay for their start-up, and the input size (bytes)
// from which they are started before the input is read: when asked for (RFO_THREADS), and when
// chosen by the command itself (a longer run: each worker's start-up and JIT warm-up cost ~0.1 s of
// a core, and with two threads at work each ran 20–50 % slower than one alone on a 2-core machine).
const POOL_FROM = 2000;
const POOL_EARLY_BYTES = 200_000;
const AUTO_POOL_FROM = 14_000;
const AUTO_EARLY_BYTES = 3_700_000; // (~14,000 problems of the grid)
const AUTO_THREADS_MAX = 8;

/** How many threads solve a run, and from which run length and input size they start. */
export interface ThreadPlan { threads: number; from: number; earlyBytes: number }

/**
 * Threads to solve with. RFO_THREADS (`env`) when set: that many (1: all in this thread) for runs
 * of POOL_FROM problems or more. Unset: one per core (`cores`), up to AUTO_THREADS_MAX, for runs of
 * AUTO_POOL_FROM or more, which amortise the workers' start-up. Measured on a 2-core machine, the
 * issue's grid, 10 alternating runs each, medians (two threads against one): 10,000 problems 0.57 s
 * against 0.53 s (and as --lines 0.61 against 0.55), 15,000 0.67 against 0.69, 20,000 ~0.80 against
 * ~0.90, 50,000 1.22 against 1.73; a worker's start costs ~5,000 fresh memory pages and its own JIT
 * warm-up, while the first chunks of both threads are solved.
 * The command's own thread solves a chunk whenever every worker has two queued, so a worker slowed
 * by other work on the machine holds back no more than its queue.
 */
export function threadPlan(env: string | undefined, cores: number): ThreadPlan {
  if (env !== undefined && env.trim() !== '') {
    const n = Number(env);
    const threads = Number.isInteger(n) && n >= 1 ? Math.min(n, 64, Math.max(cores, 1) * 2) : 1;
    return { threads, from: POOL_FROM, earlyBytes: POOL_EARLY_BYTES };
  }
  return { threads: Math.max(1, Math.min(cores, AUTO_THREADS_MAX)), from: AUTO_POOL_FROM, earlyBytes: AUTO_EARLY_BYTES };
}

function threads(): ThreadPlan {
  return threadPlan(process.env.RFO_THREADS, availableParallelism());
}

/** Whether `path` names a file of at least `bytes` (stdin, or a file that is not there: no). */
function largeFile(path: string | undefined, bytes: number): boolean {
  return path !== undefined && (statSync(path, { throwIfNoEntry: false })?.size ?? 0) >= bytes;
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

/** A pool of `threads` solving threads (this one included), for the output options `o`. */
async function startPool(threads: number, solve: () => Promise<Solve>, o: OutputOptions, separator: string): Promise<SolvePool> {
  return (await loadPool()).SolvePool.start(threads, { compact: o.compact, digits: o.digits }, solve, separator);
}

/**
 * The input of array mode: an array, its elements parsed a chunk at a time as they are solved; or any
 * other JSON value (`value`).
 */
type ArrayInput = { elements: ArrayElements } | { value: unknown };

// Inputs from this size on are checked by the kernel and decoded a chunk at a time (json-file.ts).
const FILE_PIECES_FROM = 256 * 1024;

/**
 * `pool`: threads started before the input was read (a large file), used when the input is a run
 * long enough for them, else stopped.
 */
async function solveArray(input: ArrayInput, solve: () => Promise<Solve>, o: OutputOptions, pool: SolvePool | null, plan: ThreadPlan): Promise<void> {
  const count = 'elements' in input ? input.elements.count : 0;
  if (pool && !(count >= plan.from)) {
    await pool.close();
    pool = null;
  }
  if ('value' in input) {
    await writeOut(writeResult(new JsonBytes(o.digits), (await solve())(input.value, false), o.compact).text('\n').view());
    return;
  }
  if (count === 0) {
    await writeOut('[]\n');
    return;
  }
  // One result per line inside the array: the same value JSON.parse reads as before, written in chunks.
  if (!pool && plan.threads > 1 && count >= plan.from) pool = await startPool(plan.threads, solve, o, ',\n');
  const sink = pool ?? inlineSink(await solve(), o, ',\n');
  await writeOut('[\n');
  // The array's text, chunk by chunk: parsed just before the chunk is solved (here, or by a worker
  // thread, which is sent the text: cheaper than parsed objects, and the workers parse in parallel),
  // so nothing parsed outlives its chunk.
  const { elements } = input;
  for (let i = 0; i < count; i += JOB) await sink.submit({ text: elements.slice(i, JOB) });
  await sink.finish();
  await writeOut('\n]\n');
}

async function solveLines(path: string | undefined, solve: () => Promise<Solve>, o: OutputOptions): Promise<void> {
  const stream = path !== undefined ? createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK }) : process.stdin.setEncoding('utf8');
  const plan = threads();
  // a file large enough for threads (by its size) is solved on them from its first line
  const from = largeFile(path, plan.earlyBytes) ? 0 : plan.from;
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
    if (!pooled && plan.threads > 1 && lineNo + lines.length > from) {
      // a long input: from the next chunk boundary on, worker threads (everything before is written
      // here first), so each thread's chunk starts where a cold start happens anyway
      const toBoundary = (JOB - ((lineNo - 1) % JOB)) % JOB;
      sink ??= inlineSink(await solve(), o, '');
      if (toBoundary > 0) await hand(lines.slice(0, toBoundary));
      lines = lines.slice(toBoundary);
      await sink.finish();
      sink = await startPool(plan.threads, solve, o, '');
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

/** Runs the solve command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    console.error(`solve: ${o}\n${USAGE}`);
    return 2;
  }
  const where = o.path ?? 'stdin';
  // This thread's kernel instance and engine, loaded once and only when needed here (a large file is
  // also checked by the kernel, json-file.ts).
  let instance: Promise<Core> | null = null;
  const core = (): Promise<Core> => (instance ??= coreInstance());
  let solver: Promise<Solve> | null = null;
  const solve = (): Promise<Solve> => (solver ??= engineSolve(core()));
  if (!o.lines) {
    // a large file: its threads start first, and this thread's engine (the wasm compiles on a
    // background thread), while the input is read and parsed
    const plan = threads();
    const early = plan.threads > 1 && largeFile(o.path, plan.earlyBytes);
    const pool = early ? await startPool(plan.threads, solve, o, ',\n') : null;
    // this thread's engine: loaded now when this thread solves the run (the wasm compiles on a
    // background thread meanwhile), with a pool when it first takes a chunk (the workers get theirs first)
    if (!pool) void solve();
    let input: ArrayInput;
    try {
      // A large input that is one array: checked by the kernel a piece at a time, its elements
      // decoded as they are solved (a file is read again for them; stdin is held as its bytes).
      // Anything else: the text whole.
      let bytes: Buffer | null = null;
      let elements: ArrayElements | null = null;
      if (o.path !== undefined) {
        if (largeFile(o.path, FILE_PIECES_FROM)) elements = fileElements(o.path, await core());
      } else {
        bytes = readFileSync(0);
        if (bytes.length >= FILE_PIECES_FROM) elements = bytesElements(bytes, await core());
      }
      if (elements) input = { elements };
      else {
        const text = bytes ? decodeText(bytes) : readText(o.path!);
        // An array is parsed a chunk at a time as it is solved, once it is known to be JSON: by the scan
        // (json-scan.ts: it builds nothing), or else by JSON.parse (which gives the message when it is not).
        const shape = scanJson(text);
        if (shape?.array) input = { elements: textElements(text, shape.start, shape.ends) };
        else {
          const value: unknown = JSON.parse(text);
          input = Array.isArray(value) ? { elements: textElements(text, arrayStart(text), elementEnds(text, arrayStart(text))) } : { value };
        }
      }
    } catch (e) {
      await pool?.close();
      const why = e instanceof Error ? e.message : String(e);
      console.error(e instanceof SyntaxError ? `solve: input is not valid JSON: ${why}` : `solve: cannot read ${where}: ${why}`);
      return 2;
    }
    try {
      await solveArray(input, solve, o, pool, plan);
    } catch (e) {
      // a file that changed while it was read (a chunk that is no longer JSON, or no longer there), or
      // could not be read again; anything else is a bug, not the input
      if (!(e instanceof SyntaxError || (e instanceof Error && (e.name === 'InputChanged' || 'code' in e)))) throw e;
      console.error(`solve: cannot read ${where}: ${e.message}${e instanceof SyntaxError ? ' (did the file change while it was read?)' : ''}`);
      return 2;
    } finally {
      if ('elements' in input) input.elements.close();
    }
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

// (no top-level await: the command is also built as one CommonJS script, vite.cli.config.ts)
if (isMainModule(import.meta.url)) void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

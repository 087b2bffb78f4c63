// Command line: `rfo solve [--lines] [--compact] [file]` (also `npm run --silent solve -- …`;
// stdin when no file). Input: one problem or an array (format in app/domain/problem.ts); output:
// one result or an array, same order, on stdout. `--lines`: one problem per input line, one result
// per output line, written as they come (memory stays flat however many lines). `--compact`: no
// mole fractions. Exit status 0 when the input was read (failures, bad lines included, are values
// in the output), 2 when it was not valid JSON, could not be read, or the options were wrong.
import { createReadStream, readFileSync } from 'node:fs';
import { makeEngineApi } from '../workers/engine-api.ts';
import { isMainModule, loadEngineFiles, writeOut } from './cli-engine.ts';
import { resultJson } from './cli-json.ts';

const USAGE = 'usage: rfo solve [--lines] [--compact] [file]';
// Output is gathered into chunks of about this many characters before it is written.
const CHUNK = 1 << 16;

interface Options { lines: boolean; compact: boolean; path: string | undefined }

function parseArgs(args: string[]): Options | string {
  const o: Options = { lines: false, compact: false, path: undefined };
  for (const a of args) {
    if (a === '--lines') o.lines = true;
    else if (a === '--compact') o.compact = true;
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else if (o.path !== undefined) return `one input file at most (got ${o.path} and ${a})`;
    else o.path = a === '-' ? undefined : a;
  }
  return o;
}

type Solve = (raw: unknown) => unknown;

async function solveArray(text: string, solve: Solve, compact: boolean): Promise<void> {
  const input: unknown = JSON.parse(text);
  if (!Array.isArray(input)) {
    await writeOut(resultJson(solve(input), compact) + '\n');
    return;
  }
  if (input.length === 0) {
    await writeOut('[]\n');
    return;
  }
  // One result per line inside the array: the same value JSON.parse reads as before, written in chunks.
  let buf = '[\n';
  for (let i = 0; i < input.length; i++) {
    buf += (i > 0 ? ',\n' : '') + resultJson(solve(input[i]), compact);
    input[i] = undefined; // the problem is done with: let it go
    if (buf.length >= CHUNK) {
      await writeOut(buf);
      buf = '';
    }
  }
  await writeOut(buf + '\n]\n');
}

async function solveLines(path: string | undefined, solve: Solve, compact: boolean): Promise<void> {
  const stream = path !== undefined ? createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK }) : process.stdin.setEncoding('utf8');
  let rest = '';
  let lineNo = 0;
  let buf = '';
  const line = (text: string) => {
    lineNo++;
    const t = text.trim();
    if (t === '') return; // blank lines (a trailing newline, spacing) give no result
    let raw: unknown;
    try {
      raw = JSON.parse(t);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      buf += resultJson({ ok: false, error: { code: 'bad-json', message: `line ${lineNo} is not valid JSON: ${why}`, field: `line ${lineNo}` } }) + '\n';
      return;
    }
    buf += resultJson(solve(raw), compact) + '\n';
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) {
      line(p);
      if (buf.length >= CHUNK) { await writeOut(buf); buf = ''; }
    }
    // Everything read so far is answered before the next read: a caller that writes one problem
    // and waits for its result gets it.
    if (buf) { await writeOut(buf); buf = ''; }
  }
  line(rest);
  if (buf) await writeOut(buf);
}

/** Runs the solve command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    console.error(`solve: ${o}\n${USAGE}`);
    return 2;
  }
  const where = o.path ?? 'stdin';
  let text = '';
  if (!o.lines) {
    try {
      text = readFileSync(o.path ?? 0, 'utf8');
    } catch (e) {
      console.error(`solve: cannot read ${where}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    try {
      JSON.parse(text);
    } catch (e) {
      console.error(`solve: input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  const { core, thermo } = await loadEngineFiles();
  const api = makeEngineApi(core, thermo);
  const solve: Solve = (raw) => api.solveProblem(raw);
  if (!o.lines) {
    await solveArray(text, solve, o.compact);
    return 0;
  }
  try {
    await solveLines(o.path, solve, o.compact);
  } catch (e) {
    console.error(`solve: cannot read ${where}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  return 0;
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

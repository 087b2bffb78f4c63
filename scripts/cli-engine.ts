// Loading of the engine for the command-line tools, from the repository's files: wasm-core/build/
// core.wasm, wasm-core/data/thermo.json and trans.json. Paths are taken from this module's folder, which is
// one level below the root both as source (scripts/) and as built code (dist-cli/).
import { isAscii } from 'node:buffer';
import { fstatSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantiateCore, type Core } from '../wasm-core/index.ts';
import { packedFits, type PackedThermo, type ThermoDocument } from '../app/domain/thermo-inp.ts';
import type { TransDocument } from '../app/domain/trans-inp.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The species data: packed by the command-line build (dist-cli/thermo-index.json and
 * thermo-data.bin, vite.cli.config.ts) when both are at least as new as wasm-core/data/thermo.json,
 * else thermo.json itself. The same data: the packed form spares parsing its numbers as text.
 */
function loadThermo(): ThermoDocument | PackedThermo {
  const json = join(root, 'wasm-core/data/thermo.json');
  const t = statSync(json, { throwIfNoEntry: false })?.mtimeMs ?? Infinity;
  const bin = join(root, 'dist-cli/thermo-data.bin');
  const idx = join(root, 'dist-cli/thermo-index.json');
  if ((statSync(bin, { throwIfNoEntry: false })?.mtimeMs ?? -1) >= t && (statSync(idx, { throwIfNoEntry: false })?.mtimeMs ?? -1) >= t) {
    try {
      const b = readFileSync(bin);
      const packed = JSON.parse(readFileSync(idx, 'utf8')) as PackedThermo;
      // (a Buffer of a file this size has its own memory, 8-byte aligned; copied when not)
      packed.numbers = b.byteOffset % 8 === 0 ? new Float64Array(b.buffer, b.byteOffset, b.length >> 3) : new Float64Array(new Uint8Array(b).buffer);
      if (packedFits(packed)) return packed; // (the species themselves are made once, by the engine)
    } catch {
      // unreadable: thermo.json below
    }
  }
  return JSON.parse(readFileSync(json, 'utf8')) as ThermoDocument;
}

/**
 * The wasm core and the species data, read synchronously (a command line has nothing else to do
 * meanwhile), and the transport data, read on the first call of `trans` (most runs never ask for
 * transport properties: the start-up spares reading and parsing them).
 */
export async function loadEngineFiles(instance?: Promise<Core>): Promise<{ core: Core; thermo: ThermoDocument | PackedThermo; trans: () => TransDocument }> {
  // the kernel compiles on a background thread while the data are read here
  const core = instance ?? coreInstance();
  const thermo = loadThermo();
  let trans: TransDocument | null = null;
  const readTrans = () => (trans ??= JSON.parse(readFileSync(join(root, 'wasm-core/data/trans.json'), 'utf8')) as TransDocument);
  return { core: await core, thermo, trans: readTrans };
}

let compiled: Promise<WebAssembly.Module> | null = null;
/**
 * The compiled kernel (wasm-core/build/core.wasm), compiled once per thread, or the one a worker
 * thread was given by `useCompiledCore`: threads that share one module share its compiled code, and
 * the optimised code each function tiers up to is compiled once for all of them.
 */
export function compiledCore(): Promise<WebAssembly.Module> {
  return (compiled ??= WebAssembly.compile(readFileSync(join(root, 'wasm-core/build/core.wasm'))));
}

/** A new instance of the kernel (its own memory): `loadEngineFiles` makes one unless it is given one. */
export function coreInstance(): Promise<Core> {
  return compiledCore().then((m) => instantiateCore(m));
}

/** Makes `m` (a module another thread compiled with compiledCore) this thread's kernel. */
export function useCompiledCore(m: WebAssembly.Module): void {
  compiled = Promise.resolve(m);
}

/**
 * The text of a file (a path, or a file descriptor: 0 for stdin), read as UTF-8. ASCII text (most
 * inputs) becomes a one-byte string by a plain copy, without UTF-8 decoding: ~10 ms less on the
 * 2.6 MB grid, and the same string.
 */
export function readText(path: string | number): string {
  return decodeText(readFileSync(path));
}

/** Bytes of UTF-8 text as a string (ASCII copied as Latin-1, as readText does). */
export function decodeText(b: Buffer): string {
  return isAscii(b) ? b.toString('latin1') : b.toString('utf8');
}

/**
 * The JSON input of a command: the file `path` names, or stdin when none. When it cannot be read or
 * is not JSON, the reason goes to stderr (`<command>: cannot read a JSON <what> from …`) and the
 * answer is null: the command then exits with status 2.
 */
export function readJsonInput(command: string, path: string | undefined, what = 'spec'): { value: unknown } | null {
  try {
    return { value: JSON.parse(readFileSync(path ?? 0, 'utf8')) as unknown };
  } catch (e) {
    console.error(`${command}: cannot read a JSON ${what} from ${path ?? 'stdin'}: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

// stdout is a regular file or a character device (/dev/null): written with fs.writeSync, which
// encodes the string straight into the write (process.stdout's file stream first copies each string
// into a new Buffer: on the 10,000-point grid's 36 MB that copy cost more CPU than all of JSON.stringify).
let directStdout: boolean | null = null;
function stdoutIsFile(): boolean {
  if (directStdout === null) {
    try {
      const st = fstatSync(1);
      directStdout = st.isFile() || (st.isCharacterDevice() && !process.stdout.isTTY);
    } catch {
      directStdout = false;
    }
  }
  return directStdout;
}

// A reader that stops reading (`rfo solve … | head`) closes the pipe: the next write fails with
// EPIPE. Nothing is wrong on this side, so the command stops quietly (status 0) instead of
// printing an unhandled 'error' event's stack; any other write error is reported and gives status 2.
let pipeGuarded = false;
function closedPipeQuits(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    console.error(`rfo: cannot write the output: ${e.message}`);
    process.exit(2);
  });
}

/**
 * Writes text or bytes to stdout, waiting for the pipe to drain when it is full (backpressure).
 * Bytes may be reused by the caller once this returns (a stream write gets its own copy).
 */
export function writeOut(data: string | Uint8Array): Promise<void> | null {
  // (not when process.stdout.write was replaced by a test capturing the output; process.stdout is
  // looked at only under the test runner: making the stream loads node's streams, ~5 ms of start-up)
  if (stdoutIsFile() && !(process.env.VITEST !== undefined && Object.hasOwn(process.stdout, 'write'))) {
    let b: Uint8Array;
    let o = 0;
    if (typeof data === 'string') {
      o = writeSync(1, data);
      if (o >= data.length && o >= Buffer.byteLength(data)) return null;
      b = Buffer.from(data); // a short write (rare): the rest
    } else b = data;
    while (o < b.length) o += writeSync(1, b, o, b.length - o);
    return null;
  }
  closedPipeQuits();
  if (process.stdout.write(typeof data === 'string' ? data : Buffer.from(data))) return null;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

/** True when `url` (a module's import.meta.url) is the script node was started with. */
export function isMainModule(url: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(url) === process.argv[1];
}

// A large JSON input read for the solve command without decoding it whole: checked first by the
// kernel's byte scan (wasm-core/json-scan.ts), a piece at a time through one buffer in the kernel's
// memory, and then decoded a chunk of array elements at a time, by their byte positions, as they are
// solved. A file is read again for each chunk (it is never held whole); stdin, which cannot be read
// twice, is held as its bytes. Reading the 10,000-point grid (2.6 MB) whole and decoding it into a
// string took ~35 ms and 1,400 fresh memory pages, and checking that string in JavaScript another
// ~30 ms (cold code); this way the check takes ~10 ms.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Core } from '../wasm-core/index.ts';
import { scanJsonBytes } from '../wasm-core/json-scan.ts';

// The scan's piece: small enough to stay in the cache, large enough that reads cost little.
const PIECE = 1 << 16;

/** The elements of a JSON array, handed out a run at a time as the JSON text of an array. */
export interface ArrayElements {
  readonly count: number;
  /** Elements i … i + n − 1 (fewer at the end) as the text of one array. */
  slice(i: number, n: number): string;
  /** Frees what reading needs (a file's descriptor). */
  close(): void;
}

/** The elements of the array at `start` in `text`, which end at `ends` (JsonShape of scripts/json-scan.ts). */
export function textElements(text: string, start: number, ends: number[]): ArrayElements {
  return {
    count: ends.length,
    slice: (i, n) => `[${text.slice((i === 0 ? start : ends[i - 1]) + 1, ends[Math.min(i + n, ends.length) - 1])}]`,
    close() {},
  };
}

/** Bytes read by position: `read(into, at, n, position)` puts up to n bytes there and returns how many (0 at the end). */
type ReadAt = (into: Uint8Array, at: number, n: number, position: number) => number;

/**
 * The bytes `readAt` gives, when they are one JSON array: its elements, decoded as asked for. null
 * when they are not certainly one (another value, or maybe not JSON). `what` names the input in the
 * error of a read that comes short.
 */
function byteElements(core: Core, readAt: ReadAt, what: string, close: () => void): ArrayElements | null {
  let position = 0;
  const shape = scanJsonBytes(core, PIECE, (into) => {
    const n = readAt(into, 0, into.length, position);
    position += n;
    return n;
  });
  if (shape.kind !== 'array') return null;
  const { start, ends, ascii } = shape;
  let buf = Buffer.allocUnsafe(0);
  return {
    count: ends.length,
    slice(i, n) {
      const from = (i === 0 ? start : ends[i - 1]) + 1;
      const to = ends[Math.min(i + n, ends.length) - 1];
      const len = to - from;
      if (buf.length < len + 2) buf = Buffer.allocUnsafe(Math.max(len + 2, 2 * buf.length));
      buf[0] = 91; // [
      for (let got = 0; got < len;) {
        const r = readAt(buf, 1 + got, len - got, from + got);
        if (r === 0) throw Object.assign(new Error(`${what} became shorter while it was read`), { name: 'InputChanged' });
        got += r;
      }
      buf[len + 1] = 93; // ]
      // (the chunk begins after a comma and ends before one: whole UTF-8 characters)
      return buf.toString(ascii ? 'latin1' : 'utf8', 0, len + 2);
    },
    close,
  };
}

/**
 * The file at `path` when it is one JSON array: its elements, read from the file as they are asked
 * for. null when it is not certainly one (another value, or maybe not JSON): the caller reads it
 * whole, and JSON.parse judges it. Errors of reading it are thrown. `core`: the kernel instance to
 * scan with (the engine's: the scan's buffers are freed when it ends).
 */
export function fileElements(path: string, core: Core): ArrayElements | null {
  const fd = openSync(path, 'r');
  let handedOver = false;
  try {
    if (!fstatSync(fd).isFile()) return null;
    const got = byteElements(core, (into, at, n, position) => readSync(fd, into, at, n, position), path, () => closeSync(fd));
    handedOver = got !== null;
    return got;
  } finally {
    if (!handedOver) closeSync(fd);
  }
}

/** The same for an input held as its bytes (stdin). */
export function bytesElements(bytes: Uint8Array, core: Core): ArrayElements | null {
  return byteElements(core, (into, at, n, position) => {
    const m = Math.max(0, Math.min(n, bytes.length - position));
    into.set(bytes.subarray(position, position + m), at);
    return m;
  }, 'the input', () => {});
}

// QR Code encoder (ISO/IEC 18004, model 2) for share links in classrooms: byte mode, with a trailing
// run of digits in numeric mode (10 bits per 3 digits instead of 24: the compact form of a share
// link, share-link.ts qrShareText, ends in its payload as digits). Pure TS: no DOM. The steps: split
// the text into segments; pick the smallest version that holds them at the error-correction level;
// build the bit stream (per segment mode, count, data; terminator, pad bytes); split into
// blocks and add Reed–Solomon codewords (GF(256), polynomial 0x11D); interleave; draw function
// patterns; place the codewords in the two-column zigzag; try the 8 masks and keep the one with
// the lowest penalty; draw format (and, from version 7, version) information.
import { err, ok, type Result } from './result.ts';

export type QrEcl = 'L' | 'M' | 'Q' | 'H';

export interface QrCode {
  version: number;
  size: number;
  ecl: QrEcl;
  mask: number;
  /** size × size modules, row by row; 1 = dark. */
  modules: Uint8Array;
}

const ECL_INDEX: Record<QrEcl, number> = { L: 0, M: 1, Q: 2, H: 3 };
/** The two format bits of each level (note: not in L, M, Q, H order). */
const ECL_FORMAT_BITS: Record<QrEcl, number> = { L: 1, M: 0, Q: 3, H: 2 };

// ISO/IEC 18004 Table 9: error-correction codewords per block, and number of blocks, per version (index 0 unused).
// prettier-ignore
const ECC_PER_BLOCK: number[][] = [
  [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
  [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
];
// prettier-ignore
const BLOCKS: number[][] = [
  [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
  [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
  [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
];

/** Modules available for codewords (and remainder bits) in a version: all minus function patterns. */
export function rawDataModules(v: number): number {
  let n = (16 * v + 128) * v + 64; // size² minus finders+separators+format (and timing counted below)
  if (v >= 2) {
    const a = Math.floor(v / 7) + 2;
    n -= (25 * a - 10) * a - 55; // alignment patterns, less their overlap with the timing lines
    if (v >= 7) n -= 36; // two version-information blocks
  }
  return n;
}

/** Data codewords (after error correction is set aside) of a version at a level. */
export function dataCodewords(v: number, ecl: QrEcl): number {
  const e = ECL_INDEX[ecl];
  return Math.floor(rawDataModules(v) / 8) - ECC_PER_BLOCK[e][v] * BLOCKS[e][v];
}

/** Centre coordinates of the alignment patterns of a version (same list for rows and columns). */
export function alignmentPositions(v: number): number[] {
  if (v === 1) return [];
  const size = 4 * v + 17;
  const count = Math.floor(v / 7) + 2;
  const step = v === 32 ? 26 : Math.ceil((4 * v + 4) / (2 * count - 2)) * 2;
  const out = [6];
  for (let pos = size - 7; out.length < count; pos -= step) out.splice(1, 0, pos);
  return out;
}

// ---- GF(256) and Reed–Solomon ----

function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

/** Generator polynomial (x − α⁰)(x − α¹)…(x − α^(n−1)), leading 1 dropped, highest power first. */
function rsGenerator(n: number): number[] {
  const g = new Array<number>(n).fill(0);
  g[n - 1] = 1;
  let root = 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      g[j] = gfMul(g[j], root);
      if (j + 1 < n) g[j] ^= g[j + 1];
    }
    root = gfMul(root, 2);
  }
  return g;
}

/** Error-correction codewords of `data` (the remainder of data·xⁿ divided by the generator). */
export function reedSolomonRemainder(data: ArrayLike<number>, n: number): number[] {
  const g = rsGenerator(n);
  const r = new Array<number>(n).fill(0);
  for (let i = 0; i < data.length; i++) {
    const f = data[i] ^ (r.shift() as number);
    r.push(0);
    for (let j = 0; j < n; j++) r[j] ^= gfMul(g[j], f);
  }
  return r;
}

// ---- format and version information (BCH codes) ----

/** The 15 format bits (level, mask, BCH(15,5) check, XOR mask 0x5412), most significant first. */
export function formatBits(ecl: QrEcl, mask: number): number {
  const data = (ECL_FORMAT_BITS[ecl] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** The 18 version bits (version, BCH(18,6) check), for versions ≥ 7. */
export function versionBits(v: number): number {
  let rem = v;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  return (v << 12) | rem;
}

// ---- the symbol ----

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

class Grid {
  readonly dark: Uint8Array;
  readonly fixed: Uint8Array; // function modules: never masked, never data
  constructor(readonly size: number) {
    this.dark = new Uint8Array(size * size);
    this.fixed = new Uint8Array(size * size);
  }
  set(x: number, y: number, on: boolean) {
    const i = y * this.size + x;
    this.dark[i] = on ? 1 : 0;
    this.fixed[i] = 1;
  }
  get(x: number, y: number) {
    return this.dark[y * this.size + x] === 1;
  }
}

function drawFunctionPatterns(g: Grid, v: number) {
  const n = g.size;
  for (let i = 0; i < n; i++) {
    g.set(6, i, i % 2 === 0);
    g.set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [[3, 3], [n - 4, 3], [3, n - 4]]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= n || y >= n) continue;
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        g.set(x, y, d !== 2 && d !== 4); // 3×3 core, light ring, dark ring, light separator
      }
    }
  }
  const pos = alignmentPositions(v);
  for (const ax of pos) {
    for (const ay of pos) {
      // the three that would sit on the finder patterns are left out
      if ((ax === 6 && ay === 6) || (ax === 6 && ay === n - 7) || (ax === n - 7 && ay === 6)) continue;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) g.set(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
  }
  drawFormat(g, 'L', 0); // reserve the areas; real bits are drawn after the mask is chosen
  if (v >= 7) {
    const bits = versionBits(v);
    for (let i = 0; i < 18; i++) {
      const on = ((bits >>> i) & 1) === 1;
      const a = n - 11 + (i % 3);
      const b = Math.floor(i / 3);
      g.set(a, b, on);
      g.set(b, a, on);
    }
  }
}

function drawFormat(g: Grid, ecl: QrEcl, mask: number) {
  const bits = formatBits(ecl, mask);
  const bit = (i: number) => ((bits >>> i) & 1) === 1;
  const n = g.size;
  // copy around the top-left finder
  for (let i = 0; i <= 5; i++) g.set(8, i, bit(i));
  g.set(8, 7, bit(6));
  g.set(8, 8, bit(7));
  g.set(7, 8, bit(8));
  for (let i = 9; i < 15; i++) g.set(14 - i, 8, bit(i));
  // copy split between the other two finders
  for (let i = 0; i < 8; i++) g.set(n - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) g.set(8, n - 15 + i, bit(i));
  g.set(8, n - 8, true); // the dark module
}

/** Codewords in placement order: data blocks interleaved, then their error-correction codewords. */
function interleave(data: number[], v: number, ecl: QrEcl): number[] {
  const e = ECL_INDEX[ecl];
  const nBlocks = BLOCKS[e][v];
  const eccLen = ECC_PER_BLOCK[e][v];
  const raw = Math.floor(rawDataModules(v) / 8);
  const nShort = nBlocks - (raw % nBlocks);
  const shortLen = Math.floor(raw / nBlocks); // data + ecc of a short block
  const blocks: number[][] = [];
  const eccs: number[][] = [];
  for (let b = 0, k = 0; b < nBlocks; b++) {
    const len = shortLen - eccLen + (b < nShort ? 0 : 1);
    const d = data.slice(k, k + len);
    k += len;
    blocks.push(d);
    eccs.push(reedSolomonRemainder(d, eccLen));
  }
  const out: number[] = [];
  for (let i = 0; i <= shortLen - eccLen; i++) for (const d of blocks) if (i < d.length) out.push(d[i]);
  for (let i = 0; i < eccLen; i++) for (const c of eccs) out.push(c[i]);
  return out;
}

/** Visits the non-function modules in the standard two-column zigzag, bottom-right first. */
export function zigzag(size: number, isFunction: (x: number, y: number) => boolean, visit: (x: number, y: number) => void) {
  let upward = true;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // the vertical timing line is skipped
    for (let k = 0; k < size; k++) {
      const y = upward ? size - 1 - k : k;
      for (const x of [right, right - 1]) if (!isFunction(x, y)) visit(x, y);
    }
    upward = !upward;
  }
}

function penalty(g: Grid): number {
  const n = g.size;
  let score = 0;
  const line = (get: (i: number) => boolean) => {
    let runColor = get(0);
    let run = 1;
    for (let i = 1; i <= n; i++) {
      const c = i < n ? get(i) : !runColor;
      if (c === runColor) run++;
      else {
        if (run >= 5) score += 3 + (run - 5);
        runColor = c;
        run = 1;
      }
    }
    // finder-like 1:1:3:1:1 with four light modules on one side
    for (let i = 0; i + 10 < n; i++) {
      const p = [1, 0, 1, 1, 1, 0, 1].every((b, k) => get(i + k) === (b === 1));
      if (!p) continue;
      const before = i >= 4 && [1, 2, 3, 4].every((k) => !get(i - k));
      const after = [7, 8, 9, 10].every((k) => !get(i + k));
      if (before || after) score += 40;
    }
  };
  for (let y = 0; y < n; y++) line((i) => g.get(i, y));
  for (let x = 0; x < n; x++) line((i) => g.get(x, i));
  for (let y = 0; y + 1 < n; y++) {
    for (let x = 0; x + 1 < n; x++) {
      const c = g.get(x, y);
      if (c === g.get(x + 1, y) && c === g.get(x, y + 1) && c === g.get(x + 1, y + 1)) score += 3;
    }
  }
  let dark = 0;
  for (const d of g.dark) dark += d;
  const total = n * n;
  score += 10 * (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1);
  return score;
}

/** A run of the text in one mode: bytes (UTF-8) or decimal digits. */
export type QrSegment = { mode: 'byte'; bytes: Uint8Array } | { mode: 'numeric'; digits: string };

/** Character-count bits of a mode in a version (ISO/IEC 18004 Table 3). */
function countBits(mode: QrSegment['mode'], v: number): number {
  if (mode === 'byte') return v <= 9 ? 8 : 16;
  return v <= 9 ? 10 : v <= 26 ? 12 : 14;
}

/** Bits of a segment in a version: mode indicator, count, data (numeric: 10 bits per 3 digits, 7 for 2, 4 for 1). */
export function segmentBits(seg: QrSegment, v: number): number {
  if (seg.mode === 'byte') return 4 + countBits('byte', v) + 8 * seg.bytes.length;
  const n = seg.digits.length;
  return 4 + countBits('numeric', v) + 10 * Math.floor(n / 3) + [0, 4, 7][n % 3];
}

/**
 * The text as segments: byte mode, and its trailing run of digits in numeric mode when that takes
 * fewer bits (a run of 4 or more: 8 bits a digit against 3⅓ plus a 4-bit mode and a count of at
 * most 14 bits).
 */
export function qrSegments(text: string): QrSegment[] {
  const run = /\d*$/.exec(text)![0];
  const enc = new TextEncoder();
  if (run.length < 4) return [{ mode: 'byte', bytes: enc.encode(text) }];
  const head = text.slice(0, text.length - run.length);
  return [...(head ? [{ mode: 'byte' as const, bytes: enc.encode(head) }] : []), { mode: 'numeric', digits: run }];
}

/** The smallest version whose segments hold at a level; null above version 40. */
export function qrVersionForSegments(segments: readonly QrSegment[], ecl: QrEcl): number | null {
  for (let v = 1; v <= 40; v++) {
    if (segments.reduce((sum, seg) => sum + segmentBits(seg, v), 0) <= 8 * dataCodewords(v, ecl)) return v;
  }
  return null;
}

/** The smallest version whose byte-mode segment (mode, count, data) holds `byteCount` bytes at a level; null above version 40. */
export function qrVersionFor(byteCount: number, ecl: QrEcl): number | null {
  return qrVersionForSegments([{ mode: 'byte', bytes: new Uint8Array(byteCount) }], ecl);
}

/** The data codewords of segments in a version at a level: the bit stream, terminator, 0-padding to a byte, pad bytes 0xEC 0x11. */
export function qrDataCodewords(segments: readonly QrSegment[], v: number, ecl: QrEcl): number[] {
  const capacity = dataCodewords(v, ecl);
  const bits: number[] = [];
  const put = (val: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) bits.push((val >>> i) & 1);
  };
  for (const seg of segments) {
    if (seg.mode === 'byte') {
      put(0b0100, 4);
      put(seg.bytes.length, countBits('byte', v));
      for (const b of seg.bytes) put(b, 8);
    } else {
      const d = seg.digits;
      put(0b0001, 4);
      put(d.length, countBits('numeric', v));
      for (let i = 0; i < d.length; i += 3) {
        const group = d.slice(i, i + 3);
        put(Number(group), [0, 4, 7, 10][group.length]);
      }
    }
  }
  put(0, Math.min(4, capacity * 8 - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  for (let pad = 0xec; data.length < capacity; pad ^= 0xec ^ 0x11) data.push(pad);
  return data;
}

/** Light modules around the symbol (ISO/IEC 18004: a quiet zone 4 modules wide on every side). */
export const QR_QUIET_ZONE = 4;
/** The smallest module, in CSS px, the full-screen view aims for (see chooseQrEcl). */
export const QR_MIN_MODULE_PX = 8;

export interface QrEclChoice {
  ecl: QrEcl;
  version: number;
  /** Modules across, without the quiet zone: 21 + 4·(version − 1). */
  size: number;
  /** CSS px per module when the symbol and its quiet zone fill `sidePx`. */
  modulePx: number;
  /** False when even level L gives modules under the minimum (then L is chosen: its modules are the largest). */
  readable: boolean;
}

/**
 * The error-correction level for a symbol drawn `sidePx` CSS px wide (quiet zone included):
 * the highest level, in the order H, Q, M, L, whose symbol for the content (a text, split into
 * segments as encodeQr does, or a count of bytes in byte mode) still has
 * modules of at least `minModulePx` px (module px = sidePx / (size + 2·quiet zone)). More error
 * correction means a larger symbol and so smaller modules; on a projector a higher level survives
 * glare and a partly hidden screen, but a module too small for a camera at the back of the room
 * reads worse than a lower level. When no level reaches the minimum, L (the largest modules).
 */
export function chooseQrEcl(content: number | string, sidePx: number, minModulePx = QR_MIN_MODULE_PX): Result<QrEclChoice> {
  if (typeof content === 'number' && !(Number.isInteger(content) && content >= 0)) return err('bad-input', `byte count must be a whole number ≥ 0 (got ${content})`, 'byteCount');
  if (!(Number.isFinite(sidePx) && sidePx > 0)) return err('bad-input', `side must be > 0 px (got ${sidePx})`, 'sidePx');
  const segments = typeof content === 'number' ? [{ mode: 'byte' as const, bytes: new Uint8Array(content) }] : qrSegments(content);
  const byteCount = typeof content === 'number' ? content : new TextEncoder().encode(content).length;
  let last: QrEclChoice | null = null;
  for (const ecl of ['H', 'Q', 'M', 'L'] as const) {
    const version = qrVersionForSegments(segments, ecl);
    if (version === null) continue;
    const size = 4 * version + 17;
    const modulePx = sidePx / (size + 2 * QR_QUIET_ZONE);
    last = { ecl, version, size, modulePx, readable: modulePx >= minModulePx };
    if (last.readable) return ok(last);
  }
  if (!last) return err('too-long', `the text is too long for a QR code (${byteCount} bytes)`, 'text');
  return ok(last);
}

/** Encodes text (UTF-8; a trailing run of digits in numeric mode) at the smallest version that fits; mask chosen by penalty. */
export function encodeQr(text: string, ecl: QrEcl = 'M'): Result<QrCode> {
  const segments = qrSegments(text);
  const v = qrVersionForSegments(segments, ecl);
  if (v === null) return err('too-long', `the text is too long for a QR code at level ${ecl} (${new TextEncoder().encode(text).length} bytes)`, 'text');
  const codewords = interleave(qrDataCodewords(segments, v, ecl), v, ecl);

  const size = 4 * v + 17;
  const base = new Grid(size);
  drawFunctionPatterns(base, v);
  const isFunction = (x: number, y: number) => base.fixed[y * size + x] === 1;
  const order: number[] = [];
  zigzag(size, isFunction, (x, y) => order.push(y * size + x));
  const unmasked = new Uint8Array(base.dark);
  order.forEach((idx, i) => {
    const cw = i >> 3;
    unmasked[idx] = cw < codewords.length ? (codewords[cw] >>> (7 - (i & 7))) & 1 : 0; // remainder bits are 0
  });

  let best: Grid | null = null;
  let bestMask = 0;
  let bestScore = Infinity;
  for (let m = 0; m < 8; m++) {
    const g = new Grid(size);
    g.dark.set(unmasked);
    g.fixed.set(base.fixed);
    for (const idx of order) if (MASKS[m](idx % size, Math.floor(idx / size))) g.dark[idx] ^= 1;
    drawFormat(g, ecl, m);
    const s = penalty(g);
    if (s < bestScore) {
      best = g;
      bestScore = s;
      bestMask = m;
    }
  }
  return ok({ version: v, size, ecl, mask: bestMask, modules: best!.dark });
}

/** An SVG path ("M x y h1 v1 h-1 z" per dark module) for a code drawn with `border` light modules around it. */
export function qrSvgPath(code: QrCode, border = 4): string {
  const parts: string[] = [];
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) if (code.modules[y * code.size + x]) parts.push(`M${x + border},${y + border}h1v1h-1z`);
  }
  return parts.join('');
}

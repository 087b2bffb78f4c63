// QR encoder: known values from ISO/IEC 18004 (Annex I example, format/version tables, capacities),
// and a small independent decoder written here (function-module map, zigzag read, unmask,
// de-interleave, Reed–Solomon syndromes, byte-mode parse) that must read back what was encoded.
import { describe, it, expect } from 'vitest';
import { encodeQr, reedSolomonRemainder, formatBits, versionBits, dataCodewords, alignmentPositions, qrSvgPath, qrDataCodewords, qrSegments, segmentBits, type QrCode, type QrEcl } from '../../app/domain/qr.ts';
import { encodeShare, qrShareText } from '../../app/domain/share-link.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';

describe('QR building blocks against the standard', () => {
  it('Reed–Solomon codewords of the ISO 18004 Annex I example (1-M, "01234567")', () => {
    const data = [0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11];
    expect(reedSolomonRemainder(data, 10)).toEqual([0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55]);
  });

  it('format and version information', () => {
    expect(formatBits('L', 0)).toBe(0b111011111000100);
    expect(formatBits('M', 0)).toBe(0b101010000010010);
    expect(formatBits('Q', 0)).toBe(0b011010101011111);
    expect(formatBits('H', 0)).toBe(0b001011010001001);
    expect(versionBits(7)).toBe(0b000111110010010100);
  });

  it('capacities and alignment positions', () => {
    expect(dataCodewords(1, 'M')).toBe(16);
    expect(dataCodewords(10, 'M')).toBe(216);
    expect(dataCodewords(40, 'L')).toBe(2956);
    expect(dataCodewords(40, 'H')).toBe(1276);
    expect(alignmentPositions(1)).toEqual([]);
    expect(alignmentPositions(7)).toEqual([6, 22, 38]);
    expect(alignmentPositions(20)).toEqual([6, 34, 62, 90]);
    expect(alignmentPositions(32)).toEqual([6, 34, 60, 86, 112, 138]);
  });
});

// ---- an independent decoder for the versions used below ----

// [version] → alignment centres and M-level blocks [count, total codewords, data codewords] (ISO 18004 tables)
const SPEC: Record<number, { align: number[]; blocks: [number, number, number][] }> = {
  1: { align: [], blocks: [[1, 26, 16]] },
  2: { align: [6, 18], blocks: [[1, 44, 28]] },
  7: { align: [6, 22, 38], blocks: [[4, 49, 31]] },
  10: { align: [6, 28, 50], blocks: [[4, 69, 43], [1, 70, 44]] },
};

function decode(code: QrCode): string {
  const n = code.size;
  const v = (n - 17) / 4;
  const spec = SPEC[v];
  const at = (x: number, y: number) => code.modules[y * n + x] === 1;
  // format: first copy, read against all 32 valid words
  let fmt = 0;
  const fmtCells: [number, number][] = [[8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8]];
  fmtCells.forEach(([x, y], i) => { if (at(x, y)) fmt |= 1 << i; });
  let ecl: QrEcl | null = null;
  let mask = -1;
  for (const e of ['L', 'M', 'Q', 'H'] as QrEcl[]) for (let m = 0; m < 8; m++) if (formatBits(e, m) === fmt) [ecl, mask] = [e, m];
  if (ecl !== 'M') throw new Error(`format not read as level M (${fmt.toString(2)})`);
  // function modules
  const fn = (x: number, y: number) => {
    if ((x < 9 && y < 9) || (x >= n - 8 && y < 9) || (x < 9 && y >= n - 8)) return true;
    if (x === 6 || y === 6) return true;
    if (v >= 7 && ((x >= n - 11 && x < n - 8 && y < 6) || (y >= n - 11 && y < n - 8 && x < 6))) return true;
    for (const ax of spec.align) for (const ay of spec.align) {
      if ((ax === 6 && ay === 6) || (ax === 6 && ay === n - 7) || (ax === n - 7 && ay === 6)) continue;
      if (Math.abs(x - ax) <= 2 && Math.abs(y - ay) <= 2) return true;
    }
    return false;
  };
  const maskAt = [
    (x: number, y: number) => (x + y) % 2 === 0, (_x: number, y: number) => y % 2 === 0, (x: number) => x % 3 === 0, (x: number, y: number) => (x + y) % 3 === 0,
    (x: number, y: number) => (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0, (x: number, y: number) => ((x * y) % 2) + ((x * y) % 3) === 0,
    (x: number, y: number) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0, (x: number, y: number) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
  ][mask];
  const bits: number[] = [];
  for (let col = n - 1, up = true; col > 0; col -= 2, up = !up) {
    if (col === 6) col--;
    for (let i = 0; i < n; i++) {
      const y = up ? n - 1 - i : i;
      for (const x of [col, col - 1]) if (!fn(x, y)) bits.push((at(x, y) ? 1 : 0) ^ (maskAt(x, y) ? 1 : 0));
    }
  }
  const total = spec.blocks.reduce((s, [c, t]) => s + c * t, 0);
  const cw: number[] = [];
  for (let i = 0; i < total; i++) cw.push(parseInt(bits.slice(8 * i, 8 * i + 8).join(''), 2));
  // de-interleave
  const shapes = spec.blocks.flatMap(([c, t, d]) => Array.from({ length: c }, () => ({ t, d, data: [] as number[], ecc: [] as number[] })));
  let k = 0;
  for (let i = 0; i < Math.max(...shapes.map((s) => s.d)); i++) for (const s of shapes) if (i < s.d) s.data.push(cw[k++]);
  for (let i = 0; i < shapes[0].t - shapes[0].d; i++) for (const s of shapes) s.ecc.push(cw[k++]);
  // syndromes: the block polynomial vanishes at α^0 … α^(ecc−1)
  const mul = (a: number, b: number) => { let r = 0; for (; b; b >>= 1, a = a & 0x80 ? ((a << 1) ^ 0x11d) & 0xff : a << 1) if (b & 1) r ^= a; return r; };
  for (const s of shapes) {
    const poly = [...s.data, ...s.ecc];
    for (let i = 0, alpha = 1; i < s.ecc.length; i++, alpha = mul(alpha, 2)) {
      let acc = 0;
      for (const c of poly) acc = mul(acc, alpha) ^ c;
      if (acc !== 0) throw new Error(`block syndrome ${i} is ${acc}`);
    }
  }
  const data = shapes.flatMap((s) => s.data);
  const stream = data.map((b) => b.toString(2).padStart(8, '0')).join('');
  // segments until the terminator (or the end): byte mode 0100, numeric mode 0001 (ISO 18004 § 7.4)
  let at0 = 0;
  const take = (n: number) => parseInt(stream.slice(at0, (at0 += n)), 2);
  let text = '';
  while (at0 + 4 <= stream.length) {
    const mode = stream.slice(at0, at0 + 4);
    at0 += 4;
    if (mode === '0000') break;
    if (mode === '0100') {
      const count = take(v <= 9 ? 8 : 16);
      text += new TextDecoder().decode(new Uint8Array(Array.from({ length: count }, () => take(8))));
    } else if (mode === '0001') {
      const count = take(v <= 9 ? 10 : v <= 26 ? 12 : 14);
      for (let left = count; left > 0; left -= 3) {
        const n = Math.min(3, left);
        text += String(take([0, 4, 7, 10][n])).padStart(n, '0');
      }
    } else {
      throw new Error(`unexpected mode ${mode}`);
    }
  }
  return text;
}

describe('QR encoder', () => {
  it.each([
    [10, 1],
    [20, 2],
    [110, 7],
    [200, 10],
  ])('%i bytes at level M fit version %i and decode back', (len, version) => {
    const text = 'https://rfo.example/#x=1.' + 'aZ0_-é'.repeat(50);
    const t = new TextDecoder().decode(new TextEncoder().encode(text).slice(0, len)).replace(/\uFFFD$/, '');
    const q = encodeQr(t, 'M');
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    expect(q.value.version).toBe(version);
    expect(q.value.size).toBe(4 * version + 17);
    expect(decode(q.value)).toBe(t);
  });

  it('numeric mode: the ISO 18004 Annex I example "01234567" at 1-M gives its data codewords', () => {
    // Annex I: 0001 | 0000001000 | 0000001100 0101011001 1000011 | 0000, padded with 0xEC 0x11
    const segs = qrSegments('01234567');
    expect(segs).toEqual([{ mode: 'numeric', digits: '01234567' }]);
    expect(segmentBits(segs[0], 1)).toBe(41); // 4 + 10 + 10 + 10 + 7
    expect(qrDataCodewords(segs, 1, 'M')).toEqual([0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11]);
  });

  it('a trailing run of 4 or more digits goes in numeric mode, after a byte segment', () => {
    expect(qrSegments('abc123').map((x) => x.mode)).toEqual(['byte']);
    expect(qrSegments('abc1234').map((x) => x.mode)).toEqual(['byte', 'numeric']);
    expect(qrSegments('12ab').map((x) => x.mode)).toEqual(['byte']);
  });

  // hand, level M data codewords 28 (v2), 108 (v6), 124 (v7), 182 (v9), 216 (v10):
  //   'x=1:' + 48 digits: 4+8+32 + 4+10+160 = 218 bits ≤ 224 (v2), > 128 (v1);
  //   25-byte link + 200 digits: 4+8+200 + 4+10+667 = 893 bits, 864 < 893 ≤ 992 (v7);
  //   25-byte link + 400 digits: 4+8+200 + 4+10+1334 = 1560 > 1456 (v9); 4+16+200 + 4+12+1334 = 1570 ≤ 1728 (v10).
  it.each([
    ['x=1:', 48, 2],
    ['https://rfo.example/#x=1:', 200, 7],
    ['https://rfo.example/#x=1:', 400, 10],
  ])('%s and %i digits decode back (byte + numeric segments, version %i)', (prefix, n, version) => {
    const digits = Array.from({ length: n }, (_, i) => String((i * 7 + 3) % 10)).join('');
    const text = prefix + digits;
    const q = encodeQr(text, 'M');
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    expect(q.value.version).toBe(version);
    expect(decode(q.value)).toBe(text);
  });

  it('draws the three finder patterns and the timing lines', () => {
    const q = encodeQr('finder', 'M');
    if (!q.ok) throw new Error();
    const { size: n, modules } = q.value;
    const at = (x: number, y: number) => modules[y * n + x];
    for (const [ox, oy] of [[0, 0], [n - 7, 0], [0, n - 7]]) {
      expect([0, 1, 2, 3, 4, 5, 6].map((i) => at(ox + i, oy)).join('')).toBe('1111111');
      expect([0, 1, 2, 3, 4, 5, 6].map((i) => at(ox + i, oy + 1)).join('')).toBe('1000001');
      expect([0, 1, 2, 3, 4, 5, 6].map((i) => at(ox + i, oy + 3)).join('')).toBe('1011101');
    }
    for (let i = 8; i < n - 8; i++) expect(at(i, 6)).toBe(i % 2 === 0 ? 1 : 0);
    expect(at(8, n - 8)).toBe(1); // dark module
  });

  it('every template link in its QR form needs no more modules than as it is, and opens the same', async () => {
    for (const t of TEMPLATES) {
      const link = `https://example.org/rocket-fuel-optimizer/#x=${await encodeShare(experimentFromTemplate(t))}`;
      const a = encodeQr(link, 'L');
      const b = encodeQr(qrShareText(link), 'L');
      expect(a.ok && b.ok, t.id).toBe(true);
      if (a.ok && b.ok) expect(b.value.version, t.id).toBeLessThanOrEqual(a.value.version - 1);
    }
  });

  it('fits every template share link, and says when text is too long', async () => {
    for (const t of TEMPLATES) {
      const link = `https://example.org/rocket-fuel-optimizer/#x=${await encodeShare(experimentFromTemplate(t))}`;
      const q = encodeQr(link, 'M');
      expect(q.ok, t.id).toBe(true);
      if (q.ok) expect(q.value.version, t.id).toBeLessThanOrEqual(25);
    }
    const r = encodeQr('x'.repeat(3000), 'L');
    expect(!r.ok && r.error.code).toBe('too-long');
  });

  it('writes an SVG path with one square per dark module', () => {
    const q = encodeQr('svg', 'M');
    if (!q.ok) throw new Error();
    const dark = q.value.modules.reduce((s, m) => s + m, 0);
    expect(qrSvgPath(q.value).match(/M/g)!.length).toBe(dark);
  });
});

// scanJson vouches for JSON text without building it (scripts/json-scan.ts), and so does the kernel's
// byte scan, fed the UTF-8 bytes a piece at a time (wasm-core/json-scan.ts): the solve command then
// parses a long array a chunk at a time. Checked against JSON.parse itself, the definition: on texts
// JSON.parse reads it must say so (and find where an array's elements end), and it must never vouch for
// a text JSON.parse refuses — seeded random JSON, then each mutated at random.
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../app/domain/ml-random.ts';
import type { Core } from '../../wasm-core/index.ts';
import { scanJsonBytes, type ByteShape } from '../../wasm-core/json-scan.ts';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { bytesElements, fileElements } from '../../scripts/json-file.ts';
import { scanJson } from '../../scripts/json-scan.ts';

const parses = (t: string): boolean => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};

/** The shape scanJson must give `t` (JSON.parse reads it): for an array, its `[` and where each element ends. */
function expectShape(t: string): void {
  const shape = scanJson(t);
  expect(shape, t).not.toBeNull();
  const v = JSON.parse(t) as unknown;
  if (!Array.isArray(v)) return void expect(shape).toEqual({ array: false });
  if (!shape?.array) throw new Error(`not an array: ${t}`);
  expect(t[shape.start]).toBe('[');
  expect(shape.ends).toHaveLength(v.length);
  // each element is the text between the end of the one before (or the `[`) and its own end
  shape.ends.forEach((end, k) => expect(JSON.parse(t.slice(k === 0 ? shape.start + 1 : shape.ends[k - 1] + 1, end)), t).toEqual(v[k]));
  if (v.length > 0) expect(t[shape.ends[v.length - 1]]).toBe(']');
}

/** Random JSON text: nested values, strings with escapes and any characters, numbers of every form, random spacing. */
function randomJson(rnd: () => number, depth = 0): string {
  const ws = () => [' ', '', '\n', '\t', '\r\n', '  '][Math.floor(rnd() * 6)];
  const r = rnd();
  if (depth < 4 && r < 0.2) {
    const n = Math.floor(rnd() * 5);
    return `[${ws()}${Array.from({ length: n }, () => `${ws()}${randomJson(rnd, depth + 1)}${ws()}`).join(',')}${ws()}]`;
  }
  if (depth < 4 && r < 0.4) {
    const n = Math.floor(rnd() * 5);
    return `{${ws()}${Array.from({ length: n }, () => `${ws()}${randomString(rnd)}${ws()}:${ws()}${randomJson(rnd, depth + 1)}`).join(',')}${ws()}}`;
  }
  if (r < 0.6) return randomString(rnd);
  if (r < 0.85) {
    const forms = [() => String(Math.floor(rnd() * 1000)), () => String((rnd() - 0.5) * 1e6), () => (rnd() * 1e-7).toExponential(3), () => '-0', () => '0.5E+12', () => '1e-3', () => String(-rnd())];
    return forms[Math.floor(rnd() * forms.length)]();
  }
  return ['true', 'false', 'null'][Math.floor(rnd() * 3)];
}

function randomString(rnd: () => number): string {
  const parts = ['a', 'é', '"', '\\', '/', '\n', '\u2028', '\ud800', ',', ']', '}', ' ', '\u0001', 'x y'];
  let s = '';
  for (let n = Math.floor(rnd() * 6); n > 0; n--) s += parts[Math.floor(rnd() * parts.length)];
  const t = JSON.stringify(s);
  // also the escapes JSON.stringify never writes: \/, \uXXXX of any case
  return rnd() < 0.3 ? t.slice(0, -1) + (rnd() < 0.5 ? '\\/' : '\\u00Af') + '"' : t;
}

/** One random change: a character dropped, doubled, replaced or inserted (JSON's own characters mostly). */
function mutate(rnd: () => number, t: string): string {
  const chars = '[]{}",:\\-+.eE0123456789 \n\ttfnrulasx\u0000\u001f\u00a0\ufeff';
  const at = Math.floor(rnd() * (t.length + 1));
  const c = chars[Math.floor(rnd() * chars.length)];
  switch (Math.floor(rnd() * 4)) {
    case 0: return t.slice(0, at) + t.slice(at + 1);
    case 1: return t.slice(0, at) + t[at] + t.slice(at);
    case 2: return t.slice(0, at) + c + t.slice(at + 1);
    default: return t.slice(0, at) + c + t.slice(at);
  }
}

/**
 * A checker fuzzed against JSON.parse: `texts` random JSON texts, each given to `expectGood`, and ten
 * random mutations of each, for which `vouches` must say true of every one JSON.parse reads (else the
 * solve command takes its slow path) and of none it refuses.
 */
function fuzzAgainstParse(seed: number, texts: number, expectGood: (t: string, rnd: () => number) => void, vouches: (u: string, rnd: () => number) => boolean): void {
  const rnd = mulberry32(seed);
  let vouchedBad = 0;
  let mutationsValid = 0;
  for (let k = 0; k < texts; k++) {
    const t = randomJson(rnd);
    expect(parses(t)).toBe(true); // (the generator's own check)
    expectGood(t, rnd);
    for (let m = 0; m < 10; m++) {
      const u = mutate(rnd, t);
      const ok = parses(u);
      if (ok) mutationsValid++;
      const v = vouches(u, rnd);
      if (v && !ok) vouchedBad++;
      if (ok) expect(v, u).toBe(true);
    }
  }
  expect(vouchedBad).toBe(0);
  // the mutations are a mix of both kinds (the test would say nothing otherwise)
  expect(mutationsValid).toBeGreaterThan(texts);
  expect(mutationsValid).toBeLessThan(9 * texts);
}

describe('scanJson', () => {
  it('vouches for JSON texts and finds where an array\'s elements end; a top-level value that is no array is only "valid"', () => {
    for (const t of ['[]', ' [ ] ', '[1]', '[1, [2, 3], {"a": [4]}]\n', '[ {} , [ ] ,"],",{"a":[],"b":{}} ]', '{}', '{"a":{"b":[]}}', '"x"', '0', '-0.5e-7', 'true', 'null', '\t[\r\n"\\u12aB\\/"\n]']) expectShape(t);
    expect(scanJson(' [1, [2, 3]] ')).toEqual({ array: true, start: 1, ends: [3, 11] });
  });

  it('does not vouch for what JSON.parse refuses', () => {
    for (const t of ['', ' ', '[', ']', '[1,]', '[,1]', '[1 2]', '{"a":1,}', '{"a" 1}', '{a:1}', "['a']", '[01]', '[1.]', '[.5]', '[1e]', '[+1]', '[-]', '[tru]', '[nulll]',
      '["\\x"]', '["\\u12G4"]', '["a\nb"]', '["\u0000"]', '[1] [2]', '[1]x', '\ufeff[1]', '[NaN]', '[Infinity]', '"abc', '{"a":1', '[{]}', '[}', '{]', '{"a":1]', '[1}']) {
      expect(parses(t), t).toBe(false);
      expect(scanJson(t), t).toBeNull();
    }
  });

  it('agrees with JSON.parse on 4,000 random texts and 40,000 random mutations of them', () => {
    fuzzAgainstParse(20261203, 4000, (t) => expectShape(t), (u) => scanJson(u) !== null);
  });

  it('takes any depth of nesting (no recursion) and long arrays', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(scanJson(deep)).toEqual({ array: true, start: 0, ends: [399_999] });
    expect(scanJson('['.repeat(200_000) + ']'.repeat(199_999))).toBeNull();
    const long = JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ i, s: `"${i}"` })));
    expectShape(long);
  });
});

describe('scanJsonBytes: the kernel\'s scan of UTF-8 bytes, a piece at a time', () => {
  let core: Core;
  beforeAll(async () => {
    core = await loadCoreNode();
  });

  /** The byte scan of `t`'s UTF-8 bytes, fed in pieces of random lengths up to `piece` bytes. */
  function byteScan(t: string, rnd: () => number, piece: number): { shape: ByteShape; bytes: Buffer } {
    const bytes = Buffer.from(t, 'utf8');
    let at = 0;
    const shape = scanJsonBytes(core, piece, (into) => {
      const n = Math.min(bytes.length - at, 1 + Math.floor(rnd() * piece));
      into.set(bytes.subarray(at, at + n));
      at += n;
      return n;
    });
    return { shape, bytes };
  }

  /** What the byte scan must say of `t` (JSON.parse reads its decoded bytes): the shape, element by element. */
  function expectByteShape(t: string, rnd: () => number, piece: number): void {
    const { shape, bytes } = byteScan(t, rnd, piece);
    const v = JSON.parse(bytes.toString('utf8')) as unknown;
    if (!Array.isArray(v)) return void expect(shape, t).toEqual({ kind: 'value' });
    if (shape.kind !== 'array') throw new Error(`not seen as an array (${shape.kind}): ${t}`);
    expect(bytes[shape.start]).toBe(91);
    expect(shape.ends, t).toHaveLength(v.length);
    // each element: the bytes between the end of the one before (or the `[`) and its own end
    shape.ends.forEach((end, k) => expect(JSON.parse(bytes.subarray(k === 0 ? shape.start + 1 : shape.ends[k - 1] + 1, end).toString('utf8')), t).toEqual(v[k]));
    if (v.length > 0) expect(bytes[shape.ends[v.length - 1]]).toBe(93);
    expect(shape.ascii).toBe(!/[^\x00-\x7f]/.test(t));
  }

  it('agrees with JSON.parse on the fixed cases, split into pieces of every size', () => {
    const rnd = mulberry32(7);
    const good = ['[]', ' [ ] ', '[1]', '[1, [2, 3], {"a": [4]}]\n', '[ {} , [ ] ,"],",{"a":[],"b":{}} ]', '{}', '{"a":{"b":[]}}', '"x"', '0', '-0.5e-7', '12', '1E+2', 'true', 'null', 'false', '\t[\r\n"\\u12aB\\/"\n]', '["é€😀", "\u2028"]'];
    for (const t of good) for (const piece of [1, 2, 3, 5, 64]) expectByteShape(t, rnd, piece);
    const bad = ['', ' ', '[', ']', '[1,]', '[,1]', '[1 2]', '{"a":1,}', '{"a" 1}', '{a:1}', "['a']", '[01]', '[1.]', '[.5]', '[1e]', '[+1]', '[-]', '[tru]', '[nulll]', '[fals]', '[falsee]',
      '["\\x"]', '["\\u12G4"]', '["a\nb"]', '["\u0000"]', '[1] [2]', '[1]x', '\ufeff[1]', '[NaN]', '[Infinity]', '"abc', '{"a":1', '[{]}', '[}', '{]', '{"a":1]', '[1}', '-', '1.', '[1]\u00a0'];
    for (const t of bad) {
      expect(parses(t), t).toBe(false);
      for (const piece of [1, 2, 7, 64]) expect(byteScan(t, rnd, piece).shape, t).toEqual({ kind: 'unknown' });
    }
  });

  it('agrees with JSON.parse on 3,000 random texts and 30,000 random mutations of them, split at random', () => {
    // (the texts hold no lone surrogate, so JSON.parse reads a text exactly when it reads its UTF-8 bytes decoded)
    fuzzAgainstParse(20261204, 3000, (t, rnd) => expectByteShape(t, rnd, 1 + Math.floor(rnd() * 40)),
      (u, rnd) => byteScan(u, rnd, 1 + Math.floor(rnd() * 40)).shape.kind !== 'unknown');
  });

  it('takes any depth of nesting and a long array in pieces', () => {
    const rnd = mulberry32(3);
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(byteScan(deep, rnd, 4096).shape).toEqual({ kind: 'array', start: 0, ends: [399_999], ascii: true });
    expect(byteScan('['.repeat(200_000) + ']'.repeat(199_999), rnd, 4096).shape).toEqual({ kind: 'unknown' });
    const long = JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ i, s: `"${i}"` })));
    expectByteShape(long, rnd, 65536);
  });
});

describe('fileElements, bytesElements: a large input decoded a chunk of elements at a time', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rfo-json-file-'));
    core = await loadCoreNode();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hands out the same element texts as the text itself, in UTF-8, and refuses what is not one array', () => {
    const elements = Array.from({ length: 1000 }, (_, i) => ({ i, name: i % 7 === 0 ? `Ölß "€" ${i}, [x]` : `n${i}` }));
    const file = join(dir, 'a.json');
    writeFileSync(file, JSON.stringify(elements, null, 2));
    const got = fileElements(file, core);
    expect(got?.count).toBe(1000);
    for (const [i, n] of [[0, 200], [200, 200], [950, 200], [999, 1]]) expect(JSON.parse(got!.slice(i, n))).toEqual(elements.slice(i, i + n));
    got!.close();
    // the same from the bytes held in memory (stdin)
    const held = bytesElements(Buffer.from(JSON.stringify(elements, null, 2), 'utf8'), core);
    expect(held?.count).toBe(1000);
    for (const [i, n] of [[0, 200], [990, 200]]) expect(JSON.parse(held!.slice(i, n))).toEqual(elements.slice(i, i + n));
    expect(bytesElements(Buffer.from(JSON.stringify(elements).slice(0, -1)), core)).toBeNull();
    writeFileSync(file, JSON.stringify({ elements }));
    expect(fileElements(file, core)).toBeNull();
    writeFileSync(file, JSON.stringify(elements).slice(0, -1));
    expect(fileElements(file, core)).toBeNull();
  });

  it('says so when the file becomes shorter before a chunk is read', () => {
    const file = join(dir, 'b.json');
    writeFileSync(file, JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ i }))));
    const got = fileElements(file, core)!;
    truncateSync(file, 100);
    expect(() => got.slice(400, 100)).toThrow(/became shorter while it was read/);
    got.close();
    // (and the descriptor is closed: closing it again fails)
    const fd = openSync(file, 'r');
    closeSync(fd);
  });
});

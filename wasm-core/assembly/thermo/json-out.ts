// JSON text of a solved rocket point, written from the station records (rocket.ts) by the kernel:
// the command line's default output (scripts/cli-json.ts, JsonBytes.rawRocket), byte for byte, at
// a fraction of its cost in JavaScript. Numbers to 12 significant digits, correctly rounded (ties
// up, as Number.prototype.toPrecision), in the layout of Number.prototype.toString: the text
// JavaScript writes for String(Number(x.toPrecision(12))). The texts around the numbers (keys,
// species names, brackets) are the loader's (jsonReserve, jsonTextSet): the format stays defined
// in one place, the writer.
import { F } from '../common';
import { Buf, newBuf, renewBuf } from './buf';
import { ns } from './equilibrium';
import { ST_FIXED, ST_STATUS, ST_CSTAR, ST_ISP_VAC, ST_AREA_RATIO, stationLen, stationOutPtr } from './rocket';

// Registered texts: ST_STATUS field keys (`{"T":`, `,"p":`, …), then these, then one `"name":` per species.
const TX_OPEN: i32 = ST_STATUS; // {"ok":true,"chamber":
const TX_THROAT: i32 = ST_STATUS + 1; // ,"throat":
const TX_EXITS: i32 = ST_STATUS + 2; // ,"exits":[
const TX_CLOSE: i32 = ST_STATUS + 3; // ],"warnings":[]}
const TX_MOLES: i32 = ST_STATUS + 4; // ,"moleFractions":{
const TX_ISP_AMB: i32 = ST_STATUS + 5; // ,"ispAmb":
const TX_NAMES: i32 = ST_STATUS + 6;

// Bytes a number takes at most: sign, 12 digits, point, "e-", three exponent digits; or 0.000000 + 12.
const NUMBER_BYTES: i32 = 24;
// Bytes the registered texts may take: fixed texts, and per species name.
const FIXED_TEXT_BYTES: i32 = 2048;
const NAME_BYTES: i32 = 96;
// Bytes past the texts' end that putText may read (it copies 8 at a time), and past the end of a
// point's JSON that it and layout may write (the output's bound has 64 to spare).
const TEXT_SLACK: i32 = 8;

let textBuf = newBuf<u8>(0); // [i32 offsets × (count + 1)][text bytes]
let textCount: i32 = 0;
let textBase: usize = 0; // address of the first text byte
let outBuf = newBuf<u8>(0);
let pos: usize = 0; // next byte written
// (32 bytes: the digits are copied 8 at a time, reading past the twelfth)
const digitBuf = newBuf<u8>(32);

// exact rounding of ambiguous halves: two numbers of BIG_LIMBS 32-bit limbs
const BIG_LIMBS: i32 = 24;
const bigL = newBuf<u32>(BIG_LIMBS);
const bigR = newBuf<u32>(BIG_LIMBS);

/**
 * Makes room, before a rocket point is solved (so that nothing is allocated once station views are
 * read), for the texts of the current system and the JSON of a point of `stations` stations.
 * Returns the address where the loader writes the texts.
 */
export function jsonReserve(stations: i32): usize {
  const textBytes = 4 * (TX_NAMES + ns + 1) + FIXED_TEXT_BYTES + NAME_BYTES * ns;
  if (textBuf.length < textBytes + TEXT_SLACK) {
    // (the texts registered go with the old buffer)
    textBuf = renewBuf<u8>(textBuf, textBytes + TEXT_SLACK);
    textCount = 0;
  }
  const outBytes = stations * (FIXED_TEXT_BYTES + NAME_BYTES * ns + (ST_STATUS + ns + 1) * NUMBER_BYTES) + 64;
  if (outBuf.length < outBytes) outBuf = renewBuf<u8>(outBuf, outBytes);
  stationOutPtr(); // the station records too
  return changetype<usize>(textBuf);
}

/** Capacity of the text buffer, bytes. */
export function jsonTextCapacity(): i32 {
  return textBuf.length - TEXT_SLACK;
}

/**
 * Takes the `count` texts the loader wrote at jsonReserve's address: count + 1 i32 offsets (from
 * the end of the offsets; the last is the end), then the bytes. 0 when taken; 1 when the count is not
 * the current system's or the offsets do not fit.
 */
export function jsonTextSet(count: i32): i32 {
  textCount = 0;
  if (count != TX_NAMES + ns) return 1;
  const base = changetype<usize>(textBuf);
  const head = <usize>(4 * (count + 1));
  if (head > <usize>(textBuf.length - TEXT_SLACK)) return 1;
  const room = <i32>(<usize>(textBuf.length - TEXT_SLACK) - head);
  let prev: i32 = 0;
  for (let i = 0; i <= count; i++) {
    const o = load<i32>(base + (<usize>i << 2));
    if (o < prev || o > room) return 1;
    prev = o;
  }
  textBase = base + head;
  textCount = count;
  return 0;
}

/** Address of the JSON written by the last rocketJson. */
export function jsonOutPtr(): usize {
  return changetype<usize>(outBuf);
}

@inline function putByte(c: i32): void {
  store<u8>(pos, <u8>c);
  pos++;
}

function putText(t: i32): void {
  const offs = textBase - <usize>(4 * (textCount + 1));
  const a = load<i32>(offs + (<usize>t << 2));
  const b = load<i32>(offs + (<usize>(t + 1) << 2));
  // (short texts: 8 bytes at a time, not memory.copy, a call out of the compiled code; the
  // buffers have room for the last word's overshoot)
  let src = textBase + <usize>a;
  const end = pos + <usize>(b - a);
  let dst = pos;
  while (dst < end) {
    store<u64>(dst, load<u64>(src));
    dst += 8;
    src += 8;
  }
  pos = end;
}

// ---- numbers --------------------------------------------------------------------------------------

/** 10^k, exact for 0 ≤ k ≤ 22. */
@inline function pow10(k: i32): F {
  return unchecked(POW10[k]);
}
const POW10: StaticArray<F> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** x·10^k rounded once or twice (|k| ≤ 44); NaN outside that range. The same operations as the writer in JavaScript. */
function scaled(x: F, k: i32): F {
  if (k >= 0) return k <= 22 ? x * pow10(k) : k <= 44 ? x * 1e22 * pow10(k - 22) : NaN;
  return k >= -22 ? x / pow10(-k) : k >= -44 ? x / 1e22 / pow10(-k - 22) : NaN;
}

function bigSet(b: Buf<u32>, v: u64): void {
  for (let i = 0; i < BIG_LIMBS; i++) unchecked(b[i] = 0);
  unchecked(b[0] = <u32>v);
  unchecked(b[1] = <u32>(v >> 32));
}

// b ·= m; false on overflow
function bigMul(b: Buf<u32>, m: u32): bool {
  let carry: u64 = 0;
  for (let i = 0; i < BIG_LIMBS; i++) {
    const t = <u64>unchecked(b[i]) * <u64>m + carry;
    unchecked(b[i] = <u32>t);
    carry = t >> 32;
  }
  return carry == 0;
}

// b ·= 2^s; false on overflow
function bigShl(b: Buf<u32>, s: i32): bool {
  const limbs = s >> 5;
  const bits = s & 31;
  if (limbs >= BIG_LIMBS) return false;
  for (let i = BIG_LIMBS - limbs; i < BIG_LIMBS; i++) if (unchecked(b[i]) != 0) return false;
  if (bits != 0 && (unchecked(b[BIG_LIMBS - limbs - 1]) >> (32 - bits)) != 0) return false;
  for (let i = BIG_LIMBS - 1; i >= 0; i--) {
    const src = i - limbs;
    let v: u32 = 0;
    if (src >= 0) {
      v = unchecked(b[src]) << bits;
      if (bits != 0 && src >= 1) v |= unchecked(b[src - 1]) >> (32 - bits);
    }
    unchecked(b[i] = v);
  }
  return true;
}

function bigCmp(a: Buf<u32>, b: Buf<u32>): i32 {
  for (let i = BIG_LIMBS - 1; i >= 0; i--) {
    const x = unchecked(a[i]);
    const y = unchecked(b[i]);
    if (x != y) return x > y ? 1 : -1;
  }
  return 0;
}

/**
 * Whether x·10^k ≥ q + ½, exactly (x > 0 finite, q < 2^62, |k| ≤ 44): the rounding of a product
 * whose floating-point value lies too near a half to tell. −1 when the numbers do not fit.
 */
function roundsUp(x: F, k: i32, q: u64): i32 {
  const bits = reinterpret<u64>(x);
  const biased = <i32>((bits >> 52) & 2047);
  const mant: u64 = biased == 0 ? bits & 0xFFFFFFFFFFFFF : (bits & 0xFFFFFFFFFFFFF) | 0x10000000000000;
  const E = biased == 0 ? -1074 : biased - 1075;
  // 2·mant·2^E·10^k against 2q + 1
  bigSet(bigL, mant);
  bigSet(bigR, 2 * q + 1);
  if (!bigShl(bigL, 1)) return -1;
  const p = k >= 0 ? bigL : bigR;
  for (let i = 0; i < (k >= 0 ? k : -k); i++) if (!bigMul(p, 10)) return -1;
  if (!(E >= 0 ? bigShl(bigL, E) : bigShl(bigR, -E))) return -1;
  return bigCmp(bigL, bigR) >= 0 ? 1 : 0;
}

// '00'…'99' as ASCII pairs
const PAIRS = newBuf<u8>(200);
for (let i = 0; i < 100; i++) {
  unchecked(PAIRS[2 * i] = <u8>(48 + i / 10));
  unchecked(PAIRS[2 * i + 1] = <u8>(48 + i % 10));
}

// The six decimal digits of v (< 1e6), leading zeros included, at digitBuf[at..at+6).
@inline function six(at: usize, v: u32): void {
  const d = changetype<usize>(digitBuf) + at;
  const p = changetype<usize>(PAIRS);
  for (let k: usize = 4; ; k -= 2) {
    const q = v / 100;
    store<u16>(d + k, load<u16>(p + (<usize>(v - q * 100) << 1)));
    v = q;
    if (k == 0) break;
  }
}

/** The 12 decimal digits of the integer m (0 ≤ m < 1e12), leading zeros included, into digitBuf[0..12). */
function twelve(m: F): void {
  // (in doubles: m is an integer below 2^53, so both halves are exact. m·1e-6 is within one of the
  // quotient, and a multiplication costs less than a division, f64 or 64-bit)
  let hi = Math.floor(m * 1e-6);
  let lo = m - hi * 1e6;
  if (lo < 0) { hi -= 1; lo += 1e6; } else if (lo >= 1e6) { hi += 1; lo -= 1e6; }
  six(0, <u32>hi);
  six(6, <u32>lo);
}

/** Writes x (finite) as described at the top; false (nothing usable written) for a number out of the handled range. */
function putNumber(x: F): bool {
  if (x == 0) {
    putByte(48); // '0' (also for −0)
    return true;
  }
  if (!isFinite(x)) return false;
  if (x < 0) {
    putByte(45);
    x = -x;
  }
  if (x < 1e12 && x == Math.floor(x)) { // an integer of at most 12 digits: itself
    twelve(x);
    let i = 0;
    while (i < 11 && unchecked(digitBuf[i]) == 48) i++;
    for (; i < 12; i++) putByte(unchecked(digitBuf[i]));
    return true;
  }
  // m = x·10^(11−e) rounded, 1e11 ≤ m < 1e12; e from the binary exponent, one off at most
  let e = <i32>Math.floor(<F>(<i32>((reinterpret<u64>(x) >> 52) & 2047) - 1023) * 0.3010299956639812);
  let s = scaled(x, 11 - e);
  if (s >= 1e12) s = scaled(x, 11 - ++e);
  else if (s < 1e11) s = scaled(x, 11 - --e);
  if (!(s >= 1e11 - 0.5 && s < 1e12)) return false; // (NaN: a scale out of range)
  const fl = Math.floor(s);
  let m: F;
  if (Math.abs(s - fl - 0.5) > s * 5e-16 + 1e-300) m = Math.floor(s + 0.5);
  else {
    // within the product's error of a half: decide on the exact value
    const up = roundsUp(x, 11 - e, <u64>fl);
    if (up < 0) return false;
    m = up == 1 ? fl + 1 : fl;
  }
  if (m >= 1e12) { // 99…9.5 rounded up
    m = 1e11;
    e++;
  }
  twelve(m);
  let end = 12;
  while (end > 1 && unchecked(digitBuf[end - 1]) == 48) end--;
  layout(end, e + 1);
  return true;
}

/** Number::toString's layout (ECMA-262) of the k digits digitBuf[0..k) times 10^(n−k). */
function layout(k: i32, n: i32): void {
  // (a local cursor, stored back once: the module global would be loaded and stored per byte)
  const d = changetype<usize>(digitBuf);
  let p = pos;
  // The common forms, 8 bytes at a time (what lands past the cursor is overwritten by what follows;
  // the output has room for it): d.ddd with the point inside the twelve digits, and 0.000ddd.
  if (0 < n && n < k) {
    store<u64>(p, load<u64>(d));
    store<u64>(p + 8, load<u64>(d + 8));
    store<u8>(p + <usize>n, 46);
    const q = p + <usize>n + 1;
    const r = d + <usize>n;
    store<u64>(q, load<u64>(r));
    store<u64>(q + 8, load<u64>(r + 8));
    pos = p + <usize>(k + 1);
    return;
  }
  if (-6 < n && n <= 0) {
    store<u64>(p, 0x3030303030302E30); // "0.000000"
    const q = p + <usize>(2 - n);
    store<u64>(q, load<u64>(d));
    store<u64>(q + 8, load<u64>(d + 8));
    pos = q + <usize>k;
    return;
  }
  if (k <= n && n <= 21) {
    for (let i = 0; i < k; i++) store<u8>(p++, load<u8>(d + <usize>i));
    for (let i = k; i < n; i++) store<u8>(p++, 48);
  } else if (0 < n && n <= 21) {
    for (let i = 0; i < n; i++) store<u8>(p++, load<u8>(d + <usize>i));
    store<u8>(p++, 46);
    for (let i = n; i < k; i++) store<u8>(p++, load<u8>(d + <usize>i));
  } else if (-6 < n && n <= 0) {
    store<u8>(p++, 48);
    store<u8>(p++, 46);
    for (let i = n; i < 0; i++) store<u8>(p++, 48);
    for (let i = 0; i < k; i++) store<u8>(p++, load<u8>(d + <usize>i));
  } else {
    store<u8>(p++, load<u8>(d));
    if (k > 1) {
      store<u8>(p++, 46);
      for (let i = 1; i < k; i++) store<u8>(p++, load<u8>(d + <usize>i));
    }
    store<u8>(p++, 101); // e
    store<u8>(p++, n - 1 < 0 ? 45 : 43);
    const x = n - 1 < 0 ? 1 - n : n - 1;
    if (x >= 100) store<u8>(p++, <u8>(48 + x / 100));
    if (x >= 10) store<u8>(p++, <u8>(48 + (x / 10) % 10));
    store<u8>(p++, <u8>(48 + x % 10));
  }
  pos = p;
}

// ---- the result -------------------------------------------------------------------------------------

// Station record `slot` as JsonBytes.station writes it: c* replaced by `cstar` when `useCstar`, the
// ambient specific impulse after the mole fractions when `usePamb`; false when a number is out of range.
function putStation(slot: i32, compact: bool, cstar: F, useCstar: bool, pamb: F, usePamb: bool, pRef: F): bool {
  const o = changetype<usize>(stationOutPtr()) + (<usize>(slot * stationLen()) << 3);
  for (let f = 0; f < ST_STATUS; f++) {
    putText(f);
    if (!putNumber(f == ST_CSTAR && useCstar ? cstar : load<F>(o + (<usize>f << 3)))) return false;
  }
  if (!compact) {
    putText(TX_MOLES);
    let first = true;
    const xo = o + (<usize>ST_FIXED << 3);
    for (let j = 0; j < ns; j++) {
      const x = load<F>(xo + (<usize>j << 3));
      if (!(x > 1e-5)) continue;
      if (!first) putByte(44);
      first = false;
      putText(TX_NAMES + j);
      if (!putNumber(x)) return false;
    }
    putByte(125);
  }
  if (usePamb) {
    putText(TX_ISP_AMB);
    const v = load<F>(o + (<usize>ST_ISP_VAC << 3)) - pamb * load<F>(o + (<usize>ST_AREA_RATIO << 3)) * load<F>(o + (<usize>ST_CSTAR << 3)) / pRef;
    if (!putNumber(v)) return false;
  }
  putByte(125);
  return true;
}

/**
 * The JSON of the rocket point in the station records (chamber, throat, nExits exits, every one
 * solved), at jsonOutPtr: `{"ok":true,"chamber":…,"throat":…,"exits":[…],"warnings":[]}` with the
 * chamber's c* the throat's, without mole fractions when `compact`, each exit with its ambient
 * specific impulse at pamb (Pa, relative to pRef, the chamber pressure) when `usePamb`. Returns the
 * bytes written; −1 when the texts are not registered for the current system or there is no room,
 * −2 when a number is outside the handled range (the caller writes the point itself).
 */
export function rocketJson(nExits: i32, compact: i32, usePamb: i32, pamb: F, pRef: F): i32 {
  if (textCount != TX_NAMES + ns) return -1;
  const start = changetype<usize>(outBuf);
  // the bound jsonReserve made room for, against the texts registered
  const textBytes = load<i32>(textBase - 4);
  if (<i64>(2 + nExits) * <i64>(textBytes + (ST_STATUS + ns + 1) * NUMBER_BYTES) + 64 > <i64>outBuf.length) return -1;
  pos = start;
  const cstar = load<F>(changetype<usize>(stationOutPtr()) + (<usize>(stationLen() + ST_CSTAR) << 3));
  putText(TX_OPEN);
  if (!putStation(0, compact != 0, cstar, true, 0, false, pRef)) return -2;
  putText(TX_THROAT);
  if (!putStation(1, compact != 0, 0, false, 0, false, pRef)) return -2;
  putText(TX_EXITS);
  for (let i = 0; i < nExits; i++) {
    if (i > 0) putByte(44);
    if (!putStation(2 + i, compact != 0, 0, false, pamb, usePamb != 0, pRef)) return -2;
  }
  putText(TX_CLOSE);
  return <i32>(pos - start);
}

/**
 * Whether every number the JSON of the rocket point in the station records would hold is finite:
 * the fields of the chamber, the throat and the `nExits` exits whose status is 0, their mole fractions
 * above 1e-5 and, when `usePamb`, the exits' ambient specific impulse at pamb (relative to pRef).
 */
export function rocketRecordsFinite(nExits: i32, usePamb: i32, pamb: F, pRef: F): i32 {
  const len = stationLen();
  const base = changetype<usize>(stationOutPtr());
  for (let s = 0; s < 2 + nExits; s++) {
    const o = base + (<usize>(s * len) << 3);
    if (s >= 2 && load<F>(o + (<usize>ST_STATUS << 3)) != 0) continue;
    let sum: F = 0;
    for (let f = 0; f < ST_STATUS; f++) sum += load<F>(o + (<usize>f << 3));
    const xo = o + (<usize>ST_FIXED << 3);
    for (let j = 0; j < ns; j++) {
      const x = load<F>(xo + (<usize>j << 3));
      if (x > 1e-5) sum += x;
    }
    if (s >= 2 && usePamb != 0) sum += load<F>(o + (<usize>ST_ISP_VAC << 3)) - pamb * load<F>(o + (<usize>ST_AREA_RATIO << 3)) * load<F>(o + (<usize>ST_CSTAR << 3)) / pRef;
    if (!isFinite(sum)) return 0;
  }
  return 1;
}

/** Writes one number at jsonOutPtr as rocketJson writes it (tests); the bytes written, or −2. */
export function jsonNumber(x: F): i32 {
  if (outBuf.length < 64) outBuf = renewBuf<u8>(outBuf, 64);
  const start = changetype<usize>(outBuf);
  pos = start;
  return putNumber(x) ? <i32>(pos - start) : -2;
}

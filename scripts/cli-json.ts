// JSON bytes of command-line results, written straight into a byte buffer (no JSON text as a
// string, no UTF-8 encoding of it afterwards). On the 10,000-point grid the numbers are the cost:
// 1.4 million of them, and JavaScript's shortest round-trip form (String(x), JSON.stringify) takes
// ~0.5 µs each, because it must find the shortest digits that read back to the same double.
// The default here is 12 significant digits, correctly rounded (the engine converges to ~1e-14 and
// agrees with NASA CEA to ~1e-5, so digits 13–17 say nothing); `digits: 17` keeps the shortest
// round-trip form. A number is written exactly as JavaScript writes the double nearest to its
// 12-digit rounding, `String(Number(x.toPrecision(12)))`: no trailing zeros, the same switch to
// exponent form (below 1e-6, from 1e21). Results are written one line each; `compact` leaves out
// every `moleFractions` member.

import { ST_FIXED, STATION_FIELDS, type RawRocket } from '../wasm-core/thermo.ts';

/** Significant digits of the default output. */
export const DEFAULT_DIGITS = 12;

const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i); // exact up to 1e22
// '00'…'99' as ASCII pairs
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));
const encoder = new TextEncoder();
const BITS = new Float64Array(1);
const BITS_HI = new Uint32Array(BITS.buffer); // [1]: sign, exponent and the top of the mantissa (little-endian)
// `{"T":`, `,"p":`, … of a station's fields, and the other keys of a rocket result
const FIELD_KEYS = STATION_FIELDS.map((f, i) => encoder.encode(`${i === 0 ? '{' : ','}${JSON.stringify(f)}:`));
const CSTAR = STATION_FIELDS.indexOf('cstar');
const ISP_VAC = STATION_FIELDS.indexOf('ispVac');
const AREA_RATIO = STATION_FIELDS.indexOf('areaRatio');
// `"name":` of each species, per species list
const nameKeys = new WeakMap<string[], Uint8Array[]>();
// The kernel's JSON texts (ThermoKernels.rocketJson) per species list: the field keys, the texts
// around the stations, then the species' keys: the same bytes as station() and rawRocket() write.
const KERNEL_TEXTS = ['{"ok":true,"chamber":', ',"throat":', ',"exits":[', '],"warnings":[]}', ',"moleFractions":{', ',"ispAmb":'].map((t) => encoder.encode(t));
const kernelTexts = new WeakMap<string[], Uint8Array[]>();

function speciesKeys(names: string[]): Uint8Array[] {
  let keys = nameKeys.get(names);
  if (!keys) nameKeys.set(names, (keys = names.map((n) => encoder.encode(`${JSON.stringify(n)}:`))));
  return keys;
}

/** x·10^k rounded once or twice (|k| ≤ 44); NaN outside that range (the slow path then). */
function scaled(x: number, k: number): number {
  if (k >= 0) return k <= 22 ? x * POW10[k] : k <= 44 ? x * 1e22 * POW10[k - 22] : NaN;
  return k >= -22 ? x / POW10[-k] : k >= -44 ? x / 1e22 / POW10[-k - 22] : NaN;
}

/** The six decimal digits of integer v (0 ≤ v < 1e6, int32 arithmetic), with leading zeros, into d[at..at+6). */
function six(d: Uint8Array, at: number, v: number): void {
  for (let k = at + 4; k >= at; k -= 2) {
    const q = (v / 100) | 0;
    const r = (v - q * 100) << 1;
    d[k] = PAIRS[r];
    d[k + 1] = PAIRS[r + 1];
    v = q;
  }
}

/** The twelve decimal digits of integer m (0 ≤ m < 1e12), with leading zeros, into d[0..12). */
function twelve(d: Uint8Array, m: number): void {
  const hi = Math.floor(m / 1e6);
  six(d, 0, hi | 0);
  six(d, 6, (m - hi * 1e6) | 0);
}

/** A growing byte buffer of JSON text. */
export class JsonBytes {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  // `,"key":` of the keys seen, as UTF-8 (a dictionary object: faster to look up here than a Map)
  private readonly keys: Record<string, Uint8Array | undefined> = Object.create(null) as Record<string, Uint8Array | undefined>;
  private keyCount = 0;
  private readonly digit = new Uint8Array(24);

  /** `digits`: significant digits of numbers, 1–17; 17 is JavaScript's shortest round-trip form. */
  constructor(private readonly digits = DEFAULT_DIGITS) {
    if (!(Number.isInteger(digits) && digits >= 1 && digits <= 17)) throw new RangeError(`digits must be an integer from 1 to 17 (got ${digits})`);
  }

  get length(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  /** Appends text (any characters: encoded as UTF-8). */
  text(s: string): this {
    this.room(s.length * 3);
    const b = this.buf;
    let n = this.len;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        n += encoder.encodeInto(s.slice(i), b.subarray(n)).written;
        break;
      }
      b[n++] = c;
    }
    this.len = n;
    return this;
  }

  /** Appends a[from..]. */
  private bytes(a: Uint8Array, from: number): void {
    const n = a.length - from;
    this.room(n);
    const b = this.buf;
    let o = this.len;
    for (let i = from; i < a.length; i++) b[o++] = a[i];
    this.len = o;
  }

  /** Appends one JSON value: what JSON.stringify writes, numbers as described above. */
  value(v: unknown, compact = false): this {
    switch (typeof v) {
      case 'number':
        this.number(v);
        break;
      case 'string':
        this.text(JSON.stringify(v));
        break;
      case 'boolean':
        this.text(v ? 'true' : 'false');
        break;
      case 'object':
        if (v === null) this.text('null');
        else if (Array.isArray(v)) {
          this.byte(91); // [
          for (let i = 0; i < v.length; i++) {
            if (i > 0) this.byte(44); // ,
            const x: unknown = v[i];
            if (x === undefined || typeof x === 'function' || typeof x === 'symbol') this.text('null');
            else this.value(x, compact);
          }
          this.byte(93); // ]
        } else this.object(v as Record<string, unknown>, compact);
        break;
      default: // undefined, functions, symbols: as JSON.stringify does at the top, 'null' here
        this.text('null');
    }
    return this;
  }

  private object(o: Record<string, unknown>, compact: boolean): void {
    if (typeof (o as { toJSON?: unknown }).toJSON === 'function') {
      this.text(JSON.stringify(o));
      return;
    }
    // (for…in, not Object.keys: no array per object; an inherited enumerable member, which plain
    // result objects never have, is left out as JSON.stringify leaves it out)
    const plain = Object.getPrototypeOf(o) === Object.prototype;
    const keys = this.keys;
    this.byte(123); // {
    let first = true;
    for (const k in o) {
      const x = o[k];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol' || (compact && k === 'moleFractions')) continue;
      if (!plain && !Object.hasOwn(o, k)) continue;
      let key = keys[k];
      if (key === undefined) {
        key = encoder.encode(`,${JSON.stringify(k)}:`);
        if (this.keyCount++ < 4096) keys[k] = key;
      }
      this.bytes(key, first ? 1 : 0);
      first = false;
      if (typeof x === 'number') this.number(x);
      else this.value(x, compact);
    }
    this.byte(125); // }
  }

  /**
   * Appends the result a RawRocket stands for: the same bytes as value() of solve's result object
   * (tests/unit/raw-rocket.test.ts), without building it.
   */
  rawRocket(r: RawRocket, compact = false): this {
    // the default digits and every exit solved: the kernel writes it (the same bytes, faster)
    if (this.digits === DEFAULT_DIGITS && !r.exitErrors.some((e) => e !== null)) {
      let texts = kernelTexts.get(r.names);
      if (!texts) kernelTexts.set(r.names, (texts = [...FIELD_KEYS, ...KERNEL_TEXTS, ...speciesKeys(r.names)]));
      const b = r.json(compact, texts);
      if (b) {
        this.room(b.length);
        this.buf.set(b, this.len);
        this.len += b.length;
        return this;
      }
    }
    this.text('{"ok":true,"chamber":');
    this.station(r, 0, compact, r.view[r.len + CSTAR]);
    this.text(',"throat":');
    this.station(r, 1, compact);
    this.text(',"exits":[');
    for (let i = 0; i < r.exitErrors.length; i++) {
      if (i > 0) this.byte(44);
      const e = r.exitErrors[i];
      if (e) this.value({ ok: false, error: e }, compact);
      else this.station(r, 2 + i, compact, undefined, r.pamb);
    }
    this.text('],"warnings":[]}');
    return this;
  }

  // Station record `slot` of r as readStation's object: cstar replaced when given, ispAmb after the
  // mole fractions when pamb is given.
  private station(r: RawRocket, slot: number, compact: boolean, cstar?: number, pamb?: number): void {
    const v = r.view;
    const o = slot * r.len;
    for (let f = 0; f < FIELD_KEYS.length; f++) {
      this.bytes(FIELD_KEYS[f], 0);
      this.number(f === CSTAR && cstar !== undefined ? cstar : v[o + f]);
    }
    if (!compact) {
      const keys = speciesKeys(r.names);
      this.text(',"moleFractions":{');
      let first = true;
      for (let j = 0; j < keys.length; j++) {
        const x = v[o + ST_FIXED + j];
        if (!(x > 1e-5)) continue;
        if (!first) this.byte(44);
        first = false;
        this.bytes(keys[j], 0);
        this.number(x);
      }
      this.byte(125);
    }
    if (pamb !== undefined) {
      this.text(',"ispAmb":');
      this.number(v[o + ISP_VAC] - pamb * v[o + AREA_RATIO] * v[o + CSTAR] / r.pRef);
    }
    this.byte(125);
  }

  private byte(c: number): void {
    this.room(1);
    this.buf[this.len++] = c;
  }

  /** Appends a number (non-finite: null, as JSON.stringify). */
  number(x: number): void {
    const D = this.digits;
    if (D > 12 || !Number.isFinite(x)) { // (13–16 digits: rare requests, JavaScript's own rounding)
      this.text(!Number.isFinite(x) ? 'null' : D === 17 ? String(x) : String(Number(x.toPrecision(D))));
      return;
    }
    this.room(32);
    const b = this.buf;
    if (x === 0) {
      b[this.len++] = 48; // '0' (also for -0, as JSON.stringify)
      return;
    }
    if (x < 0) {
      b[this.len++] = 45;
      x = -x;
    }
    const d = this.digit;
    if (x < POW10[D] && x === Math.floor(x)) { // an integer of at most D digits: itself
      twelve(d, x);
      let i = 0;
      while (i < 11 && d[i] === 48) i++;
      let o = this.len;
      for (; i < 12; i++) b[o++] = d[i];
      this.len = o;
      return;
    }
    // m = x·10^(D−1−e) rounded, 10^(D−1) ≤ m < 10^D
    BITS[0] = x; // decimal exponent from the binary one (log10 costs three times as much); one off at most, mended below
    let e = Math.floor((((BITS_HI[1] >>> 20) & 2047) - 1023) * 0.3010299956639812);
    let s = scaled(x, D - 1 - e);
    if (s >= POW10[D]) s = scaled(x, D - 1 - ++e);
    else if (s < POW10[D - 1]) s = scaled(x, D - 1 - --e);
    const f = s - Math.floor(s);
    // the product carries at most ~1 ulp of error: a fraction that close to one half could round
    // either way, and out-of-range scales give NaN — both take JavaScript's exact rounding
    // (and an exponent estimate off by more than one — it cannot be, on a little-endian machine — too)
    if (!(Math.abs(f - 0.5) > s * 5e-16 + 1e-300) || !(s >= POW10[D - 1] - 0.5 && s < POW10[D])) {
      this.text(String(Number(x.toPrecision(D))));
      return;
    }
    let m = Math.round(s);
    if (m >= POW10[D]) { // 99…9.5 rounded up
      m = POW10[D - 1];
      e++;
    }
    // the D digits are the last D of twelve; then drop trailing zeros
    twelve(d, m);
    let n = 12;
    while (n > 13 - D && d[n - 1] === 48) n--;
    this.layout(d, 12 - D, n, e + 1);
  }

  /** Number.prototype.toString's layout of digits d[at..at+k) times 10^(n−k) (ECMA-262 Number::toString). */
  private layout(digits: Uint8Array, at: number, end: number, n: number): void {
    const d = at === 0 ? digits : digits.subarray(at); // (at 0 for 12 digits, the default)
    const k = end - at;
    this.room(k + 32);
    const b = this.buf;
    let o = this.len;
    if (k <= n && n <= 21) {
      for (let i = 0; i < k; i++) b[o++] = d[i];
      for (let i = k; i < n; i++) b[o++] = 48;
    } else if (0 < n && n <= 21) {
      for (let i = 0; i < n; i++) b[o++] = d[i];
      b[o++] = 46;
      for (let i = n; i < k; i++) b[o++] = d[i];
    } else if (-6 < n && n <= 0) {
      b[o++] = 48;
      b[o++] = 46;
      for (let i = n; i < 0; i++) b[o++] = 48;
      for (let i = 0; i < k; i++) b[o++] = d[i];
    } else {
      b[o++] = d[0];
      if (k > 1) {
        b[o++] = 46;
        for (let i = 1; i < k; i++) b[o++] = d[i];
      }
      b[o++] = 101; // e
      b[o++] = n - 1 < 0 ? 45 : 43;
      const x = Math.abs(n - 1); // < 400
      if (x >= 100) b[o++] = 48 + Math.floor(x / 100);
      if (x >= 10) b[o++] = 48 + Math.floor(x / 10) % 10;
      b[o++] = 48 + x % 10;
    }
    this.len = o;
  }

  /** The bytes written so far (a copy), and a fresh start. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }

  /**
   * The buffer itself (its first `length` bytes written so far), to be transferred to another thread
   * without a copy; writing goes on from scratch in `next` (a buffer handed back after use) or a new
   * one as large as this one grew (the next chunk's text is about as long: no growing by copies).
   */
  detach(next?: ArrayBuffer): { buffer: ArrayBuffer; length: number } {
    const r = { buffer: this.buf.buffer as ArrayBuffer, length: this.len };
    this.buf = new Uint8Array(next !== undefined && next.byteLength >= 1 << 10 ? next : new ArrayBuffer(Math.max(1 << 16, this.buf.length)));
    this.len = 0;
    return r;
  }

  /** The bytes written so far, not copied: valid until the next write or clear(). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  clear(): void {
    this.len = 0;
  }
}

/** JSON text of a result on one line; `compact` drops the mole fractions; `digits` as JsonBytes. */
export function resultJson(r: unknown, compact = false, digits = DEFAULT_DIGITS): string {
  return new TextDecoder().decode(new JsonBytes(digits).value(r, compact).take());
}

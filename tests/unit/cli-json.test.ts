// The command line's JSON writer (scripts/cli-json.ts): the JSON.stringify text, except that numbers
// are rounded to 12 significant digits by default. The oracle for a number is JavaScript's own exact
// decimal rounding, String(Number(x.toPrecision(12))) (ECMA-262 Number.prototype.toPrecision and
// Number::toString), not the writer's output pasted back.
import { describe, expect, it } from 'vitest';
import { JsonBytes, resultJson } from '../../scripts/cli-json.ts';
import { mulberry32 } from '../../app/domain/ml-random.ts';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const oracle = (x: number, digits: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : 'null');

// The app's one seeded generator, so a failure can be replayed.
const rng = mulberry32;

describe('JsonBytes numbers', () => {
  it('writes each number as JavaScript writes its correctly rounded 12-digit value, over every exponent', () => {
    const r = rng(7);
    const w = new JsonBytes();
    const xs: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      const u = r();
      const x = u < 0.4 ? Math.exp((r() - 0.5) * 1400) // every decade of the double range
        : u < 0.6 ? (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20)
          : u < 0.7 ? Math.round(r() * 1e6) / 1e3 // short decimals
            : u < 0.8 ? Math.floor(r() * 1e15) // integers, some beyond 12 digits
              : u < 0.9 ? (r() - 0.5) * 1e-310 // subnormals
                : (Math.floor(r() * 1e12) + 0.5) / 10 ** Math.floor(r() * 12); // ties at the 13th digit
      xs.push(x);
    }
    // edges: ties, the 1e-6 and 1e21 switches to exponent form, carries into a new digit, extremes
    xs.push(0.5, 2.5, 1e21, 1e-7, 1e-6, 9.999999999995, 99999999999.95, 999999999999.5, 1.0000000000000142,
      5e-324, -5e-324, 1.7976931348623157e308, 123456789012.5, 0.1, 1e22, 1e23, 123456789012345680000, -0, -1.5e-9);
    const wrong: string[] = [];
    for (const x of xs) {
      w.number(x);
      const got = decode(w.take());
      if (got !== oracle(x, 12)) wrong.push(`${x}: ${got}, not ${oracle(x, 12)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('takes other precisions, and 17 digits is the shortest round-trip form itself', () => {
    const r = rng(11);
    for (const digits of [1, 3, 6, 11, 13, 16, 17]) {
      const w = new JsonBytes(digits);
      const wrong: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const x = (r() - 0.5) * Math.exp((r() - 0.5) * 200);
        w.number(x);
        const got = decode(w.take());
        const want = digits === 17 ? JSON.stringify(x) : oracle(x, digits);
        if (got !== want) wrong.push(`${digits} digits, ${x}: ${got}, not ${want}`);
      }
      expect(wrong).toEqual([]);
    }
    expect(() => new JsonBytes(0)).toThrow(/digits/);
    expect(() => new JsonBytes(18)).toThrow(/digits/);
  });

  it('writes NaN and ±Infinity as null, as JSON.stringify does', () => {
    expect(resultJson([NaN, Infinity, -Infinity, -0])).toBe('[null,null,null,0]');
  });
});

describe('resultJson', () => {
  const station = { T: 3000.5, p: 1e6, rho: 1 / 3, moleFractions: { H2O: 0.7, '*CO': 0.3 }, isp: 2.5e-7 };
  const result = { ok: true, chamber: station, exits: [station, { ok: false, error: { code: 'no-flow', message: 'm "q" — ε ×', field: 'exits[1].pcOverPe' } }], warnings: ['w'] };

  it('writes one line, the JSON.stringify text with numbers to 12 digits', () => {
    const text = resultJson(result);
    expect(text).not.toContain('\n');
    expect(text).toBe('{"ok":true,"chamber":{"T":3000.5,"p":1000000,"rho":0.333333333333,"moleFractions":{"H2O":0.7,"*CO":0.3},"isp":2.5e-7},'
      + '"exits":[{"T":3000.5,"p":1000000,"rho":0.333333333333,"moleFractions":{"H2O":0.7,"*CO":0.3},"isp":2.5e-7},'
      + '{"ok":false,"error":{"code":"no-flow","message":"m \\"q\\" — ε ×","field":"exits[1].pcOverPe"}}],"warnings":["w"]}');
    expect(resultJson(result, false, 17)).toBe(JSON.stringify(result));
  });

  it('leaves out what JSON.stringify leaves out, and writes arrays as it does', () => {
    const v = { a: [1, undefined, () => 1, 'é"\n', null, true, { b: undefined, c: -0 }], f: () => 1, s: Symbol('s'), u: undefined, n: NaN, d: new Date(0) };
    expect(resultJson(v, false, 17)).toBe(JSON.stringify(v));
    const inherited = Object.assign(Object.create({ hidden: 1 }) as object, { shown: 2 });
    expect(resultJson(inherited)).toBe('{"shown":2}');
  });

  it('--compact drops every moleFractions member and keeps the order of the rest', () => {
    const text = resultJson(result, true);
    expect(text).toBe('{"ok":true,"chamber":{"T":3000.5,"p":1000000,"rho":0.333333333333,"isp":2.5e-7},'
      + '"exits":[{"T":3000.5,"p":1000000,"rho":0.333333333333,"isp":2.5e-7},'
      + '{"ok":false,"error":{"code":"no-flow","message":"m \\"q\\" — ε ×","field":"exits[1].pcOverPe"}}],"warnings":["w"]}');
    expect(result.chamber.moleFractions).toEqual({ H2O: 0.7, '*CO': 0.3 }); // the result itself is left alone
  });

  it('grows its buffer for long output', () => {
    const big = Array.from({ length: 5000 }, (_, i) => ({ i, x: i / 7, name: `n${i}` }));
    expect(JSON.parse(resultJson(big))).toEqual(big.map((o) => ({ ...o, x: Number((o.x).toPrecision(12)) })));
  });

  it('detach hands over the bytes written and goes on in a buffer handed back, or in a new one as large as the last grew', () => {
    const out = new JsonBytes();
    const big = Array.from({ length: 20_000 }, (_, i) => ({ i }));
    out.value(big);
    const first = out.detach();
    expect(JSON.parse(new TextDecoder().decode(new Uint8Array(first.buffer, 0, first.length)))).toEqual(big);
    expect(first.buffer.byteLength).toBeGreaterThan(1 << 16); // (it grew)
    out.value([1]);
    const second = out.detach(new ArrayBuffer(4096)); // written in the new one; the 4 kB one comes next
    expect(second.buffer.byteLength).toBe(first.buffer.byteLength);
    expect(new TextDecoder().decode(new Uint8Array(second.buffer, 0, second.length))).toBe('[1]');
    out.value(2);
    const third = out.detach();
    expect(third.buffer.byteLength).toBe(4096);
    expect(new TextDecoder().decode(new Uint8Array(third.buffer, 0, third.length))).toBe('2');
  });
});

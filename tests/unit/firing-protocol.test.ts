// The test-stand line protocol: header units to SI, strict values, one streaming path for any chunking.
import { describe, expect, it } from 'vitest';
import { FiringStreamParser, parseHeader, parseTraceText } from '../../app/domain/firing/protocol.ts';
import { FiringBuffer } from '../../app/domain/firing/buffer.ts';
import { createRng } from '../../app/domain/ml-random.ts';

// Exact definitions: lbf = 0.45359237 kg × 9.80665 m/s² = 4.4482216152605 N; psi = lbf/in² with
// in = 0.0254 m → 6894.757293168361 Pa; bar = 1e5 Pa; 0 °C = 273.15 K (NIST SP 811, appendix B).
const LBF = 4.4482216152605;
const PSI = 6894.757293168361;

describe('header', () => {
  it('reads channel names and units in round or square brackets, and finds time, thrust and pc', () => {
    const h = parseHeader('time (ms),thrust [lbf],pc (psi),p_tank (bar),mass (kg),mdot_ox (kg/s),mdot_fuel (g/s),T_wall (°C)');
    expect(h.ok).toBe(true);
    if (!h.ok) return;
    expect(h.value.time).toBe(0);
    expect(h.value.thrust).toBe(1);
    expect(h.value.pc).toBe(2);
    expect(h.value.mass).toBe(4);
    expect(h.value.flows).toEqual([5, 6]);
    expect(h.value.channels.map((c) => c.kind)).toEqual(['time', 'thrust', 'pc', 'pressure', 'mass', 'flow', 'flow', 'temperature']);
  });

  it('converts every accepted unit to SI', () => {
    const r = parseTraceText('time (ms),thrust (lbf),pc (psi),mass (g),mdot (lbm/s),T (°C),T2 (degF)\n1500,100,300,2000,1,25,212\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [t, F, pc, m, mdot, T, T2] = r.value.buffer.columns().map((c) => c[0]);
    expect(t).toBeCloseTo(1.5, 12);
    expect(F).toBeCloseTo(100 * LBF, 9);
    expect(pc).toBeCloseTo(300 * PSI, 6);
    expect(m).toBeCloseTo(2, 12);
    expect(mdot).toBeCloseTo(0.45359237, 12);
    expect(T).toBeCloseTo(298.15, 9);
    expect(T2).toBeCloseTo(373.15, 9);
    const k = parseTraceText('time (s),thrust (kN),pc (bar)\n0,2.5,20\n');
    expect(k.ok && k.value.buffer.columns()[1][0]).toBe(2500);
    expect(k.ok && k.value.buffer.columns()[2][0]).toBe(2e6);
    const mp = parseTraceText('time (s),thrust (N),pc (MPa),p2 (kPa)\n0,1,2.5,300\n');
    expect(mp.ok && mp.value.buffer.columns()[2][0]).toBe(2.5e6);
  });

  it('refuses a header with a clear message naming the column and the unit', () => {
    const bad = parseHeader('time (s),thrust (furlong),pc (Pa)');
    expect(bad).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-unit', field: 'thrust' }) });
    expect(!bad.ok && bad.error.message).toContain('"furlong"');
    expect(!bad.ok && bad.error.message).toContain('column 2');
    const noUnit = parseHeader('time (s),thrust,pc (Pa)');
    expect(!noUnit.ok && noUnit.error.message).toContain('"thrust"');
    expect(parseHeader('thrust (N),pc (Pa)')).toEqual({ ok: false, error: expect.objectContaining({ field: 'time' }) });
    expect(parseHeader('time (s),pc (Pa)')).toEqual({ ok: false, error: expect.objectContaining({ field: 'thrust' }) });
    expect(parseHeader('time (s),thrust (N),thrust (lbf)')).toEqual({ ok: false, error: expect.objectContaining({ field: 'thrust' }) });
    const twoP = parseHeader('time (s),thrust (N),p1 (Pa),p2 (Pa)');
    expect(!twoP.ok && twoP.error.message).toContain('"pc"');
  });
});

describe('samples', () => {
  it('keeps empty and NaN cells as missing values (a dropout is data)', () => {
    const r = parseTraceText('time (s),thrust (N),pc (Pa)\n0,1,\n0.001,NaN,5\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [, F, pc] = r.value.buffer.columns();
    expect(Number.isNaN(pc[0])).toBe(true);
    expect(Number.isNaN(F[1])).toBe(true);
    expect(pc[1]).toBe(5);
  });

  it('names the line, the column and the value of a bad cell', () => {
    const r = parseTraceText('time (s),thrust (N),pc (bar)\n0,1,2\n0.001,abc,2\n0.002,1,2\n');
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-value', field: 'thrust' }) });
    expect(!r.ok && r.error.message).toBe('Line 3, column "thrust (N)": "abc" is not a number.');
    const short = parseTraceText('time (s),thrust (N),pc (bar)\n0,1\n');
    expect(!short.ok && short.error.message).toContain('Line 2 has 2 values');
    const back = parseTraceText('time (ms),thrust (N)\n5,1\n4,1\n');
    expect(!back.ok && back.error.message).toBe("Line 3: time 4 ms is not after the previous sample's 5 ms.");
    expect(parseTraceText('')).toEqual({ ok: false, error: expect.objectContaining({ code: 'no-header' }) });
    expect(parseTraceText('time (s),thrust (N)\n')).toEqual({ ok: false, error: expect.objectContaining({ code: 'no-samples' }) });
  });

  it('skips comments, blank lines, a byte-order mark and CR LF line ends; reads ; and tab separators', () => {
    const r = parseTraceText('\ufeff# stand 3\r\ntime (s);thrust (N);pc (bar)\r\n\r\n0;1;2\r\n# note\r\n0.5;3;4');
    expect(r.ok && r.value.buffer.length).toBe(2);
    expect(r.ok && r.value.buffer.columns()[2][1]).toBe(4e5);
    const tab = parseTraceText('time (s)\tthrust (N)\n0\t1\n1\t2\n');
    expect(tab.ok && [...tab.value.buffer.columns()[1]]).toEqual([1, 2]);
  });

  it('streams: the same samples whatever the chunking, a partial line waiting for the next chunk', () => {
    const lines = ['time (s),thrust (N),pc (Pa)'];
    for (let i = 0; i < 5000; i++) lines.push(`${(i / 1000).toFixed(3)},${(1000 + i).toFixed(1)},${2e6 + i}`);
    const text = lines.join('\n') + '\n';
    const whole = parseTraceText(text);
    expect(whole.ok).toBe(true);
    if (!whole.ok) return;
    const rng = createRng(7);
    for (let trial = 0; trial < 3; trial++) {
      const p = new FiringStreamParser();
      let added = 0;
      for (let i = 0; i < text.length; ) {
        const j = Math.min(text.length, i + 1 + rng.int(300));
        added += p.push(text.slice(i, j)).added;
        i = j;
      }
      added += p.end().added;
      expect(added).toBe(5000);
      expect(p.buffer!.columns()).toEqual(whole.value.buffer.columns());
    }
  });

  it('a live stream skips a bad line, counts it and goes on', () => {
    const p = new FiringStreamParser();
    p.push('time (s),thrust (N)\n0,1\n0.1,x\n0.2,3\n');
    expect(p.buffer!.length).toBe(2);
    expect(p.errorCount).toBe(1);
    expect(p.errors[0].line).toBe(3);
  });
});

describe('chunked buffer', () => {
  it('keeps every sample across chunk boundaries', () => {
    const b = new FiringBuffer(2, 8);
    for (let i = 0; i < 21; i++) b.append([i, -i]);
    expect(b.length).toBe(21);
    expect(b.chunks).toHaveLength(2);
    expect([...b.columns()[0]]).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect([...b.openColumns()[1]]).toEqual([-16, -17, -18, -19, -20]);
    const c = new FiringBuffer(2, 8);
    for (const ch of b.chunks) c.appendColumns(ch);
    c.appendColumns(b.openColumns());
    expect(c.columns()).toEqual(b.columns());
  });
});

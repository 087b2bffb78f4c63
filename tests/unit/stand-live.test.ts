// The live view's pieces in node: decimation keeps the extremes, and recordings stored in chunks
// read back whole (fake IndexedDB).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { decimate } from '../../app/domain/firing/live.ts';
import { appendChunk, finishFiring, latestFiring, loadFiringColumns, startFiring } from '../../app/data/stand-db.ts';

describe('decimate', () => {
  it('keeps a one-sample spike and every bucket\'s min and max, in time order, in at most 2·buckets points', () => {
    const n = 100_000;
    const t = Float64Array.from({ length: n }, (_, i) => i / 10_000);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 500));
    y[54_321] = 7;
    y[12_345] = NaN;
    const d = decimate(t, y, 300);
    expect(d.t.length).toBeLessThanOrEqual(600);
    expect(Math.max(...d.y)).toBe(7);
    expect(d.t[d.y.indexOf(7)]).toBe(t[54_321]);
    expect(Math.min(...d.y)).toBeCloseTo(-1, 5);
    for (let i = 1; i < d.t.length; i++) expect(d.t[i]).toBeGreaterThanOrEqual(d.t[i - 1]);
    expect(d.y.every(Number.isFinite)).toBe(true);
  });

  it('returns short series as they are, without missing samples', () => {
    const d = decimate(Float64Array.of(0, 1, 2), Float64Array.of(1, NaN, 3), 10);
    expect([...d.t]).toEqual([0, 2]);
    expect([...d.y]).toEqual([1, 3]);
  });
});

describe('stand storage', () => {
  it('stores chunks as they come and reads the firing back whole, in order', async () => {
    const f = await startFiring({ id: 'f1', startedAt: '2026-12-02T01:00:00.000Z', source: 'ws://127.0.0.1:1/' });
    expect(f.ok).toBe(true);
    const header = 'time (s),thrust (N)';
    expect((await appendChunk('f1', header, 0, [Float64Array.of(0, 0.001), Float64Array.of(5, 6)])).ok).toBe(true);
    const r = await appendChunk('f1', header, 2, [Float64Array.of(0.002), Float64Array.of(7)]);
    expect(r.ok && r.value.samples).toBe(3);
    const last = await latestFiring();
    expect(last.ok && last.value).toEqual(expect.objectContaining({ id: 'f1', samples: 3, chunks: 2, headerLine: header, status: 'recording' }));
    const cols = await loadFiringColumns(last.ok ? last.value! : (null as never));
    expect(cols.ok && cols.value.map((c) => [...c])).toEqual([[0, 0.001, 0.002], [5, 6, 7]]);
    await finishFiring('f1');
    const done = await latestFiring();
    expect(done.ok && done.value?.status).toBe('done');
    expect(await appendChunk('nope', header, 0, [Float64Array.of(1), Float64Array.of(1)])).toEqual({ ok: false, error: expect.objectContaining({ code: 'not-found' }) });
  });
});

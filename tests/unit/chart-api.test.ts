// The chart worker's operations in node (SVG output needs no canvas): a spec is drawn to SVG at the
// width asked, the datum under a pointer is found, and zoom steps move the scales' domains. Expected
// positions are worked out by hand from linear scales: x 0…10 → 0…200 px, y 0…10 → 100…0 px.
import { describe, expect, it } from 'vitest';
import { makeChartApi } from '../../workers/chart-api.ts';

const points = [{ a: 0, b: 0 }, { a: 5, b: 5 }, { a: 10, b: 10 }];
/** No axes, no padding, fixed size: scene coordinates are the drawing's pixels. */
const bare = (extra: object = {}) => ({
  width: 200, height: 100, padding: 0, autosize: { type: 'none' },
  data: { values: points },
  mark: { type: 'point', tooltip: true },
  encoding: {
    x: { field: 'a', type: 'quantitative', scale: { domain: [0, 10], nice: false, zero: false }, axis: null },
    y: { field: 'b', type: 'quantitative', scale: { domain: [0, 10], nice: false, zero: false }, axis: null },
    tooltip: [{ field: 'a', type: 'quantitative' }],
  },
  ...extra,
});

describe('chart worker operations', () => {
  it('draws a spec to SVG markup at the size asked, with its axis title as text', async () => {
    const api = makeChartApi();
    const r = await api.renderChart({
      id: 1, width: 320, output: 'svg',
      spec: { height: 100, data: { values: points }, mark: 'line', encoding: { x: { field: 'a', type: 'quantitative', title: 'O/F ratio' }, y: { field: 'b', type: 'quantitative' } } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.width).toBe(320); // autosize fit: axes included in the width given
    expect(r.value.svg).toMatch(/^<svg[^>]* width="320"/);
    expect(r.value.svg).toContain('O/F ratio');
    expect(r.value.zoomable).toBe(false);
  });

  it('names the field when a spec cannot be drawn, or the width is not a width', async () => {
    const api = makeChartApi();
    const bad = await api.renderChart({ id: 1, width: 300, output: 'svg', spec: { mark: 'nonsense' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-spec', field: 'spec' } });
    const w = await api.renderChart({ id: 1, width: 0, output: 'svg', spec: bare() });
    expect(w).toMatchObject({ ok: false, error: { field: 'width', message: 'chart width must be > 0 px (got 0)' } });
    const bitmap = await api.renderChart({ id: 1, width: 300, output: 'bitmap', spec: bare() });
    expect(bitmap).toMatchObject({ ok: false, error: { code: 'no-canvas', field: 'output' } });
  });

  it('picks the datum under the pointer, with its tooltip, and nothing far from any mark', async () => {
    const api = makeChartApi();
    await api.renderChart({ id: 7, width: 200, output: 'svg', spec: bare() });
    // (5, 5) is drawn at x = 100 px, y = 50 px.
    expect(await api.pickChart({ id: 7, x: 102, y: 51 })).toEqual({ ok: true, value: { datum: { a: 5, b: 5 }, tooltip: ['a: 5'] } });
    expect(await api.pickChart({ id: 7, x: 150, y: 20 })).toEqual({ ok: true, value: null });
    await api.releaseChart({ id: 7 });
    expect(await api.pickChart({ id: 7, x: 102, y: 51 })).toEqual({ ok: true, value: null });
  });

  it('zooms a chart whose scales are bound to a zoom: the wheel about a point, a drag, a reset', async () => {
    const api = makeChartApi();
    const spec = bare({ params: [{ name: 'zoom', select: 'interval', bind: 'scales' }] });
    const r = await api.renderChart({ id: 2, width: 200, output: 'svg', spec });
    expect(r.ok && r.value.zoomable).toBe(true);
    // Zoom in 2× about (5, 5): x shows 2.5…7.5, so (10, 10) leaves the view and (5, 5) stays put.
    await api.zoomChart({ id: 2, output: 'svg', steps: [{ kind: 'wheel', x: 100, y: 50, factor: 0.5 }] });
    expect((await api.pickChart({ id: 2, x: 100, y: 50 }))).toMatchObject({ value: { datum: { a: 5 } } });
    // Pan right by 50 px (a quarter of 5 units = 1.25): (5, 5) is now at x = 150 px.
    await api.zoomChart({ id: 2, output: 'svg', steps: [{ kind: 'pan', dx: 50, dy: 0 }] });
    expect((await api.pickChart({ id: 2, x: 150, y: 50 }))).toMatchObject({ value: { datum: { a: 5 } } });
    expect(await api.pickChart({ id: 2, x: 100, y: 50 })).toEqual({ ok: true, value: null });
    await api.zoomChart({ id: 2, output: 'svg', steps: [{ kind: 'reset' }] });
    expect((await api.pickChart({ id: 2, x: 200, y: 0 }))).toMatchObject({ value: { datum: { a: 10 } } });
  });
});

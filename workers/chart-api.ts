// The chart worker's operations: compile a Vega-Lite spec, run it in a headless vega View
// (renderer 'none': no DOM) and draw it as SVG markup or onto an OffscreenCanvas; keep each View by
// id to answer "what is under the pointer" and to zoom. Runs in a worker (or in node for tests:
// the SVG output needs no canvas).
import * as vega from 'vega';
import { View, parse, type Scene, type SceneItem } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { err, ok, type Result } from '../app/domain/result.ts';
import type { ChartDrawing, ChartOutput, ChartPick, ChartPickInput, ChartRenderInput, ChartZoom, ChartZoomInput } from '../app/domain/chart-contract.ts';

/** Our own zoom signals replace Vega-Lite's domainRaw bindings (its pointer handlers cannot run headless). */
const ZOOM_SIGNAL = (scale: string) => `rfo_zoom_${scale}`;
/** How far (CSS px) from a mark a pointer still picks it: a fingertip's half-width. */
const PICK_TOLERANCE = 8;

interface Held {
  view: View;
  /** Scales ('x', 'y') whose domain follows a zoom signal. */
  zoomScales: string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Item = Mutable<SceneItem> & { datum?: Record<string, unknown>; tooltip?: unknown; items?: Scene[]; x?: number; y?: number; bounds?: { x1: number; y1: number; x2: number; y2: number } };
type Mark = Scene & { marktype: string; role?: string; interactive?: boolean; items: Item[] };

/** Measures text with an OffscreenCanvas where there is one, so axis labels are thinned on their real widths (vega estimates without a canvas). */
function measureTextWithCanvas(): void {
  const Offscreen = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(k: '2d'): CanvasRenderingContext2D | null } }).OffscreenCanvas;
  const ctx = Offscreen ? new Offscreen(1, 1).getContext('2d') : null;
  if (!ctx) return;
  // vega exports these (from vega-scenegraph) without declaring them in its types.
  const { textMetrics, font, fontSize } = vega as unknown as {
    textMetrics: { width: (item: unknown, text?: unknown) => number };
    font: (item: unknown) => string;
    fontSize: (item: unknown) => number;
  };
  const cache = new Map<string, number>();
  textMetrics.width = (item, text) => {
    const t = text == null ? '' : String(text).trim();
    if (!t || fontSize(item) <= 0) return 0;
    const f = font(item);
    const key = `${f}\u0000${t}`;
    let w = cache.get(key);
    if (w === undefined) {
      ctx.font = f;
      w = ctx.measureText(t).width;
      if (cache.size > 5000) cache.clear();
      cache.set(key, w);
    }
    return w;
  };
}

/** The drawing's size in CSS px and where the scene's origin sits in it (as vega's headless renderers compute them). */
function frame(view: View): { width: number; height: number; ox: number; oy: number } {
  const v = view as unknown as { _viewWidth: number; _viewHeight: number; _origin: [number, number] };
  const p = view.padding() as { left: number; right: number; top: number; bottom: number };
  return {
    width: Math.max(0, v._viewWidth + p.left + p.right),
    height: Math.max(0, v._viewHeight + p.top + p.bottom),
    ox: p.left + v._origin[0],
    oy: p.top + v._origin[1],
  };
}

/** A datum's own plain fields (vega adds a symbol-keyed id; nested values are left out). */
function plainDatum(d: Record<string, unknown> | undefined): ChartPick['datum'] {
  const out: ChartPick['datum'] = {};
  for (const [k, v] of Object.entries(d ?? {})) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v as string | number | boolean | null;
  return out;
}

/** Vega's tooltip value as lines of text: an object becomes "key: value" lines. */
function tooltipLines(t: unknown): string[] {
  if (t == null || t === '') return [];
  if (typeof t === 'object' && !Array.isArray(t)) return Object.entries(t as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`);
  return [String(t)];
}

/** Distance (px) from (x, y) to a box, 0 inside. */
const boxDistance = (b: { x1: number; y1: number; x2: number; y2: number }, x: number, y: number) =>
  Math.hypot(Math.max(b.x1 - x, 0, x - b.x2), Math.max(b.y1 - y, 0, y - b.y2));

/** The data mark item nearest to (x, y) in scene coordinates, within the tolerance. */
function pickItem(root: Scene, x: number, y: number): Item | null {
  let best: Item | null = null;
  let bestD = PICK_TOLERANCE;
  let bestArea = Infinity;
  const visit = (mark: Mark, gx: number, gy: number) => {
    for (const item of mark.items ?? []) {
      if (mark.marktype === 'group') {
        for (const child of item.items ?? []) visit(child as Mark, gx + (item.x ?? 0), gy + (item.y ?? 0));
        continue;
      }
      if (mark.role !== 'mark' || mark.interactive === false || !item.datum) continue;
      const px = x - gx;
      const py = y - gy;
      // A line or area is drawn through its items' points; other marks cover their bounds.
      const lineLike = mark.marktype === 'line' || mark.marktype === 'area' || mark.marktype === 'trail';
      const d = lineLike ? Math.hypot((item.x ?? 0) - px, (item.y ?? 0) - py) : item.bounds ? boxDistance(item.bounds, px, py) : Infinity;
      const area = lineLike || !item.bounds ? Infinity : (item.bounds.x2 - item.bounds.x1) * (item.bounds.y2 - item.bounds.y1);
      // The nearest; among marks the pointer is inside, the smallest (a point over the line's rule).
      if (d < bestD || (d === bestD && d <= 0 && area < bestArea)) {
        best = item;
        bestD = d;
        bestArea = area;
      }
    }
  };
  visit(root as Mark, 0, 0);
  return best;
}

export interface ChartApi {
  renderChart(input: ChartRenderInput): Promise<Result<ChartDrawing>>;
  zoomChart(input: ChartZoomInput): Promise<Result<ChartDrawing>>;
  pickChart(input: ChartPickInput): Promise<Result<ChartPick | null>>;
  releaseChart(input: { id: number }): Promise<Result<null>>;
}

/** The chart operations; `toBitmap` turns a View into an ImageBitmap (the worker passes one over an OffscreenCanvas). */
export function makeChartApi(toBitmap?: (view: View, width: number, height: number, pixelRatio: number) => Promise<ImageBitmap>): ChartApi {
  measureTextWithCanvas();
  const held = new Map<number, Held>();

  async function draw(id: number, h: Held, output: ChartOutput, pixelRatio: number): Promise<Result<ChartDrawing>> {
    await h.view.runAsync();
    const { width, height } = frame(h.view);
    const zoomable = h.zoomScales.length > 0;
    if (output === 'bitmap') {
      if (!toBitmap) return err('no-canvas', 'this browser cannot draw charts off the page (no OffscreenCanvas)', 'output');
      return ok({ id, width, height, bitmap: await toBitmap(h.view, width, height, pixelRatio), zoomable });
    }
    return ok({ id, width, height, svg: await h.view.toSVG(), zoomable });
  }

  const badSpec = (e: unknown) => err('bad-spec', `the chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`, 'spec');

  return {
    async renderChart({ id, spec, width, output, pixelRatio = 1 }) {
      if (!(width > 0) || !Number.isFinite(width)) return err('bad-input', `chart width must be > 0 px (got ${width})`, 'width');
      try {
        const full = { width: Math.floor(width), autosize: { type: 'fit', contains: 'padding' }, ...(spec as object) } as TopLevelSpec;
        const compiled = compile(full).spec as { signals?: { name: string; value?: unknown }[]; scales?: { name: string; domainRaw?: unknown }[] };
        const zoomScales: string[] = [];
        for (const s of compiled.scales ?? []) {
          if (s.domainRaw === undefined || (s.name !== 'x' && s.name !== 'y')) continue;
          s.domainRaw = { signal: ZOOM_SIGNAL(s.name) };
          (compiled.signals ??= []).push({ name: ZOOM_SIGNAL(s.name), value: null });
          zoomScales.push(s.name);
        }
        const view = new View(parse(compiled as never), { renderer: 'none' });
        held.get(id)?.view.finalize();
        const h = { view, zoomScales };
        held.set(id, h);
        return await draw(id, h, output, pixelRatio);
      } catch (e) {
        return badSpec(e);
      }
    },

    async zoomChart({ id, steps, output, pixelRatio = 1 }) {
      const h = held.get(id);
      if (!h) return err('no-chart', `chart ${id} is not drawn`, 'id');
      try {
        const { ox, oy } = frame(h.view);
        for (const step of steps as ChartZoom[]) {
          for (const name of h.zoomScales) {
            if (step.kind === 'reset') {
              h.view.signal(ZOOM_SIGNAL(name), null);
              continue;
            }
            const scale = h.view.scale(name) as { range(): number[]; invert(v: number): number };
            const [r0, r1] = scale.range();
            const at = name === 'x' ? (step.kind === 'wheel' ? step.x - ox : 0) : step.kind === 'wheel' ? step.y - oy : 0;
            const moved = (r: number) => step.kind === 'wheel' ? at + (r - at) * step.factor : r - (name === 'x' ? step.dx : step.dy);
            const domain = [scale.invert(moved(r0)), scale.invert(moved(r1))];
            if (domain.every(Number.isFinite)) h.view.signal(ZOOM_SIGNAL(name), domain);
          }
          await h.view.runAsync();
        }
        return await draw(id, h, output, pixelRatio);
      } catch (e) {
        return badSpec(e);
      }
    },

    async pickChart({ id, x, y }) {
      const h = held.get(id);
      if (!h) return ok(null);
      const { ox, oy } = frame(h.view);
      const item = pickItem((h.view.scenegraph() as unknown as { root: Scene }).root, x - ox, y - oy);
      return ok(item ? { datum: plainDatum((item as Item).datum), tooltip: tooltipLines((item as Item).tooltip) } : null);
    },

    async releaseChart({ id }) {
      held.get(id)?.view.finalize();
      held.delete(id);
      return ok(null);
    },
  };
}

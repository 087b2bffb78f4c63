// A Vega-Lite chart drawn by the chart worker (vega never loads on the main thread): the page sends
// the spec and the width it has, and inserts what comes back — SVG markup, or a bitmap for charts of
// many marks. It redraws when the spec or the width changes, shows the tooltip of the mark under the
// pointer, reports clicks on data points, and zooms charts whose spec binds scales to a zoom (wheel,
// drag, double-click to reset).
import { createEffect, onCleanup, onMount, createSignal, Show, For } from 'solid-js';
import type { TopLevelSpec } from 'vega-lite';
import { charts } from '../../bridge/charts.ts';
import { postable } from './postable.ts';
import type { ChartDrawing, ChartOutput, ChartPick, ChartRenderInput, ChartZoom } from '../../domain/chart-contract.ts';

export interface VegaChartProps {
  spec: TopLevelSpec;
  /** Accessible description of what the chart shows. */
  label: string;
  /** Called with the datum under a click (a point, a rect, a line vertex). */
  onPick?: (datum: Record<string, unknown>) => void;
  class?: string;
  /** 'canvas' for charts of many marks: an SVG of thousands of nodes takes the browser hundreds of
   * milliseconds to lay out and paint, so the worker draws a bitmap instead. Default 'svg'. */
  renderer?: 'svg' | 'canvas';
  /** Called each time a drawing (or an error in its place) is on the page, with the spec it drew. */
  onDrawn?: (spec: TopLevelSpec) => void;
}

/** Small charts drawn once when the worker is warmed, built like the app's: a zoomable family of lines
 * with symbols, tooltips and a legend, and a heat map. Vega's first run of each kind of operator is
 * slow (its code not yet optimised); a 1,000-point line family drawn cold took it 3 times longer. */
const WARM_VALUES = Array.from({ length: 24 }, (_, i) => ({ x: i % 6, y: Math.sin(i), c: Math.floor(i / 6) }));
const WARM_TOOLTIP = [{ field: 'x', type: 'quantitative', format: '.4~g' }, { field: 'y', type: 'quantitative', format: '.5~g' }];
const WARM_SPECS = [
  {
    height: 100, data: { values: WARM_VALUES }, params: [{ name: 'zoom', select: 'interval', bind: 'scales' }],
    mark: { type: 'line', point: true, tooltip: true },
    encoding: { x: { field: 'x', type: 'quantitative', scale: { type: 'linear', zero: false } }, y: { field: 'y', type: 'quantitative', scale: { zero: false } }, color: { field: 'c', type: 'ordinal', legend: { format: '.4~g' } }, tooltip: WARM_TOOLTIP },
  },
  {
    height: 100, data: { values: WARM_VALUES }, mark: { type: 'rect', tooltip: true },
    encoding: { x: { field: 'x', type: 'ordinal', axis: { format: '.3~g', labelOverlap: 'greedy' } }, y: { field: 'c', type: 'ordinal' }, color: { field: 'y', type: 'quantitative', scale: { scheme: 'viridis' }, legend: { orient: 'bottom' } }, tooltip: WARM_TOOLTIP },
  },
];

/** Starts the chart worker soon after the page settles and draws a tiny chart in it (both ways it
 * draws), for a page that will draw a chart later (a sweep's, when it ends): loading vega and its
 * first, unoptimised run are then not part of drawing that chart. */
export function preloadCharts(): void {
  const warm = () => {
    const c = charts();
    for (const spec of WARM_SPECS) {
      for (const output of ['svg', 'bitmap'] as const) void c.call('renderChart', { id: 0, spec, width: 300, output }).then((r) => r.ok && r.value.bitmap?.close());
    }
    void c.call('releaseChart', { id: 0 });
  };
  const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (idle) idle(warm, { timeout: 1000 });
  else setTimeout(warm, 500);
}

/**
 * The height a drawing of this spec will take, when the spec says it: the worker fits a chart of one
 * view to the spec's height, axes and padding included, so the page keeps that room free until the
 * drawing comes. Without it the drawing, arriving from the worker a moment after the page is laid
 * out, pushes down everything under it: a link or button the user is about to tap moves from under
 * the finger. (A concatenated, faceted or repeated chart, or one sized by steps, is not fitted:
 * its height is only known once drawn.)
 */
export function reservedHeight(spec: TopLevelSpec): number | undefined {
  const s = spec as unknown as Record<string, unknown>;
  if (['vconcat', 'hconcat', 'concat', 'facet', 'repeat'].some((k) => k in s)) return undefined;
  return typeof s.height === 'number' && Number.isFinite(s.height) && s.height > 0 ? s.height : undefined;
}

/** Chart ids; 0 is the warm-up charts'. */
let lastId = 0;
/** A drag shorter than this (px) is a click. */
const CLICK_SLOP = 4;

export function VegaChart(props: VegaChartProps) {
  const id = ++lastId;
  let host!: HTMLDivElement;
  const [error, setError] = createSignal<string | null>(null);
  const [width, setWidth] = createSignal(0);
  const [tip, setTip] = createSignal<{ x: number; y: number; lines: string[] } | null>(null);
  const [zoomable, setZoomable] = createSignal(false);
  const output = (): ChartOutput => (props.renderer === 'canvas' ? 'bitmap' : 'svg');
  const pixelRatio = () => Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));

  // One call in flight; what is wanted meanwhile (the newest render, the zoom steps) goes next.
  let alive = true;
  let busy = false;
  let wanted: ChartRenderInput | null = null;
  let steps: ChartZoom[] = [];
  let drawn = false;
  /** Whether the worker was ever asked to draw this chart (else there is nothing to release). */
  let asked = false;

  function show(d: ChartDrawing) {
    let el: Element | null;
    if (d.bitmap) {
      const canvas = document.createElement('canvas');
      canvas.width = d.bitmap.width;
      canvas.height = d.bitmap.height;
      canvas.style.width = `${d.width}px`;
      canvas.style.height = `${d.height}px`;
      canvas.style.display = 'block';
      const ctx = canvas.getContext('bitmaprenderer');
      if (ctx) ctx.transferFromImageBitmap(d.bitmap);
      else d.bitmap.close();
      host.replaceChildren(canvas);
      el = canvas;
    } else {
      host.innerHTML = d.svg ?? '';
      el = host.firstElementChild;
    }
    el?.setAttribute('role', 'img');
    el?.setAttribute('aria-label', props.label);
    drawn = true;
    setZoomable(d.zoomable);
  }

  async function pump() {
    if (busy || !alive) return;
    let reply;
    let sent = props.spec;
    busy = true;
    if (wanted) {
      const input = wanted;
      sent = input.spec as TopLevelSpec;
      wanted = null;
      steps = [];
      asked = true;
      reply = await charts().call('renderChart', input);
    } else if (steps.length && drawn) {
      const zoom = steps;
      steps = [];
      reply = await charts().call('zoomChart', { id, steps: zoom, output: output(), pixelRatio: pixelRatio() });
    }
    busy = false;
    if (!reply) return;
    if (!alive) {
      if (reply.ok) reply.value.bitmap?.close();
    } else if (reply.ok) {
      // Shown even when a newer render is wanted (a sweep's optima arrive while its chart is drawn):
      // the page has a chart meanwhile, and the newer one replaces it when it comes.
      setError(null);
      show(reply.value);
      props.onDrawn?.(sent);
    } else if (!wanted) {
      setError(reply.error.message);
      props.onDrawn?.(sent);
    }
    void pump();
  }

  createEffect(() => {
    const w = width();
    // a spec may hold store values, which cannot be posted to a worker as proxies
    const spec = postable(props.spec);
    if (w <= 0) return;
    wanted = { id, spec, width: w, output: output(), pixelRatio: pixelRatio() };
    void pump();
  });

  /** Pointer position over the drawing, in its CSS pixels. */
  const at = (e: MouseEvent) => {
    const r = (host.firstElementChild ?? host).getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  let picking = false;
  async function pick(e: MouseEvent): Promise<ChartPick | null> {
    if (!drawn) return null;
    const r = await charts().call('pickChart', { id, ...at(e) });
    return r.ok ? r.value : null;
  }
  let down: { x: number; y: number; lastX: number; lastY: number; dragged: boolean } | null = null;

  onMount(() => {
    // The width comes from the observer's first report, made after the browser's next layout:
    // reading host.clientWidth here forced a layout of the whole page in the middle of the update
    // that mounts the chart (13 ms on a finished sweep's page), and the page is laid out again after.
    const ro = new ResizeObserver(() => {
      const w = Math.floor(host.clientWidth);
      if (w !== width()) setWidth(w);
    });
    ro.observe(host);
    const wheel = (e: WheelEvent) => {
      if (!zoomable() || !drawn) return;
      e.preventDefault();
      steps.push({ kind: 'wheel', ...at(e), factor: Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.002))) });
      void pump();
    };
    host.addEventListener('wheel', wheel, { passive: false });
    onCleanup(() => {
      ro.disconnect();
      host.removeEventListener('wheel', wheel);
    });
  });

  onCleanup(() => {
    alive = false;
    if (asked) void charts().call('releaseChart', { id });
  });

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    down = { x: e.clientX, y: e.clientY, lastX: e.clientX, lastY: e.clientY, dragged: false };
  };
  const onPointerMove = async (e: PointerEvent) => {
    if (down && e.buttons & 1) {
      if (Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP) down.dragged = true;
      // Only a mouse drag pans: a finger on a phone scrolls the page.
      if (down.dragged && zoomable() && e.pointerType === 'mouse') {
        steps.push({ kind: 'pan', dx: e.clientX - down.lastX, dy: e.clientY - down.lastY });
        down.lastX = e.clientX;
        down.lastY = e.clientY;
        setTip(null);
        void pump();
      }
      return;
    }
    if (picking) return;
    picking = true;
    const p = await pick(e);
    picking = false;
    const pos = at(e);
    setTip(p && p.tooltip.length ? { ...pos, lines: p.tooltip } : null);
  };
  const onClick = async (e: MouseEvent) => {
    const dragged = down?.dragged;
    down = null;
    if (dragged || !props.onPick) return;
    const p = await pick(e);
    if (p && alive) props.onPick(p.datum);
  };
  const onDblClick = () => {
    if (!zoomable()) return;
    steps.push({ kind: 'reset' });
    void pump();
  };

  return (
    <figure class={`chart ${props.class ?? ''}`} aria-label={props.label} role="figure" style={{ position: 'relative' }}>
      <div
        ref={host}
        class="chart-host"
        style={{
          cursor: props.onPick ? 'pointer' : undefined,
          'touch-action': zoomable() ? 'pan-y' : undefined,
          'min-height': ((h) => (h === undefined ? undefined : `${h}px`))(reservedHeight(props.spec)),
        }}
        onPointerDown={onPointerDown}
        onPointerMove={(e) => void onPointerMove(e)}
        onPointerLeave={() => setTip(null)}
        onClick={(e) => void onClick(e)}
        onDblClick={onDblClick}
      />
      <Show when={tip()}>
        {(t) => (
          <div
            class="chart-tip"
            role="tooltip"
            style={{
              position: 'absolute', left: `${Math.min(t().x + 12, Math.max(0, width() - 180))}px`, top: `${t().y + 12}px`, 'pointer-events': 'none',
              background: 'rgba(255,255,255,0.95)', color: '#111', border: '1px solid #999', 'border-radius': '4px', padding: '4px 6px',
              font: '12px sans-serif', 'white-space': 'nowrap', 'z-index': '5',
            }}
          >
            <For each={t().lines}>{(line) => <div>{line}</div>}</For>
          </div>
        )}
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">Chart error: {error()}</p>
      </Show>
    </figure>
  );
}

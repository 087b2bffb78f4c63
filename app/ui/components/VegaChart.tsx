// A vega-lite chart that loads vega only when first shown (it is large), re-renders when its spec
// or data change, resizes with its container, and reports clicks on data points.
import { createEffect, onCleanup, createSignal, Show } from 'solid-js';
import type { TopLevelSpec } from 'vega-lite';

export interface VegaChartProps {
  spec: TopLevelSpec;
  /** Accessible description of what the chart shows. */
  label: string;
  /** Called with the datum under a click (a point, a rect, a line vertex). */
  onPick?: (datum: Record<string, unknown>) => void;
  class?: string;
  /** 'canvas' for charts of many marks: an SVG of thousands of nodes takes the browser hundreds of
   * milliseconds to lay out and paint. Default 'svg'. */
  renderer?: 'svg' | 'canvas';
}

/** Resolves after the browser has painted what is on screen now, so building a chart is a task of its own. */
const afterPaint = () => new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
const nextTask = () => new Promise<void>((ok) => setTimeout(ok, 0));

let embedModule: Promise<typeof import('vega-embed')> | null = null;
const loadEmbed = () => (embedModule ??= import('vega-embed'));

/** Loads vega when the browser is idle, for a page that will draw a chart later (a sweep's, when it
 * ends): fetching and evaluating vega then is not part of drawing the chart. */
export function preloadCharts(): void {
  const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (idle) idle(() => void loadEmbed().catch(() => undefined), { timeout: 5000 });
  else setTimeout(() => void loadEmbed().catch(() => undefined), 1000);
}

export function VegaChart(props: VegaChartProps) {
  let host!: HTMLDivElement;
  const [error, setError] = createSignal<string | null>(null);
  let finalize: (() => void) | null = null;
  let token = 0;

  createEffect(() => {
    const spec = props.spec;
    const renderer = props.renderer ?? 'svg';
    const mine = ++token;
    // In steps, each a task of its own (vega-lite's compile, then vega's parse, dataflow and render),
    // so the page stays responsive while a chart of thousands of points is built.
    void loadEmbed().then(async ({ default: embed, vegaLite }) => {
      await afterPaint();
      if (mine !== token) return;
      try {
        const full = { width: 'container', autosize: { type: 'fit', contains: 'padding' }, ...spec } as TopLevelSpec;
        const compiled = vegaLite.compile(full).spec;
        await nextTask();
        if (mine !== token) return;
        const res = await embed(host, compiled, { mode: 'vega', actions: false, renderer, tooltip: true });
        if (mine !== token) {
          res.finalize();
          return;
        }
        finalize?.();
        finalize = () => res.finalize();
        setError(null);
        res.view.addEventListener('click', (_e, item) => {
          const d = (item as { datum?: Record<string, unknown> } | null)?.datum;
          if (d && props.onPick) props.onPick(d);
        });
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    }, (e) => setError(`charts could not be loaded: ${e instanceof Error ? e.message : String(e)}`));
  });
  onCleanup(() => {
    token++;
    finalize?.();
  });

  return (
    <figure class={`chart ${props.class ?? ''}`} aria-label={props.label} role="figure">
      <div ref={host} class="chart-host" />
      <Show when={error()}>
        <p class="error" role="alert">Chart error: {error()}</p>
      </Show>
    </figure>
  );
}

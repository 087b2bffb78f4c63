// What the chart worker (workers/chart.worker.ts) takes and returns: a Vega-Lite spec in, a drawn
// chart out (an SVG string, or a bitmap for charts of many marks), so vega never runs on the main
// thread. The worker keeps each drawn chart by id, for picking the datum under a pointer and for
// zooming; the UI releases it when the chart goes away.

/** How the worker returns a chart: 'svg' markup (text stays text: selectable, read by screen
 * readers and tests) or a 'bitmap' (an ImageBitmap, for thousands of marks the browser would take
 * hundreds of milliseconds to lay out as SVG). */
export type ChartOutput = 'svg' | 'bitmap';

export interface ChartRenderInput {
  /** The caller's chart id (one per chart on screen); a new render under an id replaces the old. */
  id: number;
  /** A Vega-Lite spec (plain JSON). */
  spec: unknown;
  /** CSS pixels available across; the chart fits it (axes and legend included). */
  width: number;
  output: ChartOutput;
  /** Device pixels per CSS pixel, for a sharp bitmap. */
  pixelRatio?: number;
}

export interface ChartDrawing {
  id: number;
  /** CSS pixels. */
  width: number;
  height: number;
  /** The SVG markup, when the output is 'svg'. */
  svg?: string;
  /** The picture, when the output is 'bitmap' (width × pixelRatio device pixels across). */
  bitmap?: ImageBitmap;
  /** True when the spec binds its x/y scales to a zoom (drag pans, the wheel zooms, double-click resets). */
  zoomable: boolean;
}

/** A zoom step, in CSS pixels from the chart's top left: the wheel zooms about (x, y) by `factor`
 * (> 1 out, < 1 in), a drag pans by (dx, dy), reset restores the spec's own domains. */
export type ChartZoom =
  | { kind: 'wheel'; x: number; y: number; factor: number }
  | { kind: 'pan'; dx: number; dy: number }
  | { kind: 'reset' };

export interface ChartZoomInput {
  id: number;
  steps: ChartZoom[];
  output: ChartOutput;
  pixelRatio?: number;
}

export interface ChartPickInput {
  id: number;
  /** CSS pixels from the chart's top left. */
  x: number;
  y: number;
}

/** The mark under a pointer: its datum (the data row's plain fields) and its tooltip as text lines. */
export interface ChartPick {
  datum: Record<string, string | number | boolean | null>;
  tooltip: string[];
}

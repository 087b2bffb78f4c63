// Chart worker: vega and Vega-Lite live here, never on the main thread. Charts come back as SVG
// markup, or as an ImageBitmap drawn on an OffscreenCanvas for charts of many marks.
import * as Comlink from 'comlink';
import type { View } from 'vega';
import { makeChartApi } from './chart-api.ts';
import { exposeApi } from './expose-api.ts';
import type { ChartDrawing } from '../app/domain/chart-contract.ts';
import type { Result } from '../app/domain/result.ts';

async function toBitmap(view: View, width: number, height: number, pixelRatio: number): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(Math.max(1, Math.ceil(width * pixelRatio)), Math.max(1, Math.ceil(height * pixelRatio)));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context on an OffscreenCanvas');
  // vega scales and moves an external context to its origin itself; it paints no background of its own.
  await view.toCanvas(pixelRatio, { externalContext: ctx } as never);
  return canvas.transferToImageBitmap();
}

const chart = makeChartApi(typeof OffscreenCanvas === 'undefined' ? undefined : toBitmap);

/** A drawing's bitmap moves to the page instead of being copied. */
const moved = (r: Result<ChartDrawing>) => (r.ok && r.value.bitmap ? Comlink.transfer(r, [r.value.bitmap]) : r);

export const api = {
  renderChart: async (input: Parameters<typeof chart.renderChart>[0]) => moved(await chart.renderChart(input)),
  zoomChart: async (input: Parameters<typeof chart.zoomChart>[0]) => moved(await chart.zoomChart(input)),
  pickChart: chart.pickChart,
  releaseChart: chart.releaseChart,
};
export type ChartWorkerApi = typeof api;

exposeApi(api);

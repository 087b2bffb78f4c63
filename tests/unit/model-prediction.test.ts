// Explore's model prediction in node with its model list and ML bridge passed in: the newest model
// of the design's experiment is run at the design point (an efficiency model gets the ideal Isp of
// its basis), the 95 % half-width is half the interval, a model for other propellants says so,
// and a slow answer for an old point never replaces the newest.
import { describe, it, expect, vi } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import { createModelPrediction } from '../../app/state/model-prediction.ts';
import type { SavedModel } from '../../app/state/workspace.ts';
import type { PredictionPoint } from '../../app/domain/model-study.ts';
import type { MlBridge } from '../../app/bridge/ml.ts';
import { tinyModelDoc } from './support/model-doc.ts';

const saved = (id: string, kind: 'efficiency' | 'surrogate' = 'efficiency'): SavedModel => ({ id, experimentId: 'e1', createdAt: '2026-01-01T00:00:00Z', doc: tinyModelDoc(5, kind, { inputRanges: [{ min: 1, max: 4 }, { min: 1e6, max: 2e7 }, { min: 5, max: 100 }] }) });
const POINT: PredictionPoint = { of: 2.5, pc_Pa: 7e6, areaRatio: 40, ispVac_m_s: 3300, ispAmb_m_s: 3000, reactants: ['RP-1', 'O2(L)'] };

/** An ML bridge whose predict answers mean = the point's O/F × 1000, interval ± 20 m/s, after `delay(of)` ms. */
function fakeMl(seen: unknown[], delay: (of: number) => number = () => 0): () => Promise<MlBridge> {
  const call = async (_m: string, input: { x: number[][]; ideal?: number[][] }) => {
    seen.push(input);
    const of = input.x[0][0];
    await new Promise((r) => setTimeout(r, delay(of)));
    const a = (v: number) => [new Float64Array([v])];
    return { ok: true, value: { mean: a(of * 1000), std: a(10), lo: a(of * 1000 - 20), hi: a(of * 1000 + 20) } };
  };
  return async () => ({ call }) as unknown as MlBridge;
}

describe('model prediction', () => {
  it('runs the newest model at the design point with the ideal Isp of its basis', async () => {
    const seen: unknown[] = [];
    const [point] = createSignal<PredictionPoint | null>(POINT);
    const p = createRoot(() => createModelPrediction(() => 'e1', point, {
      modelsOf: async () => ({ ok: true, value: { models: [saved('newest'), saved('older')] } }),
      ml: fakeMl(seen),
    }));
    await vi.waitFor(() => expect(p.prediction()).not.toBeNull());
    const v = p.prediction() as { model: SavedModel; mean_m_s: number; halfWidth_m_s: number; outside: unknown[] };
    expect(v.model.id).toBe('newest');
    expect(v.mean_m_s).toBe(2500);
    expect(v.halfWidth_m_s).toBe(20);
    expect(v.outside).toEqual([]);
    expect(seen).toEqual([expect.objectContaining({ x: [[2.5, 7e6, 40]], ideal: [[3300]] })]);
  });

  it('a model trained for other propellants gives a message naming them, without calling the worker', async () => {
    const seen: unknown[] = [];
    const [point] = createSignal<PredictionPoint | null>({ ...POINT, reactants: ['CH4(L)', 'O2(L)'] });
    const p = createRoot(() => createModelPrediction(() => 'e1', point, { modelsOf: async () => ({ ok: true, value: { models: [saved('m')] } }), ml: fakeMl(seen) }));
    await vi.waitFor(() => expect(p.prediction()).not.toBeNull());
    expect((p.prediction() as { error: string }).error).toContain('RP-1 + O2(L)');
    expect(seen).toHaveLength(0);
  });

  it('keeps the newest point\'s prediction when an older one answers later', async () => {
    const seen: unknown[] = [];
    const [point, setPoint] = createSignal<PredictionPoint | null>(POINT);
    // the first point (O/F 2.5) answers after 60 ms, the second (O/F 3) at once
    const p = createRoot(() => createModelPrediction(() => 'e1', point, { modelsOf: async () => ({ ok: true, value: { models: [saved('m')] } }), ml: fakeMl(seen, (of) => (of === 2.5 ? 60 : 0)) }));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    setPoint({ ...POINT, of: 3 });
    await vi.waitFor(() => expect(p.prediction()).not.toBeNull());
    await new Promise((r) => setTimeout(r, 100));
    expect((p.prediction() as { mean_m_s: number }).mean_m_s).toBe(3000);
  });
});

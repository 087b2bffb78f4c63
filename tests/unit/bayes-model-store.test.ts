// Optimize's "Bayesian optimisation on a Learn model" store: which saved models can be the
// objective (an efficiency model cannot, and says why), and a run sends the optimize-format spec
// with plain ranges and the model's document; a refused setting names the field and sends nothing.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRoot } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createBayesModelStore } from '../../app/state/bayes-model-store.ts';
import { restoreModelDoc, type ModelDoc } from '../../app/domain/ml-model.ts';
import type { BayesOptimizeResult } from '../../app/domain/optimize-bayes.ts';

const read = restoreModelDoc(JSON.parse(readFileSync(new URL('../fixtures/model-v1-surrogate-lox-rp1.json', import.meta.url), 'utf8')));
if (!read.ok) throw new Error(read.error.message);
const doc: ModelDoc = read.value;

describe('Bayesian optimisation on a Learn model (store)', () => {
  it('offers the surrogate, not the efficiency model, and runs with a plain spec', async () => {
    const sent: unknown[] = [];
    const s = createRoot(() => createBayesModelStore({
      savedModels: async () => [{ id: 'e', experimentId: 'x', createdAt: '2026', doc: { ...doc, name: 'eff', kind: 'efficiency' } }, { id: 's', experimentId: 'x', createdAt: '2025', doc }],
      optimize: async (spec) => {
        sent.push(structuredClone(spec));
        return { ok: true, value: { best: { design: { of: 2.6 }, value: 3043 } } as unknown as BayesOptimizeResult };
      },
    }));
    await s.refresh();
    expect(s.modelId()).toBe('s');
    // the Optimize form's ranges are store proxies: they must reach the worker as plain arrays
    const [form] = createStore({ of: [2.2, 3] as [number, number], pc: [3e6, 1e7] as [number, number], areaRatio: [40, 40] as [number, number] });
    const offers = createRoot(() => s.offers(() => form));
    expect(offers().map((o) => [o.model.id, o.why?.slice(0, 24) ?? null])).toEqual([['e', 'is an efficiency model: '], ['s', null]]);
    await s.run(form, 7);
    expect(s.error()).toBeNull();
    expect(sent).toEqual([{ algorithm: 'bayesopt', surrogate: doc, objectives: [{ maximize: 'ispVac' }], variables: { of: [2.2, 3], pc: [3e6, 1e7], areaRatio: [40, 40] }, evaluations: 30, batch: 3, seed: 7 }]);
    expect(s.result()?.best.value).toBe(3043);
    s.setModelId('e');
    await s.run(form, 7);
    expect(s.error()?.field).toBe('surrogate');
    expect(sent).toHaveLength(1);
  });
});

// Learn's three stores in node with their bridges passed in. Dataset: the simulated samples are
// solved on the pool in slices (parallel) and each equals the engine's own vacuum Isp at that
// point; firings are paired with the ideal at their ambient pressure; bad bounds name the problem.
// Model: suggestions go to the ML bridge with the form's box. Training: a dataset with no usable
// row is refused before any job is submitted.
import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { createLearnDatasetStore, createLearnMessages, LEARN_REACTANTS } from '../../app/state/learn-dataset-store.ts';
import { createLearnModelStore } from '../../app/state/learn-model-store.ts';
import { createLearnTrainingStore } from '../../app/state/learn-training-store.ts';
import type { MlBridge } from '../../app/bridge/ml.ts';
import { solveRocketsWith } from '../../workers/solve-rockets.ts';
import { logged } from './support/engine-bridge-node.ts';
import { loadNodeEngine } from './support/engine-node.ts';
import { tinyModelDoc } from './support/model-doc.ts';
import { latinHypercube } from '../../app/domain/lhs.ts';
import { simulatedDataset } from '../../app/domain/learn-dataset.ts';
import type { LearnModelOptions } from '../../app/state/learn-model-store.ts';
import { createExperiment, type Experiment } from '../../app/domain/experiment.ts';

const node = await loadNodeEngine();
const pool = () => logged((_m, input) => solveRocketsWith(node.engine, input as { problems: unknown[] }));
const isp = (of: number, pc: number, eps: number, pamb?: number) => {
  const r = node.engine.solveRocket({ problem: 'rocket', reactants: LEARN_REACTANTS, of, pc, exits: [{ areaRatio: eps }], ...(pamb ? { pamb } : {}) });
  if (!r.ok || 'ok' in r.value.exits[0]) throw new Error('engine failed');
  return pamb ? r.value.exits[0].ispAmb! : r.value.exits[0].ispVac;
};

/** No experiments keep a dataset (the stores' workspace I/O in memory). */
const noKept = { experiments: () => [], datasetOf: async () => ({ ok: false as const, error: { code: 'not-found', message: 'none kept' } }) };
/** The model store's other I/O: no preference to apply, an empty workspace, a design not from an experiment. */
const modelIo: Omit<LearnModelOptions, 'messages' | 'bounds' | 'ml'> = {
  applyBackendPreference: async () => null,
  setBackendPreference: async () => null,
  experiments: { units: () => 'SI', modelById: async () => ({ ok: true, value: null }), byId: () => undefined, whenReady: async () => {}, saveModel: async () => null, notice: () => null } as unknown as LearnModelOptions['experiments'],
  origin: () => ({ kind: 'point', name: 'Design point' }),
};

describe('Learn dataset store', () => {
  it('solves the LHS samples on the pool in slices, each the engine\'s vacuum Isp at that point', async () => {
    const b = pool();
    const d = createRoot(() => createLearnDatasetStore({ messages: createLearnMessages(), engine: b.bridge, slices: 3, ...noKept }));
    d.setForm({ samples: '30', seed: '4' });
    const data = await d.datasetToTrain(4);
    const ds = data!.dataset;
    expect(b.calls).toEqual(['solveRockets', 'solveRockets', 'solveRockets']);
    expect(b.maxInFlight()).toBe(3);
    expect(ds.name).toBe('LOX/RP-1 simulated, 30 samples (seed 4)');
    // the same Latin hypercube the form describes (bars → Pa), solved point by point in node
    const pts = latinHypercube(d.bounds()!, 30, 4);
    const col = ds.columns as Record<string, Float64Array>;
    for (const i of [0, 13, 29]) {
      expect(col.of[i]).toBe(pts[i][0]);
      expect(col.ispVac_m_s[i]).toBe(isp(pts[i][0], pts[i][1], pts[i][2]));
    }
  });

  it('pairs firings with the engine\'s ideal at their ambient pressure', async () => {
    const d = createRoot(() => createLearnDatasetStore({ messages: createLearnMessages(), engine: pool().bridge, slices: 2, ...noKept }));
    const got = await d.idealIsps([{ of: 2.3, pc: 5e6, eps: 20, pamb: 101325 }, { of: 2.7, pc: 1e7, eps: 60 }, { of: 2.5, pc: 7e6, eps: 30, pamb: 50000 }]);
    expect(got).toEqual([isp(2.3, 5e6, 20, 101325), isp(2.7, 1e7, 60), isp(2.5, 7e6, 30, 50000)]);
  });

  it('a bound that is not a number is refused with a message, and nothing is solved', async () => {
    const m = createLearnMessages();
    const b = pool();
    const d = createRoot(() => createLearnDatasetStore({ messages: m, engine: b.bridge, ...noKept }));
    d.setForm('ofMax', 'lots');
    expect(await d.datasetToTrain(1)).toBeNull();
    expect(m.error()).toBe('every bound must be a number');
    expect(b.calls).toEqual([]);
  });

  it('a psia file takes its units from the headers and trains only once the user confirms them', async () => {
    const m = createLearnMessages();
    const b = pool();
    const d = createRoot(() => createLearnDatasetStore({ messages: m, engine: b.bridge, ...noKept }));
    d.setForm('source', 'csv');
    d.loadCsv('us.csv', 'Test ID,O/F,Pc (psia),Thrust (lbf),mdot (lbm/s),Isp (s)\nF-1,2.4,902,3000,10,300\n');
    expect({ ...d.units }).toEqual({ pc: 'psia', thrust: 'lbf', mdot: 'lbm/s', isp: 's' });
    // 902 psia × 6894.757293168 Pa/psi = 6,219,071 Pa (62.19 bar)
    expect(d.csvRows()[0].pc).toBeCloseTo(902 * 6894.757293168, 3);
    expect(await d.datasetToTrain(1)).toBeNull();
    expect(m.error()).toBe('check the columns and units of the test-fire file, then confirm them before training');
    expect(b.calls).toEqual([]);
    expect(d.confirmCsv()).toBe(true);
    const data = await d.datasetToTrain(1);
    expect(data?.dataset.spec).toMatchObject({ units: { pc: 'psia', thrust: 'lbf', mdot: 'lbm/s', isp: 's' } });
    // a changed unit needs a new confirmation
    d.setUnits('pc', 'bar');
    expect(d.csvConfirmed()).toBe(false);
    expect(d.csvRows()[0].pc).toBe(902e5);
  });
});

describe('Learn model and training stores', () => {
  it('suggestions ask the ML bridge over the form\'s box, in SI', async () => {
    const m = createLearnMessages();
    const seen: unknown[] = [];
    const ml = { call: async (method: string, input: unknown) => { seen.push([method, input]); return { ok: true, value: [{ x: [2.5, 7e6, 40], mean: 3300, std: 5, score: 1 }] }; } } as unknown as MlBridge;
    const d = createRoot(() => createLearnDatasetStore({ messages: m, engine: pool().bridge, ...noKept }));
    const model = createRoot(() => createLearnModelStore({ messages: m, bounds: d.bounds, ml, ...modelIo }));
    expect(model.importModel('tiny.json', JSON.stringify(tinyModelDoc(3, 'surrogate')), () => {})).toBe(true);
    await model.suggest('uncertainty');
    expect(model.suggestions()).toHaveLength(1);
    const [method, input] = seen[0] as [string, { bounds: { min: number; max: number }[]; mode: string; unit: string }];
    expect(method).toBe('suggestNext');
    expect(input.mode).toBe('uncertainty');
    expect(input.unit).toBe('m/s');
    expect(input.bounds.map((b) => [b.min, b.max])).toEqual([[1.5, 3.5], [1e5, 250e5], [5, 150]]);
  });

  it("suggestions by a Gaussian process send the model's training rows, and the choice is kept; without them it says why", async () => {
    const m = createLearnMessages();
    const seen: [string, Record<string, unknown>][] = [];
    const ml = { call: async (method: string, input: Record<string, unknown>) => { seen.push([method, input]); return { ok: true, value: [] }; } } as unknown as MlBridge;
    const d = createRoot(() => createLearnDatasetStore({ messages: m, engine: pool().bridge, ...noKept }));
    const model = createRoot(() => createLearnModelStore({ messages: m, bounds: d.bounds, ml, ...modelIo }));
    const doc = tinyModelDoc(3, 'surrogate');
    // a model opened from a file has no training data: the GP cannot be asked
    expect(model.importModel('tiny.json', JSON.stringify(doc), () => {})).toBe(true);
    await model.suggest('expected-improvement', 'gp');
    expect(seen).toEqual([]);
    expect(m.error()).toMatch(/^the Gaussian process learns from the data the model was trained on/);
    // a trained one: its rows (a NaN output left out) go with the call, as one batch of 3
    const ds = simulatedDataset({ name: 'sim', reactants: [], spec: { bounds: [], count: 3, seed: 1 } }, [[2, 5e6, 20], [2.5, 7e6, 40], [3, 9e6, 60]], [3300, null, 3400]);
    model.showTrained({ model: doc, heldOut: { truth: [], mean: [], lo: [], hi: [] } } as never, { dataset: ds });
    await model.suggest('expected-improvement', 'gp');
    expect(seen[0][1]).toMatchObject({ method: 'gp', mode: 'expected-improvement', count: 3, data: { x: [[2, 5e6, 20], [3, 9e6, 60]], y: [3300, 3400] } });
    expect(model.suggestMethod()).toBe('gp');
    await model.suggest('expected-improvement');
    expect(seen[1][1].method).toBe('gp');
    // "most uncertain" is the ensemble's own measure
    await model.suggest('uncertainty', 'ensemble');
    expect(seen[2][1].method).toBeUndefined();
  });

  it('saves the model with the experiment Explore\'s design came from, through the workspace and origin passed in', async () => {
    const m = createLearnMessages();
    const origin = createExperiment({ name: 'Bench engine', problem: { problem: 'rocket', reactants: LEARN_REACTANTS, of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }] }, system: 'lox-rp1' });
    const saved: [string, string][] = [];
    const experiments = { ...modelIo.experiments,
      byId: (id: string) => (id === origin.id ? origin : undefined),
      saveModel: async (doc: { name: string }, target: Experiment) => { saved.push([doc.name, target.id]); return { ...target, studies: [] }; },
    } as unknown as LearnModelOptions['experiments'];
    const chosen: string[] = [];
    const d = createRoot(() => createLearnDatasetStore({ messages: m, engine: pool().bridge, ...noKept }));
    const ml = { call: async () => ({ ok: true, value: { active: 'cpu', available: ['cpu', 'webgl'] } }) } as unknown as MlBridge;
    const model = createRoot(() => createLearnModelStore({ messages: m, bounds: d.bounds, ml, ...modelIo, experiments,
      origin: () => ({ kind: 'experiment', id: origin.id, name: origin.name }),
      setBackendPreference: async (name) => { chosen.push(name); return null; } }));
    expect(model.importModel('tiny.json', JSON.stringify(tinyModelDoc(3, 'surrogate')), () => {})).toBe(true);
    const e = await model.saveToExperiment();
    expect(e?.id).toBe(origin.id);
    expect(saved).toEqual([[tinyModelDoc(3, 'surrogate').name, origin.id]]);
    expect(model.saved()).toEqual({ id: origin.id, name: 'Bench engine' });
    await model.chooseBackend('webgl');
    expect(chosen).toEqual(['webgl']);
  });

  it('a dataset with no usable row is refused by name before a job is submitted', async () => {
    const m = createLearnMessages();
    const submitted: unknown[] = [];
    const failing = logged(() => ({ ok: true, value: Array.from({ length: 8 }, () => ({ ok: false, error: { code: 'no-convergence', message: 'no' } })) }));
    const d = createRoot(() => createLearnDatasetStore({ messages: m, engine: failing.bridge, slices: 1, ...noKept }));
    d.setForm('samples', '8');
    const model = createRoot(() => createLearnModelStore({ messages: m, bounds: d.bounds, ml: {} as MlBridge, ...modelIo }));
    const t = createRoot(() => createLearnTrainingStore({
      messages: m, dataset: d, model,
      jobs: { submit: async (o) => { submitted.push(o); return 'job-1'; }, cancel: async () => {}, subscribe: () => () => {} },
      onTrainEvent: () => () => {},
    }));
    await t.train();
    expect(submitted).toEqual([]);
    expect(m.error()).toBe('“LOX/RP-1 simulated, 0 samples (seed 1)” has no row with every value a model needs (inputs, Isp)');
    expect(t.busy()).toBe(false);
  });
});

import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../app/domain/ml-random.ts';
import { latinHypercube, toUnit, type SampleDim } from '../../app/domain/lhs.ts';
import { restoreModelDoc } from '../../app/domain/ml-model.ts';
import { EFFICIENCY_HYPER, predictEnsemble, type EnsembleModel, type EnsembleOptions } from '../../workers/ml/ensemble.ts';
import { trainEfficiency, predictDelivered } from '../../workers/ml/fidelity.ts';
import { modelToDoc, docToModel } from '../../workers/ml/serialize.ts';
import { suggestNext, expectedImprovement } from '../../workers/ml/suggest.ts';
import { regressionMetrics } from '../../workers/ml/metrics.ts';

// Analytic stand-ins: an "ideal" vacuum Isp-like surface and a known smooth efficiency in 0.92–0.97.
const BOUNDS: SampleDim[] = [
  { name: 'O/F', min: 1.5, max: 3.5 },
  { name: 'pc', min: 1e5, max: 250e5, log: true },
  { name: 'eps', min: 5, max: 150, log: true },
];
const idealIsp = (x: number[]) => 3000 + 300 * Math.log(x[2] / 5) / Math.log(30) - 150 * (x[0] - 2.6) ** 2 + 20 * Math.log10(x[1] / 1e5);
const trueEfficiency = (x: number[]) => {
  const u = BOUNDS.map((d, j) => toUnit(d, x[j]));
  return 0.92 + 0.05 * (0.4 * u[0] + 0.3 * u[1] + 0.3 * (1 - (2 * u[2] - 1) ** 2));
};

const OPTS: EnsembleOptions = {
  inputs: [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }],
  outputs: [{ name: 'Isp' }],
  members: 5,
  valFraction: 0.2,
  seed: 3,
  hyper: EFFICIENCY_HYPER,
};

describe('multi-fidelity efficiency (analytic stand-in)', async () => {
  let model: EnsembleModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const x = latinHypercube(BOUNDS, 30, 21);
    const rng = createRng(99);
    const ideal = x.map((r) => [idealIsp(r)]);
    const measured = x.map((r, i) => [ideal[i][0] * trueEfficiency(r) * (1 + 0.005 * rng.normal())]);
    model = await trainEfficiency(x, measured, ideal, OPTS);
  }, 120_000);
  const test = latinHypercube(BOUNDS, 500, 22);
  const truth = test.map(trueEfficiency);

  // With 0.5 % noise on 30 points the worst of 500 points (corners included) sits near 1 % for any
  // estimator: over 12 draws (this truth and the one below, 6 seeds each) the largest error was
  // 0.60–1.42 %, mean 1.05 %. This draw: 1.07 %; the
  // engine test (ml-engine-quality) holds the seeded draw to < 1 %.
  it('learns the efficiency within 1 % on 95 % of points (max < 1.5 %) with ≥ 90 % interval coverage of the truth', async () => {
    const p = await predictEnsemble(model, test);
    const m = regressionMetrics(truth, p.mean[0], p.lo[0], p.hi[0]);
    const rel = test.map((r, i) => Math.abs(p.mean[0][i] / truth[i] - 1)).sort((a, b) => a - b);
    expect(rel[Math.floor(0.95 * rel.length)]).toBeLessThan(0.01);
    expect(m.maxRelError).toBeLessThan(0.015);
    expect(m.coverage95).toBeGreaterThanOrEqual(0.9);
  });

  it('a smooth efficiency that is not a quadratic (exponential and sine terms) is learned within 1 % too', async () => {
    // The quadratic prior is not the truth's form here; the network corrects what it misses.
    const eta = (x: number[]) => {
      const u = BOUNDS.map((d, j) => toUnit(d, x[j]));
      return 0.92 + 0.05 * ((0.5 * (1 - Math.exp(-3 * u[1]))) / (1 - Math.exp(-3)) + 0.3 * Math.sin(Math.PI * u[2]) + 0.2 * u[0] * u[0]);
    };
    const x = latinHypercube(BOUNDS, 30, 31);
    const rng = createRng(7);
    const ideal = x.map((r) => [idealIsp(r)]);
    const measured = x.map((r, i) => [ideal[i][0] * eta(r) * (1 + 0.005 * rng.normal())]);
    const m2 = await trainEfficiency(x, measured, ideal, OPTS);
    const p = await predictEnsemble(m2, test);
    const m = regressionMetrics(test.map(eta), p.mean[0], p.lo[0], p.hi[0]);
    expect(m.maxRelError).toBeLessThan(0.01);
    expect(m.coverage95).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it('predicts delivered = ideal × efficiency with the interval scaled alike', async () => {
    const few = test.slice(0, 5);
    const id = few.map((r) => [idealIsp(r)]);
    const { efficiency, delivered } = await predictDelivered(model, few, id);
    for (let i = 0; i < 5; i++) {
      expect(delivered.mean[0][i]).toBeCloseTo(efficiency.mean[0][i] * id[i][0], 6);
      expect(delivered.hi[0][i] - delivered.lo[0][i]).toBeCloseTo((efficiency.hi[0][i] - efficiency.lo[0][i]) * id[i][0], 6);
    }
  });

  it('survives a JSON round trip through the stored document unchanged', async () => {
    const doc = JSON.parse(JSON.stringify(modelToDoc(model, 'efficiency', 'eff')));
    const r = restoreModelDoc(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const back = docToModel(r.value);
    expect(Array.from((await predictEnsemble(back, test.slice(0, 20))).mean[0])).toEqual(Array.from((await predictEnsemble(model, test.slice(0, 20))).mean[0]));
    const bad = structuredClone(doc);
    bad.members[1].layers[0].W.pop();
    const rb = restoreModelDoc(bad);
    expect(!rb.ok && rb.error.field).toBe('members.1.layers.0');
    // The round trip carries each member's quadratic prior (10 features × 1 output for 3 inputs).
    expect(doc.members[2].quadW).toHaveLength(10);
    const badPrior = structuredClone(doc);
    badPrior.members[2].quadW = [1, 2];
    const rq = restoreModelDoc(badPrior);
    expect(!rq.ok && rq.error).toEqual({ code: 'bad-model', message: 'member 2: the quadratic prior must be 10 finite numbers', field: 'members.2.quadW' });
    expect(restoreModelDoc({ ...doc, version: 99 }).ok).toBe(false);
  });

  it('suggests conditions inside the bounds with a reason, by uncertainty and by expected improvement', async () => {
    const u = await suggestNext(model, { bounds: BOUNDS, output: 0, mode: 'uncertainty', goal: 'max', count: 3, candidates: 500, seed: 5 });
    expect(u).toHaveLength(3);
    for (const s of u) {
      s.x.forEach((v, j) => expect(v >= BOUNDS[j].min && v <= BOUNDS[j].max).toBe(true));
      expect(s.reason).toMatch(/disagrees most/);
    }
    expect(u[0].spread).toBeGreaterThanOrEqual(u[1].spread);
    const e = await suggestNext(model, { bounds: BOUNDS, output: 0, mode: 'expected-improvement', goal: 'max', count: 1, candidates: 500, seed: 5, scale: idealIsp, unit: 'm/s' });
    expect(e[0].reason).toMatch(/^Expected to raise Isp measured\/ideal by [\d.]+ m\/s/);
  });

  it('expected improvement follows its closed form', async () => {
    expect(expectedImprovement(1, 0, 0)).toBe(1);
    expect(expectedImprovement(0, 1, 0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 6);
    expect(expectedImprovement(-10, 1, 0)).toBeLessThan(1e-20);
  });
});

// A trained Learn model as the model of a Sobol analysis ("model":"surrogate"). The model is trained
// here, in node, on rows of a function whose Sobol indices are known in closed form:
//   f(x) = x1 + 2·x2 + x1·x3,  x ~ U[−1, 1]³
// Var(x1) = 1/3, Var(2·x2) = 4/3, Var(x1·x3) = E[x1²]E[x3²] = 1/9, and the three terms are
// uncorrelated, so V = 16/9 and
//   S1 = (3/16, 12/16, 0) = (0.1875, 0.75, 0),  ST = (4/16, 12/16, 1/16) = (0.25, 0.75, 0.0625)
// (the x1·x3 term is the only interaction, shared by x1 and x3).
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../app/domain/ml-random.ts';
import { resolveAnalysisSpec } from '../../app/domain/analysis/analysis-spec.ts';
import { runAnalysis, type SobolOutput } from '../../app/domain/analysis/run-analysis.ts';
import { analysisOutcome } from '../../app/domain/analysis/analysis-study.ts';
import { ok } from '../../app/domain/result.ts';
import type { ModelDoc } from '../../app/domain/ml-model.ts';
import { trainModel } from '../../workers/ml/api.ts';
import { runSurrogateChunk, surrogateEvaluator } from '../../workers/ml/analysis-surrogate.ts';
import { analyse, withModelFile } from '../../scripts/sensitivity.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const f = (x: number[]) => x[0] + 2 * x[1] + x[0] * x[2];
const S1 = [0.1875, 0.75, 0];
const ST = [0.25, 0.75, 0.0625];

let doc: ModelDoc;
let r2 = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const rng = createRng(5);
  const x = Array.from({ length: 200 }, () => [0, 0, 0].map(() => 2 * rng.next() - 1));
  // A small network on the residual of a quadratic response surface (Learn's efficiency setting):
  // f is a quadratic, so the model can learn it closely in a few seconds on the CPU.
  const t = await trainModel('surrogate', {
    name: 'f-surrogate', inputs: [{ name: 'x1' }, { name: 'x2' }, { name: 'x3' }], outputs: [{ name: 'y' }],
    x, y: x.map((r) => [f(r)]), members: 2, seed: 3, testFraction: 0.2,
    hyper: { hidden: [8], epochs: 40, evalEvery: 10, patience: 0, quadraticPrior: true, skip: false, l2: 0 },
  });
  if (!t.ok) throw new Error(t.error.message);
  doc = t.value.model;
  r2 = doc.metrics![0].r2;
}, 60_000);

const spec = (surrogate: unknown, samples = 2048) => ({
  method: 'sobol', model: 'surrogate', surrogate, samples, seed: 7,
  inputs: [{ name: 'x1', range: [-1, 1] }, { name: 'x2', range: [-1, 1] }, { name: 'x3', range: [-1, 1] }],
});

describe('Sobol indices of a trained surrogate', () => {
  it('match the analytic indices of the function it was trained on', async () => {
    // the model explains the held-out rows' variance to within 0.5 %: an index moves by at most
    // about that much (a share of a variance the model gets right to 1 − R²)
    expect(r2).toBeGreaterThan(0.995);
    const r = resolveAnalysisSpec(spec(doc));
    if (!r.ok) throw new Error(r.error.message);
    const ev = surrogateEvaluator(r.value);
    if (!ev.ok) throw new Error(ev.error.message);
    const onModel = await runAnalysis(r.value, ev.value);
    // the same design on the exact function: what the estimator alone gives at this N and seed
    const onTruth = await runAnalysis(r.value, async (rows) => rows.map((x) => ok(f(x))));
    if (!onModel.ok || !onTruth.ok) throw new Error('analysis failed');
    const m = onModel.value as SobolOutput;
    const t = onTruth.value as SobolOutput;
    for (let i = 0; i < 3; i++) {
      // Tolerance 0.03: the Jansen/Saltelli estimators' error at N = 2048 (their 95 % bootstrap
      // intervals here are about ±0.02 wide) plus the model's error (≤ 0.005, from R² above).
      expect(Math.abs(m.indices[i].first - S1[i])).toBeLessThan(0.03);
      expect(Math.abs(m.indices[i].total - ST[i])).toBeLessThan(0.03);
      // on the same design the estimator's sampling error is shared, so the model alone separates them
      expect(Math.abs(m.indices[i].first - t.indices[i].first)).toBeLessThan(0.01);
      expect(Math.abs(m.indices[i].total - t.indices[i].total)).toBeLessThan(0.01);
    }
    expect(m.surrogate).toBe('f-surrogate');
    expect(m.summary).toContain('Learn model “f-surrogate”');
    expect(m.model).toBe('surrogate');
  });

  it('gives the same values chunk by chunk (the ML worker\'s job, the model named by reference) as in one run', async () => {
    const ref = { modelId: 'm-1', name: doc.name, inputs: doc.inputs.map((c) => c.name), inputRanges: doc.inputRanges };
    const n = 128 * 5;
    const y = new Float64Array(n);
    for (const [start, end] of [[0, 300], [300, n]]) {
      const c = await runSurrogateChunk({ spec: spec(ref, 128), model: doc, start, end });
      if (!c.ok) throw new Error(c.error.message);
      expect(c.value.failures).toEqual([]);
      y.set(c.value.values, c.value.start);
    }
    const whole = resolveAnalysisSpec(spec(doc, 128));
    if (!whole.ok) throw new Error(whole.error.message);
    const ev = surrogateEvaluator(whole.value);
    if (!ev.ok) throw new Error(ev.error.message);
    const direct = await runAnalysis(whole.value, ev.value);
    if (!direct.ok) throw new Error(direct.error.message);
    // the stored chunks of a job give the page's result, which says the model used
    const o = analysisOutcome('job-1', spec(ref, 128), y);
    expect(o.error).toBeUndefined();
    const out = o.output as SobolOutput;
    expect(out.surrogate).toBe('f-surrogate');
    for (let i = 0; i < 3; i++) expect(out.indices[i].total).toBeCloseTo((direct.value as SobolOutput).indices[i].total, 6);
  });

  it('a reference without its model is refused naming the model', async () => {
    const c = await runSurrogateChunk({ spec: spec({ modelId: 'gone', name: 'old' }, 128), start: 0, end: 10 });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error.field).toBe('model');
  });
});

describe('surrogate specs: bad input is refused naming the field', () => {
  const bad = (s: Record<string, unknown>) => {
    const r = resolveAnalysisSpec(s);
    if (r.ok) throw new Error('accepted');
    return r.error;
  };
  it('an input the model does not take', () => {
    const e = bad({ ...spec(doc), inputs: [{ name: 'x1', range: [-1, 1] }, { name: 'eta:cstar', range: [0.9, 1] }] });
    expect(e.field).toBe('inputs[1].name');
    expect(e.message).toContain('does not take c* efficiency (it takes x1, x2, x3)');
  });
  it('a model input neither varied nor fixed; then given in "fixed"', () => {
    const two = { ...spec(doc), inputs: [{ name: 'x1', range: [-1, 1] }, { name: 'x2', range: [-1, 1] }] };
    expect(bad(two).field).toBe('fixed');
    expect(resolveAnalysisSpec({ ...two, fixed: { x3: 0.5 } }).ok).toBe(true);
    expect(bad({ ...two, fixed: { x1: 0.5 } }).field).toBe('fixed.x1');
    expect(bad({ ...two, fixed: { x3: 'a' } }).field).toBe('fixed.x3');
  });
  it('an output the model does not give', () => {
    expect(bad({ ...spec(doc), output: 'cstar' }).message).toContain('predicts y, not c*');
  });
  it('an efficiency model, a missing model, a file path outside the command line', () => {
    expect(bad(spec({ ...doc, kind: 'efficiency' })).message).toContain('is an efficiency model');
    expect(bad({ ...spec(doc), surrogate: undefined }).field).toBe('surrogate');
    expect(bad(spec('m.model.json')).field).toBe('surrogate');
    expect(bad(spec({ ...doc, members: [] })).field).toBe('surrogate.members');
  });
  it('surrogate and fixed belong to model "surrogate" only', () => {
    expect(bad({ method: 'sobol', model: 'ishigami', fixed: { x1: 1 } }).field).toBe('fixed');
  });
});

describe('sensitivity CLI with "model":"surrogate"', () => {
  it('reads the model from an exported .model.json beside the spec and names it in the output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rfo-surrogate-'));
    writeFileSync(join(dir, 'f.model.json'), JSON.stringify(doc));
    const r = await analyse(withModelFile(spec('f.model.json', 256), dir));
    if (!r.ok) throw new Error(r.error.message);
    const out = r.value as SobolOutput;
    expect(out.surrogate).toBe('f-surrogate');
    expect(out.indices.map((i) => i.input)).toEqual(['x1', 'x2', 'x3']);
    const missing = await analyse(withModelFile(spec('nope.model.json'), dir));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect([missing.error.field, missing.error.message.includes('nope.model.json')]).toEqual(['surrogate', true]);
  });

  it('bayesopt on the surrogate finds the minimum of f, −4 at (−1, −1, 1), within 0.1 in 30 evaluations', async () => {
    const r = await analyse({ ...spec(doc), method: 'bayesopt', evaluations: 30, samples: undefined });
    if (!r.ok) throw new Error(r.error.message);
    const best = (r.value as { best: { x: number[]; y: number } }).best;
    // the model's own minimum differs from f's by its error there (≤ 0.05 on this quadratic)
    expect(best.y).toBeLessThan(-3.9);
    expect(best.x[0]).toBeLessThan(-0.9);
    expect(best.x[1]).toBeLessThan(-0.9);
    expect(best.x[2]).toBeGreaterThan(0.9);
  });
});

// Analyze with a Learn model as the model: which saved models the form offers (and why not the
// others), the spec, job and share link that name the model, and the store's run.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRoot } from 'solid-js';
import { analyzeLinkQuery, analyzeSpec, defaultAnalyzeForm, readAnalyzeLink, surrogateOffer, surrogateRefOf } from '../../app/domain/analysis/analyze-form.ts';
import { resolveAnalysisSpec } from '../../app/domain/analysis/analysis-spec.ts';
import { createAnalyzeStore } from '../../app/state/analyze-store.ts';
import { restoreModelDoc, type ModelDoc } from '../../app/domain/ml-model.ts';

const read = restoreModelDoc(JSON.parse(readFileSync(new URL('../fixtures/model-v1-surrogate-lox-rp1.json', import.meta.url), 'utf8')));
if (!read.ok) throw new Error(read.error.message);
const doc: ModelDoc = read.value;

describe('which Learn models the Analyze form offers', () => {
  it('a LOX/RP-1 surrogate of O/F, pc, eps fits the default Sobol analysis of vacuum Isp', () => {
    expect(surrogateOffer(defaultAnalyzeForm(), 'm1', doc)).toBeNull();
  });
  it('not when an input it does not take varies, another output or propellants are chosen, or an efficiency is fixed', () => {
    const f = defaultAnalyzeForm();
    f.vary['eta:cstar'] = true;
    expect(surrogateOffer(f, 'm1', doc)).toBe('does not take c* efficiency (it takes O/F, pc, eps)');
    const g = defaultAnalyzeForm();
    g.output = 'cstar';
    expect(surrogateOffer(g, 'm1', doc)).toBe('predicts Isp (vacuum Isp), not c* (got output "cstar")');
    const h = defaultAnalyzeForm();
    h.system = 'lox-lch4';
    expect(surrogateOffer(h, 'm1', doc)).toBe('was trained for RP-1 + O2(L), not CH4(L) + O2(L)');
    const k = defaultAnalyzeForm();
    k.nominal['eta:cf'] = 0.97;
    expect(surrogateOffer(k, 'm1', doc)).toBe('it predicts ideal Isp, and Cf efficiency is fixed at 0.97 (set it to 1 or vary it on the engine)');
    expect(surrogateOffer(defaultAnalyzeForm(), 'm1', { ...doc, kind: 'efficiency' })).toMatch(/^is an efficiency model/);
  });
});

describe('the spec and share link of an analysis on a Learn model', () => {
  it('names the model by reference (id, name, columns, training ranges), and the link gives it back', async () => {
    const f = defaultAnalyzeForm();
    f.surrogate = surrogateRefOf('m1', doc);
    const spec = analyzeSpec(f);
    expect(spec.model).toBe('surrogate');
    expect(spec.surrogate).toEqual({ modelId: 'm1', name: doc.name, inputs: ['O/F', 'pc', 'eps'], inputRanges: doc.inputRanges });
    // fixed values of the model's inputs come from the problem: all three vary here
    expect(resolveAnalysisSpec({ ...spec, surrogate: doc }).ok).toBe(true);
    const back = await readAnalyzeLink({ x: (await analyzeLinkQuery(spec)).slice(2) });
    if (!back.ok) throw new Error(back.error.message);
    expect(back.form.surrogate).toEqual(f.surrogate);
    expect(analyzeSpec(back.form)).toEqual(spec);
  });
});

describe('the Analyze store with saved Learn models', () => {
  const make = (submitted: { spec: unknown; label: string }[]) => createRoot(() => createAnalyzeStore({
    queue: () => ({ submit: async (o) => { submitted.push(o as never); return 'job-1'; }, chunks: async () => new Map() }),
    jobs: () => [],
    savedModels: async () => [{ id: 'm1', experimentId: 'e1', createdAt: '2026-01-01T00:00:00Z', doc }, { id: 'm2', experimentId: 'e1', createdAt: '2025-01-01T00:00:00Z', doc: { ...doc, name: 'efficiency', kind: 'efficiency' } }],
  }));

  it('offers the surrogate, says why not the efficiency model, and runs a job on the chosen one', async () => {
    const submitted: { spec: unknown; label: string }[] = [];
    const s = make(submitted);
    await s.refreshModels();
    expect(s.offers().map((o) => [o.model.id, o.why === null])).toEqual([['m1', true], ['m2', false]]);
    s.chooseModel('m1');
    await s.run();
    expect(s.error()).toBeNull();
    expect(submitted).toHaveLength(1);
    expect(submitted[0].spec).toMatchObject({ model: 'surrogate', surrogate: { modelId: 'm1', name: doc.name } });
    expect(submitted[0].label).toBe(`Sobol: vacuum Isp over O/F, chamber pressure, nozzle area ratio (Learn model “${doc.name}”)`);
    s.chooseModel(null);
    expect(analyzeSpec(s.form).model).toBe('rocket');
  });

  it('a chosen model that no longer fits the form, or is not saved here, holds the run back naming the model', async () => {
    const submitted: { spec: unknown; label: string }[] = [];
    const s = make(submitted);
    await s.refreshModels();
    s.chooseModel('m1');
    s.setForm('vary', 'eta:cstar', true);
    await s.run();
    expect(s.error()).toEqual({ code: 'bad-input', field: 'model', message: `the Learn model “${doc.name}” cannot be used: does not take c* efficiency (it takes O/F, pc, eps)` });
    s.setForm('vary', 'eta:cstar', false);
    s.setForm('surrogate', { modelId: 'elsewhere', name: 'from a link' });
    await s.run();
    expect(s.error()).toMatchObject({ field: 'model', message: 'the Learn model “from a link” is not saved in this browser: choose another model, or the engine' });
    expect(submitted).toEqual([]);
  });
});

describe('the PDF report of an analysis on a Learn model', () => {
  it('names the model in the Model row, counts predictions, and notes where it extrapolates', async () => {
    const { analysisReport } = await import('../../app/domain/report-analysis.ts');
    const { analysisOutcome } = await import('../../app/domain/analysis/analysis-study.ts');
    const f = defaultAnalyzeForm();
    f.samples = 8;
    f.surrogate = surrogateRefOf('m1', doc);
    const spec = analyzeSpec(f);
    // any values will do for the rows: the report is about what it says of the model
    const y = Array.from({ length: 8 * 5 }, (_, i) => 3000 + (i % 7));
    const o = analysisOutcome('j', spec, y);
    if (!o.output) throw new Error(o.error);
    const rep = analysisReport('On the model', spec, o.output, 'SI', '2026-12-02');
    const row = (k: string) => rep.inputs.find(([key]) => key === k)?.[1];
    expect(row('Model')).toBe(`Learn model “${doc.name}”: its predictions, not the engine`);
    expect(row('Model predictions')).toBe('40');
    // default ranges O/F 2–3 and ε 10–60 reach beyond the training rows (O/F 2.2–3, ε 20–60); pc 3–10 MPa does not
    expect(rep.notes.find((n) => n.startsWith('Computed on the predictions'))).toMatch(/extrapolates: O\/F 2–3 \(trained on 2\.2\d*–2\.99\d*\), nozzle area ratio 10–60 \(trained on 20\.\d+–59\.\d+\)\.$/);
  });
});

describe('where a Learn model extrapolates, said in the user\'s units', () => {
  it('pressures in bar or psia and temperatures in K or °R, not MPa (hand-converted: 1 psi = 6894.757 Pa, 1 K = 1.8 °R)', async () => {
    const { surrogateNote } = await import('../../app/domain/analysis/surrogate-model.ts');
    const beyond = [
      { input: 'pc', span: [2e6, 1e7] as [number, number], trained: [3e6, 1e7] as [number, number] },
      { input: 'T:H2', span: [250, 350] as [number, number], trained: [280, 320] as [number, number] },
    ];
    // 2e6 Pa = 290.08 psia, 3e6 Pa = 435.11 psia, 1e7 Pa = 1450.38 psia; 250 K = 450 °R, 280 K = 504 °R
    expect(surrogateNote('m', beyond, 'US')).toBe('Computed on the predictions of the Learn model “m”, not the engine; beyond its training data, where it extrapolates: ' +
      'chamber pressure 290.1–1450 psia (trained on 435.1–1450 psia), T of H2 450–630 °R (trained on 504–576 °R).');
    expect(surrogateNote('m', beyond, 'SI')).toContain('chamber pressure 20–100 bar (trained on 30–100 bar), T of H2 250–350 K (trained on 280–320 K)');
  });
  it('the page\'s Sobol sentence and the PDF report of an analysis on a Learn model say it in psia for US units', async () => {
    const { analysisReport } = await import('../../app/domain/report-analysis.ts');
    const { analysisOutcome } = await import('../../app/domain/analysis/analysis-study.ts');
    const { sobolSentence } = await import('../../app/domain/analysis/run-analysis.ts');
    const f = defaultAnalyzeForm();
    f.samples = 8;
    f.ranges.pc = [2e6, 1e7]; // the model was trained on pc 3.02–9.97 MPa
    f.surrogate = surrogateRefOf('m1', doc);
    const spec = analyzeSpec(f);
    const y = Array.from({ length: 8 * 5 }, (_, i) => 3000 + (i % 7));
    const o = analysisOutcome('j', spec, y);
    if (!o.output) throw new Error(o.error);
    const rep = analysisReport('On the model', spec, o.output, 'US', '2026-12-02');
    // 2e6 Pa = 290.1 psia, 1e7 Pa = 1450 psia; trained 3,023,943 Pa = 438.6 psia, 9,969,844 Pa = 1446 psia
    const said = 'chamber pressure 290.1–1450 psia (trained on 438.6–1446 psia)';
    expect(rep.notes.find((n) => n.startsWith('Computed on the predictions'))).toContain(said);
    expect(rep.explanations?.[0]).toContain(said);
    const r = resolveAnalysisSpec(spec);
    if (!r.ok) throw new Error(r.error.message);
    const sentence = sobolSentence(r.value, o.output as never, 'US');
    expect(sentence).toContain(said);
    expect(sentence).not.toMatch(/MPa/);
  });
});

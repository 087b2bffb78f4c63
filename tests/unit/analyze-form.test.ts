// The Analyze page's pure parts: the form becomes a spec the command line accepts, the share link
// carries that spec (with its seed) and gives the same form back, the chart has a bar and an
// interval per index; and its store runs an analysis as a job and computes the result from the
// stored chunks (a fake queue: what a reload finds).
import { describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import { analyzeInputsFor, analyzeLinkQuery, analyzeShown, analyzeSpec, checkAnalyzeForm, readAnalyzeLink, decodeAnalyzeSpec, defaultAnalyzeForm, encodeAnalyzeSpec, formFromSpec, histogramChartSpec, morrisChartSpec, sobolChartSpec } from '../../app/domain/analysis/analyze-form.ts';
import { outputShown } from '../../app/domain/analysis/analysis-explain.ts';
import type { MorrisOutput, UncertaintyOutput } from '../../app/domain/analysis/run-analysis.ts';
import { analysisEvaluations, inputValues, resolveAnalysisSpec } from '../../app/domain/analysis/analysis-spec.ts';
import { analysisOutcome, withAnalysisResult } from '../../app/domain/analysis/analysis-study.ts';
import { restoreExperiment } from '../../app/domain/experiment.ts';
import { analysisDesign, finishAnalysis, type SobolOutput } from '../../app/domain/analysis/run-analysis.ts';
import { createAnalyzeStore } from '../../app/state/analyze-store.ts';
import { ANALYSIS_JOB, type JobRecord } from '../../app/domain/jobs.ts';
import type { JobProgress } from '../../app/jobs/queue.ts';
import { createSignal } from 'solid-js';

describe('Analyze form', () => {
  it('makes a valid rocket spec of LOX/RP-1 with the varied inputs, and the link gives the form back', () => {
    const f = defaultAnalyzeForm();
    f.vary.pc = false;
    f.seed = 42;
    const spec = analyzeSpec(f);
    const r = resolveAnalysisSpec(spec);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.inputs.map((i) => i.name)).toEqual(['of', 'areaRatio']);
    expect((spec.problem as { reactants: { name: string }[] }).reactants.map((x) => x.name)).toEqual(['RP-1', 'O2(L)']);
    const back = formFromSpec(decodeAnalyzeSpec(encodeAnalyzeSpec(spec)));
    expect(back).toEqual(f);
    expect(decodeAnalyzeSpec('%%%')).toBeNull();
    expect(formFromSpec({ method: 'bayesopt', model: 'rocket' })).toBeNull();
  });

  it('offers the efficiencies: a fixed one other than 1 goes to the spec\'s efficiencies, a varied one is an input; both come back from the link', () => {
    const f = defaultAnalyzeForm();
    expect(analyzeSpec(f).efficiencies).toBeUndefined(); // ideal by default: outputs as before
    f.nominal['eta:cstar'] = 0.97;
    f.vary['eta:cf'] = true;
    const spec = analyzeSpec(f);
    expect(spec.efficiencies).toEqual({ cstar: 0.97 });
    expect((spec.inputs as { name: string }[]).map((i) => i.name)).toEqual(['of', 'pc', 'areaRatio', 'eta:cf']);
    expect(resolveAnalysisSpec(spec).ok).toBe(true);
    expect(formFromSpec(spec)).toEqual(f);
    const u = defaultAnalyzeForm();
    u.method = 'uncertainty';
    u.vary['eta:cstar'] = true;
    u.nominal['eta:cstar'] = 0.95;
    expect(formFromSpec(analyzeSpec(u))).toEqual(u);
    // a tolerance reaching above 1 is refused by the spec, naming the input
    u.nominal['eta:cstar'] = 1;
    const r = resolveAnalysisSpec(analyzeSpec(u));
    expect(r).toMatchObject({ ok: false, error: { field: 'inputs[3].distribution' } });
    if (!r.ok) expect(r.error.message).toMatch(/^eta:cstar: efficiency must stay within \(0, 1\] \(got a uniform distribution reaching 0\.99 to 1\.01\)/);
  });

  it("the link carries the spec in the house envelope (x=1.…, deflate-raw); the older ?spec= is still read", async () => {
    const f = defaultAnalyzeForm();
    f.method = 'uncertainty';
    f.seed = 9;
    const spec = analyzeSpec(f);
    const q = await analyzeLinkQuery(spec);
    expect(q).toMatch(/^x=1\.[A-Za-z0-9_-]+$/);
    // the same envelope as an experiment link: its payload inflates to the spec's JSON
    const { unpackEnvelope } = await import('../../app/domain/share-link.ts');
    expect(await unpackEnvelope(q.slice(2), 'analysis')).toEqual({ ok: true, value: spec });
    expect(await readAnalyzeLink({ x: q.slice(2) })).toEqual({ ok: true, form: f });
    const old = defaultAnalyzeForm();
    old.seed = 3;
    expect(await readAnalyzeLink({ spec: encodeAnalyzeSpec(analyzeSpec(old)) })).toEqual({ ok: true, form: old });
    // a cut link is refused, naming the parameter; nothing is filled in
    const cut = await readAnalyzeLink({ x: q.slice(2, 12) });
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(cut.error).toMatchObject({ field: 'x' });
    expect(await readAnalyzeLink({ x: '9.abc' })).toMatchObject({ ok: false, error: { code: 'newer-version', field: 'x' } });
  });

  it('charts a bar and an interval for each index', () => {
    const out: SobolOutput = {
      method: 'sobol', model: 'rocket', output: 'ispVac', seed: 1, evaluations: 10, summary: '', confidence: 0.95,
      indices: [{ input: 'of', first: 0.2, total: 0.3, firstInterval: [0.1, 0.3], totalInterval: [0.25, 0.35] }],
    };
    const c = sobolChartSpec(out) as { data: { values: { index: string; lo: number; hi: number }[] }; title: string };
    expect(c.data.values).toEqual([
      { input: 'O/F', index: 'first order', value: 0.2, lo: 0.1, hi: 0.3 },
      { input: 'O/F', index: 'total', value: 0.3, lo: 0.25, hi: 0.35 },
    ]);
    expect(c.title).toBe('Sobol indices of vacuum Isp (95 % intervals)');
  });
});

describe('Analyze form: uncertainty propagation', () => {
  it('tolerances become distributions around the fixed values (normal: ± is one sd; uniform, triangular: the half-width), and the link gives the form back', () => {
    const f = defaultAnalyzeForm();
    f.method = 'uncertainty';
    f.samples = 64;
    f.tolerances.pc = { type: 'triangular', percent: 3 };
    const spec = analyzeSpec(f);
    const r = resolveAnalysisSpec(spec);
    if (!r.ok) throw new Error(r.error.message);
    // O/F 2.6 ± 2 % (normal), pc 70 bar ± 3 % (triangular), ε 40 ± 1 % (uniform)
    expect(r.value.inputs[0]).toMatchObject({ name: 'of', distribution: { type: 'normal', mean: 2.6 } });
    expect((r.value.inputs[0].distribution as { sd: number }).sd).toBeCloseTo(0.052, 12);
    expect(r.value.inputs[1].distribution).toMatchObject({ type: 'triangular', mode: 7e6 });
    expect((r.value.inputs[1].distribution as { min: number }).min).toBeCloseTo(6.79e6, 6);
    expect((r.value.inputs[1].distribution as { max: number }).max).toBeCloseTo(7.21e6, 6);
    expect(r.value.inputs[2].distribution).toMatchObject({ type: 'uniform' });
    expect((r.value.inputs[2].distribution as { min: number }).min).toBeCloseTo(39.6, 12);
    expect((r.value.inputs[2].distribution as { max: number }).max).toBeCloseTo(40.4, 12);
    expect(analysisEvaluations(r.value)).toBe(64);
    expect(formFromSpec(decodeAnalyzeSpec(encodeAnalyzeSpec(spec)))).toEqual(f);
    // a spread not centred on the fixed value cannot be shown as a tolerance: refused, not changed
    const skew = JSON.parse(JSON.stringify(spec));
    skew.inputs[2].distribution = { type: 'uniform', min: 39, max: 40.4 };
    expect(formFromSpec(skew)).toBeNull();
  });

  it('a tolerance must be between 0 and 100 %, named in the form', () => {
    const f = defaultAnalyzeForm();
    f.method = 'uncertainty';
    f.tolerances.of.percent = 0;
    expect(checkAnalyzeForm(f)).toEqual({ code: 'bad-input', field: 'tolerances.of', message: 'O/F: tolerance must be more than 0 % and less than 100 % (got 0 %)' });
    f.tolerances.of.percent = 2;
    expect(checkAnalyzeForm(f)).toBeNull();
  });

  it('the histogram is drawn in the shown units, one bar per bin, with the three percentiles as rules', () => {
    const out = {
      method: 'uncertainty', model: 'rocket', output: 'ispVac', seed: 1, evaluations: 4, summary: '',
      mean: 3000, sd: 10, percentiles: { '5': 2990, '50': 3000, '95': 3010 },
      histogram: { edges: [2980, 3000, 3020], counts: [1, 3] }, drivers: [],
    } as UncertaintyOutput;
    const c = histogramChartSpec(out, outputShown('ispVac', 'SI')) as { layer: { data: { values: Record<string, number | string>[] } }[]; title: string };
    const g0 = 9.80665;
    expect(c.layer[0].data.values).toEqual([{ from: 2980 / g0, to: 3000 / g0, count: 1 }, { from: 3000 / g0, to: 3020 / g0, count: 3 }]);
    expect(c.layer[1].data.values.map((v) => v.value)).toEqual([2990 / g0, 3000 / g0, 3010 / g0]);
    expect(c.title).toBe('Spread of vacuum Isp over 4 runs');
    // chamber temperature in US units: °R = K × 9/5
    const t = histogramChartSpec({ ...out, output: 'Tc' }, outputShown('Tc', 'US')) as typeof c;
    expect(t.layer[0].data.values[0]).toEqual({ from: 2980 * 1.8, to: 3000 * 1.8, count: 1 });
  });

  it("Morris's plot has one labelled point per input at (μ*, σ) in the shown units", () => {
    const out = {
      method: 'morris', model: 'rocket', output: 'cstar', seed: 1, evaluations: 8, summary: '',
      effects: [{ input: 'of', muStar: 30.48, mu: 30.48, sigma: 3.048, rank: 1 }, { input: 'pc', muStar: 0.3048, mu: 0, sigma: 0, rank: 2 }],
    } as MorrisOutput;
    const c = morrisChartSpec(out, outputShown('cstar', 'US')) as { data: { values: { input: string; muStar: number; sigma: number }[] }; layer: { mark: { type: string } }[] };
    // c* in ft/s: 30.48 m/s = 100 ft/s
    expect(c.data.values.map((v) => [v.input, +v.muStar.toFixed(9), +v.sigma.toFixed(9)])).toEqual([['O/F', 100, 10], ['chamber pressure', 1, 0]]);
    expect(c.layer.map((l) => l.mark.type)).toEqual(['point', 'text']);
  });
});

describe('Analyze store', () => {
  it('submits the form as an analysis job and, once done, shows the result computed from its stored chunks', async () => {
    const submitted: { kind: string; spec: unknown; pointsTotal: number; label: string }[] = [];
    const [jobs, setJobs] = createSignal<JobProgress[]>([]);
    const chunks = new Map<number, unknown>();
    const s = createRoot(() => createAnalyzeStore({
      queue: () => ({
        submit: async (o) => {
          submitted.push(o as never);
          return 'job-1';
        },
        chunks: async () => chunks,
      }),
      jobs,
    }));
    s.setForm('samples', 256);
    await s.run();
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ kind: ANALYSIS_JOB, pointsTotal: 256 * 5, label: 'Sobol: vacuum Isp over O/F, chamber pressure, nozzle area ratio' });
    // a made-up model of the design's rows stands in for the engine: y = 3·u_ε + u_O/F
    const spec = resolveAnalysisSpec(submitted[0].spec);
    if (!spec.ok) throw new Error(spec.error.message);
    const u = analysisDesign(spec.value);
    const y = Float64Array.from(u, (row) => 3 * row[2] + row[0]);
    chunks.set(0, { start: 0, values: y.slice(0, 700) });
    chunks.set(1, { start: 700, values: y.slice(700) });
    const job = { id: 'job-1', kind: ANALYSIS_JOB, spec: submitted[0].spec, status: 'done', createdAt: 1, failures: [], pointsDone: 1280, pointsTotal: 1280 } as unknown as JobRecord;
    setJobs([{ job, etaSeconds: null }]);
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    const expected = finishAnalysis(spec.value, y) as SobolOutput;
    expect(s.result()?.output).toEqual(expected);
    // a linear model: the variance splits 9 : 1 : 0 between ε, O/F and pc (uniform inputs)
    expect(expected.indices[2].total).toBeCloseTo(0.9, 1);
    expect(expected.indices[1].total).toBeCloseTo(0, 2);
    expect(analysisEvaluations(spec.value)).toBe(1280);
  });

  it('a refused form is an error naming the field, and nothing is submitted', async () => {
    const submitted: unknown[] = [];
    const s = createRoot(() => createAnalyzeStore({ queue: () => ({ submit: async (o) => { submitted.push(o); return 'x'; }, chunks: async () => new Map() }), jobs: () => [] }));
    s.setForm('ranges', 'pc', [1e7, 3e6]);
    await s.run();
    expect(submitted).toEqual([]);
    // in the form's units (bar), not the spec's Pa
    expect(s.error()).toEqual({ code: 'bad-input', field: 'ranges.pc', message: 'Chamber pressure: “from” (100 bar) must be below “to” (30 bar)' });
    s.setForm('ranges', 'pc', [3e6, 1e7]);
    s.setForm('ranges', 'of', [-1, 3]);
    await s.run();
    expect(submitted).toEqual([]);
    expect(s.error()).toMatchObject({ field: 'inputs[0].range' });
    expect(s.error()?.message).toMatch(/O\/F must stay within \(0, 10000\]/);
  });
});

describe('an analysis kept with an experiment', () => {
  const form = () => {
    const f = defaultAnalyzeForm();
    f.method = 'uncertainty';
    f.samples = 64;
    f.vary.areaRatio = false;
    return f;
  };
  // a made-up linear model of the inputs stands in for the engine: y = 3000 + 50·O/F + 1e-5·pc (m/s)
  const valuesOf = (spec: unknown) => {
    const r = resolveAnalysisSpec(spec);
    if (!r.ok) throw new Error(r.error.message);
    return Float64Array.from(analysisDesign(r.value), (u) => {
      const [of, pc] = inputValues(r.value.inputs, u);
      return 3000 + 50 * of + 1e-5 * pc;
    });
  };

  it('is a study of kind "analysis" with its spec, seed and headline figures, its values stored; it survives a restore and gives the same result back', () => {
    const spec = analyzeSpec(form());
    const y = valuesOf(spec);
    const o = analysisOutcome('job-7', spec, y);
    if (!o.output) throw new Error(o.error);
    const e = restoreExperiment({ type: 'rocket-fuel-optimizer/experiment', version: 4, id: 'e1', name: 'Test', inputs: { system: 'custom', units: 'SI', problem: spec.problem } });
    if (!e.ok) throw new Error(e.error.message);
    const { experiment, result } = withAnalysisResult(e.value, { id: 'job-7', spec }, y, o.output, '2026-01-01T00:00:00.000Z');
    const study = experiment.studies.find((s) => s.id === 'analysis-job-7')!;
    expect(study).toMatchObject({ kind: 'analysis', seed: 1, status: 'done', resultsRef: 'res-analysis-job-7' });
    const u = o.output as UncertaintyOutput;
    expect(study.summary).toEqual({ evaluations: 64, mean: u.mean, sd: u.sd, p5: u.percentiles['5'], p50: u.percentiles['50'], p95: u.percentiles['95'] });
    // mean of the linear model at the inputs' means: 3000 + 50·2.6 + 1e-5·7e6 = 3200 m/s
    expect(u.mean).toBeCloseTo(3200, 0);
    expect(result).toMatchObject({ id: 'res-analysis-job-7', experimentId: 'e1', studyId: 'analysis-job-7', meta: { kind: 'analysis', method: 'uncertainty' } });
    expect(result.columns.y).toBe(y);
    // through storage: the document restores with its study, and the values give the same result
    const back = restoreExperiment(JSON.parse(JSON.stringify(experiment)));
    if (!back.ok) throw new Error(back.error.message);
    expect(back.warnings).toEqual([]);
    const again = back.value.studies.find((s) => s.kind === 'analysis')!;
    expect(analysisOutcome(again.id, again.spec, Float64Array.from(result.columns.y)).output).toEqual(o.output);
    // a point that failed is said, not averaged over
    const holed = y.slice();
    holed[3] = Number.NaN;
    expect(analysisOutcome('job-7', spec, holed, 'no convergence').error).toBe('1 of 64 engine evaluations failed (first: no convergence); narrow the ranges and run again');
  });

  it('the store submits a run for the experiment open in Explore (unless unticked) and reopens a saved one with its form and result', async () => {
    const submitted: { experimentId?: string }[] = [];
    const spec = analyzeSpec(form());
    const y = valuesOf(spec);
    const done = { id: 'job-other', kind: ANALYSIS_JOB, spec: analyzeSpec(defaultAnalyzeForm()), status: 'done', createdAt: 5, failures: [], pointsDone: 1, pointsTotal: 1 } as unknown as JobRecord;
    const s = createRoot(() => createAnalyzeStore({
      queue: () => ({ submit: async (o) => { submitted.push(o as never); return 'j'; }, chunks: async () => new Map() }),
      jobs: () => [{ job: done, etaSeconds: null }],
      origin: () => ({ kind: 'experiment', id: 'e1', name: 'Test' }),
      loadStudy: async (eid, sid) => (eid === 'e1' && sid === 'analysis-job-7' ? { spec, y } : null),
    }));
    expect(s.experiment()).toEqual({ id: 'e1', name: 'Test' });
    expect(await s.openSaved('e1', 'analysis-job-7')).toBe(true);
    expect(s.form).toEqual(form());
    await new Promise((r) => setTimeout(r, 0));
    // the newest job (another analysis) does not replace the reopened one
    expect(s.result()?.saved).toEqual({ experimentId: 'e1', studyId: 'analysis-job-7' });
    expect(s.result()?.output).toEqual(analysisOutcome('x', spec, y).output);
    expect(await s.openSaved('e1', 'nope')).toBe(false);
    expect(s.error()).toMatchObject({ code: 'not-found', field: 'study' });
    await s.run();
    s.setKeep(false);
    await s.run();
    expect(submitted.map((o) => o.experimentId)).toEqual(['e1', undefined]);
  });
});

describe('the form in the user\'s units, and the fixed values a link keeps', () => {
  it('shows chamber pressure in psia in US units, and its messages say psia', () => {
    expect(analyzeShown('US').pc).toMatchObject({ unit: 'psia' });
    expect(analyzeShown('SI').pc).toMatchObject({ label: 'Chamber pressure', unit: 'bar' });
    expect(analyzeShown('SI').pc.scale).toBeCloseTo(1e5, 6);
    expect(analyzeShown('US').pc.scale).toBeCloseTo(6894.757293, 5);
    const f = defaultAnalyzeForm();
    f.ranges.pc = [1e7, 3e6];
    // 1e7 Pa / 6894.757293 Pa/psi = 1450.3774 psia; 3e6 Pa → 435.11321 psia
    expect(checkAnalyzeForm(f, 'US')).toEqual({ code: 'bad-input', field: 'ranges.pc', message: 'Chamber pressure: “from” (1450.3774 psia) must be below “to” (435.11321 psia)' });
    const g = defaultAnalyzeForm();
    g.nominal.pc = -5e5;
    // −5e5 Pa = −5 bar = −72.518869 psia
    expect(checkAnalyzeForm(g, 'SI')?.message).toBe('Chamber pressure: fixed value must be above 0 bar and at most 100000 bar (got -5 bar)');
    expect(checkAnalyzeForm(g, 'US')?.message).toMatch(/^Chamber pressure: fixed value must be above 0 psia and at most 1450377\.\d* psia \(got -72\.518869 psia\)$/);
  });

  it('a Sobol or Morris link that varies an efficiency keeps every fixed value, the varied efficiency\'s included', async () => {
    for (const method of ['sobol', 'morris', 'uncertainty'] as const) {
      const f = defaultAnalyzeForm();
      f.method = method;
      f.vary['eta:cstar'] = true;
      f.nominal['eta:cstar'] = 0.95;
      f.nominal['eta:cf'] = 0.97;
      f.nominal.of = 2.4;
      const spec = analyzeSpec(f);
      expect(resolveAnalysisSpec(spec).ok).toBe(true);
      const back = await readAnalyzeLink({ x: (await analyzeLinkQuery(spec)).slice(2) });
      if (!back.ok) throw new Error(back.error.message);
      expect(back.form.nominal).toEqual({ of: 2.4, pc: 7e6, areaRatio: 40, pamb: 101325, 'T:fuel': 298.15, 'T:oxidizer': 298.15, 'eta:cstar': 0.95, 'eta:cf': 0.97 });
      expect(analyzeSpec(back.form)).toEqual(spec);
    }
  });
});

describe('six inputs: ambient pressure and the temperatures of gaseous reactants', () => {
  // the spec of `npm run bench -- sensitivity` (gaseous H2/O2, ambient Isp, six inputs)
  const six = {
    method: 'sobol', model: 'rocket', output: 'ispAmb', samples: 1024, seed: 1,
    problem: {
      problem: 'rocket', of: 5, pc: 7e6, exits: [{ areaRatio: 30 }], pamb: 101325,
      reactants: [{ name: 'H2', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2', role: 'oxidizer', massFraction: 1, T: 298.15 }],
    },
    inputs: [
      { name: 'of', range: [4, 6] }, { name: 'pc', range: [5e6, 1e7] }, { name: 'areaRatio', range: [20, 40] },
      { name: 'pamb', range: [5e4, 101325] }, { name: 'T:H2', range: [250, 350] }, { name: 'T:O2', range: [250, 350] },
    ],
  };
  it('a six-input spec of gaseous H2/O2 is a form of the page, and the form gives the same analysis back (N(d + 2) = 8,192 evaluations)', () => {
    const f = formFromSpec(six);
    expect(f).not.toBeNull();
    expect(f!.system).toBe('gox-gh2');
    expect(f!.vary).toMatchObject({ of: true, pc: true, areaRatio: true, pamb: true, 'T:fuel': true, 'T:oxidizer': true, 'eta:cstar': false, 'eta:cf': false });
    const spec = analyzeSpec(f!);
    expect(spec.inputs).toEqual(six.inputs);
    expect((spec.problem as { reactants: unknown[] }).reactants).toEqual(six.problem.reactants);
    const r = resolveAnalysisSpec(spec);
    expect(r.ok && analysisEvaluations(r.value)).toBe(8192);
    // fixed temperatures go to the reactants
    f!.vary['T:oxidizer'] = false;
    f!.nominal['T:oxidizer'] = 320;
    const fixed = analyzeSpec(f!) as { problem: { reactants: { T: number }[] }; inputs: { name: string }[] };
    expect(fixed.problem.reactants[1].T).toBe(320);
    expect(fixed.inputs.map((i) => i.name)).toEqual(['of', 'pc', 'areaRatio', 'pamb', 'T:H2']);
  });
  it('liquids offer no temperature input (their data hold one temperature), and a link with an input the form does not offer is refused', () => {
    expect(analyzeInputsFor('lox-rp1')).toEqual(['of', 'pc', 'areaRatio', 'pamb', 'eta:cstar', 'eta:cf']);
    const f = defaultAnalyzeForm();
    f.vary['T:fuel'] = true; // left from the gaseous pair
    expect((analyzeSpec(f).inputs as { name: string }[]).map((i) => i.name)).toEqual(['of', 'pc', 'areaRatio']);
    expect(formFromSpec({ ...six, inputs: [...six.inputs.slice(0, 2), { name: 'pe', range: [5e4, 1e5] }] })).toBeNull();
  });
  it('checks temperatures and ambient pressure in the user\'s units (K or °R, bar or psia), naming the field', () => {
    expect(analyzeShown('US')['T:fuel']).toMatchObject({ label: 'Fuel temperature', unit: '°R' });
    expect(analyzeShown('US')['T:fuel'].scale).toBeCloseTo(5 / 9, 12);
    const f = formFromSpec(six)!;
    f.ranges['T:fuel'] = [150, 350];
    // H2's data start at 200 K = 360 °R; 150 K = 270 °R; 20,000 K = 36,000 °R
    expect(checkAnalyzeForm(f, 'US')).toEqual({ code: 'bad-input', field: 'ranges.T:fuel', message: 'Fuel temperature: “from” must be at least 360 °R and at most 36000 °R (got 270 °R)' });
    expect(checkAnalyzeForm(f, 'SI')?.message).toBe('Fuel temperature: “from” must be at least 200 K and at most 20000 K (got 150 K)');
    const g = formFromSpec(six)!;
    g.ranges['T:oxidizer'] = [300, 280];
    // 300 K = 540 °R, 280 K = 504 °R
    expect(checkAnalyzeForm(g, 'US')?.message).toBe('Oxidizer temperature: “from” (540 °R) must be below “to” (504 °R)');
    const h = formFromSpec(six)!;
    h.vary.pamb = false;
    h.nominal.pamb = -101325;
    // −101,325 Pa = −14.695949 psia
    expect(checkAnalyzeForm(h, 'US')).toEqual({ code: 'bad-input', field: 'nominal.pamb', message: expect.stringMatching(/^Ambient pressure: fixed value must be at least 0 psia and at most 1450377\.\d* psia \(got -14\.695949 psia\)$/) });
  });
});


// A 6-input Sobol analysis of the engine with N = 1024 base points (8,192 rocket evaluations, each
// chamber + throat + one exit, warm-started in the Saltelli design's order), in node on one thread:
// wall time of the whole analysis, of the engine part and of the estimators with their 500
// bootstrap resamples. Gaseous H2/O2, so that both reactant temperatures can vary besides O/F, pc,
// ε and the ambient pressure; output: ambient Isp. (The goal, under 2 s on 2 cores, is for
// the browser's worker pool; this figure is the one-thread node baseline.) The browser figure,
// `sensitivity-sobol-6-browser`, is the same analysis on the Analyze page (gaseous oxygen /
// hydrogen), run as a job on the engine pool of the production build in Chromium.
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';
import { resolveAnalysisSpec } from '../../app/domain/analysis/analysis-spec.ts';
import { runAnalysis, type EvaluateRows, type SobolOutput } from '../../app/domain/analysis/run-analysis.ts';
import { rocketEvaluator } from '../../workers/analysis-rocket.ts';
import type { Bench } from '../../scripts/bench.ts';
import { descendantsCpuSeconds, withBuiltApp } from './serve-dist.ts';
import { analyzeSpec, encodeAnalyzeSpec, formFromSpec } from '../../app/domain/analysis/analyze-form.ts';

const thermo = JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8'));

export const SENSITIVITY_BENCH_SPEC = {
  method: 'sobol', model: 'rocket', output: 'ispAmb', samples: 1024, seed: 1,
  problem: {
    problem: 'rocket', of: 5, pc: 7e6, exits: [{ areaRatio: 30 }], pamb: 101325,
    reactants: [{ name: 'H2', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2', role: 'oxidizer', massFraction: 1, T: 298.15 }],
  },
  inputs: [
    { name: 'of', range: [4, 6] },
    { name: 'pc', range: [5e6, 1e7] },
    { name: 'areaRatio', range: [20, 40] },
    { name: 'pamb', range: [5e4, 101325] },
    { name: 'T:H2', range: [250, 350] },
    { name: 'T:O2', range: [250, 350] },
  ],
};

// The node bench's analysis on the Analyze page: the spec read as the page's form (its share link),
// run as a job on the production build's engine pool in Chromium; time from Run to the sentence.
const browser: Bench = {
  name: 'sensitivity-sobol-6-browser',
  run: () => withBuiltApp(async (page, url) => {
    const form = formFromSpec(SENSITIVITY_BENCH_SPEC);
    if (!form) throw new Error('the bench spec is not a form of the Analyze page');
    await page.goto(`${url}#/analyze?spec=${encodeAnalyzeSpec(analyzeSpec(form))}`);
    await page.getByLabel('Fuel temperature from', { exact: true }).waitFor();
    const c0 = descendantsCpuSeconds();
    const t0 = Date.now();
    await page.getByTestId('analyze-run').click();
    await page.getByTestId('analyze-sentence').waitFor({ timeout: 600_000 });
    const ms = Date.now() - t0;
    // Chromium's CPU time over the run (every process: page, engine workers, GPU): on a loaded
    // machine, the time the run would take with the cores to itself, give or take the overlap
    const browserCpuSeconds = +(descendantsCpuSeconds() - c0).toFixed(2);
    const rows = await page.getByTestId('analyze-indices').locator('tbody tr').count();
    const progress = await page.getByTestId('analyze-progress').innerText();
    if (rows !== 6 || !progress.startsWith('8,192 of 8,192')) throw new Error(`expected 6 indices from 8,192 evaluations (got ${rows} rows, "${progress}")`);
    const workers = await page.evaluate(() => Math.max(1, (navigator.hardwareConcurrency || 2) - 1));
    return { inputs: 6, samples: 1024, evaluations: 8192, ms, browserCpuSeconds, evaluationsPerSecond: Math.round(8192 / (ms / 1000)), workers, browser: true };
  }),
};

export const benches: Bench[] = [browser, {
  name: 'sensitivity-sobol-6-node',
  async run() {
    const engine = makeEngineApi(await loadCoreNode(), thermo);
    const spec = resolveAnalysisSpec(SENSITIVITY_BENCH_SPEC);
    if (!spec.ok) throw new Error(spec.error.message);
    const ev = rocketEvaluator(engine, spec.value);
    if (!ev.ok) throw new Error(ev.error.message);
    let engineMs = 0;
    const timed: EvaluateRows = async (rows) => {
      const t = performance.now();
      const r = await ev.value(rows);
      engineMs += performance.now() - t;
      return r;
    };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await runAnalysis(spec.value, timed);
    const ms = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    if (!out.ok) throw new Error(out.error.message);
    const o = out.value as SobolOutput;
    return {
      inputs: 6, samples: 1024, evaluations: o.evaluations,
      seconds: +(ms / 1000).toFixed(3), cpuSeconds: +((c1.user + c1.system) / 1e6).toFixed(3),
      engineSeconds: +(engineMs / 1000).toFixed(3), estimatorSeconds: +((ms - engineMs) / 1000).toFixed(3),
      evaluationsPerSecond: Math.round(o.evaluations / (engineMs / 1000)),
      totals: Object.fromEntries(o.indices.map((i) => [i.input, +i.total.toFixed(3)])),
      browser: false,
    };
  },
}];

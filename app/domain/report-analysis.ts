// The content of the PDF report of an analysis (issue 16, item 4): Sobol indices with their
// bootstrap intervals as bars, Morris μ*–σ dots, or an uncertainty result's histogram and
// percentiles; the spec with its seed, the inputs with their ranges or tolerances in the user's
// units, the explanations (analysis-explain.ts) and the provenance. Pure data, laid out by
// report-pdf.ts like the other reports, in the browser (Analyze's PDF button) and in node
// (`rfo report`, tests).
import type { UnitSystem } from './experiment.ts';
import type { RocketProblem } from './problem.ts';
import { toDisplay, unitLabel, type Quantity } from './units.ts';
import { problemInputs, provenanceRows, type Report, type ReportChart } from './report.ts';
import { resolveAnalysisSpec, type AnalysisInput } from './analysis/analysis-spec.ts';
import { explainAnalysis, fmtValue, outputShown } from './analysis/analysis-explain.ts';
import { rocketInputLabel, rocketInputQuantity, ROCKET_OUTPUT_INFO, type RocketOutput } from './analysis/rocket-model.ts';
import { surrogateTitle } from './analysis/surrogate-model.ts';
import { analysisModelNote, sobolSentence, type AnalysisOutput, type MorrisOutput, type SobolOutput, type UncertaintyOutput } from './analysis/run-analysis.ts';
import type { StudyReportExtras } from './report-studies.ts';

const METHOD_NAME: Record<string, string> = {
  sobol: 'Sobol indices (Saltelli design, Jansen estimators)',
  morris: 'Morris elementary effects screening',
  uncertainty: 'uncertainty propagation (Monte Carlo)',
  bayesopt: 'Bayesian optimisation',
};

/** The quantity of a rocket input (its unit in the report); test-function inputs have none. */
const inputQuantity = (name: string): Quantity => rocketInputQuantity(name) ?? 'dimensionless';
/** A value of an input in the user's units with its unit: "70 bar", "2.6". */
function inputValue(name: string, si: number, units: UnitSystem): string {
  const q = inputQuantity(name);
  const u = unitLabel(q, units);
  return `${Number(toDisplay(q, si, units).toPrecision(6))}${u === '–' ? '' : ` ${u}`}`;
}
/** A spread of an input as the user reads it: "3.5 to 7 MPa", "normal, mean 2.6, sd 0.052 (± 2 %)". */
function inputSpread(i: AnalysisInput, units: UnitSystem): string {
  const v = (x: number) => inputValue(i.name, x, units);
  const d = i.distribution;
  if (d?.type === 'normal') return `normal, mean ${v(d.mean)}, standard deviation ${v(d.sd)} (${Number(((d.sd / Math.abs(d.mean)) * 100).toPrecision(4))} % of the mean)`;
  if (d?.type === 'uniform') return `uniform from ${v(d.min)} to ${v(d.max)}`;
  if (d?.type === 'triangular') return `triangular from ${v(d.min)} to ${v(d.max)}, mode ${v(d.mode)}`;
  if (i.range) return `${v(i.range[0])} to ${v(i.range[1])}`;
  return 'its default range';
}

/**
 * The report of a finished analysis. `spec` is the analysis spec as run (command-line format; its
 * inputs, ranges, seed); `out` its result (SI values); the explanations are computed here from it.
 */
export function analysisReport(name: string, spec: unknown, out: AnalysisOutput, units: UnitSystem, when: string, extras: Pick<StudyReportExtras, 'provenance'> = {}): Report {
  const shown = outputShown(out.output, units);
  const outLabel = ROCKET_OUTPUT_INFO[out.output as RocketOutput]?.label ?? out.output;
  const withUnit = (si: number) => `${fmtValue(si, shown)}${shown.unit ? ` ${shown.unit}` : ''}`;
  const inputs: [string, string][] = [
    ['Method', METHOD_NAME[out.method] ?? out.method],
    ['Model', out.surrogate ? `${surrogateTitle(out.surrogate)}: its predictions, not the engine` : out.model === 'rocket' ? 'rocket engine (equilibrium thermochemistry)' : `test function ${out.model}`],
    ['Output', `${outLabel}${shown.unit ? ` (${shown.unit})` : ''}`],
    ['Seed', String(out.seed)],
    [out.model === 'rocket' ? 'Engine evaluations' : out.surrogate ? 'Model predictions' : 'Model evaluations', String(out.evaluations)],
  ];
  const resolved = resolveAnalysisSpec(spec);
  const notes: string[] = [];
  if (resolved.ok) {
    const r = resolved.value;
    if (r.method === 'sobol') inputs.push(['Base samples N', `${r.samples} (N(d + 2) = ${r.samples * (r.inputs.length + 2)} evaluations)`], ['Bootstrap', `${r.resamples} resamples, ${Math.round(r.confidence * 100)} % intervals`]);
    if (r.method === 'morris') inputs.push(['Trajectories', `${r.trajectories} on a ${r.levels}-level grid`]);
    if (r.method === 'uncertainty') inputs.push(['Runs', `${r.samples} (${r.sampling === 'lhs' ? 'Latin hypercube' : 'Sobol sequence'} sampling)`]);
    for (const i of r.inputs) inputs.push([`Input: ${rocketInputLabel(i.name)}`, inputSpread(i, units)]);
    if (r.problem && Array.isArray(r.problem.reactants)) {
      try {
        inputs.push(...problemInputs(r.problem as unknown as RocketProblem, units).map(([k, x]): [string, string] => [`Base design: ${k}`, x]));
      } catch {
        notes.push('The base design of the spec could not be listed.');
      }
      if (typeof r.problem.pamb === 'number') inputs.push(['Base design: ambient pressure', inputValue('pamb', r.problem.pamb, units)]);
    }
    const note = analysisModelNote(r, units);
    if (note) notes.push(note);
  } else notes.push(`The analysis spec does not resolve (${resolved.error.message}); its inputs are not listed.`);

  const charts: ReportChart[] = [];
  let table: Report['table'];
  let tableTitle: string;
  const tables: NonNullable<Report['tables']> = [];
  if (out.method === 'sobol') {
    const o = out as SobolOutput;
    const pc = `${Math.round(o.confidence * 100)} %`;
    tableTitle = 'Sobol indices';
    table = {
      head: ['Input', 'First order S1', `S1 ${pc} interval`, 'Total ST', `ST ${pc} interval`, 'ST - S1'],
      rows: o.indices.map((i) => [rocketInputLabel(i.input), i.first.toFixed(3), `${i.firstInterval[0].toFixed(3)} to ${i.firstInterval[1].toFixed(3)}`,
        i.total.toFixed(3), `${i.totalInterval[0].toFixed(3)} to ${i.totalInterval[1].toFixed(3)}`, (i.total - i.first).toFixed(3)]),
    };
    const categories = o.indices.map((i) => rocketInputLabel(i.input));
    charts.push({
      title: `Sobol indices of ${outLabel} with their ${pc} intervals`, xLabel: 'input', yLabel: 'index', categories,
      series: [
        { name: 'first order S1', style: 'bars', barWidth: 0.36, points: o.indices.map((i, k): [number, number] => [k - 0.2, i.first]), errors: o.indices.map((i) => i.firstInterval) },
        { name: 'total ST', style: 'bars', barWidth: 0.36, points: o.indices.map((i, k): [number, number] => [k + 0.2, i.total]), errors: o.indices.map((i) => i.totalInterval) },
      ],
    });
  } else if (out.method === 'morris') {
    const o = out as MorrisOutput;
    const effects = o.effects.slice().sort((a, b) => a.rank - b.rank);
    const u = shown.unit ? ` (${shown.unit})` : '';
    tableTitle = 'Elementary effects';
    table = {
      head: ['Input', 'Rank', `mu*${u}`, `mu${u}`, `sigma${u}`],
      rows: effects.map((e) => [rocketInputLabel(e.input), String(e.rank), fmtValue(e.muStar, shown), fmtValue(e.mu, shown), fmtValue(e.sigma, shown)]),
    };
    charts.push({
      title: `Morris screening of ${outLabel}: mu* against sigma`, xLabel: `mu*${u}`, yLabel: `sigma${u}`, zero: true,
      series: [{ name: 'inputs', style: 'points', points: effects.map((e): [number, number] => [e.muStar * shown.scale, e.sigma * shown.scale]), labels: effects.map((e) => rocketInputLabel(e.input)) }],
    });
    notes.push('mu* is the mean absolute elementary effect (how much an input moves the output across its range); sigma their spread (non-linearity or interactions).');
  } else if (out.method === 'uncertainty') {
    const o = out as UncertaintyOutput;
    tableTitle = `${outLabel.charAt(0).toUpperCase()}${outLabel.slice(1)}${shown.unit ? ` (${shown.unit})` : ''}`;
    table = {
      head: ['Figure', 'Value'],
      rows: [['Mean', withUnit(o.mean)], ['Standard deviation', withUnit(o.sd)], ['5 % percentile', withUnit(o.percentiles['5'])],
        ['Median (50 %)', withUnit(o.percentiles['50'])], ['95 % percentile', withUnit(o.percentiles['95'])]],
    };
    tables.push({
      title: 'What drives the spread',
      head: ['Input', 'Rank correlation', 'Share of the spread (%)'],
      rows: o.drivers.slice().sort((a, b) => b.share - a.share).map((d) => [rocketInputLabel(d.input), d.rankCorrelation.toFixed(2), String(Math.round(d.share * 100))]),
    });
    const { edges, counts } = o.histogram;
    charts.push({
      title: `Histogram of ${outLabel} with its 5, 50 and 95 % percentiles`, xLabel: `${outLabel}${shown.unit ? ` (${shown.unit})` : ''}`, yLabel: 'runs',
      series: [{ name: 'runs', style: 'bars', barWidth: (edges[1] - edges[0]) * shown.scale, points: counts.map((c, k): [number, number] => [((edges[k] + edges[k + 1]) / 2) * shown.scale, c]) }],
      markers: (['5', '50', '95'] as const).map((p) => ({ x: o.percentiles[p] * shown.scale, label: `${p} %: ${fmtValue(o.percentiles[p], shown)}` })),
    });
    notes.push('The share of the spread is each input’s squared rank correlation with the output over their sum.');
  } else {
    tableTitle = 'Result';
    table = { head: ['Figure', 'Value'], rows: [['Summary', out.summary]] };
  }

  return {
    title: name,
    subtitle: `${METHOD_NAME[out.method] ?? out.method} of ${outLabel}, ${out.evaluations} evaluations, seed ${out.seed}: Rocket Fuel Optimizer, ${when}`,
    inputs, tableTitle, table, tables, notes, charts,
    // as the page shows them: a Sobol result's summary (indices only, no units) leads its claims
    explanations: [...(out.method === 'sobol' ? [resolved.ok ? sobolSentence(resolved.value, out as SobolOutput, units) : out.summary] : []), ...explainAnalysis(out, units).map((c) => c.text)],
    provenance: provenanceRows(extras.provenance ?? {}, when),
  };
}

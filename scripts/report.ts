// Command line: `rfo report experiment.json out.pdf` (also `npm run --silent report -- …`) writes the
// PDF report of a saved experiment — the file Experiments → Export saves (one experiment, or a
// workspace backup with `--id ID` choosing the experiment; the first otherwise). The design point
// is solved by the engine (the stored result is not trusted for numbers: it may come from an older
// engine), with the O/F curve for the charts, and laid out as Explore's PDF button does, in the
// experiment's units (or --units SI|US). The experiment's studies follow, each from a new page,
// from the results the file carries: point (its kept figures), sweep, optimisation, analysis,
// dataset (its rows), model (inputs, outputs, training range, held-out error) and firing (burn
// figures, flags, thrust and pc against time from the decompressed trace); a study whose results
// are not in the file gets a page saying so. `--study ID` reports that one study only.
// Prints {"ok":true,"file","pages","experiment","units","ispVac_m_s","explanations":[{"id","text",
// "figures"}],"studies":[{"id","kind","reported","reason"?}]} or {"ok":false,"error":{…}}.
// Exit status 0 when the file was read (failures are values), 2 for unusable arguments.
import { readFileSync, writeFileSync } from 'node:fs';
import { importWorkspace } from '../app/domain/backup.ts';
import { designReport, ofCharts } from '../app/domain/report.ts';
import { reportsPdfBytes } from '../app/domain/report-pdf.ts';
import type { Report } from '../app/domain/report.ts';
import type { Experiment, Study, UnitSystem } from '../app/domain/experiment.ts';
import type { StoredModel, StoredResult } from '../app/domain/stored-records.ts';
import { pointReport } from '../app/domain/report-studies.ts';
import { datasetReport, modelReport } from '../app/domain/report-learn.ts';
import { firingReport } from '../app/domain/report-firing.ts';
import { firingsOf, restoreFiringTrace } from '../app/domain/firing/saved.ts';
import { firingDesign } from '../app/domain/firing/design.ts';
import { restoreDataset } from '../app/domain/learn-dataset.ts';
import { restoreModelDoc } from '../app/domain/ml-model.ts';
import { studyModelSpec } from '../app/domain/model-study.ts';
import { ofCurves, SWEEP_COLUMNS, validateSweep, type SweepColumn, type SweepSpec } from '../app/domain/sweep.ts';
import { explainSweep, type SweepOptimaData, type SweepTableData } from '../app/domain/explain-sweep.ts';
import { explainPareto } from '../app/domain/explain-pareto.ts';
import { optimizeReport, sweepReport } from '../app/domain/report-studies.ts';
import { analysisReport } from '../app/domain/report-analysis.ts';
import { analysisOutcome } from '../app/domain/analysis/analysis-study.ts';
import { paretoOfResult, studyOptimizeSpec } from '../app/domain/optimize-study.ts';
import { findOptimumOfProblem } from '../workers/optimize-api.ts';
import { explainResult } from '../app/domain/explain.ts';
import type { RocketProblem, RocketResult } from '../app/domain/problem.ts';
import { makeEngineApi } from '../workers/engine-api.ts';
import { gatherExplainInput } from '../workers/explain-inputs.ts';
import { optimizeKernels } from '../wasm-core/optimize.ts';
import { isMainModule, loadEngineFiles, writeOut } from './cli-engine.ts';

const USAGE = 'usage: rfo report [--units SI|US] [--id EXPERIMENT_ID] [--study STUDY_ID] experiment.json out.pdf';

type Fail = { ok: false; error: { code: string; message: string; field?: string } };
const fail = (code: string, message: string, field?: string): Fail => ({ ok: false, error: { code, message, ...(field ? { field } : {}) } });

/** Runs the report command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const files: string[] = [];
  let id: string | undefined;
  let study: string | undefined;
  let units: 'SI' | 'US' | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--id') id = args[++i];
    else if (args[i] === '--study') study = args[++i];
    else if (args[i] === '--units') {
      const u = args[++i];
      if (u !== 'SI' && u !== 'US') {
        console.error(`report: --units must be SI or US (got ${JSON.stringify(u ?? '')})\n${USAGE}`);
        return 2;
      }
      units = u;
    } else if (args[i].startsWith('-')) {
      console.error(`report: unknown option ${args[i]}\n${USAGE}`);
      return 2;
    } else files.push(args[i]);
  }
  if (files.length !== 2 || (args.includes('--id') && !id) || (args.includes('--study') && !study)) {
    console.error(USAGE);
    return 2;
  }
  const [input, output] = files;
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (e) {
    console.error(`report: cannot read ${input}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const out = await report(text, output, id, units, study);
  await writeOut(JSON.stringify(out) + '\n');
  return 0;
}

async function report(text: string, output: string, id: string | undefined, unitsOverride: 'SI' | 'US' | undefined, studyId: string | undefined) {
  const imported = importWorkspace(text);
  if (!imported.ok) return fail(imported.error.code, imported.error.message, imported.error.field ?? 'file');
  const exps = imported.value.workspace.experiments;
  const e = id === undefined ? exps[0] : exps.find((x) => x.id === id);
  if (!e) return fail('no-experiment', id === undefined ? 'the file holds no experiment' : `no experiment with id ${JSON.stringify(id)} in the file (it holds ${exps.map((x) => x.id).join(', ') || 'none'})`, 'id');
  // every study kind has its page
  let studies = e.studies;
  if (studyId !== undefined) {
    const s = e.studies.find((x) => x.id === studyId);
    if (!s) return fail('no-study', `no study with id ${JSON.stringify(studyId)} in experiment ${JSON.stringify(e.name)} (it holds ${e.studies.map((x) => x.id).join(', ') || 'none'})`, 'study');
    studies = [s];
  }
  const problem: RocketProblem = e.inputs.problem;
  const units = unitsOverride ?? e.inputs.units;
  const { core, thermo, trans } = await loadEngineFiles();
  const engine = makeEngineApi(core, thermo, trans);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const provenance = { appVersion: pkg.version, thermoSha256: thermo.provenance?.sha256, transSha256: trans().provenance?.sha256, generator: 'Rocket Fuel Optimizer (rfo report)' };
  const when = new Date().toISOString().slice(0, 10);
  const ctx: StudyContext = { e, results: imported.value.workspace.results, models: imported.value.workspace.models, units, when, provenance, engine, core };
  const studyReports: Report[] = [];
  const studyList: { id: string; kind: string; reported: boolean; reason?: string }[] = [];
  for (const s of studies) {
    const r = await studyReport(s, ctx);
    studyReports.push(r.report);
    studyList.push({ id: s.id, kind: s.kind, reported: r.reason === undefined, ...(r.reason ? { reason: r.reason } : {}) });
  }
  // one study only: its report alone
  if (studyId !== undefined) {
    const written = await writePdf(studyReports, output);
    if (!written.ok) return written;
    return { ok: true, file: output, pages: written.pages, experiment: { id: e.id, name: e.name }, units, studies: studyList };
  }
  const solved = engine.solveRocket(problem);
  if (!solved.ok) return fail(solved.error.code, `the experiment's design cannot be computed: ${solved.error.message}`, solved.error.field ? `inputs.problem.${solved.error.field}` : 'inputs.problem');
  const result: RocketResult = solved.value;
  // The O/F curve of the charts: 21 points from half to twice the design's O/F (a bipropellant only).
  const curve: { of: number; ispVac: number; Tc: number }[] = [];
  if (problem.of !== undefined) {
    const exit = problem.exits?.[0];
    for (let k = 0; k <= 20; k++) {
      const of = (problem.of / 2) * 4 ** (k / 20);
      const r = engine.solveRocket({ ...problem, of, exits: exit ? [exit] : [], transport: false });
      const x = r.ok ? r.value.exits[0] : undefined;
      if (r.ok && x && !('ok' in x)) curve.push({ of, ispVac: x.ispVac, Tc: r.value.chamber.T });
    }
  }
  // What the explanations need beyond the result: the frozen case, the O/F optimum (Brent), the hottest O/F.
  const explainInput = await gatherExplainInput(problem, result, (p) => engine.solveRocket(p), optimizeKernels(core), null, units);
  const claims = explainResult(explainInput);
  const explanations = claims.map((c) => c.text);
  const rep = designReport(e.name, problem, result, units, when, { charts: ofCharts(curve, problem.of, units), explanations, provenance });
  const written = await writePdf([rep, ...studyReports], output);
  if (!written.ok) return written;
  const first = result.exits.find((x) => !('ok' in x)) as { ispVac: number } | undefined;
  return { ok: true, file: output, pages: written.pages, experiment: { id: e.id, name: e.name }, units, ...(first ? { ispVac_m_s: first.ispVac } : {}), explanations: claims, studies: studyList };
}

async function writePdf(reports: Report[], output: string): Promise<{ ok: true; pages: number } | Fail> {
  const bytes = await reportsPdfBytes(reports);
  try {
    writeFileSync(output, bytes);
  } catch (err) {
    return fail('cannot-write', `cannot write ${output}: ${err instanceof Error ? err.message : String(err)}`, 'output');
  }
  return { ok: true, pages: (Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length };
}

interface StudyContext {
  e: Experiment;
  results: StoredResult[];
  models: StoredModel[];
  units: UnitSystem;
  when: string;
  provenance: { appVersion?: string; thermoSha256?: string; transSha256?: string; generator?: string };
  engine: ReturnType<typeof makeEngineApi>;
  core: Parameters<typeof optimizeKernels>[0];
}

const KIND_NAME: Record<string, string> = { point: 'Point', sweep: 'Sweep', optimisation: 'Optimisation', analysis: 'Analysis', dataset: 'Dataset', model: 'Model', firing: 'Firing' };

/** The page of a study that cannot be reported: what it is, and why its results are not there. */
function missingReport(s: Study, c: StudyContext, reason: string): Report {
  return {
    title: `${c.e.name}: ${KIND_NAME[s.kind] ?? s.kind} study ${s.id}`,
    subtitle: `Rocket Fuel Optimizer, ${c.when}`,
    inputs: [['Study', `${s.kind} ${s.id}`], ['Status', s.status], ['Updated', s.updatedAt], ['Seed', String(s.seed)],
      ...Object.entries(s.summary ?? {}).map(([k, v]): [string, string] => [`Summary: ${k}`, String(v)])],
    tableTitle: 'Results', table: { head: [], rows: [] },
    notes: [`This study is not reported: ${reason}.`],
    provenance: [],
  };
}

/** The report of one study from the results the file carries, or a page saying why there is none. */
async function studyReport(s: Study, c: StudyContext): Promise<{ report: Report; reason?: string }> {
  const stored = s.resultsRef ? c.results.find((r) => r.id === s.resultsRef) : undefined;
  const missing = (reason: string) => ({ report: missingReport(s, c, reason), reason });
  const notInFile = s.resultsRef ? `its results (${s.resultsRef}) are not in the file` : 'it has no results';
  const title = `${c.e.name}: ${KIND_NAME[s.kind]?.toLowerCase() ?? s.kind} ${s.id}`;
  const extras = { provenance: c.provenance };
  // studies whose document carries what is reported: the stored record adds to it when there
  if (s.kind === 'point') {
    if (!s.summary || !Object.keys(s.summary).length) return missing('it has not been computed');
    return { report: pointReport(title, c.e.inputs.problem, s.summary, s.updatedAt, c.units, c.when, extras) };
  }
  if (s.kind === 'model') {
    const spec = studyModelSpec(s);
    if (!spec) return missing('its spec is not readable');
    const kept = s.resultsRef ? c.models.find((m) => m.id === s.resultsRef) : undefined;
    const doc = kept ? restoreModelDoc(kept.meta) : null;
    return { report: modelReport(title, spec, doc?.ok ? doc.value : null, s.summary ?? {}, c.units, c.when, extras) };
  }
  if (s.kind === 'firing') {
    const entry = firingsOf({ ...c.e, studies: [s] })[0];
    const design = firingDesign(s.spec.design ?? {});
    const trace = stored ? await restoreFiringTrace(stored) : null;
    const traceMissing = !stored ? notInFile : trace && !trace.ok ? `the stored trace cannot be read (${trace.error.message})` : undefined;
    return { report: firingReport(title, entry, design.ok ? design.value : {}, trace?.ok ? trace.value : null, c.units, c.when, { ...extras, ...(traceMissing ? { traceMissing } : {}) }) };
  }
  if (!stored) return missing(notInFile);
  if (s.kind === 'dataset') {
    const ds = restoreDataset(stored);
    if (!ds.ok) return missing(`its rows cannot be read (${ds.error.message})`);
    return { report: datasetReport(title, ds.value, c.units, c.when, extras) };
  }
  if (s.kind === 'sweep') {
    const spec = s.spec as unknown as SweepSpec;
    const bad = spec && Array.isArray(spec.axes) ? validateSweep(spec) : { error: { message: 'the sweep spec has no axes' } };
    if (bad) return missing(`its spec is not valid (${bad.error.message})`);
    const axes = spec.axes.map((a, k) => stored.columns[`axis${k}_${a.variable}`]);
    const cols = SWEEP_COLUMNS.map((k) => stored.columns[k]);
    if (axes.some((a) => !a) || cols.some((x) => !x)) return missing('its stored results lack columns');
    const t: SweepTableData = { spec, axes: axes.map((a) => Float64Array.from(a!)), columns: Object.fromEntries(SWEEP_COLUMNS.map((k) => [k, Float64Array.from(stored.columns[k])])) as Record<SweepColumn, Float64Array> };
    const optima = await sweepOptima(spec, c);
    const claims = explainSweep(t, optima, c.units);
    return { report: sweepReport(title, t, optima, c.units, c.when, { explanations: claims.map((x) => x.text), provenance: c.provenance }) };
  }
  if (s.kind === 'optimisation') {
    const spec = studyOptimizeSpec(s);
    if (!spec) return missing('its spec is no longer valid');
    const front = paretoOfResult(stored);
    if (!front) return missing('its stored results are not a Pareto set');
    const claims = explainPareto(spec, front, c.units);
    return { report: optimizeReport(title, spec, front, c.units, c.when, { explanations: claims.map((x) => x.text), provenance: c.provenance }) };
  }
  const y = stored.columns.y;
  if (!y) return missing('its stored results hold no model values');
  const o = analysisOutcome(s.id, s.spec, y);
  if (!o.output) return missing(o.error ?? 'its result cannot be computed again');
  return { report: analysisReport(title, s.spec, o.output, c.units, c.when, { provenance: c.provenance }) };
}

/** The optimum O/F along each O/F line of a sweep, searched on the engine as Sweep's store does (none without an O/F axis). */
async function sweepOptima(spec: SweepSpec, c: StudyContext): Promise<SweepOptimaData | null> {
  const curves = ofCurves(spec);
  if (!curves) return null;
  const rows: SweepOptimaData['rows'] = [];
  for (const curve of curves.curves) {
    const r = await findOptimumOfProblem(optimizeKernels(c.core), { problem: curve.problem, of: curves.range }, (p) => c.engine.solveRocket(p));
    rows.push({ at: curve.at, point: curve.point, result: r.ok ? { ok: true as const, value: { of: r.value.of, value: r.value.value } } : r });
  }
  return { quantity: 'ispVac', ofAxis: curves.ofAxis, rows };
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

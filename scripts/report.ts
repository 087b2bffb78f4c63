// Command line: `rfo report experiment.json out.pdf` (also `npm run --silent report -- …`) writes the
// PDF report of a saved experiment — the file Experiments → Export saves (one experiment, or a
// workspace backup with `--id ID` choosing the experiment; the first otherwise). The design point
// is solved by the engine (the stored result is not trusted for numbers: it may come from an older
// engine), with the O/F curve for the charts, and laid out as Explore's PDF button does, in the
// experiment's units (or --units SI|US). Prints {"ok":true,"file","pages","experiment","units",
// "ispVac_m_s","explanations":[{"id","text","figures"}]} or {"ok":false,"error":{…}}.
// Exit status 0 when the file was read (failures are values), 2 for unusable arguments.
import { readFileSync, writeFileSync } from 'node:fs';
import { importWorkspace } from '../app/domain/backup.ts';
import { designReport, ofCharts } from '../app/domain/report.ts';
import { reportPdfBytes } from '../app/domain/report-pdf.ts';
import { explainResult } from '../app/domain/explain.ts';
import type { RocketProblem, RocketResult } from '../app/domain/problem.ts';
import { makeEngineApi } from '../workers/engine-api.ts';
import { gatherExplainInput } from '../workers/explain-inputs.ts';
import { optimizeKernels } from '../wasm-core/optimize.ts';
import { isMainModule, loadEngineFiles, writeOut } from './cli-engine.ts';

const USAGE = 'usage: rfo report [--units SI|US] [--id EXPERIMENT_ID] experiment.json out.pdf';

type Fail = { ok: false; error: { code: string; message: string; field?: string } };
const fail = (code: string, message: string, field?: string): Fail => ({ ok: false, error: { code, message, ...(field ? { field } : {}) } });

/** Runs the report command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const files: string[] = [];
  let id: string | undefined;
  let units: 'SI' | 'US' | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--id') id = args[++i];
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
  if (files.length !== 2 || (args.includes('--id') && !id)) {
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
  const out = await report(text, output, id, units);
  await writeOut(JSON.stringify(out) + '\n');
  return 0;
}

async function report(text: string, output: string, id: string | undefined, unitsOverride: 'SI' | 'US' | undefined) {
  const imported = importWorkspace(text);
  if (!imported.ok) return fail(imported.error.code, imported.error.message, imported.error.field ?? 'file');
  const exps = imported.value.workspace.experiments;
  const e = id === undefined ? exps[0] : exps.find((x) => x.id === id);
  if (!e) return fail('no-experiment', id === undefined ? 'the file holds no experiment' : `no experiment with id ${JSON.stringify(id)} in the file (it holds ${exps.map((x) => x.id).join(', ') || 'none'})`, 'id');
  const problem: RocketProblem = e.inputs.problem;
  const units = unitsOverride ?? e.inputs.units;
  const { core, thermo, trans } = await loadEngineFiles();
  const engine = makeEngineApi(core, thermo, trans);
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
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const rep = designReport(e.name, problem, result, units, new Date().toISOString().slice(0, 10), {
    charts: ofCharts(curve, problem.of, units),
    explanations,
    provenance: { appVersion: pkg.version, thermoSha256: thermo.provenance?.sha256, transSha256: trans.provenance?.sha256, generator: 'Rocket Fuel Optimizer (rfo report)' },
  });
  const bytes = await reportPdfBytes(rep);
  try {
    writeFileSync(output, bytes);
  } catch (err) {
    return fail('cannot-write', `cannot write ${output}: ${err instanceof Error ? err.message : String(err)}`, 'output');
  }
  const pages = (Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  const first = result.exits.find((x) => !('ok' in x)) as { ispVac: number } | undefined;
  return { ok: true, file: output, pages, experiment: { id: e.id, name: e.name }, units, ...(first ? { ispVac_m_s: first.ispVac } : {}), explanations: claims };
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

// Command line: `rfo report [--units SI|US] experiment.json out.pdf` (also `npm run --silent report
// -- …`) writes the PDF report of a saved experiment — the file the app exports (Experiments →
// Export), or a backup whose first experiment is taken: its inputs, the station table in the
// experiment's units (or --units), the explanations of the result and their figures, provenance
// (app version, sha256 of the thermo data, date) and page numbers. Prints {"ok":true,"file",
// "experiment","pages","ispVac_m_s","explanations"} or {"ok":false,"error":{"code","message","field"}}.
// Exit status 0 when the file was read (failures are values), 2 for unreadable input or bad arguments.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importWorkspace } from '../app/domain/backup.ts';
import { designReport } from '../app/domain/report.ts';
import { explainResult } from '../app/domain/explain.ts';
import { reactantDensities } from '../app/domain/propellants.ts';
import type { UnitSystem } from '../app/domain/experiment.ts';
import type { RocketResult } from '../app/domain/problem.ts';
import { makeEngineApi } from '../workers/engine-api.ts';
import { gatherExplainInput } from '../workers/explain-inputs.ts';
import { optimizeKernels } from '../wasm-core/optimize.ts';
import { reportPdfBytes } from '../app/ui/components/pdf-report.ts';
import { isMainModule, loadEngineFiles, writeOut } from './cli-engine.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: rfo report [--units SI|US] experiment.json out.pdf';

/** Runs the report command; resolves to the exit status. */
export async function main(args: string[], today = new Date().toISOString().slice(0, 10)): Promise<number> {
  let units: UnitSystem | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--units' || a.startsWith('--units=')) {
      const v = a === '--units' ? args[++i] : a.slice('--units='.length);
      if (v !== 'SI' && v !== 'US') {
        console.error(`report: --units must be SI or US (got ${JSON.stringify(v ?? '')})`);
        return 2;
      }
      units = v;
    } else if (a.startsWith('--')) {
      console.error(`report: unknown flag ${JSON.stringify(a)}; ${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (files.length !== 2) {
    console.error(`report: give the experiment file and the PDF to write; ${USAGE}`);
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
  const print = async (v: unknown) => { await writeOut(JSON.stringify(v) + '\n'); };
  const file = importWorkspace(text);
  if (!file.ok) {
    if (file.error.code === 'bad-json') {
      console.error(`report: ${input} is not valid JSON`);
      return 2;
    }
    await print(file);
    return 0;
  }
  const e = file.value.workspace.experiments[0];
  if (!e) {
    await print({ ok: false, error: { code: 'no-experiment', message: `${input} holds no experiment${file.value.skipped.length ? ` (${file.value.skipped[0]})` : ''}`, field: 'experiments' } });
    return 0;
  }
  const system = units ?? e.inputs.units;
  const { core, thermo } = await loadEngineFiles();
  const engine = makeEngineApi(core, thermo);
  const problem = e.inputs.problem;
  const solved = engine.solveRocket(problem);
  if (!solved.ok) {
    await print(solved);
    return 0;
  }
  const result: RocketResult = solved.value;
  const explainInput = await gatherExplainInput(problem, result, (p) => engine.solveRocket(p), optimizeKernels(core), reactantDensities(problem.reactants), system);
  const claims = explainResult(explainInput);
  const report = designReport(e.name, problem, result, system, today);
  report.explanations = claims.map((c) => c.text);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const thermoHash = createHash('sha256').update(readFileSync(join(root, 'wasm-core/data/thermo.json'))).digest('hex');
  report.provenance = [
    `Rocket Fuel Optimizer ${version}, command line; report made ${today}.`,
    `Thermodynamic data: wasm-core/data/thermo.json (NASA Glenn thermo.inp), sha256 ${thermoHash}.`,
    `Experiment “${e.name}” (${e.id}), last changed ${e.updatedAt}.`,
  ];
  const bytes = new Uint8Array(await reportPdfBytes(report));
  try {
    writeFileSync(output, bytes);
  } catch (err) {
    await print({ ok: false, error: { code: 'write-failed', message: `cannot write ${output}: ${err instanceof Error ? err.message : String(err)}`, field: 'output' } });
    return 0;
  }
  const pages = (new TextDecoder('latin1').decode(bytes).match(/\/Type \/Page\b/g) ?? []).length;
  const exit = result.exits.find((x) => !('ok' in x));
  await print({ ok: true, file: output, experiment: e.name, pages, ...(exit && !('ok' in exit) ? { ispVac_m_s: exit.ispVac } : {}), explanations: claims.map((c) => ({ id: c.id, text: c.text, figures: c.figures })) });
  return 0;
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

// Command line: `rfo sensitivity [--progress] [spec.json]` (also `npm run --silent sensitivity -- …`;
// stdin when no file) runs a Sobol, Morris, uncertainty or Bayesian-optimisation analysis of the
// rocket engine or of a standard test function (spec in app/domain/analysis/analysis-spec.ts, README
// "Command line: sensitivity") and prints {"ok":true,…} or {"ok":false,"error":{…}} naming the field.
// `--progress` writes the evaluations done to stderr. Exit status 0 when the spec was read (failures
// are values in the output), 2 when it was not valid JSON, could not be read, or a flag is unknown.
import { resolveAnalysisSpec } from '../app/domain/analysis/analysis-spec.ts';
import { runAnalysis, testFunctionEvaluator, type EvaluateRows } from '../app/domain/analysis/run-analysis.ts';
import type { Result } from '../app/domain/result.ts';
import { makeEngineApi } from '../workers/engine-api.ts';
import { rocketEvaluator } from '../workers/analysis-rocket.ts';
import { isMainModule, loadEngineFiles, readJsonInput, writeOut } from './cli-engine.ts';

const FLAGS = ['--progress'];

/** Runs the sensitivity command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const unknown = args.find((a) => a.startsWith('-') && !FLAGS.includes(a));
  if (unknown) {
    console.error(`sensitivity: unknown flag ${unknown} (usage: rfo sensitivity [--progress] [spec.json])`);
    return 2;
  }
  const path = args.find((a) => !a.startsWith('-'));
  const progress = args.includes('--progress');
  const read = readJsonInput('sensitivity', path);
  if (!read) return 2;
  const input = read.value;
  const out = await analyse(input, progress);
  await writeOut(JSON.stringify(out.ok ? { ok: true, ...out.value } : out, null, 1) + '\n');
  return 0;
}

/** Resolves and runs a spec (the command without its I/O); the output object, or an error value naming the field. */
export async function analyse(input: unknown, progress = false): Promise<Result<object>> {
  const spec = resolveAnalysisSpec(input);
  if (!spec.ok) return spec;
  let evaluate: EvaluateRows;
  if (spec.value.model === 'rocket') {
    const { core, thermo } = await loadEngineFiles();
    const ev = rocketEvaluator(makeEngineApi(core, thermo), spec.value);
    if (!ev.ok) return ev;
    evaluate = ev.value;
  } else {
    evaluate = testFunctionEvaluator(spec.value);
  }
  return runAnalysis(spec.value, evaluate, {
    onProgress: progress ? (done, total) => console.error(`${done}/${total} evaluations`) : undefined,
  });
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

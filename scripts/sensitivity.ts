// Command line: `rfo sensitivity [--progress] [spec.json]` (also `npm run --silent sensitivity -- …`;
// stdin when no file) runs a Sobol, Morris, uncertainty or Bayesian-optimisation analysis of the
// rocket engine or of a standard test function (spec in app/domain/analysis/analysis-spec.ts, README
// "Command line: sensitivity") and prints {"ok":true,…} or {"ok":false,"error":{…}} naming the field.
// `--progress` writes the evaluations done to stderr. Exit status 0 when the spec was read (failures
// are values in the output), 2 when it was not valid JSON, could not be read, or a flag is unknown.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { resolveAnalysisSpec } from '../app/domain/analysis/analysis-spec.ts';
import { err } from '../app/domain/result.ts';
import { parseModelFile } from '../app/domain/model-study.ts';
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
  const out = await analyse(withModelFile(input, path ? dirname(path) : '.'), progress);
  await writeOut(JSON.stringify(out.ok ? { ok: true, ...out.value } : out, null, 1) + '\n');
  return 0;
}

/**
 * A spec (sensitivity, or optimize's "bayesopt") whose `surrogate` is a path (of a Learn model file, .model.json; relative to the spec's
 * folder, or to the working folder for stdin) with the file's model document in its place; an
 * error value naming `surrogate` when it cannot be read.
 */
export function withModelFile(input: unknown, folder: string): unknown {
  const spec = input as Record<string, unknown> | null;
  if (!spec || typeof spec !== 'object' || typeof spec.surrogate !== 'string') return input;
  const file = resolve(folder, spec.surrogate);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ...spec, surrogate: err('bad-input', `surrogate: cannot read the model file ${file}: ${e instanceof Error ? e.message : String(e)}`, 'surrogate') };
  }
  const doc = parseModelFile(text, spec.surrogate);
  return { ...spec, surrogate: doc.ok ? doc.value : doc };
}

/** Resolves and runs a spec (the command without its I/O); the output object, or an error value naming the field. */
export async function analyse(input: unknown, progress = false): Promise<Result<object>> {
  // a model file that could not be read (withModelFile) is said as it is
  const unread = (input as { surrogate?: { ok?: unknown; error?: { message: string } } } | null)?.surrogate;
  if (unread?.ok === false && unread.error) return err('bad-input', unread.error.message, 'surrogate');
  const spec = resolveAnalysisSpec(input);
  if (!spec.ok) return spec;
  let evaluate: EvaluateRows;
  if (spec.value.model === 'surrogate') {
    // TensorFlow.js loads only for a model that needs it
    const { surrogateEvaluator } = await import('../workers/ml/analysis-surrogate.ts');
    const ev = surrogateEvaluator(spec.value);
    if (!ev.ok) return ev;
    evaluate = ev.value;
  } else if (spec.value.model === 'rocket') {
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

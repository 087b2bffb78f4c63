// Command line: `rfo optimize [--progress] [spec.json]` (also `npm run --silent optimize -- …`;
// stdin when no file) runs a rocket design optimisation (spec format in app/domain/optimize-spec.ts,
// README "optimize") and prints {"ok":true,"pareto":[…],"hypervolume":…,"evaluations":…} or
// {"ok":false,"error":{…}} naming the field. `--progress` writes one line per generation to stderr.
// Exit status 0 when the spec was read (failures are values in the output), 2 when it was not
// valid JSON or could not be read. With "algorithm":"bayesopt" it optimises a learned model instead
// (Bayesian optimisation, one objective; README "Command line: optimize").
import { makeEngineApi } from '../workers/engine-api.ts';
import { runNsga2 } from '../workers/optimize-api.ts';
import { isMainModule, loadEngineFiles, readJsonInput, writeOut } from './cli-engine.ts';
import { dirname } from 'node:path';
import { withModelFile } from './sensitivity.ts';

/** Runs the optimize command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const path = args.find((a) => !a.startsWith('-'));
  const progress = args.includes('--progress');
  const read = readJsonInput('optimize', path);
  if (!read) return 2;
  const input = read.value;
  if ((input as { algorithm?: unknown } | null)?.algorithm === 'bayesopt') {
    await writeOut(JSON.stringify(await bayesOptimize(withModelFile(input, path ? dirname(path) : '.')), null, 1) + '\n');
    return 0;
  }
  const { core, thermo } = await loadEngineFiles();
  const engine = makeEngineApi(core, thermo);
  const result = await runNsga2(core, input, {
    evaluate: (problems) => problems.map((p) => engine.solveRocket(p)),
    onProgress: progress
      ? (p) => console.error(`generation ${p.generation}/${p.generations}: ${p.front.length} on the front, hypervolume ${p.hypervolume?.toPrecision(6) ?? '–'}`)
      : undefined,
  });
  const out = result.ok ? { ok: true, ...result.value } : result;
  await writeOut(JSON.stringify(out, null, 1) + '\n');
  return 0;
}

/**
 * Bayesian optimisation of a learned model ("algorithm":"bayesopt", app/domain/optimize-bayes.ts):
 * {"ok":true,"algorithm":"bayesopt","best":{"design","value"},…} or an error value naming the field.
 */
export async function bayesOptimize(input: unknown): Promise<object> {
  const unread = (input as { surrogate?: { ok?: unknown; error?: { message: string } } } | null)?.surrogate;
  if (unread?.ok === false && unread.error) return { ok: false, error: { code: 'bad-input', message: unread.error.message, field: 'surrogate' } };
  // TensorFlow.js loads only for a learned model
  const { runSurrogateBayesOpt } = await import('../workers/ml/analysis-surrogate.ts');
  const r = await runSurrogateBayesOpt(input);
  return r.ok ? { ok: true, ...r.value } : r;
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

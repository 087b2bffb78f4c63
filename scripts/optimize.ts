// Command line: `rfo optimize [--progress] [spec.json]` (also `npm run --silent optimize -- …`;
// stdin when no file) runs a rocket design optimisation (spec format in app/domain/optimize-spec.ts,
// README "optimize") and prints {"ok":true,"pareto":[…],"hypervolume":…,"evaluations":…} or
// {"ok":false,"error":{…}} naming the field. `--progress` writes one line per generation to stderr.
// Exit status 0 when the spec was read (failures are values in the output), 2 when it was not
// valid JSON or could not be read.
import { makeEngineApi } from '../workers/engine-api.ts';
import { runNsga2 } from '../workers/optimize-api.ts';
import { isMainModule, loadEngineFiles, readJsonInput, writeOut } from './cli-engine.ts';

/** Runs the optimize command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const path = args.find((a) => !a.startsWith('-'));
  const progress = args.includes('--progress');
  const read = readJsonInput('optimize', path);
  if (!read) return 2;
  const input = read.value;
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

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

// Command line: `rfo design [spec.json]` (also `npm run --silent design -- …`; stdin when no file)
// sizes and draws a thrust chamber for a thrust requirement (spec in app/domain/design/spec.ts,
// README "Command line: design") and prints {"ok":true,"massFlow",…,"contour":[…],"heatFlux":[…],…}
// or {"ok":false,"error":{"code","message","field"}}. Exit status 0 when the spec was read (failures
// are values in the output), 2 when it was not valid JSON, could not be read, or a flag is unknown.
import { makeEngineApi } from '../workers/engine-api.ts';
import { runDesign } from '../workers/design-api.ts';
import { isMainModule, loadEngineFiles, readJsonInput, writeOut } from './cli-engine.ts';

/** Runs the design command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const flag = args.find((a) => a.startsWith('-') && a !== '-');
  if (flag) {
    console.error(`design: unknown option ${flag}`);
    return 2;
  }
  const path = args.find((a) => !a.startsWith('-'));
  const read = readJsonInput('design', path);
  if (!read) return 2;
  const input = read.value;
  const needsEngine = typeof input === 'object' && input !== null && (input as { problem?: unknown }).problem !== undefined;
  let engine = null;
  if (needsEngine) {
    const { core, thermo, trans } = await loadEngineFiles();
    engine = makeEngineApi(core, thermo, trans);
  }
  const result = runDesign(engine, input);
  const out = result.ok ? { ok: true, ...result.value } : result;
  await writeOut(JSON.stringify(out) + '\n');
  return 0;
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

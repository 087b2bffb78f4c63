// Command line: `rfo firing trace.csv [--design experiment.json]` (also `npm run --silent firing --
// …`; stdin when no file) analyses a recorded test-stand trace (README "Command line: firing") and
// prints {"ok":true,"burnTime","totalImpulse","averageThrust","peakThrust","cstar"?,"isp"?,
// "flags":[{"kind","time","frequency"?,"message"}…]} in SI, or {"ok":false,"error":{…}} naming the
// line, column or field. Exit status 0 when the files were read (failures are values in the
// output), 2 when a file could not be read, the design was not JSON, or an option is unknown.
import { readFileSync } from 'node:fs';
import { parseTraceText } from '../app/domain/firing/protocol.ts';
import { analyseFiring, seriesFromBuffer, type FiringDesign } from '../app/domain/firing/analyse.ts';
import { firingDesign } from '../app/domain/firing/design.ts';
import { isMainModule, writeOut } from './cli-engine.ts';

const USAGE = 'usage: rfo firing [trace.csv] [--design experiment.json]';

/** Runs the firing command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  let path: string | undefined;
  let designPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--design') {
      designPath = args[++i];
      if (designPath === undefined) {
        console.error(`firing: --design needs a file\n${USAGE}`);
        return 2;
      }
    } else if (a.startsWith('--design=')) designPath = a.slice('--design='.length);
    else if (a.startsWith('-') && a !== '-') {
      console.error(`firing: unknown option ${JSON.stringify(a)}\n${USAGE}`);
      return 2;
    } else if (path === undefined) path = a;
    else {
      console.error(`firing: one trace at a time (got ${JSON.stringify(path)} and ${JSON.stringify(a)})\n${USAGE}`);
      return 2;
    }
  }
  let text: string;
  try {
    text = readFileSync(path === undefined || path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    console.error(`firing: cannot read the trace from ${path ?? 'stdin'}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  let design: FiringDesign = {};
  if (designPath !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(designPath, 'utf8'));
    } catch (e) {
      console.error(`firing: cannot read a JSON design from ${designPath}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    const d = firingDesign(raw);
    if (!d.ok) {
      await writeOut(JSON.stringify(d) + '\n');
      return 0;
    }
    design = d.value;
  }
  const trace = parseTraceText(text);
  const result = trace.ok ? analyseFiring(seriesFromBuffer(trace.value.header, trace.value.buffer), design) : trace;
  if (!result.ok) {
    await writeOut(JSON.stringify(result) + '\n');
    return 0;
  }
  const a = result.value;
  // the fixed names of the interface, in this order; the domain's extra figures and evidence stay out
  const out = {
    ok: true,
    burnTime: a.burnTime,
    totalImpulse: a.totalImpulse,
    averageThrust: a.averageThrust,
    peakThrust: a.peakThrust,
    ...(a.cstar !== undefined ? { cstar: a.cstar } : {}),
    ...(a.isp !== undefined ? { isp: a.isp } : {}),
    flags: a.flags.map((f) => ({ kind: f.kind, time: f.time, ...(f.frequency !== undefined ? { frequency: f.frequency } : {}), message: f.message })),
  };
  await writeOut(JSON.stringify(out, null, 1) + '\n');
  return 0;
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

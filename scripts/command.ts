// Command line: `rfo command [--units SI|US] "text"` (also `npm run --silent command -- "text"`)
// prints the action the offline command grammar (app/domain/command/parse.ts) makes of a sentence:
// {"ok":true,"action":{…}} or {"ok":false,"error":{"code","message","field"}} saying what was not
// understood. The sentence is the arguments joined by spaces (stdin when there are none); numbers
// without a unit are read in --units (default SI: pressures in bar; US: psia).
// Exit status 0 when a sentence was read (a refusal is a value in the output), 2 for an unknown
// flag or unreadable input.
import { readFileSync } from 'node:fs';
import { parseCommand } from '../app/domain/command/parse.ts';
import type { UnitSystem } from '../app/domain/experiment.ts';
import { isMainModule, writeOut } from './cli-engine.ts';

/** Runs the command command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  let units: UnitSystem = 'SI';
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') continue;
    if (a === '--units' || a.startsWith('--units=')) {
      const v = a === '--units' ? args[++i] : a.slice('--units='.length);
      if (v !== 'SI' && v !== 'US') {
        console.error(`command: --units must be SI or US (got ${JSON.stringify(v ?? '')})`);
        return 2;
      }
      units = v;
    } else if (a.startsWith('--')) {
      console.error(`command: unknown flag ${JSON.stringify(a)}; usage: rfo command [--units SI|US] "LOX and methane at 100 bar, O/F 3.4"`);
      return 2;
    } else words.push(a);
  }
  let text = words.join(' ');
  if (!words.length) {
    try {
      text = readFileSync(0, 'utf8');
    } catch (e) {
      console.error(`command: cannot read a sentence from stdin: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  const r = parseCommand(text.trim(), { units });
  await writeOut(JSON.stringify(r.ok ? { ok: true, action: r.value } : r) + '\n');
  return 0;
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

// Nozzle exits of a design as the user reads and edits them: one line of text per exit (the same in
// Explore's inputs, the experiment views, Compare and the PDF) and the exit "Add exit" proposes.
import type { ExitSpec } from './problem.ts';
import { formatSig } from './number-text.ts';

/** How an exit is given, as one short text: "Ae/At = 16", "pc/pe = 95.73", "A/At = 3 (subsonic)". */
export function exitText(e: ExitSpec): string {
  if ('subsonicAreaRatio' in e) return `Ae/At = ${formatSig(e.subsonicAreaRatio, 5)} (subsonic)`;
  return 'areaRatio' in e ? `Ae/At = ${formatSig(e.areaRatio, 5)}` : `pc/pe = ${formatSig(e.pcOverPe, 5)}`;
}

/** The largest area ratio the engine accepts for an exit (app/domain/thermo-problem.ts allows more; Explore's field stops here). */
export const MAX_EXIT_AREA_RATIO = 10000;

/**
 * The exit "Add exit" appends: a supersonic area ratio twice the largest one given (a bigger
 * nozzle to compare with), capped at MAX_EXIT_AREA_RATIO; 40 when no exit is given by area ratio.
 */
export function nextExit(exits: readonly ExitSpec[]): ExitSpec {
  const ratios = exits.flatMap((e) => ('areaRatio' in e && Number.isFinite(e.areaRatio) ? [e.areaRatio] : []));
  return { areaRatio: ratios.length ? Math.min(MAX_EXIT_AREA_RATIO, 2 * Math.max(...ratios)) : 40 };
}

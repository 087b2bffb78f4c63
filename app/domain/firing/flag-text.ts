// A flag's sentence in the user's units (issue 18). The analyser writes its messages in SI (the
// `firing` command's output is SI by definition): pressures as "2.40 MPa", forces as "1425 N".
// The app shows them as the rest of the page does — bar or psia, N or lbf — by rewriting those
// figures with the same count of significant digits. Saved firings keep their SI messages, so one
// rewrite serves the live view, the saved firings and the reports alike, old records included.
import type { UnitSystem } from '../experiment.ts';
import { formatSig } from '../number-text.ts';
import { toDisplay, unitLabel, type Quantity } from '../units.ts';

const UNIT_OF: Record<string, { q: Quantity; perUnit: number }> = {
  MPa: { q: 'pressure', perUnit: 1e6 },
  N: { q: 'force', perUnit: 1 },
};

// a figure and its SI unit: "2.40 MPa", "1425 N", "1.425e+4 N" (the unit a whole word)
const FIGURE = /(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?) (MPa|N)(?![\w·/])/g;

/** Significant digits a figure was written with ("2.40" → 3, "1425" → 4, "1.425e+4" → 4). */
function digitsOf(text: string): number {
  const mantissa = text.replace(/^-/, '').split('e')[0].replace('.', '').replace(/^0+/, '');
  return Math.max(1, Math.min(6, mantissa.length || 1));
}

/** The message with its SI figures (MPa, N) in `units` (bar or psia, N or lbf), each to the digits it had. */
export function flagMessageIn(message: string, units: UnitSystem): string {
  return message.replace(FIGURE, (_, num: string, unit: string) => {
    const { q, perUnit } = UNIT_OF[unit];
    const v = toDisplay(q, Number(num) * perUnit, units);
    // as many digits as the SI figure had, and at least the whole number (1406.9 psia as 1407, not 1410)
    const whole = v === 0 ? 1 : Math.floor(Math.log10(Math.abs(v))) + 1;
    return `${formatSig(v, Math.min(6, Math.max(digitsOf(num), whole)))} ${unitLabel(q, units)}`;
  });
}

/** A flag as one line: "hard-start at t = 0.530 s: Hard start: …" (with its frequency when it has one), its figures in `units`. */
export function flagLine(f: { kind: string; time: number; frequency?: number; message: string }, units: UnitSystem): string {
  const hz = f.frequency !== undefined ? `, ${formatSig(f.frequency, 4)} Hz` : '';
  return `${f.kind} at t = ${f.time.toFixed(3)} s${hz}: ${flagMessageIn(f.message, units)}`;
}

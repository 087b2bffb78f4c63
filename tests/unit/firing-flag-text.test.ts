// Issue 18: a flag's sentence follows the user's units in the app (bar or psia, N or lbf), while the
// analyser's own message (what `rfo firing` prints) stays SI. The expected figures are converted
// here by hand from the flag's SI evidence: 1 bar = 1e5 Pa, 1 psi = 6894.757 Pa (lbf/in²),
// 1 lbf = 4.4482216 N (lbm·g0).
import { describe, expect, it } from 'vitest';
import { flagLine, flagMessageIn } from '../../app/domain/firing/flag-text.ts';
import { firingFiguresText } from '../../app/domain/firing/saved.ts';
import { analyseFiring } from '../../app/domain/firing/analyse.ts';
import { main as firingMain } from '../../scripts/firing.ts';
import { SYNTH, SYNTH_HEADER, synthCsv, synthesize } from '../../app/domain/firing/synthetic.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PSI = 6894.757293168361;
const LBF = 4.4482216152605;

describe('flag sentences in the user’s units', () => {
  it('pressures in bar (SI) or psia (US), forces in N or lbf; times, frequencies and percentages untouched', () => {
    const m = 'Hard start: chamber pressure peaked at 3.60 MPa at t = 0.530 s, 80 % above the steady 2.00 MPa that followed.';
    expect(flagMessageIn(m, 'SI')).toBe('Hard start: chamber pressure peaked at 36.0 bar at t = 0.530 s, 80 % above the steady 20.0 bar that followed.');
    // 3.6e6 / 6894.757 = 522.1; 2e6 / 6894.757 = 290.08
    expect(flagMessageIn(m, 'US')).toBe('Hard start: chamber pressure peaked at 522 psia at t = 0.530 s, 80 % above the steady 290 psia that followed.');
    const s = 'thrust saturated: flat at its maximum 1425 N for 2.800 s from t = 0.600 s; the real value may have been higher.';
    // 1425 / 4.4482216 = 320.353 lbf
    expect(flagMessageIn(s, 'US')).toBe('thrust saturated: flat at its maximum 320.4 lbf for 2.800 s from t = 0.600 s; the real value may have been higher.');
    expect(flagMessageIn(s, 'SI')).toBe(s);
    // exponent notation (toPrecision of a big force) and a figure above 1000 psia keep their whole digits
    expect(flagMessageIn('flat at its maximum 1.235e+4 N for', 'US')).toBe(`flat at its maximum ${Math.round(12350 / LBF)} lbf for`);
    expect(flagMessageIn('(2.00 MPa measured, 9.70 MPa predicted)', 'US')).toBe('(290 psia measured, 1407 psia predicted)');
    // words that merely contain N or MPa are left alone
    const plain = 'Sensor dropout on pc: 12 samples missing from t = 2.000 s. No N2 here, nor MPaX.';
    expect(flagMessageIn(plain, 'US')).toBe(plain);
  });

  it('the analyser’s pc-drift sentence, converted, carries its evidence in psia; the message itself stays SI', () => {
    const a = analyseFiring(synthesize({ scenario: 'pc-drift' }), { pc: SYNTH.pc0 });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const f = a.value.flags.find((x) => x.kind === 'pc-drift')!;
    expect(f.message).toMatch(/MPa measured, 2\.00 MPa predicted/);
    const us = flagMessageIn(f.message, 'US');
    const measured = Number(/\(([\d.]+) psia measured/.exec(us)![1]);
    // the SI message rounds the measured pc to 3 digits: within half a unit of its last digit
    expect(Math.abs(measured - f.evidence.measuredPc / PSI)).toBeLessThan(0.005 * f.evidence.measuredPc / PSI + 0.5);
    expect(us).toContain(`${Math.round(SYNTH.pc0 / PSI)} psia predicted`);
    expect(us).not.toContain('MPa');
    expect(flagLine(f, 'SI')).toMatch(new RegExp(`^pc-drift at t = ${f.time.toFixed(3)} s: Chamber pressure .* 20\\.0 bar predicted\\)\\.$`));
  });

  it('the firing command keeps printing SI messages (MPa)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rfo-flag-'));
    const file = join(dir, 'hard.csv');
    writeFileSync(file, synthCsv(synthesize({ scenario: 'hard-start' })));
    expect(SYNTH_HEADER).toContain('(Pa)');
    const write = process.stdout.write.bind(process.stdout);
    let text = '';
    process.stdout.write = ((c: string | Uint8Array) => { text += String(c); return true; }) as typeof process.stdout.write;
    try {
      await firingMain([file]);
    } finally {
      process.stdout.write = write;
    }
    const out = JSON.parse(text) as { flags: { kind: string; message: string }[] };
    expect(out.flags.find((f) => f.kind === 'hard-start')!.message).toMatch(/steady 2\.00 MPa that followed/);
  });
});

describe('a saved firing’s figures in a list', () => {
  // 3.1415 s, 4370.2 N·s, 1502.3 N: 4370.2 / 4.4482216 = 982.47 lbf·s, 1502.3 / 4.4482216 = 337.73 lbf
  const f = { summary: { burnTime_s: 3.1415, totalImpulse_Ns: 4370.2, peakThrust_N: 1502.3, averageThrust_N: 1391 }, flags: [{ kind: 'pc-drift', time: 1.6, message: '' }] };
  it('burn time, total impulse, peak thrust and the flag count, in SI or US units', () => {
    expect(firingFiguresText(f, 'SI')).toBe('3.142 s burn, 4,370 N·s, peak 1,502 N, 1 flag');
    expect(firingFiguresText(f, 'US')).toBe('3.142 s burn, 982.5 lbf·s, peak 337.7 lbf, 1 flag');
  });
  it('leaves out a figure it does not have, never NaN', () => {
    expect(firingFiguresText({ summary: { burnTime_s: 2 }, flags: [] }, 'US')).toBe('2 s burn, 0 flags');
  });
});

// Synthetic firings with known answers, for the simulator (scripts/stand-sim.ts) and the tests.
// A liquid engine at pc0 = 2 MPa: throat At0 = 5e-4 m², Cf = 1.5 (F = Cf·At·pc = 1500 N),
// c* = 1500 m/s (ṁ = pc·At/c* = 0.667 kg/s). Ignition at 0.5 s with a half-cosine rise over
// `rise` s, steady to 3.5 s, half-cosine tail-off over 0.2 s, trace to 4.5 s. Each scenario adds
// one known fault at a known time; noise is seeded.
import { createRng } from '../ml-random.ts';

export const SCENARIOS = ['nominal', 'hard-start', 'chugging', 'screech', 'erosion', 'dropout', 'saturation', 'pressure-loss', 'pc-drift'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SYNTH = {
  pc0: 2e6,
  throatArea: 5e-4,
  cf: 1.5,
  cstar: 1500,
  ignition: 0.5,
  cutoff: 3.5,
  tail: 0.2,
  duration: 4.5,
  /** Fault times, s. */
  hardStartPeak: 0.53,
  oscillationFrom: 2.0,
  erosionFrom: 1.5,
  /** Throat area growth per second of erosion (At = At0·(1 + rate·τ)). */
  erosionRate: 0.06,
  dropoutFrom: 2.0,
  dropoutFor: 0.1,
  pressureLossAt: 2.5,
  pressureLossTo: 0.55,
  driftFrom: 1.5,
  /** Chamber-pressure decline per second after driftFrom (fraction of pc0). */
  driftRate: 0.1,
} as const;

export interface SynthOptions {
  scenario?: Scenario;
  /** Samples per second. */
  rate?: number;
  /** Oscillation frequency (chugging, screech), Hz. */
  frequency?: number;
  /** Oscillation amplitude, fraction of pc0. */
  amplitude?: number;
  /** Gaussian noise, fraction of the full-scale value, on every channel. */
  noise?: number;
  /** Mains hum on pc, fraction of pc0 (50 Hz). */
  hum?: number;
  seed?: number;
  /** Rise time of the ignition transient, s. */
  rise?: number;
}

export interface SynthTrace {
  t: Float64Array;
  thrust: Float64Array;
  pc: Float64Array;
  flow: Float64Array;
}

/** The smooth burn profile in [0, 1]: half-cosine rise, plateau, half-cosine tail-off. */
export function burnProfile(t: number, rise: number): number {
  const { ignition, cutoff, tail } = SYNTH;
  if (t <= ignition || t >= cutoff + tail) return 0;
  if (t < ignition + rise) return 0.5 * (1 - Math.cos((Math.PI * (t - ignition)) / rise));
  if (t <= cutoff) return 1;
  return 0.5 * (1 + Math.cos((Math.PI * (t - cutoff)) / tail));
}

export function defaultFrequency(s: Scenario): number {
  return s === 'screech' ? 2500 : 40;
}

/** A synthetic firing of the scenario, sampled uniformly. */
export function synthesize(o: SynthOptions = {}): SynthTrace {
  const scenario = o.scenario ?? 'nominal';
  const rate = o.rate ?? (scenario === 'screech' ? 10000 : 1000);
  const f = o.frequency ?? defaultFrequency(scenario);
  const amp = o.amplitude ?? 0.08;
  const rise = o.rise ?? (scenario === 'hard-start' ? 0.02 : 0.1);
  const rng = createRng(o.seed ?? 1);
  const noise = o.noise ?? 0;
  const hum = o.hum ?? 0;
  const S = SYNTH;
  const n = Math.round(S.duration * rate) + 1;
  const t = new Float64Array(n);
  const thrust = new Float64Array(n);
  const pc = new Float64Array(n);
  const flow = new Float64Array(n);
  const F0 = S.cf * S.throatArea * S.pc0;
  const m0 = (S.pc0 * S.throatArea) / S.cstar;
  for (let i = 0; i < n; i++) {
    const ti = i / rate;
    const prof = burnProfile(ti, rise);
    // ṁ follows the profile; the throat sets pc = ṁ·c*/At; thrust = Cf·At·pc
    const mdot = m0 * prof;
    let at = S.throatArea;
    if (scenario === 'erosion' && ti > S.erosionFrom) at *= 1 + S.erosionRate * (ti - S.erosionFrom);
    let p = (mdot * S.cstar) / at;
    if (scenario === 'pc-drift' && ti > S.driftFrom) p *= 1 - S.driftRate * (ti - S.driftFrom);
    if (scenario === 'pressure-loss' && ti > S.pressureLossAt) p *= Math.max(S.pressureLossTo, 1 - ((1 - S.pressureLossTo) * (ti - S.pressureLossAt)) / 0.01);
    if (scenario === 'hard-start') p += 0.8 * S.pc0 * Math.exp(-((ti - S.hardStartPeak) ** 2) / (2 * 0.006 ** 2));
    if ((scenario === 'chugging' || scenario === 'screech') && ti >= S.oscillationFrom && ti < S.cutoff) p += amp * S.pc0 * Math.sin(2 * Math.PI * f * (ti - S.oscillationFrom));
    const F = S.cf * at * p;
    p += hum * S.pc0 * Math.sin(2 * Math.PI * 50 * ti);
    t[i] = ti;
    thrust[i] = F + noise * F0 * rng.normal();
    pc[i] = p + noise * S.pc0 * rng.normal();
    flow[i] = mdot + noise * m0 * rng.normal();
    if (scenario === 'dropout' && ti >= S.dropoutFrom && ti < S.dropoutFrom + S.dropoutFor) pc[i] = 0;
    if (scenario === 'saturation') {
      const clip = 0.95 * F0;
      if (thrust[i] > clip) thrust[i] = clip;
    }
  }
  return { t, thrust, pc, flow };
}

/** Header line of a synthetic trace in the protocol. */
export const SYNTH_HEADER = 'time (s),thrust (N),pc (Pa),mdot (kg/s)';

/** One protocol line of sample i. */
export function synthLine(s: SynthTrace, i: number): string {
  const r = (v: number, d: number) => (Number.isNaN(v) ? '' : +v.toFixed(d));
  return `${r(s.t[i], 6)},${r(s.thrust[i], 3)},${r(s.pc[i], 1)},${r(s.flow[i], 6)}`;
}

/** The whole trace as protocol text (header and one line per sample). */
export function synthCsv(s: SynthTrace): string {
  const lines = [SYNTH_HEADER];
  for (let i = 0; i < s.t.length; i++) lines.push(synthLine(s, i));
  return lines.join('\n') + '\n';
}

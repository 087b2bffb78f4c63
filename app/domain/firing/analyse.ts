// Figures and anomaly flags of a firing (definitions in the README, "Test stand"). Pure and
// deterministic: the live view runs it on the samples so far, the command line on a whole trace.
import { err, ok, type Result } from '../result.ts';
import { meanSquareSpectrum } from './fft.ts';
import type { FiringBuffer } from './buffer.ts';
import type { FiringHeader } from './protocol.ts';

/** One firing in SI: time s, thrust N, chamber pressure Pa, propellant mass kg, total mass flow kg/s. */
export interface FiringSeries {
  t: Float64Array;
  thrust: Float64Array;
  pc?: Float64Array;
  mass?: Float64Array;
  flow?: Float64Array;
}

/** What the design predicts (from an experiment): chamber pressure Pa, throat area m². */
export interface FiringDesign {
  pc?: number;
  throatArea?: number;
}

export const FLAG_KINDS = ['hard-start', 'chugging', 'screech', 'pc-drift', 'erosion', 'dropout', 'saturation', 'pressure-loss'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface FiringFlag {
  kind: FlagKind;
  /** When it began, s (trace time). */
  time: number;
  /** Dominant frequency, Hz (chugging and screech). */
  frequency?: number;
  /** A sentence a user can read. */
  message: string;
  /** The channel it concerns. */
  channel?: string;
  /** The numbers behind the flag (SI; names say what). */
  evidence: Record<string, number>;
}

export interface FiringAnalysis {
  /** From the first to the last crossing of 10 % of peak thrust, s. */
  burnTime: number;
  /** ∫F dt over the burn (trapezoid), N·s. */
  totalImpulse: number;
  /** totalImpulse / burnTime, N. */
  averageThrust: number;
  peakThrust: number;
  /** Delivered c* = At·∫pc dt / propellant mass, m/s (needs pc, a throat area and mass or flow). */
  cstar?: number;
  /** Delivered Isp = total impulse / propellant mass, m/s (N·s/kg; ÷ g0 for seconds). */
  isp?: number;
  burnStart: number;
  burnEnd: number;
  /** Propellant used during the burn, kg (from flow or mass). */
  propellantMass?: number;
  /** Median sample rate, Hz. */
  sampleRate: number;
  /** Median chamber pressure of the steady part of the burn, Pa. */
  pcSteady?: number;
  flags: FiringFlag[];
}

// Thresholds (README "Test stand: flags"). Each sits well above what realistic sensor noise does
// to a nominal trace (tests/unit/firing-analyse.test.ts runs noisy nominal traces on many seeds).
export const THRESHOLDS = {
  burnFraction: 0.1,
  hardStartOvershoot: 0.2,
  /** Oscillation amplitude (zero to peak) over the mean pressure. */
  oscillationAmplitude: 0.025,
  /** Power of the peak over the band's median power in the same width: a tone, not noise. */
  tonality: 10,
  chuggingBand: [10, 1000] as [number, number],
  screechFrom: 1000,
  pcDrift: 0.1,
  erosion: 0.05,
  pressureLoss: 0.25,
  gapFactor: 5,
} as const;

/** The analysis channels of a parsed trace (flows summed). */
export function seriesFromBuffer(header: FiringHeader, buffer: FiringBuffer): FiringSeries {
  const cols = buffer.columns();
  const s: FiringSeries = { t: cols[header.time], thrust: cols[header.thrust] };
  if (header.pc >= 0) s.pc = cols[header.pc];
  if (header.mass >= 0) s.mass = cols[header.mass];
  if (header.flows.length) {
    const f = new Float64Array(buffer.length);
    for (const c of header.flows) for (let i = 0; i < f.length; i++) f[i] += cols[c][i];
    s.flow = f;
  }
  return s;
}

// ---------- small helpers ----------

function medianOf(values: number[]): number {
  if (!values.length) return NaN;
  const v = values.slice().sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Median of the finite, good samples with index in [a, b). */
function medianRange(y: Float64Array, a: number, b: number, bad?: Uint8Array): number {
  const v: number[] = [];
  for (let i = a; i < b; i++) if (Number.isFinite(y[i]) && !(bad && bad[i])) v.push(y[i]);
  return medianOf(v);
}

/** First index with t[i] ≥ x (binary search). */
function indexAt(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (t[m] < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** y at time x by linear interpolation between the nearest finite samples. */
function valueAt(t: Float64Array, y: Float64Array, x: number): number {
  let j = indexAt(t, x);
  while (j < t.length && !Number.isFinite(y[j])) j++;
  let i = Math.min(indexAt(t, x), t.length) - 1;
  if (j < t.length && t[j] === x) return y[j];
  while (i >= 0 && !Number.isFinite(y[i])) i--;
  if (i < 0) return j < t.length ? y[j] : NaN;
  if (j >= t.length) return y[i];
  return y[i] + ((y[j] - y[i]) * (x - t[i])) / (t[j] - t[i]);
}

/** ∫ y dt from a to b by trapezoids over the finite samples, interpolated at both ends. */
function integrate(t: Float64Array, y: Float64Array, a: number, b: number): number {
  let prevT = a;
  let prevY = valueAt(t, y, a);
  let sum = 0;
  for (let i = indexAt(t, a); i < t.length && t[i] < b; i++) {
    if (!Number.isFinite(y[i]) || t[i] <= a) continue;
    sum += 0.5 * (prevY + y[i]) * (t[i] - prevT);
    prevT = t[i];
    prevY = y[i];
  }
  sum += 0.5 * (prevY + valueAt(t, y, b)) * (b - prevT);
  return sum;
}

/** Centred moving average over k samples (k made odd; the finite ones only); y itself when k < 3. */
function smooth(y: Float64Array, k: number): Float64Array {
  const h = k >> 1;
  if (h < 1) return y;
  const n = y.length;
  const sum = new Float64Array(n + 1);
  const cnt = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const ok = Number.isFinite(y[i]);
    sum[i + 1] = sum[i] + (ok ? y[i] : 0);
    cnt[i + 1] = cnt[i] + (ok ? 1 : 0);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - h);
    const b = Math.min(n, i + h + 1);
    const c = cnt[b] - cnt[a];
    out[i] = c ? (sum[b] - sum[a]) / c : NaN;
  }
  return out;
}

const fmtT = (s: number) => `t = ${s.toFixed(3)} s`;
const fmtP = (pa: number) => `${(pa / 1e6).toPrecision(3)} MPa`;
const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)} %`;

interface Window {
  a: number;
  b: number;
  tc: number;
}

/** Consecutive windows of about `width` seconds over indexes [a, b). */
function windows(t: Float64Array, a: number, b: number, width: number): Window[] {
  const out: Window[] = [];
  let i = a;
  while (i < b) {
    const j = Math.min(b, indexAt(t, t[i] + width));
    if (j - i < 4) break;
    out.push({ a: i, b: j, tc: 0.5 * (t[i] + t[j - 1]) });
    i = j;
  }
  return out;
}

/**
 * First time a windowed deviation passes `limit` (in absolute value) and stays past it for
 * `sustain` windows (or to the end); interpolated between window centres. Null if it never does.
 */
function firstSustained(ws: Window[], dev: number[], limit: number, sustain: number): { i: number; time: number } | null {
  for (let i = 0; i < ws.length; i++) {
    if (!(Math.abs(dev[i]) > limit)) continue;
    let k = i;
    while (k < ws.length && k - i < sustain && Math.abs(dev[k]) > limit && Math.sign(dev[k]) === Math.sign(dev[i])) k++;
    if (k - i < sustain && k < ws.length) continue;
    let time = ws[i].tc;
    const p = i - 1;
    if (p >= 0 && Number.isFinite(dev[p]) && Math.abs(dev[i]) !== Math.abs(dev[p])) {
      const f = (limit - Math.abs(dev[p])) / (Math.abs(dev[i]) - Math.abs(dev[p]));
      time = ws[p].tc + Math.min(1, Math.max(0, f)) * (ws[i].tc - ws[p].tc);
    }
    return { i, time };
  }
  return null;
}

// ---------- sensor health: dropout and saturation ----------

interface Health {
  flags: FiringFlag[];
  /** Samples not to be trusted (NaN, stuck, clipped). */
  bad: Uint8Array;
}

function channelHealth(name: string, y: Float64Array, t: Float64Array, ia: number, ib: number, dt: number, level: number, baseline: [number, number]): Health {
  const n = y.length;
  const bad = new Uint8Array(n);
  const flags: FiringFlag[] = [];
  // missing values anywhere
  let nan = 0;
  let firstNan = -1;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(y[i])) {
      bad[i] = 1;
      nan++;
      if (firstNan < 0) firstNan = i;
    }
  }
  if (nan) {
    flags.push({
      kind: 'dropout', time: t[firstNan], channel: name,
      message: `Sensor dropout on ${name}: ${nan} sample${nan === 1 ? '' : 's'} missing from ${fmtT(t[firstNan])}.`,
      evidence: { missingSamples: nan },
    });
  }
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (y[i] > max) max = y[i];
  // runs of one repeated value in the steady part: at the maximum (clipping), at zero, or frozen
  const runs: { a: number; b: number; v: number }[] = [];
  let same = 0;
  let pairs = 0;
  for (let i = ia; i < ib; ) {
    let j = i + 1;
    while (j < ib && y[j] === y[i]) j++;
    if (j - i >= 2 && Number.isFinite(y[i])) runs.push({ a: i, b: j, v: y[i] });
    if (y[i] !== max) {
      pairs += j - i;
      same += j - i - 1;
    }
    i = j;
  }
  // A sensor with noise never repeats a value for long, but a clean (synthetic) signal does on every
  // plateau: repeats count only on a channel that is noisy (rough from sample to sample) and
  // seldom repeats itself outside its maximum.
  // The baseline before and after the burn tells too: a real sensor is never exactly still there.
  const roughness = (ranges: [number, number][]) => {
    const d: number[] = [];
    for (const [a, b] of ranges) {
      for (let i = Math.max(1, a); i < Math.min(b, n - 1); i++) {
        if (y[i] === max || y[i - 1] === max || y[i + 1] === max) continue;
        const v = Math.abs(y[i + 1] - 2 * y[i] + y[i - 1]);
        if (Number.isFinite(v)) d.push(v);
      }
    }
    return d.length >= 10 && medianOf(d) > 1e-4 * Math.abs(level);
  };
  const noisy = (pairs >= 20 && same / pairs < 0.2 && roughness([[ia, ib]])) || roughness([[0, baseline[0]], [baseline[1], n]]);
  const minRun = (sec: number, samples: number) => Math.max(samples, Math.ceil(sec / dt));
  const zeroTol = 0.02 * Math.abs(level);
  // stuck near zero while the engine burns: any run, noisy or not
  for (let i = ia; i < ib; ) {
    if (!(Math.abs(y[i]) <= zeroTol)) {
      i++;
      continue;
    }
    let j = i;
    while (j < ib && Math.abs(y[j]) <= zeroTol) j++;
    if (j - i >= minRun(0.005, 3)) {
      for (let k = i; k < j; k++) bad[k] = 1;
      if (!flags.some((f) => f.evidence.stuckDuration !== undefined)) {
        flags.push({
          kind: 'dropout', time: t[i], channel: name,
          message: `Sensor dropout on ${name}: it read zero for ${(t[j - 1] - t[i] + dt).toFixed(3)} s from ${fmtT(t[i])} while the engine was firing.`,
          evidence: { stuckDuration: t[j - 1] - t[i] + dt, stuckValue: y[i] },
        });
      }
    }
    i = j;
  }
  const atMax = runs.filter((r) => r.v === max);
  const atMaxSamples = atMax.reduce((s, r) => s + r.b - r.a, 0);
  if (max > zeroTol && atMaxSamples >= minRun(0.005, 10) && noisy) {
    for (const r of atMax) for (let k = r.a; k < r.b; k++) bad[k] = 1;
    const first = atMax[0];
    flags.push({
      kind: 'saturation', time: t[first.a], channel: name,
      message: `${name} saturated: flat at its maximum ${name === 'thrust' ? `${max.toPrecision(4)} N` : fmtP(max)} for ${(atMaxSamples * dt).toFixed(3)} s from ${fmtT(t[first.a])}; the real value may have been higher.`,
      evidence: { max, saturatedDuration: atMaxSamples * dt },
    });
  }
  if (noisy) {
    const frozen = runs.find((r) => r.v !== max && Math.abs(r.v) > zeroTol && r.b - r.a >= minRun(0.01, 10));
    if (frozen) {
      for (let k = frozen.a; k < frozen.b; k++) bad[k] = 1;
      flags.push({
        kind: 'dropout', time: t[frozen.a], channel: name,
        message: `Sensor dropout on ${name}: stuck at one value for ${((frozen.b - frozen.a) * dt).toFixed(3)} s from ${fmtT(t[frozen.a])}.`,
        evidence: { stuckDuration: (frozen.b - frozen.a) * dt, stuckValue: frozen.v },
      });
    }
  }
  return { flags, bad };
}

// ---------- oscillations: chugging and screech ----------

interface Tone {
  start: number;
  end: number;
  frequency: number;
  amplitude: number;
}

/** Tones in pc over [ia, ib): per band, the first run of windows where one spectral peak passes the thresholds. */
function tones(t: Float64Array, pc: Float64Array, bad: Uint8Array, ia: number, ib: number, dt: number, bands: [number, number][]): (Tone | null)[] {
  const nSteady = ib - ia;
  let n = 1;
  while (n < 0.25 / dt) n <<= 1;
  while (n > nSteady && n > 32) n >>= 1;
  if (n < 32 || n > nSteady) return bands.map(() => null);
  const df = 1 / (n * dt);
  const hop = n >> 1;
  const found: ({ w: number; f: number; amp: number }[] | null)[] = bands.map(() => []);
  let w = 0;
  const x = new Float64Array(n);
  for (let j = ia; j + n <= ib; j += hop, w++) {
    let ok = t[j + n - 1] - t[j] <= 1.5 * n * dt;
    let mean = 0;
    for (let i = 0; i < n && ok; i++) {
      if (bad[j + i]) ok = false;
      x[i] = pc[j + i];
      mean += x[i];
    }
    if (!ok) continue;
    mean /= n;
    const s = meanSquareSpectrum(x);
    bands.forEach(([lo, hi], bi) => {
      const kLo = Math.max(3, Math.ceil(lo / df));
      const kHi = Math.min(Math.floor(hi / df), n / 2 - 3);
      if (kHi - kLo < 8) return;
      let kp = kLo;
      for (let k = kLo; k <= kHi; k++) if (s[k] > s[kp]) kp = k;
      let tone = 0;
      for (let k = kp - 2; k <= kp + 2; k++) tone += s[k];
      const band: number[] = [];
      for (let k = kLo; k <= kHi; k++) band.push(s[k]);
      const binFloor = medianOf(band);
      const amp = Math.sqrt(2 * tone) / mean;
      // a sinusoid under a Hann window stays within ±2 bins; a step or a broad bump spills further
      const side: number[] = [];
      for (let k = kp - 8; k <= kp + 8; k++) if (Math.abs(k - kp) > 2 && k >= 1 && k < s.length) side.push(s[k]);
      const sideMean = side.reduce((u, v) => u + v, 0) / side.length;
      const narrow = kp > kLo && kp < kHi && (sideMean <= 5 * binFloor || sideMean <= 2e-3 * tone);
      if (amp >= THRESHOLDS.oscillationAmplitude && tone >= THRESHOLDS.tonality * 5 * binFloor && narrow) {
        const a = Math.log(s[kp - 1] + 1e-300);
        const b = Math.log(s[kp] + 1e-300);
        const c = Math.log(s[kp + 1] + 1e-300);
        const d = a - 2 * b + c;
        const delta = d < 0 ? (0.5 * (a - c)) / d : 0;
        found[bi]!.push({ w: j, f: (kp + delta) * df, amp });
      }
    });
  }
  return found.map((list) => {
    if (!list || !list.length) return null;
    // the first run of windows in a row (two at least, unless the burn holds fewer)
    const need = Math.floor((nSteady - n) / hop) + 1 >= 2 ? 2 : 1;
    for (let i = 0; i < list.length; i++) {
      let k = i + 1;
      while (k < list.length && list[k].w === list[k - 1].w + hop && Math.abs(list[k].f / list[i].f - 1) < 0.2) k++;
      if (k - i < need) continue;
      const run = list.slice(i, k);
      const f = medianOf(run.map((r) => r.f));
      const amp = Math.max(...run.map((r) => r.amp));
      const startIdx = run[0].w;
      return { start: onset(t, pc, Math.max(ia, startIdx - hop), startIdx + n, f, dt, amp) ?? t[startIdx + hop], end: t[run[run.length - 1].w + n - 1], frequency: f, amplitude: amp };
    }
    return null;
  });
}

/** When a tone of frequency f first reaches half its amplitude, by demodulation over whole periods. */
function onset(t: Float64Array, y: Float64Array, a: number, b: number, f: number, dt: number, amp: number): number | null {
  // averaged over whole periods spanning about 10 ms (one period at least), so noise cannot fake the onset
  const periods = Math.max(1, Math.round(0.01 * f));
  const m = Math.max(2, Math.round(periods / (f * dt)));
  const h = m >> 1;
  const len = b - a;
  if (len < 4 * m) return null;
  // centred moving average of m samples from prefix sums
  const sums = (src: Float64Array) => {
    const c = new Float64Array(src.length + 1);
    for (let i = 0; i < src.length; i++) c[i + 1] = c[i] + src[i];
    return (i: number) => (c[i - h + m] - c[i - h]) / m;
  };
  const seg = y.slice(a, b);
  const level = medianRange(y, a, b);
  const mean = sums(seg);
  const re = new Float64Array(len);
  const im = new Float64Array(len);
  for (let i = h; i < len - m + h; i++) {
    const d = seg[i] - mean(i);
    const ph = 2 * Math.PI * f * (t[a + i] - t[a]);
    re[i] = d * Math.cos(ph);
    im[i] = d * Math.sin(ph);
  }
  const mr = sums(re);
  const mi = sums(im);
  const env = (i: number) => 2 * Math.hypot(mr(i), mi(i));
  const lim = 0.5 * amp * level;
  for (let i = 2 * h; i < len - 2 * m; i++) {
    if (env(i) >= lim && env(i + h) >= lim && env(i + m) >= lim) return t[a + i];
  }
  return null;
}

// ---------- the analysis ----------

/** Burn figures and anomaly flags of a firing; an error value when there is no burn to analyse. */
export function analyseFiring(s: FiringSeries, design: FiringDesign = {}): Result<FiringAnalysis> {
  const { t, thrust: F } = s;
  const n = t.length;
  if (n < 3) return err('too-short', `The trace has ${n} sample${n === 1 ? '' : 's'}; a firing needs at least 3.`, 'samples');
  const steps: number[] = [];
  for (let i = 1; i < n; i++) steps.push(t[i] - t[i - 1]);
  const dt = medianOf(steps);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) if (F[i] > peak) peak = F[i];
  if (!(peak > 0)) return err('no-burn', `Thrust never rises above 0 N (peak ${Number.isFinite(peak) ? peak : 'missing'}): no burn to analyse.`, 'thrust');
  const thr = THRESHOLDS.burnFraction * peak;
  // crossings found on thrust averaged over 5 ms, so that sensor noise near the threshold cannot
  // open or close the burn early (a centred average leaves a straight ramp where it is)
  const Fs = smooth(F, Math.round(0.005 / dt));
  let i0 = 0;
  while (i0 < n - 1 && !(Fs[i0] >= thr)) i0++;
  let i1 = n - 1;
  while (i1 > 0 && !(Fs[i1] >= thr)) i1--;
  if (i1 < i0) i1 = i0;
  const cross = (y: Float64Array, i: number, j: number) => (Number.isFinite(y[j]) && Number.isFinite(y[i]) && y[j] !== y[i] ? t[i] + ((thr - y[i]) * (t[j] - t[i])) / (y[j] - y[i]) : t[i]);
  // then the raw signal's own crossing next to it, where there is one (averaging rounds a sharp corner)
  const h = Math.max(1, Math.round(0.0025 / dt));
  let burnStart = i0 > 0 ? cross(Fs, i0 - 1, i0) : t[0];
  for (let j = Math.max(1, i0 - h); j <= Math.min(n - 1, i0 + h); j++) {
    if (F[j] >= thr && F[j - 1] < thr) {
      burnStart = cross(F, j - 1, j);
      break;
    }
  }
  let burnEnd = i1 < n - 1 ? cross(Fs, i1, i1 + 1) : t[n - 1];
  for (let j = Math.min(n - 2, i1 + h); j >= Math.max(0, i1 - h); j--) {
    if (F[j] >= thr && F[j + 1] < thr) {
      burnEnd = cross(F, j, j + 1);
      break;
    }
  }
  const burnTime = burnEnd - burnStart;
  const totalImpulse = integrate(t, F, burnStart, burnEnd);
  const out: FiringAnalysis = {
    burnTime, totalImpulse, averageThrust: burnTime > 0 ? totalImpulse / burnTime : peak, peakThrust: peak,
    burnStart, burnEnd, sampleRate: 1 / dt, flags: [],
  };

  // propellant used, c* and Isp
  let mProp: number | undefined;
  if (s.flow) mProp = integrate(t, s.flow, burnStart, burnEnd);
  else if (s.mass) {
    const before = medianRange(s.mass, indexAt(t, burnStart - 0.5), indexAt(t, burnStart));
    const after = medianRange(s.mass, indexAt(t, burnEnd) + 1, indexAt(t, burnEnd + 0.5));
    const m0 = Number.isFinite(before) ? before : valueAt(t, s.mass, burnStart);
    const m1 = Number.isFinite(after) ? after : valueAt(t, s.mass, burnEnd);
    mProp = m0 - m1;
  }
  if (mProp !== undefined && mProp > 0 && Number.isFinite(mProp)) {
    out.propellantMass = mProp;
    out.isp = totalImpulse / mProp;
    if (s.pc && design.throatArea !== undefined && design.throatArea > 0) out.cstar = (design.throatArea * integrate(t, s.pc, burnStart, burnEnd)) / mProp;
  }

  // the steady part: the burn without its start and end transients
  const tau = Math.min(0.3, Math.max(0.05, 0.1 * burnTime));
  const ia = indexAt(t, burnStart + tau);
  const ib = indexAt(t, burnEnd - tau);
  const flags: FiringFlag[] = [];
  const gaps: number[] = [];
  for (let i = 1; i < n; i++) if (t[i] - t[i - 1] > THRESHOLDS.gapFactor * dt) gaps.push(i);
  if (gaps.length) {
    const g = gaps[0];
    flags.push({
      kind: 'dropout', time: t[g - 1], channel: 'time',
      message: `Data dropout: no samples for ${(t[g] - t[g - 1]).toFixed(3)} s from ${fmtT(t[g - 1])}${gaps.length > 1 ? ` (${gaps.length} gaps in all)` : ''}.`,
      evidence: { gap: t[g] - t[g - 1], gaps: gaps.length },
    });
  }
  const steadyOk = ib - ia >= 16;
  const fLevel = steadyOk ? medianRange(F, ia, ib) : peak;
  const baseline: [number, number] = [indexAt(t, burnStart - 0.05), indexAt(t, burnEnd + 0.05)];
  const fHealth = channelHealth('thrust', F, t, ia, ib, dt, fLevel, baseline);
  flags.push(...fHealth.flags);
  if (s.pc && steadyOk) {
    const pc = s.pc;
    const pcLevel = medianRange(pc, ia, ib);
    const health = channelHealth('pc', pc, t, ia, ib, dt, pcLevel, baseline);
    flags.push(...health.flags);
    const bad = health.bad;
    const pcRef = medianRange(pc, ia, ib, bad);
    out.pcSteady = pcRef;

    // hard start: overshoot at ignition over the level that follows
    const pcs = smooth(pc, Math.round(0.005 / dt));
    let ig = indexAt(t, burnStart - 0.2);
    while (ig < n && !(pcs[ig] >= 0.1 * pcRef)) ig++;
    if (ig < n) {
      const th = Math.min(0.2, Math.max(0.05, 0.1 * burnTime));
      const a = ig;
      const b = indexAt(t, t[ig] + th);
      const c = Math.min(indexAt(t, t[ig] + th + Math.max(0.2, th)), Math.max(ib, b + 1));
      const following = medianRange(pc, b, c, bad);
      const level = Number.isFinite(following) ? following : pcRef;
      let pk = -Infinity;
      let ipk = a;
      for (let i = Math.max(1, a); i < Math.min(b, n - 1); i++) {
        const m = medianOf([pc[i - 1], pc[i], pc[i + 1]].filter(Number.isFinite));
        if (m > pk) [pk, ipk] = [m, i];
      }
      const over = pk / level - 1;
      if (over > THRESHOLDS.hardStartOvershoot && level > 0.5 * pcRef) {
        flags.push({
          kind: 'hard-start', time: t[ipk], channel: 'pc',
          message: `Hard start: chamber pressure peaked at ${fmtP(pk)} at ${fmtT(t[ipk])}, ${pct(over)} above the steady ${fmtP(level)} that followed.`,
          evidence: { peakPc: pk, steadyPc: level, overshoot: over },
        });
      }
    }

    // chugging and screech
    const nyq = 0.5 / dt;
    const bands: [number, number][] = [[THRESHOLDS.chuggingBand[0], Math.min(THRESHOLDS.chuggingBand[1], 0.9 * nyq)]];
    if (0.9 * nyq > THRESHOLDS.screechFrom * 1.2) bands.push([THRESHOLDS.screechFrom, 0.9 * nyq]);
    const found = tones(t, pc, bad, ia, ib, dt, bands);
    found.forEach((tone, bi) => {
      if (!tone) return;
      const kind: FlagKind = bi === 0 ? 'chugging' : 'screech';
      const what = kind === 'chugging' ? 'Chugging (low-frequency combustion instability)' : 'Screech (high-frequency combustion instability)';
      flags.push({
        kind, time: tone.start, frequency: tone.frequency, channel: 'pc',
        message: `${what}: chamber pressure oscillates at ${tone.frequency.toPrecision(4)} Hz with ${pct(tone.amplitude)} of the mean pressure from ${fmtT(tone.start)}.`,
        evidence: { frequency: tone.frequency, amplitude: tone.amplitude, until: tone.end },
      });
    });

    const ws = windows(t, ia, ib, Math.max(0.1, 8 * dt));
    const med = ws.map((w) => {
      let good = 0;
      for (let i = w.a; i < w.b; i++) if (!bad[i] && !fHealth.bad[i] && Number.isFinite(pc[i])) good++;
      return good * 2 >= w.b - w.a ? medianRange(pc, w.a, w.b, bad) : NaN;
    });
    const sustain = Math.min(3, ws.length);

    // chamber pressure against the prediction
    if (design.pc !== undefined && design.pc > 0) {
      const dev = med.map((m) => m / design.pc! - 1);
      const hit = firstSustained(ws, dev, THRESHOLDS.pcDrift, sustain);
      if (hit) {
        const d = dev[hit.i];
        flags.push({
          kind: 'pc-drift', time: hit.time, channel: 'pc',
          message: `Chamber pressure ${pct(Math.abs(d))} ${d < 0 ? 'below' : 'above'} the prediction from ${fmtT(hit.time)} (${fmtP(med[hit.i])} measured, ${fmtP(design.pc)} predicted).`,
          evidence: { measuredPc: med[hit.i], predictedPc: design.pc, deviation: d },
        });
      }
    }

    // thrust per chamber pressure (Cf·At): drifts when the throat erodes
    const ratio = ws.map((w, i) => medianRange(F, w.a, w.b, fHealth.bad) / med[i]);
    const firstGood = ratio.filter(Number.isFinite).slice(0, 3);
    if (firstGood.length === 3 && ws.length >= 6) {
      const ref = medianOf(firstGood);
      const dev = ratio.map((r) => r / ref - 1);
      const hit = firstSustained(ws, dev, THRESHOLDS.erosion, sustain);
      if (hit) {
        const last = dev.filter(Number.isFinite).pop() ?? dev[hit.i];
        flags.push({
          kind: 'erosion', time: hit.time,
          message: `Thrust per chamber pressure ${dev[hit.i] > 0 ? 'rose' : 'fell'} ${pct(Math.abs(dev[hit.i]))} from its early-burn value at ${fmtT(hit.time)} (${pct(Math.abs(last))} by the end of the steady burn): ${dev[hit.i] > 0 ? 'the throat is probably eroding' : 'the throat may be narrowing or the nozzle fouled'}.`,
          evidence: { ratioStart: ref, ratioChange: dev[hit.i], ratioChangeAtEnd: last },
        });
      }
    }

    // sudden loss of chamber pressure while still burning (not a dropout to zero)
    const ws2 = windows(t, ia, ib, Math.max(0.05, 4 * dt));
    const m2 = ws2.map((w) => medianRange(pc, w.a, w.b, bad));
    for (let i = 2; i + 2 < ws2.length; i++) {
      const before = 0.5 * (m2[i - 2] + m2[i - 1]);
      const after = Math.max(m2[i + 1], m2[i + 2]);
      const drop = (before - after) / pcRef;
      if (!(drop > THRESHOLDS.pressureLoss) || !(after > 0.05 * pcRef)) continue;
      const mid = 0.5 * (before + after);
      let k = ws2[i - 1].a;
      while (k < ws2[i + 1].b && !(pc[k] < mid && !bad[k])) k++;
      flags.push({
        kind: 'pressure-loss', time: t[k], channel: 'pc',
        message: `Sudden chamber-pressure loss at ${fmtT(t[k])}: from ${fmtP(before)} to ${fmtP(after)} (${pct(drop)} of the steady pressure) while still burning — burn-through or a leak?`,
        evidence: { pcBefore: before, pcAfter: after, drop },
      });
      break;
    }
  }
  flags.sort((a, b) => a.time - b.time);
  out.flags = flags;
  return ok(out);
}

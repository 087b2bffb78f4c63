// Explanations of a sensitivity or uncertainty result from its numbers: which input dominates, how
// much acts through interactions (S_T − S₁), which inputs hardly matter, how wide the spread is and
// what drives it. Like app/domain/explain.ts, each claim carries the figures it states, taken from
// the result unchanged (SI), so a test can check every number in the text; the text is in the
// user's unit system.
import type { UnitSystem } from '../experiment.ts';
import { formatSig } from '../number-text.ts';
import { G0, toDisplay, unitLabel, type Quantity } from '../units.ts';
import type { AnalysisOutput, MorrisOutput, SobolOutput, UncertaintyOutput } from './run-analysis.ts';
import { rocketInputLabel, ROCKET_OUTPUT_INFO, type RocketOutput } from './rocket-model.ts';

export type AnalysisClaimId = 'dominant' | 'interactions' | 'little' | 'interval' | 'nonlinear' | 'spread' | 'percentiles' | 'driver';

export interface AnalysisClaim {
  id: AnalysisClaimId;
  /** A sentence or two, every number in it taken from `figures` (converted to the user's units). */
  text: string;
  /** The numbers the text states, as in the result (indices; SI values). */
  figures: Record<string, number>;
}

/** How an output is shown: its label, unit and the factor from SI (all linear, no offset). */
export interface OutputShown {
  label: string;
  unit: string;
  scale: number;
}

const OUTPUT_QUANTITY: Record<RocketOutput, Quantity | 'isp'> = {
  ispVac: 'isp', ispAmb: 'isp', cstar: 'velocity', Tc: 'temperature', densityIsp: 'densityImpulse',
  cf: 'dimensionless', Te: 'temperature', pe: 'pressure', mach: 'dimensionless',
};

/** A rocket output's label, unit and scale in a unit system; Isp in seconds (lbf·s/lbm in US units), as Sweep shows it. */
export function outputShown(output: string, system: UnitSystem): OutputShown {
  const info = ROCKET_OUTPUT_INFO[output as RocketOutput];
  if (!info) return { label: output, unit: '', scale: 1 };
  const q = OUTPUT_QUANTITY[output as RocketOutput];
  if (q === 'isp') return { label: info.label, unit: system === 'US' ? 'lbf·s/lbm' : 's', scale: 1 / G0 };
  const unit = unitLabel(q, system);
  return { label: info.label, unit: unit === '–' ? '' : unit, scale: toDisplay(q, 1, system) };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** An index as the text states it. */
export const fmtIndex = (v: number) => v.toFixed(2);
/** A physical value in the shown units as the text states it (4 significant digits). */
export const fmtValue = (si: number, shown: OutputShown) => formatSig(si * shown.scale, 4);
const withUnit = (si: number, shown: OutputShown) => `${fmtValue(si, shown)}${shown.unit ? ` ${shown.unit}` : ''}`;
const percent = (v: number) => `${Math.round(v * 100)} %`;

/** The claims a sensitivity (Sobol, Morris) or uncertainty result supports, in the user's units. */
export function explainAnalysis(out: AnalysisOutput, system: UnitSystem = 'SI'): AnalysisClaim[] {
  const shown = outputShown(out.output, system);
  switch (out.method) {
    case 'sobol':
      return explainSobol(out as SobolOutput, shown);
    case 'morris':
      return explainMorris(out as MorrisOutput, shown);
    case 'uncertainty':
      return explainUncertainty(out as UncertaintyOutput, shown);
    default:
      return [];
  }
}

/** Interactions below this share of the variance (S_T − S₁) are not worth a sentence; likewise inputs with S_T below it "matter little". */
export const SMALL_INDEX = 0.05;

function explainSobol(out: SobolOutput, shown: OutputShown): AnalysisClaim[] {
  const order = out.indices.slice().sort((a, b) => b.total - a.total);
  const top = order[0];
  const claims: AnalysisClaim[] = [];
  const name = (i: { input: string }) => rocketInputLabel(i.input);
  claims.push({
    id: 'dominant',
    text: `${cap(name(top))} dominates ${shown.label}: with its interactions it accounts for ${percent(top.total)} of the variance (S_T ${fmtIndex(top.total)}), and ${percent(top.first)} alone (S₁ ${fmtIndex(top.first)}).`,
    figures: { total: top.total, first: top.first },
  });
  const inter = order.filter((i) => i.total - i.first >= SMALL_INDEX);
  if (inter.length) {
    for (const i of inter) {
      claims.push({
        id: 'interactions',
        text: `${cap(name(i))} acts partly through interactions with the other inputs: S_T − S₁ = ${fmtIndex(i.total)} − ${fmtIndex(i.first)} = ${fmtIndex(i.total - i.first)} of the variance comes from it only together with another input.`,
        figures: { total: i.total, first: i.first, interaction: i.total - i.first },
      });
    }
  } else {
    const most = order.reduce((a, b) => (b.total - b.first > a.total - a.first ? b : a));
    claims.push({
      id: 'interactions',
      text: `The inputs act almost independently: for each, S_T − S₁ is below ${fmtIndex(SMALL_INDEX)} (largest: ${name(most)}, ${fmtIndex(most.total - most.first)}).`,
      figures: { interaction: most.total - most.first, threshold: SMALL_INDEX },
    });
  }
  for (const i of order.slice(1).filter((x) => x.total < SMALL_INDEX)) {
    claims.push({
      id: 'little',
      text: `${cap(name(i))} matters little (S_T ${fmtIndex(i.total)}): fixing it at any value in its range would leave about ${percent(1 - Math.max(0, i.total))} of the variance.`,
      figures: { total: i.total },
    });
  }
  const [lo, hi] = top.totalInterval;
  if (hi - lo > 0.1) {
    claims.push({
      id: 'interval',
      text: `The ${percent(out.confidence)} interval of ${name(top)}'s S_T runs from ${fmtIndex(lo)} to ${fmtIndex(hi)}; more base samples N would narrow it.`,
      figures: { lo, hi, confidence: out.confidence },
    });
  }
  return claims;
}

/** σ/μ* above this: an input's elementary effects differ enough across the design to call it non-linear or interacting (Morris 1991; Sanchez et al. 2014 use 0.5 as "almost linear"). */
export const NONLINEAR_RATIO = 0.5;

function explainMorris(out: MorrisOutput, shown: OutputShown): AnalysisClaim[] {
  const order = out.effects.slice().sort((a, b) => a.rank - b.rank);
  const top = order[0];
  const next = order[1];
  const name = (i: { input: string }) => rocketInputLabel(i.input);
  const claims: AnalysisClaim[] = [];
  const per = 'across its range';
  claims.push({
    id: 'dominant',
    text: `${cap(shown.label)} responds most to ${name(top)}: its mean absolute effect μ* is ${withUnit(top.muStar, shown)} ${per}` +
      (next && next.muStar > 0 ? `, ${formatSig(top.muStar / next.muStar, 2)} times that of ${name(next)} (${withUnit(next.muStar, shown)}).` : '.'),
    figures: next && next.muStar > 0 ? { muStar: top.muStar, nextMuStar: next.muStar, ratio: top.muStar / next.muStar } : { muStar: top.muStar },
  });
  const bent = order.filter((e) => e.muStar > 0 && e.sigma / e.muStar > NONLINEAR_RATIO);
  for (const e of bent) {
    claims.push({
      id: 'nonlinear',
      text: `${cap(name(e))}'s effect changes from place to place (σ ${withUnit(e.sigma, shown)} against μ* ${withUnit(e.muStar, shown)}, a ratio of ${formatSig(e.sigma / e.muStar, 2)}): it is non-linear or interacts with the other inputs.`,
      figures: { sigma: e.sigma, muStar: e.muStar, ratio: e.sigma / e.muStar },
    });
  }
  if (!bent.length) {
    const worst = order.reduce((a, b) => (b.muStar > 0 && b.sigma / b.muStar > (a.muStar > 0 ? a.sigma / a.muStar : 0) ? b : a));
    const r = worst.muStar > 0 ? worst.sigma / worst.muStar : 0;
    claims.push({
      id: 'nonlinear',
      text: `Every effect is nearly the same throughout the ranges: σ/μ* is at most ${formatSig(r, 2)} (${name(worst)}), so the output is close to linear and additive in these inputs.`,
      figures: { ratio: r, threshold: NONLINEAR_RATIO },
    });
  }
  return claims;
}

function explainUncertainty(out: UncertaintyOutput, shown: OutputShown): AnalysisClaim[] {
  const p = out.percentiles;
  const claims: AnalysisClaim[] = [
    {
      id: 'spread',
      text: `${cap(shown.label)} is ${fmtValue(out.mean, shown)} ± ${withUnit(out.sd, shown)} (mean ± standard deviation over ${out.evaluations.toLocaleString('en-US')} runs).`,
      figures: { mean: out.mean, sd: out.sd, runs: out.evaluations },
    },
    {
      id: 'percentiles',
      text: `90 % of runs fall between ${fmtValue(p['5'], shown)} and ${withUnit(p['95'], shown)} (5 % and 95 % percentiles); the median is ${withUnit(p['50'], shown)}.`,
      figures: { p5: p['5'], p50: p['50'], p95: p['95'] },
    },
  ];
  const top = out.drivers.slice().sort((a, b) => b.share - a.share)[0];
  if (top && top.share > 0) {
    claims.push({
      id: 'driver',
      text: `The spread comes mostly from ${rocketInputLabel(top.input)}: rank correlation ${fmtIndex(top.rankCorrelation)} with the output, ${percent(top.share)} of the inputs' summed squared rank correlations` +
        (top.rankCorrelation < 0 ? ` (a higher ${rocketInputLabel(top.input)} gives a lower ${shown.label}).` : ` (a higher ${rocketInputLabel(top.input)} gives a higher ${shown.label}).`),
      figures: { rankCorrelation: top.rankCorrelation, share: top.share },
    });
  }
  return claims;
}

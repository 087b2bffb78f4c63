// Explanations from the numbers of a Pareto front (issue 16, item 1): what the front's ends trade
// (which objective each end wins, by how much) and which inputs change along the front and which
// stay pinned at a bound. Every claim is computed from the front it explains and carries its
// figures, SI, so a test compares them with the front's extreme points.
import type { UnitSystem } from './experiment.ts';
import { objectiveQuantity, QUANTITY_INFO, type EvaluatedDesign, type ObjectiveQuantity, type OptimizeSpec, type VariableRange } from './optimize-spec.ts';
import { LBF } from './units.ts';
import { num, pct, show, showIsp, type Claim } from './explain.ts';
import { formatSig } from './number-text.ts';

export type ParetoClaimId = 'front-ends' | 'front-trade' | 'front-inputs' | 'front-choices';

/** A value of an objective or input in the user's units (Isp in s and m/s). */
export function quantityValueText(q: ObjectiveQuantity | 'pc' | 'of' | 'fuelBlend' | 'oxidizerBlend', si: number, system: UnitSystem): string {
  switch (q) {
    case 'ispVac': case 'ispAmb': return showIsp(si, system);
    case 'densityIsp': return show('densityImpulse', si, system);
    case 'cstar': return show('velocity', si, system);
    case 'Tc': return show('temperature', si, system);
    case 'pc': return show('pressure', si, system);
    case 'costPerImpulse': return system === 'US' ? `${formatSig(si * 1e3 * LBF, 4)} USD/klbf·s` : `${formatSig(si * 1e3, 4)} USD/kN·s`;
    default: return num(si);
  }
}

const DESIGN_NAME = (d: EvaluatedDesign, system: UnitSystem) =>
  `${d.fuel}${d.fuelBlend !== undefined ? ` (blend ${num(d.fuelBlend, 3)})` : ''} / ${d.oxidizer}${d.oxidizerBlend !== undefined ? ` (blend ${num(d.oxidizerBlend, 3)})` : ''} at O/F ${num(d.of)}, ${show('pressure', d.pc, system)}, Ae/At ${num(d.areaRatio)}`;

/** Whether a design counts for an objective (a separated nozzle has no meaningful ambient Isp). */
const counts = (d: EvaluatedDesign, q: ObjectiveQuantity) => Number.isFinite(d[q]) && !(q === 'ispAmb' && d.separated);

/** Index of the design of `front` best in objective `i` of `spec` (the front's end for it), or -1. */
export function frontEnd(spec: Pick<OptimizeSpec, 'objectives'>, front: EvaluatedDesign[], i: number): number {
  const o = spec.objectives[i];
  const q = objectiveQuantity(o);
  const sense = 'maximize' in o ? 1 : -1;
  let best = -1;
  front.forEach((d, k) => { if (counts(d, q) && (best < 0 || sense * d[q] > sense * front[best][q])) best = k; });
  return best;
}

/** An objective's name in a sentence (the spec's labels, shortened where they carry a definition). */
const NAME = (q: ObjectiveQuantity) => (q === 'densityIsp' ? 'density-Isp' : q === 'costPerImpulse' ? 'propellant cost per impulse' : QUANTITY_INFO[q].label);

const NUMERIC_INPUTS = ['of', 'pc', 'areaRatio', 'fuelBlend', 'oxidizerBlend'] as const;
const INPUT_NAME: Record<(typeof NUMERIC_INPUTS)[number], string> = { of: 'O/F', pc: 'chamber pressure', areaRatio: 'area ratio Ae/At', fuelBlend: 'fuel blend fraction', oxidizerBlend: 'oxidizer blend fraction' };

/** The explanations of a Pareto front found for `spec` (the spec it ran with). */
export function explainPareto(spec: Pick<OptimizeSpec, 'objectives' | 'variables'>, front: EvaluatedDesign[], system: UnitSystem = 'SI'): Claim<ParetoClaimId>[] {
  const claims: Claim<ParetoClaimId>[] = [];
  if (!front.length) return claims;
  const objs = spec.objectives;
  const qs = objs.map(objectiveQuantity);
  const ends = objs.map((_, i) => frontEnd(spec, front, i));
  if (ends.some((e) => e < 0)) return claims;
  const word = (i: number) => `${'maximize' in objs[i] ? 'highest' : 'lowest'} ${NAME(qs[i])}`;

  // Each end: the design that wins one objective, and what it scores on the others.
  const figures: Record<string, number> = { designs: front.length };
  const parts = objs.map((_, i) => {
    const d = front[ends[i]];
    figures[`end${i}`] = ends[i];
    qs.forEach((q) => { figures[`end${i}_${q}`] = d[q]; });
    const others = qs.flatMap((q, j) => (j === i ? [] : [`${NAME(q)} ${quantityValueText(q, d[q], system)}`]));
    return `the ${word(i)}, ${quantityValueText(qs[i], d[qs[i]], system)}, is ${DESIGN_NAME(d, system)} (${others.join(', ')})`;
  });
  claims.push({
    id: 'front-ends',
    text: `The front holds ${front.length} design${front.length === 1 ? '' : 's'} none of which is beaten in every objective. At its ends, ${parts.join('; ')}.`,
    figures,
  });

  // The trade between two ends: what moving from the end of objective 1 to that of objective 2 gives and costs.
  if (objs.length >= 2 && ends[0] !== ends[1]) {
    const [a, b] = [front[ends[0]], front[ends[1]]];
    const [q0, q1] = qs;
    const lose = a[q0] - b[q0];
    const gain = b[q1] - a[q1];
    const r0 = lose / Math.abs(a[q0]);
    const r1 = gain / Math.abs(a[q1]);
    claims.push({
      id: 'front-trade',
      text: `Going from the ${word(0)} end to the ${word(1)} end changes ${NAME(q1)} by ${gain >= 0 ? '+' : '−'}${quantityValueText(q1, Math.abs(gain), system)} (${pct(Math.abs(r1))}) ` +
        `at the cost of ${quantityValueText(q0, Math.abs(lose), system)} (${pct(Math.abs(r0))}) of ${NAME(q0)}: ` +
        `every design between them gives up some of one for the other.`,
      figures: { [`${q0}From`]: a[q0], [`${q0}To`]: b[q0], [`${q1}From`]: a[q1], [`${q1}To`]: b[q1], change0: -lose, change1: gain, fraction0: r0, fraction1: r1 },
    });
  }

  // Inputs along the front: which change between the ends, which stay pinned at a bound of their range.
  if (objs.length >= 2) {
    const [a, b] = [front[ends[0]], front[ends[1]]];
    const changing: string[] = [];
    const pinned: string[] = [];
    const fig: Record<string, number> = {};
    for (const k of NUMERIC_INPUTS) {
      const range = spec.variables[k] as VariableRange | undefined;
      if (range === undefined || typeof range === 'number' || range[0] === range[1]) continue;
      const vals = front.map((d) => d[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (!vals.length || typeof a[k] !== 'number' || typeof b[k] !== 'number') continue;
      const [lo, hi] = [Math.min(...vals), Math.max(...vals)];
      const width = range[1] - range[0];
      const q = k === 'pc' ? 'pc' : k;
      fig[`${k}Min`] = lo;
      fig[`${k}Max`] = hi;
      fig[`${k}AtEnd0`] = a[k] as number;
      fig[`${k}AtEnd1`] = b[k] as number;
      const tol = 0.01 * width;
      if (hi - lo <= 0.05 * width) {
        const at = hi >= range[1] - tol ? 'at the top of its range' : lo <= range[0] + tol ? 'at the bottom of its range' : 'inside its range';
        pinned.push(`${INPUT_NAME[k]} stays ${at} (${quantityValueText(q, lo, system)}${hi > lo ? ` to ${quantityValueText(q, hi, system)}` : ''})`);
      } else {
        changing.push(`${INPUT_NAME[k]} goes from ${quantityValueText(q, a[k] as number, system)} to ${quantityValueText(q, b[k] as number, system)}${front.length > 2 ? ` (${quantityValueText(q, lo, system)} to ${quantityValueText(q, hi, system)} over the front)` : ''}`);
      }
    }
    if (changing.length || pinned.length) {
      const atBound = pinned.filter((p) => p.includes('top') || p.includes('bottom')).length;
      claims.push({
        id: 'front-inputs',
        text: `Between the two ends ${changing.length ? changing.join('; ') : 'no input changes much'}.` +
          (pinned.length ? ` ${pinned.join('; ')}${atBound ? ': the objectives push it against the bound, so a wider range could improve the front' : ''}.` : ''),
        figures: fig,
      });
    }
    // Propellant choices along the front, when the optimiser chose among several.
    const counted = (role: 'fuel' | 'oxidizer') => {
      const m = new Map<string, number>();
      for (const d of front) m.set(d[role], (m.get(d[role]) ?? 0) + 1);
      return m;
    };
    const sentences: string[] = [];
    const cf: Record<string, number> = {};
    for (const role of ['fuel', 'oxidizer'] as const) {
      const m = counted(role);
      if (m.size < 2 && a[role] === b[role]) continue;
      [...m].forEach(([name, c]) => { cf[`${role}:${name}`] = c; });
      sentences.push(`the ${word(0)} end burns ${a[role]} and the ${word(1)} end ${b[role]} (${role}s on the front: ${[...m].map(([name, c]) => `${name} ${c}`).join(', ')})`);
    }
    if (sentences.length) claims.push({ id: 'front-choices', text: `Of the propellants, ${sentences.join('; ')}.`, figures: cf });
  }
  return claims;
}

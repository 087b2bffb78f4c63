// Explanations from the numbers of a sweep (issue 16, item 1): the grid's best point and why it lies
// there, what each swept input does around it, and where the optimum O/F lies on each line and how
// it moves with the other input. Every claim is computed from the sweep table (and the optimum
// searches Sweep runs) and carries its figures, SI, so a test compares them with the result.
import type { UnitSystem } from './experiment.ts';
import type { KernelError, Result } from './result.ts';
import { VARIABLE_INFO, VARIABLE_QUANTITY, pointIndices, type SweepColumn, type SweepSpec } from './sweep.ts';
import { num, show, showIsp, type Claim } from './explain.ts';

export type SweepClaimId = 'grid-best' | 'grid-why' | 'axis-effect' | 'optimum-of' | 'optimum-shift';

/** The sweep's table as Sweep's store holds it (SI columns, one value per point). */
export interface SweepTableData {
  spec: SweepSpec;
  axes: Float64Array[];
  columns: Record<SweepColumn, Float64Array>;
}

/** The optimum O/F searches along the O/F lines (Sweep's "Optimum O/F along each curve"). */
export interface SweepOptimaData {
  /** What they maximise: vacuum or ambient Isp or c* (m/s), or density-Isp (N·s/m³). */
  quantity: 'ispVac' | 'ispAmb' | 'cstar' | 'densityIsp';
  ofAxis: number;
  rows: { at: { axis: number; value: number }[]; point: number; result: Result<{ of: number; value: number }, KernelError> | null }[];
}

const QUANTITY_TEXT: Record<SweepOptimaData['quantity'], string> = { ispVac: 'vacuum Isp', ispAmb: 'Isp at ambient', cstar: 'c*', densityIsp: 'density-Isp' };

/** A value of a swept input in the user's units: "O/F 2.6", "chamber pressure 68.05 bar". */
export function axisValueText(spec: SweepSpec, axis: number, si: number, system: UnitSystem): string {
  const v = spec.axes[axis].variable;
  return `${v === 'of' ? 'O/F' : VARIABLE_INFO[v].label} ${show(VARIABLE_QUANTITY[v], si, system)}`;
}

/** The value of an optimised quantity in the user's units (Isp in s and m/s). */
function quantityText(q: SweepOptimaData['quantity'], si: number, system: UnitSystem): string {
  return q === 'densityIsp' ? show('densityImpulse', si, system) : q === 'cstar' ? show('velocity', si, system) : showIsp(si, system);
}

/** Distance between neighbouring points along axis `axis` (the first axis varies fastest). */
function strideOf(spec: SweepSpec, axis: number): number {
  let stride = 1;
  for (let k = 0; k < axis; k++) stride *= spec.axes[k].count;
  return stride;
}

/** The points of the line through point `through` along axis `axis`, in axis order. */
export function lineThrough(spec: SweepSpec, through: number, axis: number): number[] {
  const stride = strideOf(spec, axis);
  const count = spec.axes[axis].count;
  const first = through - (Math.floor(through / stride) % count) * stride;
  return Array.from({ length: count }, (_, j) => first + j * stride);
}

/** Index of the largest finite value among `points` of a column (every point when omitted), or -1.
 * An indexed loop: this runs once per finished sweep, so in V8's interpreter, where a for-of loop
 * over 10,000 points cost ~10 ms of the main thread. */
function argmax(col: Float64Array, points?: readonly number[]): number {
  let best = -1;
  const n = points ? points.length : col.length;
  for (let k = 0; k < n; k++) {
    const i = points ? points[k] : k;
    const v = col[i];
    if (Number.isFinite(v) && (best < 0 || v > col[best])) best = i;
  }
  return best;
}

/** The explanations of a finished sweep, in the order a reader wants them. */
export function explainSweep(t: SweepTableData, optima: SweepOptimaData | null = null, system: UnitSystem = 'SI'): Claim<SweepClaimId>[] {
  const { spec, columns } = t;
  const n = columns.ispVac.length;
  const claims: Claim<SweepClaimId>[] = [];
  const best = argmax(columns.ispVac);
  if (best < 0) return claims;
  const at = (i: number) => spec.axes.map((_, k) => axisValueText(spec, k, t.axes[k][i], system)).join(', ');
  const bestIdx = pointIndices(spec, best);

  // The grid's best point, and whether it sits at an end of a swept range (the maximum may lie beyond).
  const edges = spec.axes.flatMap((a, k) => (a.count > 1 && (bestIdx[k] === 0 || bestIdx[k] === a.count - 1)
    ? [`${bestIdx[k] === 0 ? 'lowest' : 'highest'} ${a.variable === 'of' ? 'O/F' : VARIABLE_INFO[a.variable].label}`] : []));
  const figures: Record<string, number> = { point: best + 1, ispVacBest_m_s: columns.ispVac[best], Tc_K: columns.Tc[best], M_kg_kmol: columns.M[best] };
  spec.axes.forEach((a, k) => { figures[`${a.variable}${k}`] = t.axes[k][best]; });
  claims.push({
    id: 'grid-best',
    text: `The grid's best vacuum Isp is ${showIsp(columns.ispVac[best], system)}, at point ${best + 1} (${at(best)}).` +
      (edges.length ? ` It lies at the ${edges.join(' and the ')} of the grid, so the best design may lie beyond the range swept.` : ' It lies inside the grid on every axis, so the grid brackets the best design.'),
    figures,
  });

  // Why there along O/F: the hottest point on the same O/F line against the best one (Isp ∝ √(Tc/M)).
  const ofAxis = spec.axes.findIndex((a) => a.variable === 'of');
  if (ofAxis >= 0 && spec.axes[ofAxis].count > 2) {
    const line = lineThrough(spec, best, ofAxis);
    const hot = argmax(columns.Tc, line);
    if (hot >= 0 && hot !== best) {
      const side = t.axes[ofAxis][best] < t.axes[ofAxis][hot] ? 'fuel-rich' : 'oxidizer-rich';
      const rBest = columns.Tc[best] / columns.M[best];
      const rHot = columns.Tc[hot] / columns.M[hot];
      const lighter = columns.M[best] < columns.M[hot] && rBest > rHot;
      claims.push({
        id: 'grid-why',
        text: `On its O/F line the best point lies ${side} of the hottest one (O/F ${num(t.axes[ofAxis][hot])}, ${show('temperature', columns.Tc[hot], system)}; ${show('temperature', columns.Tc[best], system)} at the best). ` +
          (lighter
            ? `Its gas is cooler but lighter, molar mass ${num(columns.M[best])} against ${num(columns.M[hot])} kg/kmol, and Isp grows with √(Tc/M): Tc/M is ${num(rBest)} against ${num(rHot)} K·kmol/kg.`
            : `Tc/M alone does not place it (${num(rBest)} against ${num(rHot)} K·kmol/kg): recombination in the nozzle and the gas's heat-capacity ratio decide.`),
        figures: { ofBest: t.axes[ofAxis][best], ofHottest: t.axes[ofAxis][hot], TcBest_K: columns.Tc[best], TcHottest_K: columns.Tc[hot], MBest_kg_kmol: columns.M[best], MHottest_kg_kmol: columns.M[hot], TcOverMBest: rBest, TcOverMHottest: rHot },
      });
    }
  }

  // What each other input does around the best point: the Isp at its two ends, the rest held there.
  spec.axes.forEach((a, k) => {
    if (a.variable === 'of' || a.count < 2) return;
    const line = lineThrough(spec, best, k);
    const [i0, i1] = [line[0], line[line.length - 1]];
    const col: SweepColumn = a.variable === 'pamb' ? 'ispAmb' : 'ispVac';
    const [v0, v1] = [columns[col][i0], columns[col][i1]];
    if (!Number.isFinite(v0) || !Number.isFinite(v1)) return;
    const d = v1 - v0;
    claims.push({
      id: 'axis-effect',
      text: `With the other inputs at the best point, ${col === 'ispAmb' ? 'the Isp at ambient' : 'vacuum Isp'} goes from ${showIsp(v0, system)} at ${axisValueText(spec, k, t.axes[k][i0], system)} to ${showIsp(v1, system)} at ${show(VARIABLE_QUANTITY[a.variable], t.axes[k][i1], system)} ` +
        `(${d >= 0 ? '+' : '−'}${show('velocity', Math.abs(d), system)}).`,
      figures: { axis: k, from: t.axes[k][i0], to: t.axes[k][i1], ispFrom_m_s: v0, ispTo_m_s: v1, change_m_s: d },
    });
  });

  // The optimum O/F on each line: the searches' answers (or the best grid O/F when none ran).
  if (ofAxis < 0 || spec.axes[ofAxis].count < 2) return claims;
  type LineOptimum = { at: { axis: number; value: number }[]; of: number; value: number; point: number };
  let lines: LineOptimum[];
  let quantity: SweepOptimaData['quantity'];
  let searched: boolean;
  if (optima && optima.ofAxis === ofAxis && optima.rows.some((r) => r.result?.ok)) {
    quantity = optima.quantity;
    searched = true;
    lines = optima.rows.flatMap((r) => (r.result?.ok ? [{ at: r.at, of: r.result.value.of, value: r.result.value.value, point: r.point }] : []));
  } else {
    quantity = 'ispVac';
    searched = false;
    const ofStride = strideOf(spec, ofAxis);
    const starts: number[] = [];
    for (let i = 0; i < n; i++) if (Math.floor(i / ofStride) % spec.axes[ofAxis].count === 0) starts.push(i);
    lines = starts.flatMap((s) => {
      const b = argmax(columns.ispVac, lineThrough(spec, s, ofAxis));
      return b < 0 ? [] : [{ at: spec.axes.flatMap((_, k) => (k === ofAxis ? [] : [{ axis: k, value: t.axes[k][s] }])), of: t.axes[ofAxis][b], value: columns.ispVac[b], point: s }];
    });
  }
  if (!lines.length) return claims;
  const lineName = (l: LineOptimum) => (l.at.length ? l.at.map((x) => axisValueText(spec, x.axis, x.value, system)).join(', ') : 'the line');
  const SHOWN = 6;
  const of: Record<string, number> = {};
  lines.forEach((l, j) => { of[`of${j}`] = l.of; of[`value${j}`] = l.value; });
  claims.push({
    id: 'optimum-of',
    text: `${searched ? 'The searched optimum O/F' : 'The best grid O/F'} of ${QUANTITY_TEXT[quantity]} on each line: ` +
      lines.slice(0, SHOWN).map((l) => `${lineName(l)}: O/F ${num(l.of)}, ${quantityText(quantity, l.value, system)}`).join('; ') +
      (lines.length > SHOWN ? `; and ${lines.length - SHOWN} more lines (in the table).` : '.'),
    figures: { lines: lines.length, ...of },
  });

  // How the optimum moves along the one other input that varies between the lines.
  const varying = [...new Set(lines.flatMap((l) => l.at.map((x) => x.axis)))].filter((k) => new Set(lines.map((l) => l.at.find((x) => x.axis === k)?.value)).size > 1);
  if (varying.length !== 1 || lines.length < 2) return claims;
  const k = varying[0];
  // the lines along that input, with the others at the first line's values
  const rest = lines[0].at.filter((x) => x.axis !== k);
  const along = lines.filter((l) => rest.every((r) => l.at.find((x) => x.axis === r.axis)?.value === r.value))
    .sort((a, b) => a.at.find((x) => x.axis === k)!.value - b.at.find((x) => x.axis === k)!.value);
  if (along.length < 2) return claims;
  const first = along[0];
  const last = along[along.length - 1];
  const x0 = first.at.find((x) => x.axis === k)!.value;
  const x1 = last.at.find((x) => x.axis === k)!.value;
  const d = last.of - first.of;
  const steps = along.slice(1).map((l, j) => l.of - along[j].of);
  const monotone = steps.every((s) => s >= 0) || steps.every((s) => s <= 0);
  // the hottest grid point on each of those lines (supports the pressure reason with the table's own Tc)
  const hottest = along.map((l) => {
    const h = argmax(columns.Tc, lineThrough(spec, l.point, ofAxis));
    return h < 0 ? NaN : columns.Tc[h];
  });
  const name = VARIABLE_INFO[spec.axes[k].variable].label;
  const qk = VARIABLE_QUANTITY[spec.axes[k].variable];
  let why = '';
  if (spec.axes[k].variable === 'pc' && Number.isFinite(hottest[0]) && Number.isFinite(hottest[hottest.length - 1])) {
    const dT = hottest[hottest.length - 1] - hottest[0];
    why = ` The hottest grid point of the line goes from ${show('temperature', hottest[0], system)} to ${show('temperature', hottest[hottest.length - 1], system)}` +
      (dT > 0 && d > 0 ? ': a higher pressure holds back dissociation (Le Chatelier), which costs most in the hot, oxidizer-richer mixtures, so the optimum moves toward them.' : '.');
  }
  claims.push({
    id: 'optimum-shift',
    text: `As ${name} rises from ${show(qk, x0, system)} to ${show(qk, x1, system)}, the optimum O/F ${Math.abs(d) < 1e-3 * Math.abs(first.of) ? 'stays at' : d > 0 ? 'rises' : 'falls'} ` +
      `${Math.abs(d) < 1e-3 * Math.abs(first.of) ? num(first.of) : `from ${num(first.of)} to ${num(last.of)} (${d > 0 ? '+' : '−'}${num(Math.abs(d), 3)}${monotone ? ', steadily' : ', not steadily'})`}.${why}`,
    figures: { axis: k, from: x0, to: x1, ofFrom: first.of, ofTo: last.of, ofChange: d, monotone: monotone ? 1 : 0, TcHottestFrom_K: hottest[0], TcHottestTo_K: hottest[hottest.length - 1] },
  });
  return claims;
}

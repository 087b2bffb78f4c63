// The content of the PDF reports of a sweep and of an optimisation (issue 16, item 4): the grid or
// the spec, the results table in the user's units (Isp in s and in m/s or ft/s), the charts as
// data, the explanations and the provenance. Pure data, laid out by report-pdf.ts like a design
// report, in the browser (Sweep's and Optimize's PDF buttons) and in node (tests).
import type { UnitSystem } from './experiment.ts';
import type { RocketProblem } from './problem.ts';
import { G0, ispScale, toDisplay, unitLabel, type Quantity } from './units.ts';
import { formatSig } from './number-text.ts';
import { VARIABLE_INFO, VARIABLE_QUANTITY, pointIndices, type SweepSpec } from './sweep.ts';
import type { SweepOptimaData, SweepTableData } from './explain-sweep.ts';
import { objectiveLabel, objectiveQuantity, QUANTITY_INFO, type EvaluatedDesign, type OptimizeSpec } from './optimize-spec.ts';
import { cellValue, paretoColumn, paretoColumns, SEPARATED_AMBIENT_TEXT } from './pareto-table.ts';
import { problemInputs, provenanceRows, type Report, type ReportChart, type ReportExtras } from './report.ts';

/** Most rows of a results table in a PDF (some 12 pages); the CSV export has every point. */
export const REPORT_MAX_ROWS = 400;
/** Most lines of one chart (each its own colour and legend entry). */
const MAX_SERIES = 8;

/** What a study report takes besides its results: the explanations' texts and the provenance. */
export type StudyReportExtras = Pick<ReportExtras, 'explanations' | 'provenance'>;

/** An axis's column header: "O/F", "chamber pressure (bar)". */
const axisHead = (spec: SweepSpec, k: number, units: UnitSystem) => {
  const v = spec.axes[k].variable;
  const u = unitLabel(VARIABLE_QUANTITY[v], units);
  return `${v === 'of' ? 'O/F' : VARIABLE_INFO[v].label}${u === '–' ? '' : ` (${u})`}`;
};
const axisShown = (spec: SweepSpec, k: number, si: number, units: UnitSystem) => toDisplay(VARIABLE_QUANTITY[spec.axes[k].variable], si, units);
/** An input as typed: "1.8", "200 bar" (6 significant digits at most, no trailing zeros). */
const typed = (q: Quantity, si: number, units: UnitSystem) => {
  const u = unitLabel(q, units);
  return `${Number(toDisplay(q, si, units).toPrecision(6))}${u === '–' ? '' : ` ${u}`}`;
};
const cell = (v: number, digits = 5) => (Number.isFinite(v) ? formatSig(v, digits) : '');

/** The report of a finished sweep: its grid, every point's results (up to REPORT_MAX_ROWS), the optimum O/F per line, charts. */
export function sweepReport(name: string, t: SweepTableData, optima: SweepOptimaData | null, units: UnitSystem, when: string, extras: StudyReportExtras = {}): Report {
  const { spec, columns } = t;
  const n = columns.ispVac.length;
  const s = ispScale('s', units);
  const v = ispScale('velocity', units);
  const inputs: [string, string][] = spec.axes.map((a, k) => [
    `Axis ${k + 1}: ${a.variable === 'of' ? 'O/F' : VARIABLE_INFO[a.variable].label}`,
    `${typed(VARIABLE_QUANTITY[a.variable], a.from, units)} to ${typed(VARIABLE_QUANTITY[a.variable], a.to, units)}, ${a.count} point${a.count === 1 ? '' : 's'}, ${a.spacing === 'log' ? 'logarithmic' : 'linear'} spacing`,
  ]);
  inputs.push(['Points', `${n}`]);
  inputs.push(...problemInputs(spec.base, units).map(([k, x]): [string, string] => [`Base design: ${k}`, x]));
  if (spec.base.pamb !== undefined) inputs.push(['Base design: ambient pressure', typed('pressure', spec.base.pamb, units)]);

  const head = ['#', ...spec.axes.map((_, k) => axisHead(spec, k, units)), 'Isp vac (s)', `Isp vac (${v.unit})`, 'Isp amb (s)', `c* (${unitLabel('velocity', units)})`, `Tc (${unitLabel('temperature', units)})`];
  const rows: string[][] = [];
  const notes: string[] = [];
  let failed = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(columns.ispVac[i])) { failed++; continue; }
    if (rows.length >= REPORT_MAX_ROWS) continue;
    rows.push([String(i + 1), ...spec.axes.map((_, k) => cell(axisShown(spec, k, t.axes[k][i], units))),
      cell(columns.ispVac[i] * s.perMs), cell(columns.ispVac[i] * v.perMs), cell(columns.ispAmb[i] * s.perMs),
      cell(toDisplay('velocity', columns.cstar[i], units)), cell(toDisplay('temperature', columns.Tc[i], units))]);
  }
  if (failed) notes.push(`${failed} of the ${n} points could not be computed and are left out.`);
  if (n - failed > REPORT_MAX_ROWS) notes.push(`The table shows the first ${REPORT_MAX_ROWS} of the ${n - failed} computed points; the CSV export has all of them.`);

  // The optimum O/F on each line, as Sweep's table shows it.
  const tables: NonNullable<Report['tables']> = [];
  const okRows = optima?.rows.flatMap((r) => (r.result?.ok ? [{ at: r.at, ...r.result.value }] : [])) ?? [];
  if (optima && okRows.length) {
    const q = optima.quantity;
    const isp = q === 'ispVac' || q === 'ispAmb';
    const label = { ispVac: 'Isp vac', ispAmb: 'Isp amb', cstar: 'c*', densityIsp: 'Density-Isp' }[q];
    const others = okRows[0].at.map((x) => x.axis);
    tables.push({
      title: `Optimum O/F along each line (maximising ${label})`,
      head: [...others.map((k) => axisHead(spec, k, units)), 'Optimum O/F', ...(isp ? [`${label} (s)`, `${label} (${v.unit})`] : [`${label} (${unitLabel(q === 'cstar' ? 'velocity' : 'densityImpulse', units)})`])],
      rows: okRows.map((r) => [...r.at.map((x) => cell(axisShown(spec, x.axis, x.value, units))), cell(r.of),
        ...(isp ? [cell(r.value * s.perMs), cell(r.value * v.perMs)] : [cell(toDisplay(q === 'cstar' ? 'velocity' : 'densityImpulse', r.value, units))])]),
    });
  }

  // Charts: vacuum Isp (s) and Tc against axis 1, one line per value of axis 2 (axis 3 at its first value).
  const lines = new Map<number, [number, number][]>();
  const lineKey: number[] = [];
  // at most some 400 points along a line (a vector chart of 100,000 segments is a slow, large PDF)
  const stride = Math.max(1, Math.ceil(spec.axes[0].count / 400));
  for (let i = 0; i < n; i++) {
    const idx = pointIndices(spec, i);
    if (idx[2] !== undefined && idx[2] !== 0) continue;
    if (idx[0] % stride !== 0 && idx[0] !== spec.axes[0].count - 1) continue;
    const key = idx[1] ?? 0;
    if (!lines.has(key)) { if (lines.size >= MAX_SERIES) continue; lines.set(key, []); lineKey.push(i); }
    lines.get(key)!.push([i, axisShown(spec, 0, t.axes[0][i], units)]);
  }
  const seriesName = (first: number) => (spec.axes[1] ? `${axisHead(spec, 1, units).replace(/ \(.*\)$/, '')} ${formatSig(axisShown(spec, 1, t.axes[1][first], units), 4)}${unitLabel(VARIABLE_QUANTITY[spec.axes[1].variable], units) === '–' ? '' : ` ${unitLabel(VARIABLE_QUANTITY[spec.axes[1].variable], units)}`}` : 'sweep');
  const chartOf = (title: string, yLabel: string, y: (i: number) => number): ReportChart => ({
    title, xLabel: axisHead(spec, 0, units), yLabel,
    series: [...lines.values()].map((pts, j) => ({ name: seriesName(lineKey[j]), points: pts.map(([i, x]): [number, number] => [x, y(i)]) })),
  });
  const charts: ReportChart[] = [
    chartOf('Vacuum Isp over the sweep', 'Isp vacuum (s)', (i) => columns.ispVac[i] / G0),
    chartOf('Chamber temperature over the sweep', `Tc (${unitLabel('temperature', units)})`, (i) => toDisplay('temperature', columns.Tc[i], units)),
  ];
  // How the optimum O/F moves with the one other input (when there is one).
  if (okRows.length >= 2 && okRows[0].at.length === 1) {
    const k = okRows[0].at[0].axis;
    charts.push({
      title: `Optimum O/F against ${VARIABLE_INFO[spec.axes[k].variable].label}`, xLabel: axisHead(spec, k, units), yLabel: 'optimum O/F',
      series: [{ name: 'optimum O/F', points: okRows.map((r) => [axisShown(spec, k, r.at[0].value, units), r.of]) }],
    });
  }
  if (spec.axes.length === 3) notes.push(`The charts show ${axisHead(spec, 2, units)} at its first value, ${formatSig(axisShown(spec, 2, t.axes[2][0], units), 5)}; the table has every point.`);
  if (spec.axes[1] && spec.axes[1].count > MAX_SERIES) notes.push(`The charts draw the first ${MAX_SERIES} of the ${spec.axes[1].count} lines.`);

  return {
    title: name,
    subtitle: `Sweep of ${n} points over ${spec.axes.map((a) => (a.variable === 'of' ? 'O/F' : VARIABLE_INFO[a.variable].label)).join(', ')}: Rocket Fuel Optimizer, ${when}`,
    inputs, tableTitle: 'Results', table: { head, rows }, tables, notes, charts,
    explanations: extras.explanations ?? [],
    provenance: provenanceRows(extras.provenance ?? {}, when),
  };
}

/** The report of an optimisation: its spec, the Pareto set in the user's units (Isp also in m/s or ft/s), the front charted. */
export function optimizeReport(name: string, spec: OptimizeSpec, front: EvaluatedDesign[], units: UnitSystem, when: string, extras: StudyReportExtras = {}): Report {
  const range = (k: keyof OptimizeSpec['variables'], q?: 'pressure') => {
    const r = spec.variables[k];
    if (r === undefined) return null;
    const f = (x: number) => typed(q ?? 'dimensionless', x, units);
    return typeof r === 'number' ? `fixed at ${f(r)}` : `${f(r[0])} to ${f(r[1])}`;
  };
  const inputs: [string, string][] = [
    ['Fuels', spec.fuels.join(', ')],
    ['Oxidizers', spec.oxidizers.join(', ')],
    ['O/F', range('of')!],
    ['Chamber pressure', range('pc', 'pressure')!],
    ['Area ratio Ae/At', range('areaRatio')!],
  ];
  if (spec.variables.fuelBlend !== undefined) inputs.push([`${spec.fuels[1]} in the fuel (mass fraction)`, range('fuelBlend')!]);
  if (spec.variables.oxidizerBlend !== undefined) inputs.push([`${spec.oxidizers[1]} in the oxidizer (mass fraction)`, range('oxidizerBlend')!]);
  spec.objectives.forEach((o, i) => inputs.push([`Objective ${i + 1}`, objectiveLabel(o)]));
  for (const c of spec.constraints ?? []) {
    const q = c.quantity;
    const shown = (x: number) => (q === 'Tc' ? typed('temperature', x, units) : q === 'pc' || q === 'pe' ? typed('pressure', x, units) : `${Number(x.toPrecision(6))}${QUANTITY_INFO[q].unit ? ` ${QUANTITY_INFO[q].unit}` : ''}`);
    inputs.push([`Constraint: ${QUANTITY_INFO[q].label}`, [c.min !== undefined ? `>= ${shown(c.min)}` : '', c.max !== undefined ? `<= ${shown(c.max)}` : ''].filter(Boolean).join(' and ')]);
  }
  inputs.push(['Ambient pressure', spec.pamb === undefined ? `${typed('pressure', 101325, units)} (sea level)` : typed('pressure', spec.pamb, units)]);
  inputs.push(['Separated nozzles', spec.separation === 'mark' ? 'kept on the front and marked' : 'left off the front']);
  inputs.push(['NSGA-II', `population ${spec.population}, ${spec.generations} generations, seed ${spec.seed}`]);

  // The Pareto set, sorted by the first objective, best first; vacuum Isp also as an exhaust velocity.
  const cols = paretoColumns(spec, units).filter((c) => !c.csvOnly);
  const v = ispScale('velocity', units);
  const o0 = spec.objectives[0];
  const q0 = objectiveQuantity(o0);
  const sense = 'maximize' in o0 ? -1 : 1;
  const sorted = [...front].sort((a, b) => sense * (a[q0] - b[q0]));
  const ispAt = cols.findIndex((c) => c.key === 'ispVac');
  const head = cols.map((c) => c.label);
  head.splice(ispAt + 1, 0, `Isp vac (${v.unit})`);
  const rows = sorted.slice(0, REPORT_MAX_ROWS).map((d) => {
    const r = cols.map((c) => {
      if (c.key === 'ispAmb' && d.separated) return SEPARATED_AMBIENT_TEXT;
      const x = cellValue(d, c);
      return typeof x === 'number' ? x.toFixed(c.digits) : String(x ?? '');
    });
    r.splice(ispAt + 1, 0, (d.ispVac * v.perMs).toFixed(1));
    return r;
  });
  const notes: string[] = [];
  if (front.length > REPORT_MAX_ROWS) notes.push(`The table shows ${REPORT_MAX_ROWS} of the ${front.length} designs; the CSV export has all of them.`);
  if (front.some((d) => d.separated)) notes.push(`Designs marked "${SEPARATED_AMBIENT_TEXT}" would separate at ambient pressure: their ambient Isp is not meaningful and they are not charted on it.`);

  // The front: objective 2 against objective 1, one colour per fuel; and O/F along objective 1.
  const axis = (q: ReturnType<typeof objectiveQuantity> | 'of') => {
    const c = paretoColumn(cols, q);
    return { label: c?.label ?? q, value: (d: EvaluatedDesign) => (d[q] as number) * (c?.scale ?? 1) };
  };
  const x = axis(q0);
  const charted = (q: string) => front.filter((d) => !(d.separated && q === 'ispAmb'));
  const byFuel = (q: ReturnType<typeof objectiveQuantity> | 'of', y: ReturnType<typeof axis>) =>
    [...new Set(front.map((d) => d.fuel))].slice(0, MAX_SERIES).map((fuel) => ({
      name: fuel, style: 'points' as const,
      points: charted(q).filter((d) => d.fuel === fuel && !(d.separated && q0 === 'ispAmb')).map((d): [number, number] => [x.value(d), y.value(d)]),
    }));
  const charts: ReportChart[] = [];
  if (spec.objectives[1]) {
    const q1 = objectiveQuantity(spec.objectives[1]);
    const y = axis(q1);
    charts.push({ title: 'Pareto front', xLabel: x.label, yLabel: y.label, series: byFuel(q1, y) });
  }
  charts.push({ title: `O/F along the front`, xLabel: x.label, yLabel: 'O/F', series: byFuel('of', axis('of')) });

  return {
    title: name,
    subtitle: `Pareto front of ${front.length} design${front.length === 1 ? '' : 's'} (NSGA-II, ${spec.objectives.map(objectiveLabel).join(', ')}): Rocket Fuel Optimizer, ${when}`,
    inputs, tableTitle: 'Pareto set', table: { head, rows }, notes, charts,
    explanations: extras.explanations ?? [],
    provenance: provenanceRows(extras.provenance ?? {}, when),
  };
}

/** The headline figures of a computed design point (its study's summary, SI), as the report lists them. */
const POINT_FIGURES: [string, string, Quantity][] = [
  ['Tc_K', 'Chamber temperature', 'temperature'], ['cstar_m_s', 'c*', 'velocity'], ['ispVac_m_s', 'Isp vacuum', 'specificImpulse'],
  ['isp_m_s', 'Isp (pamb = pe)', 'specificImpulse'], ['ispAmb_m_s', 'Isp at ambient', 'specificImpulse'], ['areaRatio', 'Area ratio Ae/At', 'dimensionless'],
  ['pe_Pa', 'Exit pressure', 'pressure'], ['machExit', 'Exit Mach number', 'dimensionless'],
];

/**
 * The report of a point study: the experiment's design as computed then (its inputs) and the
 * figures the study keeps (first exit), Isp also in the other unit (s beside m/s, ft/s beside lbf·s/lbm).
 */
export function pointReport(name: string, problem: RocketProblem, summary: Record<string, number>, computedAt: string, units: UnitSystem, when: string, extras: StudyReportExtras = {}): Report {
  const inputs = problemInputs(problem, units);
  if (problem.pamb !== undefined) inputs.push(['Ambient pressure', typed('pressure', problem.pamb, units)]);
  inputs.push(['Computed', computedAt]);
  const other = ispScale(units === 'SI' ? 's' : 'velocity', units);
  const rows: string[][] = [];
  for (const [k, label, q] of POINT_FIGURES) {
    const v = summary[k];
    if (v === undefined || !Number.isFinite(v)) continue;
    rows.push([label, formatSig(toDisplay(q, v, units), 5), unitLabel(q, units)]);
    if (q === 'specificImpulse') rows.push([label, formatSig(v * other.perMs, 5), other.unit]);
  }
  return {
    title: name,
    subtitle: `Design point as computed ${computedAt}: Rocket Fuel Optimizer, ${when}`,
    inputs, tableTitle: 'Results (first exit)', table: { head: ['Figure', 'Value', 'Unit'], rows, firstWidth: 150 },
    notes: rows.length ? ['The figures are those the study kept when it was computed; the design-point pages of a full report compute the design again.'] : ['The study keeps no figures.'],
    explanations: extras.explanations ?? [],
    provenance: provenanceRows(extras.provenance ?? {}, when),
  };
}

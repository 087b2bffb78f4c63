// The Pareto set as the Optimize page shows it: its columns in the workspace's unit system, the same
// units Explore shows (conversion only here, at the edge), the blend fractions when the run
// blended two fuels or two oxidizers, and its CSV. The table, the chart and the CSV share them.
import type { UnitSystem } from './experiment.ts';
import type { EvaluatedDesign, ObjectiveQuantity, OptimizeSpec } from './optimize-spec.ts';
import { toCsv } from './csv.ts';
import { G0, LBF, toDisplay, unitLabel, type Quantity } from './units.ts';

export interface ParetoColumn {
  key: keyof EvaluatedDesign;
  /** Header with its unit, in the unit system asked for. */
  label: string;
  /** display = SI value × scale */
  scale: number;
  /** Decimals in the table (the CSV keeps every digit). */
  digits: number;
  /** Only in the CSV, not in the table. */
  csvOnly?: boolean;
}

// Units as Explore shows them (units.ts): pressures in bar or psia, Isp in seconds (the headline's
// unit in both systems), velocities, temperatures and densities in the system's unit.
type Def = { key: keyof EvaluatedDesign; label: string; quantity?: Quantity; digits: number; usDigits?: number; csvOnly?: boolean; custom?: Record<UnitSystem, { unit: string; scale: number }> };
const SECONDS = { SI: { unit: 's', scale: 1 / G0 }, US: { unit: 's', scale: 1 / G0 } };
const DEFS: Def[] = [
  { key: 'fuel', label: 'Fuel', digits: 0 },
  { key: 'oxidizer', label: 'Oxidizer', digits: 0 },
  { key: 'of', label: 'O/F', digits: 3 },
  { key: 'pc', label: 'pc', quantity: 'pressure', digits: 2, usDigits: 0 },
  { key: 'areaRatio', label: 'Ae/At', digits: 1 },
  { key: 'ispVac', label: 'Isp vac', custom: SECONDS, digits: 1 },
  { key: 'ispAmb', label: 'Isp amb', custom: SECONDS, digits: 1 },
  { key: 'densityIsp', label: 'ρ·Isp', quantity: 'densityImpulse', digits: 0 },
  { key: 'cstar', label: 'c*', quantity: 'velocity', digits: 1 },
  { key: 'Tc', label: 'Tc', quantity: 'temperature', digits: 0 },
  // USD per kN·s, or per klbf·s (one lbf is LBF N)
  { key: 'costPerImpulse', label: 'cost', custom: { SI: { unit: 'USD/kN·s', scale: 1e3 }, US: { unit: 'USD/klbf·s', scale: 1e3 * LBF } }, digits: 4 },
  { key: 'pe', label: 'pe', quantity: 'pressure', digits: 4, usDigits: 3, csvOnly: true },
  { key: 'bulkDensity', label: 'bulk density', quantity: 'density', digits: 1, usDigits: 2, csvOnly: true },
];

/** The columns of a Pareto set of `spec` (a blend fraction after its role when that role is blended). */
export function paretoColumns(spec: Pick<OptimizeSpec, 'fuels' | 'oxidizers' | 'variables'>, system: UnitSystem): ParetoColumn[] {
  const out: ParetoColumn[] = [];
  for (const d of DEFS) {
    const u = d.custom?.[system] ?? (d.quantity ? { unit: unitLabel(d.quantity, system), scale: toDisplay(d.quantity, 1, system) } : undefined);
    const digits = system === 'US' ? d.usDigits ?? d.digits : d.digits;
    out.push({ key: d.key, label: u ? `${d.label} (${u.unit})` : d.label, scale: u?.scale ?? 1, digits, ...(d.csvOnly ? { csvOnly: true } : {}) });
    if (d.key === 'fuel' && spec.variables.fuelBlend !== undefined) out.push(blendColumn('fuelBlend', spec.fuels[1], 'fuel'));
    if (d.key === 'oxidizer' && spec.variables.oxidizerBlend !== undefined) out.push(blendColumn('oxidizerBlend', spec.oxidizers[1], 'oxidizer'));
  }
  return out;
}

const blendColumn = (key: 'fuelBlend' | 'oxidizerBlend', second: string | undefined, role: string): ParetoColumn =>
  ({ key, label: `${second ?? '?'} in ${role} (mass fraction)`, scale: 1, digits: 3 });

/** A column by the quantity it shows (for chart axes). */
export function paretoColumn(columns: ParetoColumn[], key: ObjectiveQuantity | keyof EvaluatedDesign): ParetoColumn | undefined {
  return columns.find((c) => c.key === key);
}

/** A design's value in a column, in display units (text as it is). */
export function cellValue(d: EvaluatedDesign, c: ParetoColumn): number | string | undefined {
  const v = d[c.key];
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return typeof v === 'number' ? v * c.scale : v;
}

/** What a separated design shows instead of its ambient Isp (ispVac − pa·Ae/ṁ of a full-flowing nozzle, meaningless there, often negative). */
export const SEPARATED_AMBIENT_TEXT = 'n/a: flow separates';

/** Whether a column's value of this design is the ambient Isp of a nozzle whose flow separates. */
const separatedAmbient = (d: EvaluatedDesign, c: ParetoColumn) => c.key === 'ispAmb' && d.separated === true;

/**
 * One design with every column in display units, keyed by quantity (for the chart); a separated
 * design has no ambient Isp (null: the chart leaves it off an ambient-Isp axis) and says so in `flow`.
 */
export function displayRow(d: EvaluatedDesign, columns: ParetoColumn[]): Record<string, number | string | null | undefined> {
  const row: Record<string, number | string | null | undefined> = Object.fromEntries(columns.map((c) => [c.key, separatedAmbient(d, c) ? null : cellValue(d, c)]));
  if (d.separated !== undefined) row.flow = d.separated ? 'separates at ambient' : 'full';
  return row;
}

/** The Pareto set as CSV, every column in the units of `columns` (headers say them), full precision. */
export function paretoCsv(rows: EvaluatedDesign[], columns: ParetoColumn[]): string {
  // Values are already in display units, so the system passed to toCsv converts nothing.
  return toCsv(rows, columns.map((c) => ({ label: c.label, get: (d: EvaluatedDesign) => (separatedAmbient(d, c) ? SEPARATED_AMBIENT_TEXT : cellValue(d, c)) })), 'SI');
}

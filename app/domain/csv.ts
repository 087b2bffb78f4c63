// CSV export of results (RFC 4180), units in the headers, values converted to the chosen system.
import type { RocketResult, Station } from './problem.ts';
import type { UnitSystem } from './experiment.ts';
import { toDisplay, withUnit, type Quantity } from './units.ts';

export interface CsvColumn<R> {
  label: string;
  quantity?: Quantity;
  get: (row: R) => number | string | null | undefined;
}

/** Quotes a cell when needed; text that a spreadsheet would run as a formula is prefixed with '. */
function cell(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<R>(rows: R[], columns: CsvColumn<R>[], system: UnitSystem): string {
  const head = columns.map((c) => cell(c.quantity ? withUnit(c.label, c.quantity, system) : c.label)).join(',');
  const body = rows.map((r) =>
    columns
      .map((c) => {
        const v = c.get(r);
        return cell(typeof v === 'number' && c.quantity ? toDisplay(c.quantity, v, system) : v);
      })
      .join(','),
  );
  return [head, ...body].join('\r\n') + '\r\n';
}

/** RFC 4180 parser (for tests and re-import of our own files). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (ch === '"') q = false;
      else f += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(f);
      f = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
    } else f += ch;
  }
  if (f !== '' || row.length) {
    row.push(f);
    rows.push(row);
  }
  return rows;
}

type NamedStation = { station: string; s: Station };

export const STATION_COLUMNS: CsvColumn<NamedStation>[] = [
  { label: 'Station', get: (r) => r.station },
  { label: 'p', quantity: 'pressure', get: (r) => r.s.p },
  { label: 'T', quantity: 'temperature', get: (r) => r.s.T },
  { label: 'rho', quantity: 'density', get: (r) => r.s.rho },
  { label: 'h', quantity: 'specificEnthalpy', get: (r) => r.s.h },
  { label: 's', quantity: 'specificHeat', get: (r) => r.s.s },
  { label: 'M', quantity: 'molarMass', get: (r) => r.s.M },
  { label: 'cp', quantity: 'specificHeat', get: (r) => r.s.cp },
  { label: 'gamma_s', get: (r) => r.s.gammaS },
  { label: 'a', quantity: 'velocity', get: (r) => r.s.a },
  { label: 'Mach', get: (r) => r.s.mach },
  { label: 'Ae/At', get: (r) => r.s.areaRatio },
  { label: 'c*', quantity: 'velocity', get: (r) => r.s.cstar },
  { label: 'Cf', get: (r) => r.s.cf },
  { label: 'Isp vacuum', quantity: 'specificImpulse', get: (r) => r.s.ispVac },
  { label: 'Isp (pamb = pe)', quantity: 'specificImpulse', get: (r) => r.s.isp },
  { label: 'Isp at ambient', quantity: 'specificImpulse', get: (r) => r.s.ispAmb },
];

/** Transport columns, present when the problem was solved with `transport: true` (blank where a station has none). */
export const TRANSPORT_COLUMNS: CsvColumn<NamedStation>[] = [
  { label: 'viscosity', quantity: 'viscosity', get: (r) => r.s.viscosity },
  { label: 'conductivity (equilibrium)', quantity: 'thermalConductivity', get: (r) => r.s.conductivity },
  { label: 'conductivity (frozen)', quantity: 'thermalConductivity', get: (r) => r.s.conductivityFrozen },
  { label: 'cp frozen (gas)', quantity: 'specificHeat', get: (r) => r.s.cpFrozen },
  { label: 'Prandtl (equilibrium)', get: (r) => r.s.prandtl },
  { label: 'Prandtl (frozen)', get: (r) => r.s.prandtlFrozen },
];

/** One row per station (chamber, throat, each exit; an exit the engine could not compute is left blank). */
export function rocketResultCsv(result: RocketResult, system: UnitSystem): string {
  // a finite-area combustor's chamber station is its injector
  const rows: NamedStation[] = result.combustorEnd
    ? [{ station: 'injector', s: result.chamber }, { station: 'combustor end', s: result.combustorEnd }, { station: 'throat', s: result.throat }]
    : [{ station: 'chamber', s: result.chamber }, { station: 'throat', s: result.throat }];
  result.exits.forEach((e, i) => {
    if ('T' in e) rows.push({ station: `exit ${i + 1}`, s: e });
  });
  return toCsv(rows, result.chamber.viscosity !== undefined ? [...STATION_COLUMNS, ...TRANSPORT_COLUMNS] : STATION_COLUMNS, system);
}

/** Column-oriented results (a sweep, a Pareto front): one CSV column per named series. */
export function seriesCsv(series: { label: string; quantity?: Quantity; values: ArrayLike<number> }[], system: UnitSystem): string {
  const n = Math.max(0, ...series.map((s) => s.values.length));
  const rows = Array.from({ length: n }, (_, i) => i);
  return toCsv(
    rows,
    series.map((s) => ({ label: s.label, quantity: s.quantity, get: (i: number) => (i < s.values.length ? s.values[i] : null) })),
    system,
  );
}

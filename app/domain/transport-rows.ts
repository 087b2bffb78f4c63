// The transport-property rows of a station table, apart from the report builder (report.ts): Explore's
// table shows them in the first load, the report is loaded only when a PDF is made.
import type { RocketResult, Station } from './problem.ts';
import type { Quantity } from './units.ts';

/** Transport rows (problems solved with `transport: true`); blank where a station has no value. */
export const TRANSPORT_ROWS: [keyof Station, string, Quantity][] = [
  ['viscosity', 'Viscosity', 'viscosity'],
  ['conductivity', 'Conductivity (equilibrium)', 'thermalConductivity'],
  ['conductivityFrozen', 'Conductivity (frozen)', 'thermalConductivity'],
  ['cpFrozen', 'cp frozen (gas)', 'specificHeat'],
  ['prandtl', 'Prandtl (equilibrium)', 'dimensionless'],
  ['prandtlFrozen', 'Prandtl (frozen)', 'dimensionless'],
];

/** Whether a result carries transport properties (the problem asked for them). */
export function hasTransport(result: Pick<RocketResult, 'chamber'>): boolean {
  return result.chamber.viscosity !== undefined;
}


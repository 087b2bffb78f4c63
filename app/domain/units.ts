// SI ↔ US customary conversion at the edges (forms, tables, axes, exports). Values inside the app
// are SI; a Quantity names what a number is, and the unit system picks how it is shown.
// Exact definitions: international yard and pound agreement (1959): ft = 0.3048 m,
// lbm = 0.45359237 kg; standard gravity g0 = 9.80665 m/s² (CGPM 1901) so lbf = lbm·g0;
// °R = K·9/5; BTU(IT)/lbm = 2326 J/kg exactly (IT calorie 4.1868 J).
import type { UnitSystem } from './experiment.ts';

export const G0 = 9.80665; // m/s²
export const FT = 0.3048; // m
export const INCH = 0.0254; // m
export const LBM = 0.45359237; // kg
export const LBF = LBM * G0; // N
export const PSI = LBF / (INCH * INCH); // Pa (6894.757293168…)
export const IN2 = INCH * INCH; // m² (6.4516e-4)
export const BAR = 1e5; // Pa
export const ATM = 101325; // Pa
export const BTU_PER_LBM = 2326; // J/kg
export const LBM_PER_FT3 = LBM / (FT * FT * FT); // kg/m³
/** BTU(IT)/(h·ft·°R) in W/(m·K): 2326 J/kg·lbm / (3600 s · ft · 5/9 K). */
export const BTU_PER_H_FT_R = (BTU_PER_LBM * LBM) / (3600 * FT * (5 / 9));

export type Quantity =
  | 'pressure'
  | 'temperature'
  | 'temperatureDifference'
  | 'specificImpulse'
  | 'velocity'
  | 'density'
  | 'densityImpulse'
  | 'specificEnthalpy'
  | 'specificHeat'
  | 'molarEnthalpy'
  | 'mass'
  | 'massFlow'
  | 'force'
  | 'impulse'
  | 'length'
  | 'area'
  | 'costPerMass'
  | 'dimensionless'
  | 'molarMass'
  | 'time'
  | 'viscosity'
  | 'thermalConductivity';

interface Conversion {
  unit: string;
  /** display = si · scale + offset */
  scale: number;
  offset?: number;
}

// SI display units are the ones engineers read (bar, kJ/kg, m/s); the values stay in base SI.
const TABLE: Record<Quantity, Record<UnitSystem, Conversion>> = {
  pressure: { SI: { unit: 'bar', scale: 1 / BAR }, US: { unit: 'psia', scale: 1 / PSI } },
  temperature: { SI: { unit: 'K', scale: 1 }, US: { unit: '°R', scale: 9 / 5 } },
  temperatureDifference: { SI: { unit: 'K', scale: 1 }, US: { unit: '°R', scale: 9 / 5 } },
  specificImpulse: { SI: { unit: 'm/s', scale: 1 }, US: { unit: 'lbf·s/lbm', scale: 1 / G0 } },
  velocity: { SI: { unit: 'm/s', scale: 1 }, US: { unit: 'ft/s', scale: 1 / FT } },
  density: { SI: { unit: 'kg/m³', scale: 1 }, US: { unit: 'lbm/ft³', scale: 1 / LBM_PER_FT3 } },
  // Density-Isp, N·s/m³ inside: Isp in seconds × density (kg·s/m³); in US units lbf·s/ft³, which is
  // also Isp in seconds × lbm/ft³.
  densityImpulse: { SI: { unit: 'kg·s/m³', scale: 1 / G0 }, US: { unit: 'lbf·s/ft³', scale: (FT * FT * FT) / LBF } },
  specificEnthalpy: { SI: { unit: 'kJ/kg', scale: 1e-3 }, US: { unit: 'BTU/lbm', scale: 1 / BTU_PER_LBM } },
  specificHeat: { SI: { unit: 'kJ/(kg·K)', scale: 1e-3 }, US: { unit: 'BTU/(lbm·°R)', scale: 1 / (BTU_PER_LBM * 9 / 5) } },
  molarEnthalpy: { SI: { unit: 'kJ/mol', scale: 1e-3 }, US: { unit: 'kcal/mol', scale: 1 / 4184 } },
  mass: { SI: { unit: 'kg', scale: 1 }, US: { unit: 'lbm', scale: 1 / LBM } },
  massFlow: { SI: { unit: 'kg/s', scale: 1 }, US: { unit: 'lbm/s', scale: 1 / LBM } },
  force: { SI: { unit: 'N', scale: 1 }, US: { unit: 'lbf', scale: 1 / LBF } },
  // total impulse, N·s inside (a test firing's ∫F dt)
  impulse: { SI: { unit: 'N·s', scale: 1 }, US: { unit: 'lbf·s', scale: 1 / LBF } },
  length: { SI: { unit: 'm', scale: 1 }, US: { unit: 'ft', scale: 1 / FT } },
  area: { SI: { unit: 'm²', scale: 1 }, US: { unit: 'ft²', scale: 1 / (FT * FT) } },
  costPerMass: { SI: { unit: '$/kg', scale: 1 }, US: { unit: '$/lbm', scale: LBM } },
  dimensionless: { SI: { unit: '–', scale: 1 }, US: { unit: '–', scale: 1 } },
  molarMass: { SI: { unit: 'kg/kmol', scale: 1 }, US: { unit: 'lbm/lbmol', scale: 1 } },
  time: { SI: { unit: 's', scale: 1 }, US: { unit: 's', scale: 1 } },
  // Pa·s inside; shown in µPa·s (gas viscosities are tens to hundreds) or lbm/(ft·h) as US heat-transfer
  // tables give them.
  viscosity: { SI: { unit: 'µPa·s', scale: 1e6 }, US: { unit: 'lbm/(ft·h)', scale: 3600 * FT / LBM } },
  thermalConductivity: { SI: { unit: 'W/(m·K)', scale: 1 }, US: { unit: 'BTU/(h·ft·°R)', scale: 1 / BTU_PER_H_FT_R } },
};

/** SI value → the number shown in `system`. */
export function toDisplay(q: Quantity, si: number, system: UnitSystem): number {
  const c = TABLE[q][system];
  return si * c.scale + (c.offset ?? 0);
}

/** Number typed in `system` → SI value. */
export function fromDisplay(q: Quantity, shown: number, system: UnitSystem): number {
  const c = TABLE[q][system];
  return (shown - (c.offset ?? 0)) / c.scale;
}

export function unitLabel(q: Quantity, system: UnitSystem): string {
  return TABLE[q][system].unit;
}

/** "Chamber pressure [psia]": a header or axis title with its unit. */
export function withUnit(label: string, q: Quantity, system: UnitSystem): string {
  const u = unitLabel(q, system);
  return u === '–' ? label : `${label} [${u}]`;
}

// Temperatures on relative scales, for storage temperatures in forms.
export const kelvinToFahrenheit = (T_K: number) => T_K * 9 / 5 - 459.67;
export const fahrenheitToKelvin = (T_F: number) => (T_F + 459.67) * 5 / 9;
export const kelvinToCelsius = (T_K: number) => T_K - 273.15;
export const celsiusToKelvin = (T_C: number) => T_C + 273.15;
/** Isp in seconds (the same number in both systems: impulse per weight at g0). */
export const ispSeconds = (isp_m_s: number) => isp_m_s / G0;

/** A temperature in a named unit (K, °C, °F, °R) → kelvin; null for another unit. */
export function temperatureToKelvin(value: number, unit: string): number | null {
  switch (unit) {
    case 'K': return value;
    case '°C': return celsiusToKelvin(value);
    case '°F': return (value - 32) * 5 / 9 + 273.15;
    case '°R': return value * 5 / 9;
    default: return null;
  }
}

/** How an Isp is shown: in seconds (÷ g0), or as an effective exhaust velocity in the system's speed unit. */
export type IspUnit = 's' | 'velocity';

/**
 * The factor from an Isp or an Isp difference in m/s (an error, a residual: no offset) to the shown
 * number, and the unit written after it: 1/g0 and "s", or the system's velocity unit.
 */
export function ispScale(unit: IspUnit, system: UnitSystem): { perMs: number; unit: string } {
  return unit === 's' ? { perMs: 1 / G0, unit: 's' } : { perMs: toDisplay('velocity', 1, system), unit: unitLabel('velocity', system) };
}

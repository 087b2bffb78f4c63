// Comparison of engine stations with CEA reference stations at the tolerances of issue 3.
import type { Station } from '../../app/domain/problem.ts';

export type RefStation = Record<string, number | Record<string, number> | undefined> & { x?: Record<string, number> };

// reference field → [engine field, relative tolerance]
const FIELDS: [string, keyof Station, number][] = [
  ['T_K', 'T', 5e-4], ['p_Pa', 'p', 5e-4], ['rho_kg_m3', 'rho', 5e-4], ['M_kg_kmol', 'M', 5e-4],
  ['MW_kg_kmol', 'MW', 5e-4], ['gamma_s', 'gammaS', 5e-4], ['sonic_velocity_m_s', 'a', 5e-4],
  ['cstar_m_s', 'cstar', 5e-4], ['Cf', 'cf', 5e-4], ['Isp_m_s', 'isp', 5e-4], ['Isp_vac_m_s', 'ispVac', 5e-4],
  ['Ae_At', 'areaRatio', 5e-4], ['Isp_amb_1atm_m_s', 'ispAmb', 5e-4], ['mach', 'mach', 5e-4], ['s_J_kgK', 's', 5e-4],
  ['cp_J_kgK', 'cp', 5e-3], ['dlnV_dlnP_T', 'dlnVdlnP', 5e-3], ['dlnV_dlnT_P', 'dlnVdlnT', 5e-3],
];

/** Half a unit in the last printed digit: at least 5 significant figures, more when the value shows them. */
export function roundingOf(v: number): number {
  if (v === 0) return 0.5e-4;
  const digits = Math.max(5, v.toExponential().split('e')[0].replace(/[-.]/g, '').replace(/0+$/, '').length);
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(v))) - (digits - 1));
}

export interface Deviation { where: string; field: string; ref: number; got: number; rel: number; ok: boolean }

export function compareStation(where: string, ref: RefStation, got: Station, out: Deviation[]): void {
  for (const [rf, gf, tol] of FIELDS) {
    const r = ref[rf];
    if (typeof r !== 'number') continue;
    const g = got[gf] as number;
    // CEA prints pressure in bar with at most 5 decimals (0.00369 bar): half a unit is 0.5 Pa;
    // Mach number with 3 decimals and CF with 4 (0.203, 0.0673 at a subsonic station).
    const printed = rf === 'p_Pa' ? Math.max(roundingOf(r), 0.5)
      : rf === 'mach' ? Math.max(roundingOf(r), 0.5e-3)
        : rf === 'Cf' ? Math.max(roundingOf(r), 0.5e-4) : roundingOf(r);
    const allowed = Math.max(tol * Math.abs(r), printed);
    const ok = Number.isFinite(g) && Math.abs(g - r) <= allowed;
    out.push({ where, field: rf, ref: r, got: g, rel: Math.abs(g - r) / Math.max(Math.abs(r), 1e-30), ok });
  }
  if (ref.x) {
    for (const [name, r] of Object.entries(ref.x)) {
      if (r <= 1e-3) continue;
      const g = got.moleFractions[name] ?? 0;
      out.push({ where, field: `x(${name})`, ref: r, got: g, rel: Math.abs(g - r), ok: Math.abs(g - r) <= 1e-4 });
    }
    for (const [name, g] of Object.entries(got.moleFractions)) {
      if (g > 1.1e-3 && ref.x[name] === undefined) out.push({ where, field: `x(${name})`, ref: 0, got: g, rel: g, ok: false });
    }
  }
}

export function summarise(devs: Deviation[]): string {
  const worst = new Map<string, Deviation>();
  for (const d of devs) {
    const key = d.field.startsWith('x(') ? 'x' : d.field;
    const w = worst.get(key);
    if (!w || d.rel > w.rel) worst.set(key, d);
  }
  return [...worst.entries()].map(([k, d]) => `${k}: ${d.rel.toExponential(2)} at ${d.where} (ref ${d.ref}, got ${+d.got.toPrecision(6)})`).join('\n');
}

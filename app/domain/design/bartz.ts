// Gas-side heat transfer by Bartz's correlation (D. R. Bartz, "A simple equation for rapid
// estimation of rocket nozzle convective heat transfer coefficients", Jet Propulsion 27(1), 1957,
// 49–51; in SI form as in Huzel & Huang eq. 4-13 and Sutton & Biblarz eq. 8-23):
//   h = 0.026/Dt^0.2 · (μ^0.2·cp/Pr^0.6)₀ · (p0/c*)^0.8 · (Dt/Rcurv)^0.1 · (At/A)^0.9 · σ
//   σ = 1 / ( [½·(Tw/T0)·(1 + (γ−1)/2·M²) + ½]^(0.8 − ω/5) · [1 + (γ−1)/2·M²]^(ω/5) ),  ω = 0.6
// Adiabatic wall temperature with the turbulent recovery factor Pr^(1/3):
//   Taw = T0·(1 + r·(γ−1)/2·M²)/(1 + (γ−1)/2·M²);  q = h·(Taw − Tw).
// What it leaves out: it is a flat-plate turbulent boundary layer correlation fitted to one
// throat; it ignores the boundary layer's history (entrance region, laminarisation where the flow
// accelerates strongly, which makes it over-predict in the convergent part and at the throat by up to
// a factor 2 in measurements), radiation from the gas (a few % for LOX/RP-1, up to ~10–30 % in large
// chambers and with soot), soot and carbon deposits, film or transpiration cooling, injector
// streaks and local mixture-ratio shifts, and combustion not complete at the wall.

export interface BartzGas {
  /** Nozzle stagnation pressure, Pa. */
  p0: number;
  /** Stagnation temperature, K. */
  T0: number;
  /** Characteristic velocity, m/s. */
  cstar: number;
  gamma: number;
  /** Specific heat, J/(kg·K). */
  cp: number;
  /** Viscosity, Pa·s. */
  viscosity: number;
  prandtl: number;
}

/** Bartz's σ, the property correction across the boundary layer (ω = 0.6). */
export function bartzSigma(TwOverT0: number, M: number, gamma: number): number {
  const s = 1 + 0.5 * (gamma - 1) * M * M;
  return 1 / (Math.pow(0.5 * TwOverT0 * s + 0.5, 0.68) * Math.pow(s, 0.12));
}

/**
 * Gas-side coefficient h, W/(m²·K), at a station of area ratio A/At = areaRatio and Mach M, for a
 * throat of diameter Dt (m) and radius of curvature rCurv (m), with the wall at Tw (K).
 */
export function bartzCoefficient(gas: BartzGas, Dt: number, rCurv: number, areaRatio: number, M: number, Tw: number): number {
  const base = (0.026 / Math.pow(Dt, 0.2)) * ((Math.pow(gas.viscosity, 0.2) * gas.cp) / Math.pow(gas.prandtl, 0.6))
    * Math.pow(gas.p0 / gas.cstar, 0.8) * Math.pow(Dt / rCurv, 0.1);
  return base * Math.pow(1 / areaRatio, 0.9) * bartzSigma(Tw / gas.T0, M, gas.gamma);
}

/** Adiabatic wall temperature, K, with recovery factor Pr^(1/3) (turbulent boundary layer). */
export function adiabaticWallTemperature(T0: number, M: number, gamma: number, prandtl: number): number {
  const k = 0.5 * (gamma - 1) * M * M;
  return (T0 * (1 + Math.cbrt(prandtl) * k)) / (1 + k);
}

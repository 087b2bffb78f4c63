// Rocket with a finite-area combustor (CEA `fac`; Gordon & McBride, NASA RP-1311 Part I, §6.4).
// The assigned pressure is the injector's. Injector: HP equilibrium at p_inj, at rest. The gas then
// accelerates through the constant-area chamber (Rayleigh line): at its end, with Ac/At the
// contraction ratio, momentum p_inj = p_c + ρ_c u_c² and energy h_inj = h_c + u_c²/2. From there
// the expansion is isentropic, so everything downstream is the nozzle of an infinite-area combustor
// whose stagnation pressure p_inf gives that entropy: HP at p_inf with h_inj, the sonic throat, and
// the combustor end as the subsonic point at Ac/At on the same isentrope (so the energy balance
// holds by construction). p_inf is iterated until the combustor end's momentum returns p_inj.
// A mass flux ṁ/Ac instead of Ac/At fixes Ac/At = (ṁ/At)/(ṁ/Ac) = ρu_throat/(ṁ/Ac) in the same loop.
import { F, OK, ERR_BAD_INPUT } from '../common';
import { R_CEA, PROB_HP, equilibrate, thermoColdStart, thermoRestoreState, thermoSaveState } from './equilibrium';
import {
  MAX_EXITS, SLOT_INJECTOR, SLOT_COMBUSTOR_END, ST_P_PA, ST_RHO, ST_A, ST_MACH, ST_GAMMA_S, ST_AREA_RATIO,
  stationLen, stationOutPtr, rocketChamberThroat, rocketHistoryOff, rocketExits, rocketSubsonicStation, rocketWriteRestStation,
  rocketThroatMassFlux,
} from './rocket';

/** facPoint mode: `value` is the contraction ratio Ac/At. */
export const FAC_CONTRACTION_RATIO: i32 = 1;
/** facPoint mode: `value` is the mass flux per chamber area ṁ/Ac, kg/(m²·s). */
export const FAC_MASS_FLUX: i32 = 2;
/** The mass flux per chamber area exceeds what the throat passes at the injector pressure (Ac/At ≤ 1). */
export const ERR_FAC_MASS_FLUX: i32 = 22;
/** The p_inf iteration (combustor-end momentum balance) did not converge. */
export const ERR_FAC_NO_CONVERGENCE: i32 = 23;
/** The mass flux per chamber area is so low that Ac/At would exceed 10⁴. */
export const ERR_FAC_MASS_FLUX_LOW: i32 = 25;

const T_COLD_START_K: F = 3800.0;
// |ln(p_inj computed / p_inj)| at which p_inf is accepted (CEA: 2e-5).
const FAC_TOL: F = 1e-8;
// When the loop runs out of iterations without FAC_TOL, the best p_inf seen is evaluated again and
// taken if its residual is within CEA's own tolerance, 2e-5. (The residual can be reproducible only
// to a few 1e-6: at a throat where a condensed phase appears, whether the phase is in at a given
// pressure depends on the state the solve starts from, e.g. ice from 1 % of water in nitrogen.)
const FAC_TOL_STALL: F = 2e-5;

let pInf: F = 0;
let acat: F = 0;
let residual: F = 0;

/** |ln(p_inj computed / p_inj)| at which the last facPoint's p_inf loop stopped (≤ 1e-8, or ≤ 2e-5 when it stalled). */
export function facResidual(): F {
  return residual;
}

/** Stagnation pressure p_inf of the last facPoint, Pa. */
export function facPInf(): F {
  return pInf;
}

/** Contraction ratio Ac/At of the last facPoint (given, or from the mass flux). */
export function facContractionRatio(): F {
  return acat;
}

@inline function value(slot: i32, field: i32): F {
  return load<F>(stationOutPtr() + ((<usize>(slot * stationLen() + field)) << 3));
}

// Ideal-gas subsonic Mach number at area ratio eps (first guess of p_inj/p_inf only).
function subsonicMach(eps: F, g: F): F {
  let m: F = 1.0 / eps;
  for (let q = 0; q < 60; q++) {
    const t = (2.0 / (g + 1.0)) * (1.0 + 0.5 * (g - 1.0) * m * m);
    const ar = Math.pow(t, (g + 1.0) / (2.0 * (g - 1.0))) / m;
    const dlnA = (m * m - 1.0) / (m * (1.0 + 0.5 * (g - 1.0) * m * m));
    let next = m - (Math.log(ar) - Math.log(eps)) / dlnA;
    if (!(next > 0)) next = 0.5 * m;
    if (next >= 1.0) next = 0.5 * (m + 1.0);
    if (Math.abs(next - m) < 1e-12) return next;
    m = next;
  }
  return m;
}

// p_inf loop at the injector state already in SLOT_INJECTOR: ln p_inf starts at x0; Ac/At = acat,
// or with a mass flux (massFlux > 0) Ac/At = ρu_throat/massFlux in the same loop. On success the
// stations 0, 1 and SLOT_COMBUSTOR_END hold the converged point, pInf and acat are set.
// res(x) = ln p_inj − ln(p_c + ρ_c u_c²) with x = ln p_inf; res' ≈ −1 (p scales with p_inf),
// refined by secant steps.
function pInfLoop(h0_J_kg: F, pinj_Pa: F, massFlux: F, x0: F, Tlow: F): i32 {
  const lnPinj = Math.log(pinj_Pa);
  let x = x0;
  let xPrev: F = 0, rPrev: F = 0;
  let xBest: F = NaN, rBest: F = Infinity;
  for (let it = 0; it < 41; it++) {
    if (it == 40) {
      // out of iterations: the best p_inf seen, evaluated again, if within FAC_TOL_STALL
      if (!(rBest < FAC_TOL_STALL)) break;
      x = xBest;
    }
    let st = rocketChamberThroat(h0_J_kg, Math.exp(x), 0, 1, Tlow, facThigh);
    if (st != OK) return st;
    if (massFlux > 0) {
      acat = rocketThroatMassFlux() / massFlux;
      if (!(acat > 1.0 + 1e-6)) {
        if (it == 0) return ERR_FAC_MASS_FLUX;
        // the last step went too far down: halve it
        x = 0.5 * (x + xPrev);
        continue;
      }
    }
    st = rocketSubsonicStation(SLOT_COMBUSTOR_END, acat);
    if (st != OK) return st;
    const p = value(SLOT_COMBUSTOR_END, ST_P_PA);
    const u = value(SLOT_COMBUSTOR_END, ST_MACH) * value(SLOT_COMBUSTOR_END, ST_A);
    const r = lnPinj - Math.log(p + value(SLOT_COMBUSTOR_END, ST_RHO) * u * u);
    if (Math.abs(r) < FAC_TOL || (it == 40 && Math.abs(r) < FAC_TOL_STALL)) {
      pInf = Math.exp(x);
      residual = Math.abs(r);
      return OK;
    }
    if (it == 40) break;
    if (Math.abs(r) < rBest) { rBest = Math.abs(r); xBest = x; }
    let slope: F = -1.0;
    if (it > 0 && x != xPrev) {
      const sl = (r - rPrev) / (x - xPrev);
      if (sl < -0.2 && sl > -5.0) slope = sl;
    }
    xPrev = x; rPrev = r;
    let dx = -r / slope;
    if (dx > 0.5) dx = 0.5;
    if (dx < -0.5) dx = -0.5;
    x += dx;
    // p_inf lies below p_inj: the stagnation pressure falls along a Rayleigh line
    if (x > lnPinj) x = 0.5 * (xPrev + lnPinj);
  }
  return ERR_FAC_NO_CONVERGENCE;
}

// First guess of ln p_inf at contraction ratio cr: ideal gas with the injector's γs,
// p_inj/p_inf = (1 + γM²)/(1 + (γ−1)/2 M²)^(γ/(γ−1)) at the combustor end's Mach number.
function guessLnPinf(pinj_Pa: F, cr: F): F {
  const g = value(SLOT_INJECTOR, ST_GAMMA_S);
  const m = subsonicMach(cr, g);
  return Math.log(pinj_Pa) - Math.log(1.0 + g * m * m) + g / (g - 1.0) * Math.log(1.0 + 0.5 * (g - 1.0) * m * m);
}

// ln(ṁ/Ac) − ln(target) at contraction ratio 1 + e^y (a full p_inf loop); NaN when it fails.
function massFluxResidual(h0_J_kg: F, pinj_Pa: F, y: F, target: F, Tlow: F): F {
  acat = 1.0 + Math.exp(y);
  const st = pInfLoop(h0_J_kg, pinj_Pa, 0, pInf > 0 ? Math.log(pInf) : guessLnPinf(pinj_Pa, acat), Tlow);
  if (st != OK) return NaN;
  return Math.log(rocketThroatMassFlux() / acat) - Math.log(target);
}

// Mass flux when the joint loop failed (near the choking limit, where p_inf(Ac/At) folds): ṁ/Ac
// falls monotonically with Ac/At, so bracket Ac/At − 1 in [1e-3, 1e4] (log scale) and solve by
// regula falsi (Illinois); above the flux at Ac/At = 1.001 the chamber would choke.
function massFluxByBracket(h0_J_kg: F, pinj_Pa: F, target: F, Tlow: F): i32 {
  pInf = 0;
  let a: F = Math.log(1e-3), b: F = Math.log(1e4);
  let fa = massFluxResidual(h0_J_kg, pinj_Pa, a, target, Tlow);
  if (isNaN(fa)) return ERR_FAC_NO_CONVERGENCE;
  if (fa < 0) return ERR_FAC_MASS_FLUX;
  let fb = massFluxResidual(h0_J_kg, pinj_Pa, b, target, Tlow);
  if (isNaN(fb)) return ERR_FAC_NO_CONVERGENCE;
  if (fb > 0) return ERR_FAC_MASS_FLUX_LOW;
  let side = 0;
  for (let it = 0; it < 100; it++) {
    const y = (a * fb - b * fa) / (fb - fa);
    const f = massFluxResidual(h0_J_kg, pinj_Pa, y, target, Tlow);
    if (isNaN(f)) return ERR_FAC_NO_CONVERGENCE;
    if (Math.abs(f) < 1e-9 || Math.abs(b - a) < 1e-12) return OK;
    if (f > 0) { a = y; fa = f; if (side == 1) fb *= 0.5; side = 1; }
    else { b = y; fb = f; if (side == -1) fa *= 0.5; side = -1; }
  }
  return ERR_FAC_NO_CONVERGENCE;
}

/**
 * Rocket point with a finite-area combustor: h0 (J/kg) of the reactants, injector pressure pinj_Pa
 * (Pa); mode FAC_CONTRACTION_RATIO (value = Ac/At > 1) or FAC_MASS_FLUX (value = ṁ/Ac, kg/(m²·s));
 * nExit exits from rocketExitPtr (pcOverPe = p_inj/p_e); frozenAt 0 = shifting equilibrium,
 * 2 = frozen after the throat; warm, Tlow, Thigh (K) as rocketPoint. Stations: SLOT_INJECTOR,
 * SLOT_COMBUSTOR_END, 0 = the equivalent infinite-area chamber at p_inf, 1 throat, 2 + k exit k;
 * performance referred to p_inf (facPInf). Returns the status of the stations before the exits.
 */
// Upper temperature limit of the data (K) for the current facPoint, as rocketPoint's Thigh.
let facThigh: F = 22000.0;

export function facPoint(h0_J_kg: F, pinj_Pa: F, mode: i32, value_: F, nExit: i32, frozenAt: i32, warm: i32, Tlow: F, Thigh: F): i32 {
  facThigh = Thigh;
  rocketHistoryOff();
  if (!(pinj_Pa > 0) || !isFinite(h0_J_kg) || !(value_ > 0) || !isFinite(value_) || nExit < 0 || nExit > MAX_EXITS) return ERR_BAD_INPUT;
  if ((mode != FAC_CONTRACTION_RATIO && mode != FAC_MASS_FLUX) || (mode == FAC_CONTRACTION_RATIO && !(value_ > 1.0))) return ERR_BAD_INPUT;
  if (frozenAt != 0 && frozenAt != 2) return ERR_BAD_INPUT;
  stationOutPtr();
  pInf = 0;
  if (warm == 0 || !thermoRestoreState()) thermoColdStart(T_COLD_START_K);
  let st = equilibrate(PROB_HP, pinj_Pa, h0_J_kg / R_CEA);
  if (st != OK) return st;
  rocketWriteRestStation(SLOT_INJECTOR, pinj_Pa);
  thermoSaveState(); // the first p_inf chamber starts from the injector state
  if (mode == FAC_CONTRACTION_RATIO) {
    acat = value_;
    st = pInfLoop(h0_J_kg, pinj_Pa, 0, guessLnPinf(pinj_Pa, acat), Tlow);
  } else {
    // with a mass flux Ac/At is not known yet: start at p_inf = p_inj
    acat = 0;
    st = pInfLoop(h0_J_kg, pinj_Pa, value_, Math.log(pinj_Pa), Tlow);
    if (st == ERR_FAC_NO_CONVERGENCE || st == ERR_FAC_MASS_FLUX) st = massFluxByBracket(h0_J_kg, pinj_Pa, value_, Tlow);
  }
  if (st != OK) return st;
  if (acat > 1e4) return ERR_FAC_MASS_FLUX_LOW;
  const o = SLOT_COMBUSTOR_END * stationLen() + ST_AREA_RATIO;
  store<F>(stationOutPtr() + (<usize>o << 3), acat);
  // the exits continue the expansion from the throat
  thermoRestoreState(1);
  rocketExits(nExit, frozenAt, pinj_Pa, acat);
  return OK;
}

// Rocket performance with an infinite-area combustor (RP-1311 ch. 6, textbook nozzle relations):
// chamber = HP at pc; throat = isentropic (SP) state where the flow speed equals the sound speed;
// exits at assigned pc/pe or supersonic Ae/At. Shifting equilibrium or frozen composition
// (frozen at the chamber or at the throat). Also the single-point TP/HP/SP solve.
import { newBuf, renewBuf } from './buf';
import { F, OK, ERR_BAD_INPUT } from '../common';
import {
  R_CEA, PROB_TP, PROB_HP, PROB_SP, ERR_FROZEN_CONDENSED_RANGE, ERR_FROZEN_LOW_T, ERR_NOZZLE, ERR_BELOW_DATA,
  ERR_ABOVE_DATA, ERR_NO_FLOW, ERR_FROZEN_UPSTREAM,
  ns, ng, nel, nj, inc, tLo, T_K, b0, dlnVdlnT, dlnVdlnP, cpEqR, twoPhase,
  P_Pa, equilibrate, equilibrateAtArea, frozenAtEntropy, thermoColdStart, thermoSaveState, thermoRestoreState,
  gasMoles, condensedMoles, mixtureH, mixtureS, predictIsentropicT, shiftIsentropic, histRecord, histExtrapolate, HIST_STATIONS, histRatios, lineNodes, lineWeights,
} from './equilibrium';

// Station record slots (f64), followed by ns mole fractions.
export const ST_T_K: i32 = 0;
export const ST_P_PA: i32 = 1;
export const ST_RHO: i32 = 2;
export const ST_H: i32 = 3;
export const ST_U: i32 = 4;
export const ST_G: i32 = 5;
export const ST_S: i32 = 6;
export const ST_M: i32 = 7;
export const ST_MW: i32 = 8;
export const ST_CP: i32 = 9;
export const ST_GAMMA_S: i32 = 10;
export const ST_DLNV_DLNP: i32 = 11;
export const ST_DLNV_DLNT: i32 = 12;
export const ST_A: i32 = 13;
export const ST_MACH: i32 = 14;
export const ST_AREA_RATIO: i32 = 15;
export const ST_CSTAR: i32 = 16;
export const ST_CF: i32 = 17;
export const ST_ISP_VAC: i32 = 18;
export const ST_ISP: i32 = 19;
export const ST_STATUS: i32 = 20;
export const ST_FIXED: i32 = 21;

export const MAX_EXITS: i32 = 64;
export const EXIT_PC_OVER_PE: i32 = 1;
export const EXIT_AREA_RATIO: i32 = 2;
/** Exit on the convergent (subsonic) branch at an area ratio. */
export const EXIT_SUBSONIC_AREA_RATIO: i32 = 3;
// Finite-area combustor stations (fac.ts), after the exits.
export const SLOT_INJECTOR: i32 = 2 + MAX_EXITS;
export const SLOT_COMBUSTOR_END: i32 = 3 + MAX_EXITS;
// Exit statuses of the subsonic branch (numbered apart from the shared thermo codes).
/** A frozen-after-the-throat expansion has no subsonic exit (CEA omits them). */
export const ERR_FROZEN_SUBSONIC: i32 = 20;
/** A subsonic area ratio at or above the combustor's contraction ratio. */
export const ERR_SUBSONIC_RANGE: i32 = 21;
/** An exit pressure at or above the stagnation pressure of the expansion. */
export const ERR_EXIT_ABOVE_STAGNATION: i32 = 24;

const T_COLD_START_K: F = 3800.0;

let out = newBuf<F>(0);
const exitSpec = newBuf<F>(2 * MAX_EXITS);
const exitOrder = newBuf<i32>(MAX_EXITS);

/** Floats per station record (fixed slots + one mole fraction per species). */
export function stationLen(): i32 {
  return ST_FIXED + ns;
}

/** Pointer to the station records (chamber, throat, MAX_EXITS exits, injector, combustor end). */
export function stationOutPtr(): usize {
  const need = (4 + MAX_EXITS) * stationLen();
  if (out.length < need) out = renewBuf<F>(out, need);
  return changetype<usize>(out);
}

/** Pointer to the exit specifications: [kind, value] × MAX_EXITS (kind 1 = pc/pe, 2 = Ae/At). */
export function rocketExitPtr(): usize {
  return changetype<usize>(exitSpec);
}

// Current state's sound-speed exponent γs (equilibrium or frozen, RP-1311 eqs. 2.70–2.75). Two
// phases at their transition temperature: the cp → ∞ limit of the same formula, γs = −1/(∂lnV/∂lnP)_T
// (T is pinned, so the isentrope is an isotherm there).
function gammaS(frozen: bool): F {
  const nR = gasMoles() * R_CEA;
  const cp = cpEqR * R_CEA;
  if (frozen) return cp / (cp - nR);
  if (twoPhase) return -1.0 / dlnVdlnP;
  const cv = cp + nR * dlnVdlnT * dlnVdlnT / dlnVdlnP;
  return -(cp / cv) / dlnVdlnP;
}

// Writes the thermodynamic part of a station record for the current state at p (Pa).
function writeState(slot: i32, p_Pa: F, frozen: bool, h: F, s: F): void {
  stationOutPtr();
  const o = slot * stationLen();
  const ngas = gasMoles();
  const ncond = condensedMoles();
  const T = T_K;
  const rho = p_Pa / (ngas * R_CEA * T);
  const gs = gammaS(frozen);
  unchecked(out[o + ST_T_K] = T);
  unchecked(out[o + ST_P_PA] = p_Pa);
  unchecked(out[o + ST_RHO] = rho);
  unchecked(out[o + ST_H] = h);
  unchecked(out[o + ST_U] = h - p_Pa / rho);
  unchecked(out[o + ST_G] = h - T * s);
  unchecked(out[o + ST_S] = s);
  unchecked(out[o + ST_M] = 1000.0 / ngas);
  unchecked(out[o + ST_MW] = 1000.0 / (ngas + ncond));
  unchecked(out[o + ST_CP] = cpEqR * R_CEA);
  unchecked(out[o + ST_GAMMA_S] = gs);
  unchecked(out[o + ST_DLNV_DLNP] = frozen ? -1.0 : dlnVdlnP);
  unchecked(out[o + ST_DLNV_DLNT] = frozen ? 1.0 : dlnVdlnT);
  unchecked(out[o + ST_A] = Math.sqrt(ngas * R_CEA * T * gs));
  unchecked(out[o + ST_MACH] = 0);
  unchecked(out[o + ST_AREA_RATIO] = 0);
  unchecked(out[o + ST_CSTAR] = 0);
  unchecked(out[o + ST_CF] = 0);
  unchecked(out[o + ST_ISP_VAC] = 0);
  unchecked(out[o + ST_ISP] = 0);
  unchecked(out[o + ST_STATUS] = OK);
}

// Whether the station records get mole fractions (a sweep, which reads only the fixed fields,
// leaves them out: rocketCompositions).
let compositions: bool = true;

/** Mole fractions in the station records from now on (on != 0, the default) or not. */
export function rocketCompositions(on: i32): void {
  compositions = on != 0;
}

// Mole fractions of the current state into station `slot` (relative to all moles, as CEA prints).
function writeComposition(slot: i32): void {
  if (!compositions) return;
  const o = slot * stationLen();
  const tot = gasMoles() + condensedMoles();
  for (let j = 0; j < ns; j++) {
    const n = j < ng || unchecked(inc[j]) != 0 ? unchecked(nj[j]) : 0.0;
    // (most are trace species, held at zero: no division for them)
    unchecked(out[o + ST_FIXED + j] = n == 0 ? n : n / tot);
  }
}

function markFailed(slot: i32, status: i32): void {
  stationOutPtr();
  const o = slot * stationLen();
  for (let k = 0; k < stationLen(); k++) unchecked(out[o + k] = 0);
  unchecked(out[o + ST_STATUS] = <F>status);
}

// CEA2 (EQLBRM) keeps an equilibrium state only within 0.8 × the lowest and 1.1 × the highest
// common temperature of the data (160–22000 K for NASA's file); outside, its answer would be an
// extrapolation of the fits, so the point is refused by name.
function outsideData(T: F, Tlow: F, Thigh: F): i32 {
  if (T < Tlow) return ERR_BELOW_DATA;
  if (T > Thigh) return ERR_ABOVE_DATA;
  return OK;
}

/**
 * Single-point equilibrium: kind 0 = TP (target T, K), 1 = HP (target h, J/kg), 2 = SP (target
 * s, J/(kg·K)) at p (Pa); warm != 0 starts from the last saved state; the state must lie within
 * [Tlow, Thigh] K (the data's range with CEA's tolerance). Station record 0 holds the answer.
 * Returns a status code.
 */
export function equilibriumPoint(kind: i32, p_Pa: F, target: F, warm: i32, Tlow: F, Thigh: F): i32 {
  if (!(p_Pa > 0) || !isFinite(target) || kind < PROB_TP || kind > PROB_SP) return ERR_BAD_INPUT;
  if (kind == PROB_TP) {
    const r = outsideData(target, Tlow, Thigh);
    if (r != OK) return r;
  }
  if (warm == 0 || !thermoRestoreState()) thermoColdStart(kind == PROB_TP ? target : T_COLD_START_K);
  const t = kind == PROB_TP ? target : kind == PROB_HP ? target / R_CEA : target / R_CEA;
  const st = equilibrate(kind, p_Pa, t);
  // a failed search that ran out of the data is reported as such (as rocket expansions are)
  const range = outsideData(T_K, Tlow, Thigh);
  if (range != OK) return range;
  if (st != OK) return st;
  thermoSaveState();
  // an HP state's enthalpy is the assigned one (the converged mixture's agrees to ~1e-10 c_p T, a
  // figure that would otherwise carry the start's trace where h is near 0)
  writeState(0, p_Pa, false, kind == PROB_HP ? target : mixtureH(), mixtureS(p_Pa));
  writeComposition(0);
  return OK;
}

// State of the current rocket point.
let hc: F = 0; // chamber enthalpy, J/kg
let sc: F = 0; // chamber entropy, J/(kg·K)
let pc: F = 0;
let massFluxT: F = 0; // ρ u at the throat, kg/(m² s)
let Tlow_K: F = 160.0;
let Thigh_K: F = 22000.0;
// Nozzle pressure ratios ln(pc/p) of the last point, first guesses for a warm-started neighbour.
let lastLnThroat: F = 0;
const lastLnExit = newBuf<F>(MAX_EXITS);
let warmNozzle: bool = false;
// The same ratios one point earlier, and the step in the inputs (b°, h0, ln pc) between the last
// two points: when a warm point steps along the same line (a sweep along a grid line), the ratios
// are extrapolated linearly, so that a nozzle station usually needs a single solve.
let prevLnThroat: F = 0;
const prevLnExit = newBuf<F>(MAX_EXITS);
// And one point earlier still: three points on one line extrapolate quadratically.
let prev2LnThroat: F = 0;
const prev2LnExit = newBuf<F>(MAX_EXITS);
let inputs = newBuf<F>(0); // b°…, h0/R/1000 K, ln pc of the last point
let lastStep = newBuf<F>(0);
let thisStep = newBuf<F>(0);
let stepValid: bool = false;
let stepRatio: F = 0; // this step / the last one along it; 0 when they are not on one line
// ln p (p in Pa) of the nozzle root from the last accepted evaluation plus its Newton step: the
// ratios kept for the next point carry no trace of the acceptance tolerance
let rootLnP: F = 0;

// Records this point's inputs and sets stepRatio.
function trackStep(h0_J_kg: F, lnpc: F): void {
  const m = nel + 2;
  if (inputs.length != m) {
    inputs = renewBuf<F>(inputs, m); lastStep = renewBuf<F>(lastStep, m); thisStep = renewBuf<F>(thisStep, m);
    stepValid = false;
  }
  let dd: F = 0, dl: F = 0, ll: F = 0;
  for (let i = 0; i < m; i++) {
    const v = i < nel ? unchecked(b0[i]) : i == nel ? h0_J_kg / (R_CEA * 1000.0) : lnpc;
    const d = v - unchecked(inputs[i]);
    unchecked(thisStep[i] = d);
    unchecked(inputs[i] = v);
    const l = unchecked(lastStep[i]);
    dd += d * d; dl += d * l; ll += l * l;
  }
  stepRatio = 0;
  // on one line: cos² of the angle between the steps ≥ 1 − 1e-6, and of comparable size
  if (stepValid && ll > 0 && dd > 0 && dl * dl >= (1.0 - 1e-6) * dd * ll) {
    const r = dl / ll;
    if (r > 0.25 && r < 4.0) stepRatio = r;
  }
  // the step ratios of this point and the ones before (equilibrium.ts, histRatios; [1]: the last
  // step over the one before it, 0 when those were not on one line)
  for (let g = histRatios.length - 1; g > 0; g--) unchecked(histRatios[g] = histRatios[g - 1]);
  unchecked(histRatios[0] = stepRatio);
  for (let i = 0; i < m; i++) unchecked(lastStep[i] = thisStep[i]);
  stepValid = true;
}

// First guess of a nozzle ratio ln(pc/p) from its values at the last two points (prev ≤ 0: none).
// With the value one point earlier still (prev2 > 0) and the last two steps on the line too, the
// extrapolation is quadratic (Lagrange through the three, at positions −1 − 1/histRatios[1], −1, 0
// in units of the last step): its error is third order in the step, so that the nozzle roots start
// close enough for their first Newton step to land within their tolerance.
@inline function nextRatio(last: F, prev: F, prev2: F): F {
  if (!(prev > 0)) return last;
  const x = stepRatio;
  const lastStepRatio = unchecked(histRatios[1]);
  if (prev2 > 0 && x > 0 && lastStepRatio > 0) {
    const x2 = -1.0 - 1.0 / lastStepRatio;
    // Lagrange weights at x of the nodes 0, x1 = −1 and x2 (uniform steps: 3, −3, 1)
    const l0 = (x + 1.0) * (x - x2) / (-x2);
    const l1 = x * (x - x2) / (1.0 + x2);
    const l2 = x * (x + 1.0) / (x2 * (x2 + 1.0));
    return l0 * last + l1 * prev + l2 * prev2;
  }
  return last + stepRatio * (last - prev);
}
// The same roots (ln(pc/p) of the throat, q = 0, and of exit k, q = 1 + k) at the last RG points
// of the sweep line, with the number of the point each belongs to (rocketPoint's stations only).
// Along a line of inputs their first guess is extrapolated from as many consecutive points as are
// on the line, up to RG (Lagrange, at the positions histExtrapolate uses for the states): on the
// issue's 10,000-point LOX/RP-1 grid a quadratic left the ε 10, 40 and 100 exits more than 1e-5
// from their root at 21, 38 and 45 % of the points (each then needs a second Newton iteration), a
// quartic at 0, 4 and 11 %.
const RQ: i32 = 1 + MAX_EXITS;
const RG: i32 = 5;
const rootVal = newBuf<F>(RQ * RG);
const rootSeq = newBuf<i32>(RQ * RG);
const rootLast = newBuf<i32>(RQ);
const rootW = newBuf<F>(RG);
const rootNodes = newBuf<F>(RG);
const rootG = newBuf<i32>(RG);
rootForget();

function rootForget(): void {
  for (let k = 0; k < RQ * RG; k++) unchecked(rootSeq[k] = -1);
}

// Root q's value at point `seq`.
function rootRecord(q: i32, v: F, seq: i32): void {
  const g = (unchecked(rootLast[q]) + 1) % RG;
  unchecked(rootVal[q * RG + g] = v);
  unchecked(rootSeq[q * RG + g] = seq);
  unchecked(rootLast[q] = g);
}

// Root q extrapolated to point `seq` from its values at the consecutive points before it on the
// line (at least three; else `fallback`, nextRatio's guess).
function rootPredict(q: i32, seq: i32, fallback: F): F {
  const x = stepRatio;
  if (!(x > 0)) return fallback;
  const m = lineNodes(rootSeq, q * RG, unchecked(rootLast[q]), RG, seq, rootG, rootNodes);
  if (m < 3) return fallback;
  lineWeights(x, m, rootNodes, rootW);
  let v: F = 0;
  for (let i = 0; i < m; i++) v += unchecked(rootW[i]) * unchecked(rootVal[rootG[i]]);
  return v > 0 && isFinite(v) ? v : fallback;
}

let throatSaved: bool = false;
// Sweep-line history of the station states (equilibrium.ts: histRecord/histExtrapolate): used by
// rocketPoint's stations only (a finite combustor's inner iterations would break the line).
let pointSeq: i32 = 0;
let histOn: bool = false;
// The next expandTo starts from the state already set (an extrapolated one), not a prediction.
let skipPredict: bool = false;

// Station `st`'s first state extrapolated along the sweep line (shifting equilibrium only).
function extrapolateStation(st: i32, frozen: bool): void {
  if (histOn && warmNozzle && !frozen && stepRatio > 0 && st < HIST_STATIONS && histExtrapolate(st, pointSeq)) skipPredict = true;
}

/** No sweep-line history for what follows (a finite combustor's points: its inner iterations call
 * rocketChamberThroat at trial pressures); also clears a flag left by a trapped rocketPoint. */
export function rocketHistoryOff(): void {
  histOn = false;
}

@inline function recordStation(st: i32, frozen: bool): void {
  if (histOn && !frozen && st < HIST_STATIONS) histRecord(st, pointSeq);
}

// Isentropic state at p: shifting equilibrium or frozen; fills h, ρ, a, u of the station slot.
function expandTo(slot: i32, p_Pa: F, frozen: bool): i32 {
  if (!frozen && !skipPredict) predictIsentropicT(p_Pa);
  skipPredict = false;
  let st = frozen ? frozenAtEntropy(p_Pa, sc) : equilibrate(PROB_SP, p_Pa, sc / R_CEA);
  if (!frozen && st != OK && T_K >= Tlow_K) {
    // the extrapolated first guess can land badly (e.g. across a condensation): retry from the
    // last saved station (throat, else chamber) without it
    thermoRestoreState(throatSaved ? 1 : 0);
    st = equilibrate(PROB_SP, p_Pa, sc / R_CEA);
  }
  // Below the data (0.8 × the lowest interval) the answer would be an extrapolation: stop, named.
  if (T_K < Tlow_K) return frozen ? ERR_FROZEN_LOW_T : ERR_BELOW_DATA;
  if (st != OK) return st;
  const h = mixtureH();
  writeState(slot, p_Pa, frozen, h, frozen ? sc : mixtureS(p_Pa));
  const o = slot * stationLen();
  let du = hc - h;
  // Within 1e-3 in ln p of an infinite-area chamber, hc − h is a difference of nearly equal numbers
  // (each good to ~1e-14 of itself): there it is ∫ dp/ρ along the isentrope (dh = dp/ρ at constant
  // s), by cubic Hermite in ln p with d(p/ρ)/d ln p = (p/ρ)(1 − 1/γs) at both ends (error ~Δ⁴/720).
  const dx = Math.log(pc / p_Pa);
  if (contraction == 0 && dx > 0 && dx < 1e-3 && unchecked(out[ST_P_PA]) == pc) {
    const f0 = p_Pa / unchecked(out[o + ST_RHO]);
    const f1 = pc / unchecked(out[ST_RHO]);
    const d0 = f0 * (1.0 - 1.0 / unchecked(out[o + ST_GAMMA_S]));
    const d1 = f1 * (1.0 - 1.0 / unchecked(out[ST_GAMMA_S]));
    du = 0.5 * dx * (f0 + f1) + dx * dx / 12.0 * (d0 - d1);
  }
  const u = du > 0 ? Math.sqrt(2.0 * du) : 0.0;
  unchecked(out[o + ST_MACH] = u / out[o + ST_A]);
  return OK;
}

// CEA's limits of a frozen expansion: gas data reach only down to Tlow_K; a frozen condensed
// species may not fall more than 50 K below its data range.
function frozenLimit(): i32 {
  if (T_K < Tlow_K) return ERR_FROZEN_LOW_T;
  for (let j = ng; j < ns; j++) {
    if (unchecked(inc[j]) != 0 && T_K < unchecked(tLo[j]) - 50.0) return ERR_FROZEN_CONDENSED_RANGE;
  }
  return OK;
}

function velocity(slot: i32): F {
  return unchecked(out[slot * stationLen() + ST_MACH]) * unchecked(out[slot * stationLen() + ST_A]);
}

function performance(slot: i32): void {
  writeComposition(slot);
  const o = slot * stationLen();
  const rho = unchecked(out[o + ST_RHO]);
  const u = velocity(slot);
  const p = unchecked(out[o + ST_P_PA]);
  const cstar = pc / massFluxT;
  unchecked(out[o + ST_AREA_RATIO] = massFluxT / (rho * u));
  unchecked(out[o + ST_CSTAR] = cstar);
  unchecked(out[o + ST_CF] = u / cstar);
  unchecked(out[o + ST_ISP_VAC] = u + p / (rho * u));
  unchecked(out[o + ST_ISP] = u);
}

// A trial point past the end of the data: the nozzle iteration treats it as over-expanded.
@inline function tooCold(st: i32): bool {
  return st == ERR_BELOW_DATA || st == ERR_FROZEN_LOW_T;
}

// Newton step on ln p kept inside the bracket (lo, hi) where the residual changes sign; falls back to
// bisection when the step leaves it (a phase change makes the residual jump).
@inline function bracketed(lnp: F, step: F, lo: F, hi: F): F {
  const next = lnp + step;
  if (next > lo && next < hi) return next;
  return 0.5 * (lo + hi);
}

// Nozzle roots are taken to |Δln p| < ROOT_TOL_LNP, far inside CEA's own tolerances: then the
// station does not depend on the first guess, and a point warm-started from its neighbour's
// pressure ratios gives the cold start's answer within 1e-9.
const ROOT_TOL_LNP: F = 1e-10;
// A throat with an enthalpy near zero, or an exit with a condensed species near its onset, is
// evaluated once more at the root's Newton step when that step is larger than this.
const ROOT_POLISH_LNP: F = 1e-13;

// A shifting-equilibrium throat whose Newton step on ln p has come below THROAT_SHIFT_LNP is not
// evaluated again: the state is moved along its isentrope by the step, to first order, and its
// derivatives computed there (shiftThroat), which leaves it within O(Δ²) ≈ 1e-12 of the equilibrium
// at the new pressure, below what the iteration's end test itself leaves; the residual there and the
// secant to it give the next step, until it is below ROOT_TOL_LNP (at most MAX_THROAT_SHIFTS moves;
// then an evaluation from where they left it). Measured on the LOX/RP-1 bench grid: ~90 % of warm
// throats were evaluated a second time only to take that last step (1e-10 to 1e-7 in ln p).
const THROAT_SHIFT_LNP: F = 1e-6;
const MAX_THROAT_SHIFTS: i32 = 4;

// (u² − a²)/a² of the station at record offset o: the throat's residual.
@inline function throatResidual(o: i32): F {
  const a = unchecked(out[o + ST_A]);
  return (2.0 * (hc - unchecked(out[o + ST_H])) - a * a) / (a * a);
}

// The residual's slope in ln p without d ln γs/d ln p, −(γs + 1)/γs, at record offset o.
@inline function throatApproxSlope(o: i32): F {
  const gs = unchecked(out[o + ST_GAMMA_S]);
  return -(gs + 1.0) / gs;
}

// The throat station `slot`, just evaluated at ln p, moved to ln p + d (shifting equilibrium): the
// state by shiftIsentropic, h by ∫ dp/ρ = (p/ρ)·d (to O(d²)), s unchanged. False when it cannot be.
function shiftThroat(slot: i32, d: F): bool {
  const o = slot * stationLen();
  const p0 = unchecked(out[o + ST_P_PA]);
  const p = p0 * Math.exp(d);
  if (!shiftIsentropic(p)) return false;
  const h = unchecked(out[o + ST_H]) + p0 / unchecked(out[o + ST_RHO]) * d;
  writeState(slot, p, false, h, unchecked(out[o + ST_S]));
  const du = hc - h;
  const u = du > 0 ? Math.sqrt(2.0 * du) : 0.0;
  unchecked(out[o + ST_MACH] = u / out[o + ST_A]);
  return true;
}

// Throat: u² = a² on the isentrope; Newton on ln p with d(u² − a²)/d ln p ≈ −(γs + 1) a²/γs (leaving
// out d ln γs/d ln p), then the secant through the last two evaluations.
// Accepted at |u² − a²|/a² < 1e-4 (p within ~5e-5, T within ~1e-5; c* is stationary there).
// Cold first guess (no neighbour's ratio): along the isentrope T ∝ p^κ with the chamber's
// κ = (∂ln T/∂ln p)_s = n (∂ln V/∂ln T)_p/(Cp/R), so u² = 2 nR Tc (1 − x)/κ and a² = γs nR Tc x,
// x = (p/pc)^κ: sonic at x = 2/(2 + κ γs) (the ideal-gas (2/(γ+1))^(γ/(γ−1)) when κ = (γ−1)/γ,
// as for a frozen expansion).
// The throat residual's secant slope over its approximate one at the last point (1: none yet).
let throatSlopeFactor: F = 1.0;
// The factor as measured at the last three points' throats (0: not measured there). Along a sweep
// line the first step takes it extrapolated (nextRatio), which leaves the second evaluation within
// the root's tolerance more often than the last point's own factor does (a third evaluation saved).
let lastSlopeF: F = 0, prevSlopeF: F = 0, prev2SlopeF: F = 0;
function solveThroat(slot: i32, frozen: bool, gammaC: F, kappaC: F): i32 {
  const lnpc = Math.log(pc);
  const kappa = frozen || !(kappaC >= 0) ? (gammaC - 1.0) / gammaC : kappaC;
  // κ → 0 (a chamber on a two-phase plateau: T pinned, the isentrope an isotherm): ln(pc/p) = γs/2
  const lnGuess = Math.abs(kappa) > 1e-6 ? Math.log(2.0 / (2.0 + kappa * gammaC)) / kappa : -0.5 * gammaC;
  const guess = warmNozzle ? nextRatio(lastLnThroat, prevLnThroat, prev2LnThroat) : 0.0;
  let lnp = warmNozzle ? lnpc - (histOn ? rootPredict(0, pointSeq, guess) : guess) : lnpc + lnGuess;
  // f < 0 (subsonic) towards pc, f > 0 (supersonic) towards low pressure
  let lo: F = lnpc - 30.0;
  let hi: F = lnpc;
  const o = slot * stationLen();
  let lastLnp: F = 0, lastF: F = 0;
  let haveLast = false;
  let measured: F = 0;
  const firstFactor = lastSlopeF > 0 && prevSlopeF > 0 ? nextRatio(lastSlopeF, prevSlopeF, prev2SlopeF) : throatSlopeFactor;
  extrapolateStation(slot, frozen);
  let polished = false;
  for (let it = 0; it < 80; it++) {
    const st = expandTo(slot, Math.exp(lnp), frozen);
    if (tooCold(st) && hi - lo > 1e-6) { lo = lnp; lnp = 0.5 * (lo + hi); thermoRestoreState(1); haveLast = false; continue; }
    if (st != OK) return st;
    const f = throatResidual(o);
    const approx = throatApproxSlope(o);
    let slope = approx;
    if (haveLast && lnp != lastLnp && Math.abs(lnp - lastLnp) < 0.1) {
      const sec = (f - lastF) / (lnp - lastLnp);
      if (sec < 0.5 * approx && sec > 2.0 * approx) {
        slope = sec;
        // kept for the next point's first step when the two evaluations are far enough apart for the
        // secant to be more than the rounding of f (~1e-12 of it, from the states' convergence: over
        // 1e-8 in ln p, a factor good to ~1e-4, and what it costs the next first step scales with that
        // step, of the same order along a line). With the roots extrapolated from five points the two
        // evaluations are often closer than 1e-7: measured only above that, the factor went stale and
        // the throat took 2.10 evaluations per point on the LOX/RP-1 bench grid instead of 1.9.
        if (Math.abs(lnp - lastLnp) > 1e-8) { throatSlopeFactor = sec / approx; measured = throatSlopeFactor; }
      }
    } else if (!haveLast && warmNozzle && firstFactor > 0.8 && firstFactor < 1.25) {
      // the approximate slope leaves out d ln γs/d ln p; the neighbours' secants say by how much
      slope = approx * firstFactor;
    }
    let d = -f / slope;
    if (!frozen && Math.abs(f) < 1e-4 && Math.abs(d) < THROAT_SHIFT_LNP) {
      // Newton on ln p over shifted states (shiftThroat), each with its own derivatives, so γs and
      // the residual are those at the new point; the secant between two gives the exact slope
      let lnpS = lnp, fS = f, dS = d;
      let done = false, moved = false;
      for (let k = 0; k < MAX_THROAT_SHIFTS; k++) {
        if (!shiftThroat(slot, dS)) break;
        moved = true;
        const lnp2 = lnpS + dS;
        const f2 = throatResidual(o);
        const ap = throatApproxSlope(o);
        let sl = ap * (measured > 0 ? measured : throatSlopeFactor);
        if (Math.abs(dS) > 1e-9) {
          const sec = (f2 - fS) / dS;
          if (sec < 0.5 * ap && sec > 2.0 * ap) {
            sl = sec;
            if (Math.abs(dS) > 1e-8) { throatSlopeFactor = sec / ap; measured = throatSlopeFactor; }
          }
        }
        lnpS = lnp2; fS = f2; dS = -f2 / sl;
        // (the root to 1e-10 in ln p, and to 1e-10 of a throat enthalpy near zero: see below)
        if (Math.abs(dS) < ROOT_TOL_LNP && (Math.abs(dS) <= ROOT_POLISH_LNP ||
          unchecked(out[o + ST_P_PA]) / unchecked(out[o + ST_RHO]) * Math.abs(dS) <= 1e-10 * Math.abs(unchecked(out[o + ST_H])))) { done = true; break; }
        if (!(Math.abs(dS) < THROAT_SHIFT_LNP)) break;
      }
      if (done) {
        massFluxT = unchecked(out[o + ST_RHO]) * velocity(slot);
        rootLnP = lnpS + dS;
        prev2SlopeF = prevSlopeF;
        prevSlopeF = lastSlopeF;
        lastSlopeF = measured;
        return OK;
      }
      if (moved) {
        // (not settled by the moves: evaluated afresh from where they left the state)
        lastLnp = lnpS; lastF = fS; haveLast = true;
        if (fS > 0) lo = Math.max(lo, lnpS); else hi = Math.min(hi, lnpS);
        lnp = bracketed(lnpS, dS, lo, hi);
        skipPredict = false;
        continue;
      }
    }
    if ((Math.abs(f) < 1e-4 && Math.abs(d) < ROOT_TOL_LNP) || hi - lo < 1e-12) {
      // The root's ~1e-10 in ln p moves h by (p/ρ)·Δln p (up to ~1e-4 J/kg): far below 1e-9 of a
      // typical throat enthalpy, but not of one near zero (N2H4/N2O4 or N2O/ethanol at some O/F:
      // 2 kJ/kg, 2.5e-8 between two starts). There the throat is evaluated once more at the
      // Newton step's pressure (shifting equilibrium only).
      const hT = unchecked(out[o + ST_H]);
      if (!frozen && !polished && Math.abs(f) < 1e-4 && Math.abs(d) > ROOT_POLISH_LNP &&
        unchecked(out[o + ST_P_PA]) / unchecked(out[o + ST_RHO]) * Math.abs(d) > 1e-10 * Math.abs(hT)) {
        polished = true;
        lastLnp = lnp; lastF = f; haveLast = true;
        lnp += d;
        continue;
      }
      massFluxT = unchecked(out[o + ST_RHO]) * velocity(slot);
      rootLnP = Math.abs(f) < 1e-4 ? lnp + d : lnp; // no step from a bisection that ran out
      prev2SlopeF = prevSlopeF;
      prevSlopeF = lastSlopeF;
      lastSlopeF = measured;
      return OK;
    }
    lastLnp = lnp; lastF = f; haveLast = true;
    if (f > 0) lo = lnp; else hi = lnp;
    if (d > 0.5) d = 0.5;
    if (d < -0.5) d = -0.5;
    lnp = it < 40 ? bracketed(lnp, d, lo, hi) : 0.5 * (lo + hi);
  }
  return ERR_NOZZLE;
}

// Supersonic exit at area ratio eps: Newton on ln p with d ln(A)/d ln p = −(1 − 1/M²)/γs, accepted
// at |ln(A/At) − ln eps| < 5e-5 (p within ~1e-4 of the exact point).
function solveAreaRatio(slot: i32, eps: F, frozen: bool, throatSlot: i32, k: i32): i32 {
  const ot = throatSlot * stationLen();
  const pt = unchecked(out[ot + ST_P_PA]);
  const lnpt = Math.log(pt);
  let lnp: F;
  if (warmNozzle && unchecked(lastLnExit[k]) > 0) {
    const guess = nextRatio(unchecked(lastLnExit[k]), unchecked(prevLnExit[k]), unchecked(prev2LnExit[k]));
    lnp = Math.log(pc) - (histOn ? rootPredict(1 + k, pointSeq, guess) : guess);
  } else {
    // ideal-gas first guess on the supersonic branch (its relations need γ > 1: a throat on a
    // two-phase plateau has γs ≤ 1); not made when the neighbours' ratios give one (its Mach
    // iteration of powers and logarithms cost ~3 % of a warm sweep)
    const g = Math.max(unchecked(out[ot + ST_GAMMA_S]), 1.02);
    let m: F = 1.0 + Math.sqrt(eps - 1.0) + Math.log(eps) * 0.5;
    for (let q = 0; q < 60; q++) {
      const t = (2.0 / (g + 1.0)) * (1.0 + 0.5 * (g - 1.0) * m * m);
      const ar = Math.pow(t, (g + 1.0) / (2.0 * (g - 1.0))) / m;
      const dlnA = (m * m - 1.0) / (m * (1.0 + 0.5 * (g - 1.0) * m * m));
      let next = m - (Math.log(ar) - Math.log(eps)) / dlnA;
      if (next < 1.0) next = 0.5 * (m + 1.0);
      if (Math.abs(next - m) < 1e-12) { m = next; break; }
      m = next;
    }
    lnp = lnpt - g / (g - 1.0) * Math.log((1.0 + 0.5 * (g - 1.0) * m * m) / (0.5 * (g + 1.0)));
  }
  if (!(lnp < lnpt)) lnp = lnpt - 0.01;
  // f = ln(A/At) − ln eps: < 0 towards the throat (hi), > 0 at lower pressure (lo)
  let lo: F = lnpt - 60.0;
  let hi: F = lnpt;
  const o = slot * stationLen();
  const lnEps = Math.log(eps);
  if (warmNozzle && unchecked(lastLnExit[k]) > 0) {
    extrapolateStation(slot, frozen);
    if (!frozen && jointAreaExit(slot, lnp, lnEps, lnpt) == OK) return OK;
  }
  let polished = false;
  for (let it = 0; it < 80; it++) {
    const st = expandTo(slot, Math.exp(lnp), frozen);
    if (tooCold(st) && hi - lo > 1e-6) { lo = lnp; lnp = 0.5 * (lo + hi); thermoRestoreState(1); continue; }
    if (st != OK) return st;
    const mach = unchecked(out[o + ST_MACH]);
    const gs = unchecked(out[o + ST_GAMMA_S]);
    const u = velocity(slot);
    const f = Math.log(massFluxT / (unchecked(out[o + ST_RHO]) * u)) - lnEps;
    // d ln(A)/d ln p = −(1 − 1/M²)/γs is exact on the isentrope (d ln ρ/d ln p = 1/γs by the definition
    // of γs, d ln u/d ln p = −1/(γs M²) from u du = −dp/ρ): Newton converges quadratically.
    let d: F = mach < 1.0 + 1e-6 ? -0.05 : -f / (-(1.0 - 1.0 / (mach * mach)) / gs);
    // The bracket closed on a jump of the area ratio, not a root: along an isentrope through a
    // point where three condensed phases meet (Be(L), BeO(L), BeO(b) beside a Be/O gas) the
    // expansion runs at constant p for a while, and the area ratios of that stretch have no exit
    // pressure. No silent answer at a neighbouring area ratio.
    if (hi - lo < 1e-12 && Math.abs(f) >= 5e-4) return ERR_NOZZLE;
    if ((Math.abs(f) < 5e-5 && Math.abs(d) < ROOT_TOL_LNP) || hi - lo < 1e-12) {
      // A condensed phase in a small amount (near its onset) follows p far more steeply than the gas
      // does (C(gr) in a LOX/RP-1 exit at 3e-5 of the moles: ~400 × the relative change of p), so
      // the 1e-10 of the root test would show as 4e-8 of the amount between two starts: one more
      // evaluation at the Newton step's pressure leaves ~1e-20 (shifting equilibrium only). A major
      // one (Al2O3 at 0.1) moves with p like the gas, and its exits are not evaluated again.
      if (!frozen && !polished && Math.abs(f) < 5e-5 && Math.abs(d) > ROOT_POLISH_LNP && smallCondensed()) {
        polished = true;
        lnp += d;
        continue;
      }
      rootLnP = Math.abs(f) < 5e-5 ? lnp + d : lnp;
      return OK;
    }
    if (f > 0 && mach > 1.0) lo = lnp; else hi = lnp;
    if (d > 1.0) d = 1.0;
    if (d < -1.0) d = -1.0;
    lnp = it < 40 ? bracketed(lnp, d, lo, hi) : 0.5 * (lo + hi);
  }
  return ERR_NOZZLE;
}

// Whether an included condensed species holds less than 1 % of the moles.
function smallCondensed(): bool {
  const tot = gasMoles() + condensedMoles();
  for (let j = ng; j < ns; j++) if (unchecked(inc[j]) != 0 && unchecked(nj[j]) < 0.01 * tot) return true;
  return false;
}

// A warm supersonic exit in one equilibrium solve, p found with the composition
// (equilibrium.ts, equilibrateAtArea), from ln p = lnp and the state set for it. Kept only on the
// supersonic branch below the throat pressure and with the root test of solveAreaRatio passed;
// otherwise the start is restored for solveAreaRatio's own iteration (a condensed species, a start
// too far out).
function jointAreaExit(slot: i32, lnp: F, lnEps: F, lnpt: F): i32 {
  // the start, to go back to: an extrapolated one is made again from the history (no copy)
  const extrapolated = skipPredict;
  if (!extrapolated) {
    thermoSaveState(2);
    predictIsentropicT(Math.exp(lnp));
  }
  skipPredict = false;
  const st = equilibrateAtArea(Math.exp(lnp), sc / R_CEA, hc / R_CEA, Math.log(massFluxT) - lnEps);
  if (st == OK && T_K >= Tlow_K && Math.log(P_Pa) < lnpt) {
    const p = P_Pa;
    const h = mixtureH();
    writeState(slot, p, false, h, mixtureS(p));
    const o = slot * stationLen();
    const du = hc - h;
    const u = du > 0 ? Math.sqrt(2.0 * du) : 0.0;
    const mach = u / unchecked(out[o + ST_A]);
    unchecked(out[o + ST_MACH] = mach);
    if (mach > 1.0 + 1e-6) {
      const f = Math.log(massFluxT / (unchecked(out[o + ST_RHO]) * u)) - lnEps;
      const d = -f / (-(1.0 - 1.0 / (mach * mach)) / unchecked(out[o + ST_GAMMA_S]));
      if (Math.abs(f) < 5e-5 && Math.abs(d) < ROOT_TOL_LNP) {
        rootLnP = Math.log(p) + d;
        return OK;
      }
    }
  }
  if (extrapolated) extrapolateStation(slot, false);
  else thermoRestoreState(2);
  return ERR_NOZZLE;
}

// Subsonic exit at area ratio eps (convergent branch, between the throat and the stagnation
// state): Newton on ln p with d ln(A)/d ln p = (1/M² − 1)/γs, accepted at |ln(A/At) − ln eps| < 1e-7
// (tight: at a finite combustor's end the Mach number sets the momentum balance).
function solveSubsonicArea(slot: i32, eps: F, throatSlot: i32, frozen: bool): i32 {
  const ot = throatSlot * stationLen();
  const pt = unchecked(out[ot + ST_P_PA]);
  const g = unchecked(out[ot + ST_GAMMA_S]);
  // ideal-gas first guess on the subsonic branch: A/At = ((2/(g+1))(1 + (g−1)/2 M²))^((g+1)/(2(g−1)))/M
  let m: F = 1.0 / eps;
  for (let q = 0; q < 60; q++) {
    const t = (2.0 / (g + 1.0)) * (1.0 + 0.5 * (g - 1.0) * m * m);
    const ar = Math.pow(t, (g + 1.0) / (2.0 * (g - 1.0))) / m;
    const dlnA = (m * m - 1.0) / (m * (1.0 + 0.5 * (g - 1.0) * m * m));
    let next = m - (Math.log(ar) - Math.log(eps)) / dlnA;
    if (!(next > 0)) next = 0.5 * m;
    if (next >= 1.0) next = 0.5 * (m + 1.0);
    if (Math.abs(next - m) < 1e-12) { m = next; break; }
    m = next;
  }
  const lnpt = Math.log(pt);
  const lnpc = Math.log(pc);
  let lnp = lnpc - g / (g - 1.0) * Math.log(1.0 + 0.5 * (g - 1.0) * m * m);
  // f = ln(A/At) − ln eps: > 0 towards the stagnation state (hi), < 0 towards the throat (lo)
  let lo: F = lnpt;
  let hi: F = lnpc;
  if (!(lnp > lo && lnp < hi)) lnp = 0.5 * (lo + hi);
  const o = slot * stationLen();
  const lnEps = Math.log(eps);
  for (let it = 0; it < 80; it++) {
    const st = expandTo(slot, Math.exp(lnp), frozen);
    if (st != OK) return st;
    const mach = unchecked(out[o + ST_MACH]);
    const u = velocity(slot);
    if (!(u > 0) || mach >= 1.0) {
      // at the stagnation end (u = 0) or past the throat: halve the bracket
      if (u > 0) lo = lnp; else hi = lnp;
      lnp = 0.5 * (lo + hi);
      continue;
    }
    const gs = unchecked(out[o + ST_GAMMA_S]);
    const f = Math.log(massFluxT / (unchecked(out[o + ST_RHO]) * u)) - lnEps;
    if (Math.abs(f) < 1e-7 || hi - lo < 1e-13) return OK;
    if (f > 0) hi = lnp; else lo = lnp;
    let d = -f * gs * mach * mach / (1.0 - mach * mach);
    if (d > 0.5) d = 0.5;
    if (d < -0.5) d = -0.5;
    lnp = it < 40 ? bracketed(lnp, d, lo, hi) : 0.5 * (lo + hi);
  }
  return ERR_NOZZLE;
}

// Pressure the exits' pcOverPe refers to: the chamber's (infinite-area combustor) or the injector's.
let exitRefP: F = 0;
// Contraction ratio of a finite-area combustor (0: infinite area), the bound of subsonic exits.
let contraction: F = 0;

/**
 * Chamber and throat of a rocket point: HP at pc_Pa (Pa) with h0 (J/kg), then the sonic state on the
 * isentrope; frozenAt as rocketPoint (1: frozen from the chamber on; 0 and 2: equilibrium here);
 * Tlow, Thigh (K): the data's temperature range with CEA's tolerance (a frozen gas stops at Tlow).
 * Stations 0 and 1; returns the status (failedAtChamber tells which station failed).
 */
export function rocketChamberThroat(h0_J_kg: F, pc_Pa: F, frozenAt: i32, warm: i32, Tlow: F, Thigh: F): i32 {
  failedAtChamber = true;
  stationOutPtr();
  pc = pc_Pa;
  exitRefP = pc_Pa;
  contraction = 0;
  Tlow_K = Tlow;
  Thigh_K = Thigh;
  warmNozzle = false;
  throatSaved = false;
  trackStep(h0_J_kg, Math.log(pc_Pa));
  if (warm == 0 || !thermoRestoreState()) thermoColdStart(T_COLD_START_K);
  else {
    warmNozzle = lastLnThroat > 0;
    if (histOn && stepRatio > 0) histExtrapolate(0, pointSeq);
  }
  if (!warmNozzle) {
    for (let k = 0; k < MAX_EXITS; k++) { unchecked(lastLnExit[k] = 0); unchecked(prevLnExit[k] = 0); unchecked(prev2LnExit[k] = 0); }
    rootForget();
    prevLnThroat = 0;
    prev2LnThroat = 0;
    lastSlopeF = 0;
    prevSlopeF = 0;
    prev2SlopeF = 0;
  }
  let st = equilibrate(PROB_HP, pc_Pa, h0_J_kg / R_CEA);
  const range = outsideData(T_K, Tlow_K, Thigh_K);
  if (range != OK) return range;
  if (st != OK) return st;
  failedAtChamber = false;
  recordStation(0, false);
  thermoSaveState();
  hc = h0_J_kg; // the assigned enthalpy (the converged mixture's within ~1e-10 c_p T)
  sc = mixtureS(pc_Pa);
  writeState(0, pc_Pa, false, hc, sc);
  writeComposition(0);
  const gammaC = unchecked(out[ST_GAMMA_S]);
  const kappaC = twoPhase ? 0.0 : gasMoles() * dlnVdlnT / cpEqR;
  if (frozenAt == 1) {
    // frozen from the chamber on: the chamber reports frozen cp and γs too
    frozenAtEntropy(pc_Pa, sc);
    writeState(0, pc_Pa, true, hc, sc);
  }
  st = solveThroat(1, frozenAt == 1, gammaC, kappaC);
  if (st != OK) return st;
  if (frozenAt == 1) {
    st = frozenLimit();
    if (st != OK) return st;
  }
  recordStation(1, frozenAt == 1);
  performance(1);
  unchecked(out[stationLen() + ST_AREA_RATIO] = 1.0);
  prev2LnThroat = prevLnThroat;
  prevLnThroat = lastLnThroat;
  lastLnThroat = Math.log(pc) - rootLnP;
  if (histOn) rootRecord(0, lastLnThroat, pointSeq);
  thermoSaveState(1);
  throatSaved = true;
  return OK;
}

/** Throat mass flux ρu of the last rocketChamberThroat, kg/(m²·s). */
export function rocketThroatMassFlux(): F {
  return massFluxT;
}

/**
 * Shifting-equilibrium subsonic station at area ratio eps on the isentrope of the last
 * rocketChamberThroat, with its performance figures, into `slot`. Returns the status.
 */
export function rocketSubsonicStation(slot: i32, eps: F): i32 {
  if (!(eps > 1.0)) return ERR_BAD_INPUT;
  thermoRestoreState(0);
  const st = solveSubsonicArea(slot, eps, 1, false);
  if (st != OK) return st;
  performance(slot);
  return OK;
}

/**
 * The current equilibrium state as a station at rest (chamber-like) at p (Pa) into `slot`:
 * h and s of the mixture, composition.
 */
export function rocketWriteRestStation(slot: i32, p_Pa: F): void {
  writeState(slot, p_Pa, false, mixtureH(), mixtureS(p_Pa));
  writeComposition(slot);
}

/**
 * Exits of the point begun by rocketChamberThroat: nExit specs from rocketExitPtr (pcOverPe refers
 * to pRef_Pa, the chamber or a finite combustor's injector; subsonic area ratios below
 * contractionRatio, 0 = no bound); frozenAt as rocketPoint. Per-exit status in each station.
 */
export function rocketExits(nExit: i32, frozenAt: i32, pRef_Pa: F, contractionRatio: F): void {
  exitRefP = pRef_Pa;
  contraction = contractionRatio;
  // the current state is the throat's
  if (frozenAt == 2) frozenAtEntropy(unchecked(out[stationLen() + ST_P_PA]), sc);
  const frozen = frozenAt != 0;
  // CEA's order: pressure-ratio exits, then subsonic, then supersonic area ratios; a frozen stop
  // ends the expansion.
  let no = 0;
  for (let pass = 0; pass < 3; pass++) {
    const want = pass == 0 ? EXIT_PC_OVER_PE : pass == 1 ? EXIT_SUBSONIC_AREA_RATIO : EXIT_AREA_RATIO;
    for (let k = 0; k < nExit; k++) {
      const kind = <i32>unchecked(exitSpec[2 * k]);
      const mine = pass == 2 ? kind != EXIT_PC_OVER_PE && kind != EXIT_SUBSONIC_AREA_RATIO : kind == want;
      if (mine) { unchecked(exitOrder[no] = k); no++; }
    }
  }
  let stopped = OK;
  for (let q = 0; q < nExit; q++) {
    const k = unchecked(exitOrder[q]);
    const slot = 2 + k;
    if (stopped != OK) { markFailed(slot, stopped); continue; }
    const kind = <i32>unchecked(exitSpec[2 * k]);
    const v = unchecked(exitSpec[2 * k + 1]);
    if ((q > 0 && unchecked(out[(2 + exitOrder[q - 1]) * stationLen() + ST_STATUS]) != OK) || kind == EXIT_SUBSONIC_AREA_RATIO) thermoRestoreState(1);
    let s: i32;
    if (kind == EXIT_PC_OVER_PE) {
      // pcOverPe refers to exitRefP (the chamber, or a finite combustor's injector); an exit must lie
      // below the stagnation pressure pc of the expansion. Frozen at the throat, the composition is
      // fixed only downstream of it: CEA omits frozen points whose pressure ratio is below the throat's.
      const p = exitRefP / v;
      if (!(v >= 1.0)) s = ERR_BAD_INPUT;
      else if (p > pc) s = ERR_EXIT_ABOVE_STAGNATION;
      else if (frozenAt == 2 && p > unchecked(out[stationLen() + ST_P_PA])) s = ERR_FROZEN_UPSTREAM;
      else {
        extrapolateStation(slot, frozen);
        s = expandTo(slot, p, frozen);
      }
      // A pressure so near pc that the enthalpy drop rounds to nothing: no flow, no area ratio.
      // A kinetic energy below 1e-8 cp·Tc (u ≲ 0.5 m/s) counts as none: no area ratio or Isp
      // worth printing (and its last digits would be those of the enthalpies' rounding).
      if (s == OK && !(velocity(slot) > 0 && 0.5 * velocity(slot) * velocity(slot) > 1e-8 * unchecked(out[ST_CP]) * unchecked(out[ST_T_K]))) s = ERR_NO_FLOW;
    } else if (kind == EXIT_AREA_RATIO) s = v >= 1.0 ? solveAreaRatio(slot, v, frozen, 1, k) : ERR_BAD_INPUT;
    else if (kind == EXIT_SUBSONIC_AREA_RATIO) {
      if (!(v > 1.0)) s = ERR_BAD_INPUT;
      else if (contraction > 0 && v >= contraction) s = ERR_SUBSONIC_RANGE;
      else if (frozenAt == 2) s = ERR_FROZEN_SUBSONIC;
      else s = solveSubsonicArea(slot, v, 1, frozen);
    } else s = ERR_BAD_INPUT;
    if (s == OK && frozen) s = frozenLimit();
    if (s != OK) {
      markFailed(slot, s);
      if (frozen && (s == ERR_FROZEN_LOW_T || s == ERR_FROZEN_CONDENSED_RANGE)) stopped = s;
      continue;
    }
    recordStation(slot, frozen);
    performance(slot);
    unchecked(prev2LnExit[k] = prevLnExit[k]);
    unchecked(prevLnExit[k] = lastLnExit[k]);
    unchecked(lastLnExit[k] = kind == EXIT_AREA_RATIO ? Math.log(pc) - rootLnP : Math.log(v));
    if (histOn && kind == EXIT_AREA_RATIO) rootRecord(1 + k, unchecked(lastLnExit[k]), pointSeq);
  }
}

/**
 * Rocket point: h0 (J/kg) of the reactants, pc (Pa); nExit exits from rocketExitPtr; frozenAt:
 * 0 = shifting equilibrium, 1 = frozen at the chamber, 2 = frozen at the throat; warm != 0 starts
 * the chamber from the last saved chamber state; Tlow, Thigh (K): the data's temperature range with
 * CEA's tolerance (a frozen gas stops at Tlow). Stations: 0 chamber, 1 throat, 2 + k exit k (status
 * slot per exit). Returns the chamber/throat status; on failure the status slot of the station
 * that failed (chamber or throat) holds it too.
 */
export function rocketPoint(h0_J_kg: F, pc_Pa: F, nExit: i32, frozenAt: i32, warm: i32, Tlow: F, Thigh: F): i32 {
  if (!(pc_Pa > 0) || !isFinite(h0_J_kg) || nExit < 0 || nExit > MAX_EXITS || frozenAt < 0 || frozenAt > 2) {
    markFailed(0, ERR_BAD_INPUT);
    return ERR_BAD_INPUT;
  }
  pointSeq++;
  histOn = true;
  const st = rocketChamberThroat(h0_J_kg, pc_Pa, frozenAt, warm, Tlow, Thigh);
  if (st != OK) {
    histOn = false;
    markFailed(1, st);
    if (failedAtChamber) markFailed(0, st);
    return st;
  }
  rocketExits(nExit, frozenAt, pc_Pa, 0);
  histOn = false;
  return OK;
}

let failedAtChamber: bool = false;

// Chemical equilibrium by minimisation of Gibbs energy (Gordon & McBride, NASA RP-1311 Part I,
// ch. 2–3): ideal-gas mixture plus pure condensed species, Newton iteration on the reduced system
// (element potentials π_i, condensed moles, ln n and, for HP/SP, ln T), with RP-1311's damping,
// trace-species handling and condensed inclusion/removal/phase-change tests.
// Units: moles per kg of mixture (mol/kg), T in K, thermodynamic functions dimensionless
// (H/RT, S/R, Cp/R) inside; the station writer converts to SI with R_CEA.
import { Buf, newBuf, renewBuf } from './buf';
import { F, OK, ERR_BAD_INPUT, ERR_NO_CONVERGENCE } from '../common';

/** Gas constant CEA2 uses, J/(mol·K); the reference data is printed with it. */
export const R_CEA: F = 8.31451;
/** Standard-state pressure, Pa. */
const P0_Pa: F = 1e5;

export const ERR_SINGULAR: i32 = 3;
export const ERR_FROZEN_CONDENSED_RANGE: i32 = 4;
export const ERR_FROZEN_LOW_T: i32 = 5;
export const ERR_NOZZLE: i32 = 6;
export const ERR_BELOW_DATA: i32 = 7;
export const ERR_ABOVE_DATA: i32 = 8;
export const ERR_NO_FLOW: i32 = 9;
export const ERR_FROZEN_UPSTREAM: i32 = 10;
/** The joint nozzle solve (equilibrateAtArea) declined the state: the caller solves it the usual way. */
export const ERR_JOINT_DECLINED: i32 = 30;

export const PROB_TP: i32 = 0;
export const PROB_HP: i32 = 1;
export const PROB_SP: i32 = 2;

/** Intervals per species record and floats per interval (Tlo, Thi, a1..a7, b1, b2). */
export const MAX_INT: i32 = 6;
const IV: i32 = 11;

// ln(1e-8): a gas species below this mole fraction is a trace species, held at n_j = 0 in the sums.
const TRACE_LN: F = -18.420681;
// The trace size of a solve whose matrix stays singular, as CEA2's EQLBRM widens it (e^−80): an
// element held wholly by condensed phases beside a gas that carries almost none of it (AP/HTPB/Al
// at 300 K and 100 bar: N and Cl all in NH4Cl) has its potential set only by species far below
// 1e-8 (N2, HCl at ~1e-20), which must then stay in the sums.
const TRACE_LN_WIDE: F = -80.0;
// The trace size in force: TRACE_LN, or TRACE_LN_WIDE for the rest of a solve that needed it.
let traceLn: F = TRACE_LN;
// ln(1e-4): a trace species may not jump above this fraction in one step (RP-1311 eq. 3.2).
const TRACE_CAP_LN: F = -9.2103404;
const MAX_NEWTON: i32 = 300;
const MAX_PASSES: i32 = 40;
const CONV_FULL_STEP: F = 30.0;
// Relative size of the last Newton step on T, n and (a joint nozzle solve) p, and of the moles' largest
// correction, at which the iteration ends: quadratic convergence leaves ~1e-12 of them, far below
// what a warm start from a neighbour may differ by (1e-9). 1e-7 took ~1 iteration per rocket point
// more (10.8 → 9.8 per point on the LOX/RP-1 bench grid) for no change above 1e-10 on the grid.
const EXACT_STEP: F = 1e-6;
// |Δln n_j| of a species above 1e-5 of the moles in the step just applied: quadratic convergence leaves
// ~1e-10 of it, so its mole fraction no longer depends on the start either.
const SPECIES_STEP: F = 1e-5;
// |Δln p| of the last step of a joint nozzle solve (equilibrateAtArea): ln p is a root of the area
// condition, not a state variable, and its acceptance has a test of its own (rocket.ts,
// jointAreaExit: the Newton step of the area ratio's root below ROOT_TOL_LNP at the final state). A
// step of 1e-5 leaves ~1e-10 after quadratic convergence, so that test passes as often as with
// EXACT_STEP; on the LOX/RP-1 bench grid the ε 10 and ε 40 exits then take 1.53 and 2.03 Newton
// iterations instead of 1.95 and 2.35 (no more solves), and warm answers still equal cold ones
// within 1e-9 (warm-start.test.ts).
const JOINT_P_STEP: F = 1e-5;
// A phase stays in when T is this close outside its range (half CEA's printed 0.01 K; the iteration
// itself fixes T to |Δln T| < 1e-4). Two phases' fits meet within it, not exactly at the bound:
// without it a state at the end of a plateau (one phase just used up) can cycle between the phases.
const RANGE_TOL_K: F = 0.005;

// ---- system data (set once per element set by thermoLoad) --------------------------------------
export let ns: i32 = 0; // species
export let ng: i32 = 0; // gas species: indices 0..ng-1; condensed ng..ns-1
export let nel: i32 = 0; // elements
let inBuf = newBuf<F>(0);
export let aEl = newBuf<F>(0); // [j*nel + i] atoms of element i in species j (species-major)
let nInt = newBuf<i32>(0);
// Non-zero elements of each species (most hold 1–3 of the system's elements): count, index, atoms.
let spNnz = newBuf<i32>(0);
let spIdx = newBuf<i32>(0); // [j*nel + t]
let spA = newBuf<F>(0); // [j*nel + t]
let bCur = newBuf<F>(0); // element totals of the current moles
// Gas species of more than COMPLEX_ATOMS atoms: left out of a cold start's first estimate (their
// Newton corrections multiply every error in π and throttle the damped steps). Three atoms keep the
// small molecules that carry the elements in a flame (H2O, CO2, CO, N2, OH, HCl, H, O…); the first
// estimate then iterates on a third of the species or fewer, and the larger ones join as trace
// species, settled from the converged π like the others. Where larger ones are major (a cool, very
// fuel-rich gas: CH4, NH3, C2H2…) the lean estimate fails and the solve starts again from equal
// moles over every species.
let complex = newBuf<bool>(0);
// Gas species the full iterations visit: all of them, or only the simple ones while a lean start
// holds the complex ones at trace level (they take no part until it ends).
let gasList = newBuf<i32>(0);
let nGasList: i32 = 0;
const COMPLEX_ATOMS: F = 3.0;
let coef = newBuf<F>(0); // [(j*MAX_INT + k)*IV + …]
export let tLo = newBuf<F>(0); // overall data range of species j, K
export let tHi = newBuf<F>(0);
export let mw = newBuf<F>(0); // g/mol

// A lower bound of each gas species' μ°/RT = H/RT − S/R over narrow temperature bins, for the trace
// settling (settleTrace): a species whose amount at that bound still lies far below the trace size
// needs no exact evaluation. Bins of GB_STEP in ln T from GB_LNT0; within one interval of a species'
// fit, μ°/RT is concave in 1/T (its second derivative there is −T² Cp/R < 0), so its least value over a
// bin is at an end; a bin that holds an interval boundary also takes both fits' values there. Bins
// not wholly inside the species' data hold −∞ (no bound: always evaluated). f32, rounded down.
const GB_LNT0: F = 4.605170185988092; // ln 100 K
const GB_STEP: F = 0.02;
const GB_BINS: i32 = 290; // to ~33,000 K
let gMin = newBuf<f32>(0); // [bin * ng + j], gas species (a settling reads one bin's row)
// T, ln T, 1/T, 1/T², T², T³, T⁴ at each bin edge
const gbEdge = newBuf<F>(7 * (GB_BINS + 1));
const gbBuilt = newBuf<i32>(GB_BINS); // rows of gMin made for the loaded system (buildMuBin)
let traceBounds: bool = true;
let pending = newBuf<i32>(0); // scratch of settleTrace: the species it evaluates
// The charge, an "element" of total zero (CEA's E: +1 per electron, −1 per positive charge): the one
// element with negative coefficients. While every species carrying it (the carriers) is a trace
// species its Newton row is empty, and its potential π_q is set instead by the charge balance
// Σ a_qj n_j = 0 over the carriers' exact amounts (chargeRoot), as CEA2 balances the electrons of
// trace ions in a loop of its own; left at an arbitrary value (0), the carriers' amounts would be
// wrong by orders of magnitude, wake above the trace size and fall back, and where a solve ended
// would depend on the start (a throat or a finite-area combustor with ions then did not converge).
let qEl: i32 = -1; // its element index (−1: no ions in the system)
let nQ: i32 = 0;
let qList = newBuf<i32>(0); // the carriers (gas species)
let qA = newBuf<F>(0); // their charge coefficients a_qj
let qC = newBuf<F>(0); // scratch: ln n_j of each carrier at π_q = 0
let qOn: bool = false; // this Newton iteration: some carrier is active (the charge's row is not empty)
let settleRow: i32 = -1; // settleTrace's row of gMin (−1: none)

// ---- state --------------------------------------------------------------------------------------
export let nj = newBuf<F>(0); // mol/kg (gas: exp(lnj) or 0 when trace; condensed: moles)
export let lnj = newBuf<F>(0);
export let inc = newBuf<i32>(0); // condensed species included
let swappedOut = newBuf<i32>(0);
export let hj = newBuf<F>(0); // H/RT
export let sj = newBuf<F>(0); // S°/R
export let cpj = newBuf<F>(0); // Cp/R
let muj = newBuf<F>(0); // μ/RT
// Gas species above the trace size: only they enter the Newton sums (RP-1311 §3.4); trace species
// are brought to their equilibrium amounts once the active set has converged.
let act = newBuf<i32>(0);
let nAct: i32 = 0;
let dlnj = newBuf<F>(0);
export let b0 = newBuf<F>(0); // element totals, mol/kg
export let piEl = newBuf<F>(0); // element potentials π_i
let mat = newBuf<F>(0);
let sol = newBuf<F>(0);
let sol2 = newBuf<F>(0); // second right-hand side (the pressure derivative)
let nRhs: i32 = 1;
// Derivatives of the last converged state, kept to predict the next state along an isentrope:
// π and condensed moles per ln T (at P) and per ln P (at T), and ∂ln n/∂ln T, ∂ln n/∂ln P.
let piT = newBuf<F>(0);
let piP = newBuf<F>(0);
let dncT = newBuf<F>(0);
let dncP = newBuf<F>(0);
let dlnNdlnT: F = 0;
let dlnNdlnP: F = 0;
let derivValid: bool = false;
let colIdx = newBuf<i32>(0); // included condensed species per matrix column
let lpBasis = newBuf<i32>(0); // first estimate: basis species of the linear programme, per element
let lpX = newBuf<F>(0);
let lpR = newBuf<F>(0);
let dim: i32 = 0;

export let T_K: F = 0;
export let lnN: F = 0; // ln n (gas moles, mol/kg)
export let P_Pa: F = 0;
let thermoT: F = -1; // T at which hj/sj/cpj of every species were last evaluated
let activeT: F = -1; // T at which those of the active and included species were
// State at the last settling of the trace species: they are settled again only when T or p moved
// enough for one of them to matter (from < 1e-8 to the 1e-5 print level is a factor 1e3 = e^6.9;
// within |Δln T| < 0.05 and |Δln P| < 1 a species moves by at most ~e^2.5 · e^3 at H/RT ≲ 50 and
// ≲ 3 moles gained per formula unit).
let traceT: F = -1;
let traceLnP: F = 0;
// The state is a cold guess (not a converged neighbour): iterate on every species until steps are small.
let roughState: bool = true;
export let iterations: i32 = 0;
/** Equilibrium solves and condensed passes run (diagnostics for benchmarks). */
export let solves: i32 = 0;
export let passes: i32 = 0;
export let stateValid: bool = false;
let Tfloor_K: F = 20.0;
// The lowest temperature of the gas data (CEA2's Tg(1), 200 K for NASA's file).
let tDataLow: F = 200.0;

// Saved states for warm starts (copy of lnj, nj, inc, T, lnN).
let savedLnj = newBuf<F>(0);
let savedNj = newBuf<F>(0);
let savedInc = newBuf<i32>(0);
// slot k: [k*ns, (k+1)*ns) of the arrays; scalars (T, ln n, p, Cp/R, dlnV/dlnT) in savedScalars[5k…]
const SAVE_SLOTS: i32 = 3;
const savedScalars = newBuf<F>(5 * SAVE_SLOTS);
const savedValid = newBuf<bool>(SAVE_SLOTS);

// Equilibrium derivatives of the last converged state.
export let dlnVdlnT: F = 1;
export let dlnVdlnP: F = -1;
export let cpEqR: F = 0; // equilibrium Cp/R per kg (mol/kg)
// The last state has two phases of one substance at their transition temperature: cp → ∞, reported
// as cpEqR = 0 with dlnVdlnT = 0, and γs = −1/dlnVdlnP (computeDerivatives).
export let twoPhase: bool = false;
// The last state's derivative matrix was singular: frozen derivatives stand in (computeDerivatives).
export let derivSingular: bool = false;
let gsCol = newBuf<F>(0); // scratch columns of spansGas
let pvCols = newBuf<i32>(0); // scratch of pivotIn: the included condensed species

/** Pointer to an f64 input buffer of at least `len` slots (valid until the next call that allocates). */
export function thermoInputPtr(len: i32): usize {
  if (inBuf.length < len) inBuf = renewBuf<F>(inBuf, len);
  return changetype<usize>(inBuf);
}

/** Floats per species record in the input buffer for `elements` elements. */
export function thermoRecordLen(elements: i32): i32 {
  return 2 + MAX_INT * IV + elements;
}

/**
 * Loads a product system from the input buffer: `species` records [M g/mol, nInt, intervals…,
 * atoms per element…], gas species first (`gas` of them). Resets the state.
 */
export function thermoLoad(species: i32, gas: i32, elements: i32): i32 {
  if (species <= 0 || gas < 0 || gas > species || elements <= 0) return ERR_BAD_INPUT;
  ns = species; ng = gas; nel = elements;
  const rl = thermoRecordLen(elements);
  aEl = renewBuf<F>(aEl, nel * ns);
  spNnz = renewBuf<i32>(spNnz, ns); spIdx = renewBuf<i32>(spIdx, nel * ns); spA = renewBuf<F>(spA, nel * ns);
  bCur = renewBuf<F>(bCur, nel);
  complex = renewBuf<bool>(complex, ns);
  gasList = renewBuf<i32>(gasList, ns);
  nInt = renewBuf<i32>(nInt, ns);
  coef = renewBuf<F>(coef, ns * MAX_INT * IV);
  tLo = renewBuf<F>(tLo, ns); tHi = renewBuf<F>(tHi, ns); mw = renewBuf<F>(mw, ns);
  nj = renewBuf<F>(nj, ns); lnj = renewBuf<F>(lnj, ns); inc = renewBuf<i32>(inc, ns);
  njLn = renewBuf<F>(njLn, ns);
  swappedOut = renewBuf<i32>(swappedOut, ns);
  hj = renewBuf<F>(hj, ns); sj = renewBuf<F>(sj, ns); cpj = renewBuf<F>(cpj, ns);
  pending = renewBuf<i32>(pending, ns);
  muj = renewBuf<F>(muj, ns); dlnj = renewBuf<F>(dlnj, ns); act = renewBuf<i32>(act, ns);
  savedLnj = renewBuf<F>(savedLnj, SAVE_SLOTS * ns); savedNj = renewBuf<F>(savedNj, SAVE_SLOTS * ns); savedInc = renewBuf<i32>(savedInc, SAVE_SLOTS * ns);
  b0 = renewBuf<F>(b0, nel); piEl = renewBuf<F>(piEl, nel);
  // element rows, every condensed species, n, energy and ln p (a joint nozzle solve): no set of
  // included species can overrun it
  const maxDim = nel + (ns - ng) + 3;
  mat = renewBuf<F>(mat, maxDim * (maxDim + 2));
  sol = renewBuf<F>(sol, maxDim);
  sol2 = renewBuf<F>(sol2, maxDim);
  piT = renewBuf<F>(piT, nel); piP = renewBuf<F>(piP, nel);
  dncT = renewBuf<F>(dncT, ns); dncP = renewBuf<F>(dncP, ns);
  colIdx = renewBuf<i32>(colIdx, ns - ng + 1);
  gsCol = renewBuf<F>(gsCol, nel * (nel + 1));
  pvCols = renewBuf<i32>(pvCols, nel);
  lpBasis = renewBuf<i32>(lpBasis, nel); lpX = renewBuf<F>(lpX, nel); lpR = renewBuf<F>(lpR, nel);
  let tmin: F = 1e9;
  for (let j = 0; j < ns; j++) {
    const r = j * rl;
    unchecked(mw[j] = inBuf[r]);
    const ni = <i32>unchecked(inBuf[r + 1]);
    if (ni < 1 || ni > MAX_INT) return ERR_BAD_INPUT;
    unchecked(nInt[j] = ni);
    for (let k = 0; k < ni * IV; k++) unchecked(coef[j * MAX_INT * IV + k] = inBuf[r + 2 + k]);
    unchecked(tLo[j] = inBuf[r + 2]);
    unchecked(tHi[j] = inBuf[r + 2 + (ni - 1) * IV + 1]);
    if (j < ng && tLo[j] < tmin) tmin = tLo[j];
    let nz = 0;
    for (let i = 0; i < nel; i++) {
      const a = inBuf[r + 2 + MAX_INT * IV + i];
      unchecked(aEl[j * nel + i] = a);
      if (a != 0) { unchecked(spIdx[j * nel + nz] = i); unchecked(spA[j * nel + nz] = a); nz++; }
    }
    unchecked(spNnz[j] = nz);
    let atoms: F = 0;
    for (let i = 0; i < nel; i++) atoms += unchecked(aEl[j * nel + i]);
    unchecked(complex[j] = j < ng && atoms > COMPLEX_ATOMS);
  }
  Tfloor_K = 0.1 * tmin;
  tDataLow = tmin;
  qEl = -1;
  for (let j = 0; j < ng && qEl < 0; j++) for (let i = 0; i < nel; i++) if (unchecked(aEl[j * nel + i]) < 0) qEl = i;
  qList = renewBuf<i32>(qList, ng); qA = renewBuf<F>(qA, ng); qC = renewBuf<F>(qC, ng);
  nQ = 0;
  if (qEl >= 0) {
    for (let j = 0; j < ng; j++) {
      const a = unchecked(aEl[j * nel + qEl]);
      if (a != 0) { unchecked(qList[nQ] = j); unchecked(qA[nQ] = a); nQ++; }
    }
  }
  gMin = renewBuf<f32>(gMin, ng * GB_BINS);
  for (let b = 0; b < GB_BINS; b++) unchecked(gbBuilt[b] = 0);
  listAllGas();
  forgetMoles();
  stateValid = false;
  traceDirty = true;
  for (let k = 0; k < SAVE_SLOTS; k++) unchecked(savedValid[k] = false);
  histForget();
  thermoT = -1;
  activeT = -1;
  traceT = -1;
  return OK;
}

/** Sets the element totals b_i° (mol/kg) from the input buffer's first `nel` slots. */
export function thermoSetB0(): void {
  for (let i = 0; i < nel; i++) unchecked(b0[i] = inBuf[i]);
}

// Where the coefficients of species j's fit at T begin in coef (C): the interval containing T, else
// the nearest (extrapolation).
@inline function fitBase(C: Buf<F>, NI: Buf<i32>, j: i32, T: F): i32 {
  const ni = unchecked(NI[j]);
  let base = j * MAX_INT * IV;
  for (let k = 0; k < ni - 1; k++) {
    if (T <= unchecked(C[base + 1])) break;
    base += IV;
  }
  return base;
}

// H/RT − S/R (μ°/RT) of the fit whose coefficients begin at C[base], at T (lnT = ln T, iT = 1/T, …):
// H/RT and S/R summed as evalSpecies sums them, so that the difference has the same bits.
@inline function fitMu(C: Buf<F>, base: i32, T: F, lnT: F, iT: F, iT2: F, T2: F, T3: F, T4: F): F {
  const a1 = unchecked(C[base + 2]), a2 = unchecked(C[base + 3]), a3 = unchecked(C[base + 4]);
  const a4 = unchecked(C[base + 5]), a5 = unchecked(C[base + 6]), a6 = unchecked(C[base + 7]);
  const a7 = unchecked(C[base + 8]), b1 = unchecked(C[base + 9]), b2 = unchecked(C[base + 10]);
  const h = -a1 * iT2 + a2 * lnT * iT + a3 + a4 * T * 0.5 + a5 * T2 * (1.0 / 3.0) + a6 * T3 * 0.25 + a7 * T4 * 0.2 + b1 * iT;
  const s = -a1 * iT2 * 0.5 - a2 * iT + a3 * lnT + a4 * T + a5 * T2 * 0.5 + a6 * T3 * (1.0 / 3.0) + a7 * T4 * 0.25 + b2;
  return h - s;
}

// H/RT, S/R and (withCp) Cp/R of species j at T. The callers pass the module's buffers as locals, so
// that their loops keep them in registers instead of reading the globals again after every store.
@inline function evalSpecies(C: Buf<F>, NI: Buf<i32>, H: Buf<F>, S: Buf<F>, CP: Buf<F>, j: i32, T: F, lnT: F, iT: F, iT2: F, T2: F, T3: F, T4: F, withCp: bool = true): void {
  const base = fitBase(C, NI, j, T);
  const a1 = unchecked(C[base + 2]), a2 = unchecked(C[base + 3]), a3 = unchecked(C[base + 4]);
  const a4 = unchecked(C[base + 5]), a5 = unchecked(C[base + 6]), a6 = unchecked(C[base + 7]);
  const a7 = unchecked(C[base + 8]), b1 = unchecked(C[base + 9]), b2 = unchecked(C[base + 10]);
  if (withCp) unchecked(CP[j] = a1 * iT2 + a2 * iT + a3 + a4 * T + a5 * T2 + a6 * T3 + a7 * T4);
  unchecked(H[j] = -a1 * iT2 + a2 * lnT * iT + a3 + a4 * T * 0.5 + a5 * T2 * (1.0 / 3.0) + a6 * T3 * 0.25 + a7 * T4 * 0.2 + b1 * iT);
  unchecked(S[j] = -a1 * iT2 * 0.5 - a2 * iT + a3 * lnT + a4 * T + a5 * T2 * 0.5 + a6 * T3 * (1.0 / 3.0) + a7 * T4 * 0.25 + b2);
}

// μ°/RT = H/RT − S/R at T of the fit whose coefficients begin at coef[base].
function muAt(base: i32, T: F): F {
  const lnT = Math.log(T), iT = 1.0 / T, iT2 = iT * iT, T2 = T * T, T3 = T2 * T, T4 = T2 * T2;
  return fitMu(coef, base, T, lnT, iT, iT2, T2, T3, T4);
}

// The bin of gMin that holds ln T, its row made if it was not yet (−1: outside the table).
function muBin(lnT: F): i32 {
  const bf = Math.floor((lnT - GB_LNT0) * (1.0 / GB_STEP));
  if (!(bf >= 0 && bf < <F>GB_BINS)) return -1;
  const b = <i32>bf;
  if (unchecked(gbBuilt[b]) == 0) buildMuBin(b);
  return b;
}

// gMin's row of bin b, made the first time a settling reads it (a run visits few bins: a command's
// start pays for those, not for the whole table): for each gas species, μ°/RT at the bin's two
// edges and, at a fit boundary inside it, both fits' values there, the least of them; −∞ when the
// bin is not wholly inside the species' data.
function buildMuBin(b: i32): void {
  const E = gbEdge;
  if (unchecked(E[0]) == 0) {
    for (let e = 0; e <= GB_BINS; e++) {
      const T = Math.exp(GB_LNT0 + <F>e * GB_STEP), o = e * 7, iT = 1.0 / T, T2 = T * T;
      unchecked(E[o] = T); unchecked(E[o + 1] = Math.log(T)); unchecked(E[o + 2] = iT); unchecked(E[o + 3] = iT * iT);
      unchecked(E[o + 4] = T2); unchecked(E[o + 5] = T2 * T); unchecked(E[o + 6] = T2 * T2);
    }
  }
  const G = gMin, C = coef, NI = nInt, LO = tLo, HI = tHi;
  const oa = b * 7, ob = oa + 7;
  const Ta = unchecked(E[oa]), Tb = unchecked(E[ob]);
  const row = b * ng;
  for (let j = 0; j < ng; j++) {
    if (Ta < unchecked(LO[j]) || Tb > unchecked(HI[j])) { unchecked(G[row + j] = -Infinity); continue; }
    const gA = fitMu(C, fitBase(C, NI, j, Ta), Ta, unchecked(E[oa + 1]), unchecked(E[oa + 2]), unchecked(E[oa + 3]), unchecked(E[oa + 4]), unchecked(E[oa + 5]), unchecked(E[oa + 6]));
    const gB = fitMu(C, fitBase(C, NI, j, Tb), Tb, unchecked(E[ob + 1]), unchecked(E[ob + 2]), unchecked(E[ob + 3]), unchecked(E[ob + 4]), unchecked(E[ob + 5]), unchecked(E[ob + 6]));
    let m = Math.min(gA, gB);
    for (let k = 0, ni = unchecked(NI[j]); k < ni - 1; k++) {
      const base = (j * MAX_INT + k) * IV, x = unchecked(C[base + 1]);
      if (x >= Ta && x <= Tb) m = Math.min(m, Math.min(muAt(base, x), muAt(base + IV, x)));
    }
    // rounded down into f32 (its spacing is ~6e-8 of the value)
    unchecked(G[row + j] = isFinite(m) ? <f32>(m - 1e-3 - 1e-6 * Math.abs(m)) : -Infinity);
  }
  unchecked(gbBuilt[b] = 1);
}

/** μ°/RT of species j of the loaded system at T, as the kernel evaluates it (for tests). */
export function thermoMu(j: i32, T: F): F {
  if (j < 0 || j >= ns || !(T > 0)) return NaN;
  return muAt(fitBase(coef, nInt, j, T), T);
}

/** The lower bound of gas species j's μ°/RT that the trace settling uses at T (−∞: none; for tests). */
export function thermoMuBound(j: i32, T: F): F {
  if (j < 0 || j >= ng || !(T > 0)) return NaN;
  const b = muBin(Math.log(T));
  return b < 0 ? -Infinity : <F>unchecked(gMin[b * ng + j]);
}

/** Whether the trace settling may hold species at their bound (default on; off for tests). */
export function thermoTraceBounds(on: i32): void {
  traceBounds = on != 0;
}

/** Dimensionless H/RT, S/R, Cp/R of every species at T. */
export function evalThermo(T: F): void {
  if (T == thermoT) return;
  thermoT = T;
  const lnT = Math.log(T), iT = 1.0 / T;
  const T2 = T * T;
  const C = coef, NI = nInt, H = hj, S = sj, CP = cpj;
  for (let j = 0; j < ns; j++) evalSpecies(C, NI, H, S, CP, j, T, lnT, iT, iT * iT, T2, T2 * T, T2 * T2);
}

// The gas species of the full iterations and the included condensed ones (all species when the
// list holds every gas species).
function evalFull(T: F): void {
  if (nGasList == ng) { evalThermo(T); return; }
  if (T == thermoT || T == activeT) return;
  thermoT = -1;
  activeT = T; // the active species are among the listed ones
  const lnT = Math.log(T), iT = 1.0 / T;
  const T2 = T * T;
  const C = coef, NI = nInt, H = hj, S = sj, CP = cpj, L = gasList, IN = inc;
  for (let q = 0, n = nGasList; q < n; q++) evalSpecies(C, NI, H, S, CP, unchecked(L[q]), T, lnT, iT, iT * iT, T2, T2 * T, T2 * T2);
  for (let j = ng, e = ns; j < e; j++) if (unchecked(IN[j]) != 0) evalSpecies(C, NI, H, S, CP, j, T, lnT, iT, iT * iT, T2, T2 * T, T2 * T2);
}

// Every gas species in the full iterations from now on.
function listAllGas(): void {
  for (let j = 0; j < ng; j++) unchecked(gasList[j] = j);
  nGasList = ng;
}

// The condensed species the inclusion test reads at T (equilibrate: absent ones within their range, or
// below it when their data begin at the data's lowest temperature) and the included ones.
function evalCondensed(T: F): void {
  if (T == thermoT) return;
  const lnT = Math.log(T), iT = 1.0 / T;
  const T2 = T * T;
  const C = coef, NI = nInt, H = hj, S = sj, CP = cpj, IN = inc, LO = tLo, HI = tHi;
  const low = tDataLow;
  for (let j = ng, e = ns; j < e; j++) {
    if (unchecked(IN[j]) == 0 && (T > unchecked(HI[j]) || (T < unchecked(LO[j]) && unchecked(LO[j]) > low))) continue;
    evalSpecies(C, NI, H, S, CP, j, T, lnT, iT, iT * iT, T2, T2 * T, T2 * T2);
  }
}

// The same for the active gas species and the included condensed ones only.
function evalActive(T: F): void {
  if (T == thermoT || T == activeT) return;
  thermoT = -1;
  activeT = T;
  const lnT = Math.log(T), iT = 1.0 / T;
  const T2 = T * T;
  const C = coef, NI = nInt, H = hj, S = sj, CP = cpj, A = act, IN = inc;
  for (let q = 0, n = nAct; q < n; q++) evalSpecies(C, NI, H, S, CP, unchecked(A[q]), T, lnT, iT, iT * iT, T2, T2 * T, T2 * T2);
  for (let j = ng, e = ns; j < e; j++) if (unchecked(IN[j]) != 0) evalSpecies(C, NI, H, S, CP, j, T, lnT, iT, iT * iT, T2, T2 * T, T2 * T2);
}

/** Cold start: equal gas moles (0.1 mol/g in all), no condensed species, T = T0. */
export function thermoColdStart(T0_K: F): void {
  coldStart(T0_K, true);
}

// A cold start that leaves complex species out when `lean` (the first try) or not (the fallback).
let leanStart: bool = false;
let coldT0: F = 3800.0;
function coldStart(T0_K: F, lean: bool): void {
  const n: F = 100.0;
  let simple = 0;
  if (lean) for (let j = 0; j < ng; j++) if (!unchecked(complex[j])) simple++;
  if (simple == 0) simple = ng;
  leanStart = simple < ng;
  nGasList = 0;
  for (let j = 0; j < ng; j++) if (!leanStart || !unchecked(complex[j])) { unchecked(gasList[nGasList] = j); nGasList++; }
  coldT0 = T0_K;
  const ln0 = Math.log(n / <F>simple);
  for (let j = 0; j < ns; j++) {
    if (j < ng && (simple == ng || !unchecked(complex[j]))) { unchecked(lnj[j] = ln0); unchecked(nj[j] = n / <F>simple); }
    else if (j < ng) { unchecked(lnj[j] = Math.log(n) - 40.0); unchecked(nj[j] = 0); }
    else { unchecked(lnj[j] = 0); unchecked(nj[j] = 0); }
    unchecked(inc[j] = 0);
  }
  forgetMoles();
  lnN = Math.log(n);
  T_K = T0_K;
  stateValid = true;
  traceT = -1;
  roughState = true;
  traceDirty = true;
  derivValid = false;
}

// Solves A_B x = lpR (A_Bᵀ x = lpR when `tr`), A_B the element columns of the basis species, into sol.
function basisSolve(tr: bool): bool {
  dim = nel;
  nRhs = 1;
  const w = nel + 1;
  for (let i = 0; i < nel; i++) {
    for (let k = 0; k < nel; k++) {
      unchecked(mat[i * w + k] = tr ? aEl[lpBasis[i] * nel + k] : aEl[lpBasis[k] * nel + i]);
    }
    unchecked(mat[i * w + nel] = lpR[i]);
  }
  return solveMatrix();
}

// First estimate of a lean cold start from a linear programme over the major species: at T0, the
// listed gas species that minimise Σ n_j μ°_j/RT under the element balance, ignoring the mixing
// terms (simplex from the basis of the monatomic gases, most negative reduced cost entering).
// The element potentials of that basis, with its mixing terms put back, then give every listed
// species n_j = n exp(−μ°_j/RT + Σ a_ij π_i − ln P): Newton starts near the answer instead of from
// equal moles, whose first steps the damping holds short. Leaves the equal moles when some element
// has no monatomic gas species or a basis turns singular.
function lpStart(lnP: F): void {
  evalFull(T_K);
  for (let i = 0; i < nel; i++) unchecked(lpBasis[i] = -1);
  for (let q = 0; q < nGasList; q++) {
    const j = unchecked(gasList[q]);
    if (unchecked(spNnz[j]) != 1 || unchecked(spA[j * nel]) != 1.0) continue;
    const i = unchecked(spIdx[j * nel]);
    if (unchecked(lpBasis[i]) < 0) unchecked(lpBasis[i] = j);
  }
  for (let i = 0; i < nel; i++) if (unchecked(lpBasis[i]) < 0) return;
  for (let it = 0; it <= 8 * nel; it++) {
    for (let i = 0; i < nel; i++) unchecked(lpR[i] = b0[i]);
    if (!basisSolve(false)) return;
    for (let i = 0; i < nel; i++) unchecked(lpX[i] = sol[i]);
    if (it == 8 * nel) break; // not optimal yet: this feasible basis will do
    for (let k = 0; k < nel; k++) { const j = unchecked(lpBasis[k]); unchecked(lpR[k] = hj[j] - sj[j]); }
    if (!basisSolve(true)) return;
    for (let i = 0; i < nel; i++) unchecked(piEl[i] = sol[i]);
    let enter = -1;
    let bestR: F = -1e-9;
    for (let q = 0; q < nGasList; q++) {
      const j = unchecked(gasList[q]);
      let r = unchecked(hj[j]) - unchecked(sj[j]);
      const base = j * nel;
      for (let t = 0; t < unchecked(spNnz[j]); t++) r -= unchecked(spA[base + t]) * unchecked(piEl[spIdx[base + t]]);
      if (r < bestR) { bestR = r; enter = j; }
    }
    if (enter < 0) break;
    for (let i = 0; i < nel; i++) unchecked(lpR[i] = aEl[enter * nel + i]);
    if (!basisSolve(false)) return;
    let leave = -1;
    let bestT: F = Infinity;
    for (let k = 0; k < nel; k++) {
      const d = unchecked(sol[k]);
      if (d <= 1e-12) continue;
      const t = Math.max(unchecked(lpX[k]), 0.0) / d;
      if (t < bestT) { bestT = t; leave = k; }
    }
    if (leave < 0) return;
    unchecked(lpBasis[leave] = enter);
  }
  let n: F = 0;
  for (let k = 0; k < nel; k++) n += Math.max(unchecked(lpX[k]), 0.0);
  if (!(n > 0)) return;
  const lnn = Math.log(n);
  for (let k = 0; k < nel; k++) {
    const j = unchecked(lpBasis[k]);
    unchecked(lpR[k] = hj[j] - sj[j] + Math.log(Math.max(unchecked(lpX[k]), 1e-8 * n)) - lnn + lnP);
  }
  if (!basisSolve(true)) return;
  let sum: F = 0;
  for (let q = 0; q < nGasList; q++) {
    const j = unchecked(gasList[q]);
    let l = lnn - lnP - unchecked(hj[j]) + unchecked(sj[j]);
    const base = j * nel;
    for (let t = 0; t < unchecked(spNnz[j]); t++) l += unchecked(spA[base + t]) * unchecked(sol[spIdx[base + t]]);
    // at most e^-2 of the moles: the programme, blind to mixing, overfills its basis (and the
    // radicals that follow from it at T0); from there a species reaches any fraction with a
    // correction ≤ 2, which the damping (λ = 2/max correction) still takes in full
    if (l > lnn - 2.0) l = lnn - 2.0;
    unchecked(lnj[j] = l);
    sum += Math.exp(l);
  }
  if (!(sum > 0) || !isFinite(sum)) { coldStart(coldT0, true); return; }
  lnN = Math.log(sum);
  for (let j = 0; j < ng; j++) if (unchecked(complex[j])) unchecked(lnj[j] = lnN - 40.0);
  traceDirty = true;
}

/** Saves the current state in slot 0 (warm starts of the next point) or 1 (a rocket's throat). */
export function thermoSaveState(slot: i32 = 0): void {
  const o = <usize>(slot * ns), n = <usize>ns;
  memory.copy(changetype<usize>(savedLnj) + (o << 3), changetype<usize>(lnj), n << 3);
  memory.copy(changetype<usize>(savedNj) + (o << 3), changetype<usize>(nj), n << 3);
  memory.copy(changetype<usize>(savedInc) + (o << 2), changetype<usize>(inc), n << 2);
  const q = 5 * slot;
  unchecked(savedScalars[q] = T_K); unchecked(savedScalars[q + 1] = lnN); unchecked(savedScalars[q + 2] = P_Pa);
  unchecked(savedScalars[q + 3] = cpEqR); unchecked(savedScalars[q + 4] = dlnVdlnT);
  unchecked(savedValid[slot] = stateValid);
}

/** Restores the state saved in `slot`; returns false when there is none. */
export function thermoRestoreState(slot: i32 = 0): bool {
  if (!unchecked(savedValid[slot])) return false;
  const o = <usize>(slot * ns), n = <usize>ns;
  memory.copy(changetype<usize>(lnj), changetype<usize>(savedLnj) + (o << 3), n << 3);
  memory.copy(changetype<usize>(nj), changetype<usize>(savedNj) + (o << 3), n << 3);
  memory.copy(changetype<usize>(inc), changetype<usize>(savedInc) + (o << 2), n << 2);
  forgetMoles();
  const q = 5 * slot;
  T_K = unchecked(savedScalars[q]); lnN = unchecked(savedScalars[q + 1]); P_Pa = unchecked(savedScalars[q + 2]);
  cpEqR = unchecked(savedScalars[q + 3]); dlnVdlnT = unchecked(savedScalars[q + 4]);
  stateSet();
  return true;
}

// A state just set from stored amounts (restored or extrapolated): valid, to be iterated on every gas
// species, its trace species settled afresh at the first convergence.
function stateSet(): void {
  stateMarks();
  if (nGasList != ng) listAllGas();
  traceDirty = true;
  refreshMoles();
}

// What stateSet marks besides the active species.
function stateMarks(): void {
  stateValid = true;
  traceT = -1;
  derivValid = false;
  leanStart = false;
}

/** Forgets the saved warm-start state (next warm start falls back to cold). */
export function thermoForgetState(): void {
  unchecked(savedValid[0] = false);
  histForget();
}

// ---- sweep-line history ------------------------------------------------------------------------
// The converged state of each station (chamber, throat, exits) at the last five points. When a
// point steps along the same line in its inputs as the ones before (a sweep along a grid line), a
// station's first state is extrapolated from them (Lagrange, quartic from five, down to linear from
// two): ln n_j, condensed moles, ln n and T then start close to the answer, and the Newton
// iteration needs fewer steps than from the neighbour's state. Only the first guess changes: the
// iteration still converges to the same tight tolerance, so the answer is the one a cold start
// gives (within 1e-9).
export const HIST_STATIONS: i32 = 10;
const HG: i32 = 5; // generations kept per station: quartic extrapolation
let histLnj = newBuf<F>(0); // [(st * HG + g) * ns + j]
let histNj = newBuf<F>(0);
let histInc = newBuf<i32>(0);
const histT = newBuf<F>(HG * HIST_STATIONS);
const histLnN = newBuf<F>(HG * HIST_STATIONS);
const histSeq = newBuf<i32>(HG * HIST_STATIONS); // point number each state belongs to (−1: none)
const histLast = newBuf<i32>(HIST_STATIONS); // generation holding the latest state

function histForget(): void {
  for (let k = 0; k < HG * HIST_STATIONS; k++) unchecked(histSeq[k] = -1);
}

/** Records the current converged state as station `st`'s state at point `seq`. */
export function histRecord(st: i32, seq: i32): void {
  if (st < 0 || st >= HIST_STATIONS || !stateValid) return;
  if (histLnj.length != HG * HIST_STATIONS * ns) {
    histLnj = renewBuf<F>(histLnj, HG * HIST_STATIONS * ns);
    histNj = renewBuf<F>(histNj, HG * HIST_STATIONS * ns);
    histInc = renewBuf<i32>(histInc, HG * HIST_STATIONS * ns);
    histForget();
  }
  const g = (unchecked(histLast[st]) + 1) % HG;
  const k = st * HG + g;
  const o = k * ns;
  memory.copy(changetype<usize>(histLnj) + (<usize>o << 3), changetype<usize>(lnj), <usize>ns << 3);
  // (the amounts and inclusion of the condensed species only: a gas species' amount follows from ln n_j)
  for (let j = ng; j < ns; j++) {
    unchecked(histNj[o + j] = nj[j]);
    unchecked(histInc[o + j] = inc[j]);
  }
  unchecked(histT[k] = T_K);
  unchecked(histLnN[k] = lnN);
  unchecked(histSeq[k] = seq);
  unchecked(histLast[st] = g);
}

/**
 * Station `st`'s first state at point `seq`, extrapolated from its states at points seq − 1, seq − 2, …
 * (as many as are recorded, on the line and have the same condensed set, up to HG) by Lagrange
 * interpolation in the position along the line. histRatios[k]: the step into point seq − k over the
 * step before it (k = 0: this point's; 0 when not on one line). False (state untouched) when fewer
 * than two states qualify or the extrapolation leaves the physical range.
 */
export const histRatios = newBuf<F>(HG);
// How far below the trace size (ln units, a factor e^10 ≈ 2e4) a species' latest amount must lie for
// its first state to be the latest one rather than an extrapolation (histExtrapolate).
const HIST_DEEP_LN: F = 10.0;
const histNodes = newBuf<F>(HG);
const histW = newBuf<F>(HG);
const histK = newBuf<i32>(HG);

/**
 * The values recorded for the consecutive points before point `seq` along the sweep line: a ring of
 * `gens` generations from index `base` (the latest at base + last; seqOf: the point each belongs
 * to), taken newest first while each is the point before the last one taken and the steps between
 * them were on the line (histRatios). Their indices go to `ks`, their positions in units of the last
 * step (0, −1, −1 − 1/r1, …) to `nodes`; returns how many.
 */
export function lineNodes(seqOf: Buf<i32>, base: i32, last: i32, gens: i32, seq: i32, ks: Buf<i32>, nodes: Buf<F>): i32 {
  let m = 0;
  let pos: F = 0;
  let unit: F = 1.0;
  for (let g = 0; g < gens; g++) {
    const k = base + (last + gens - g) % gens;
    if (unchecked(seqOf[k]) != seq - 1 - g) break;
    if (g >= 2) {
      const r = unchecked(histRatios[g - 1]);
      if (!(r > 0)) break;
      unit /= r;
    }
    if (g >= 1) pos -= unit;
    unchecked(ks[g] = k);
    unchecked(nodes[g] = pos);
    m++;
  }
  return m;
}

/** Lagrange weights at position x (this point's step over the last one) of the first m nodes, into w. */
export function lineWeights(x: F, m: i32, nodes: Buf<F>, w: Buf<F>): void {
  for (let i = 0; i < m; i++) {
    let v: F = 1.0;
    const pi = unchecked(nodes[i]);
    for (let q = 0; q < m; q++) if (q != i) v *= (x - unchecked(nodes[q])) / (pi - unchecked(nodes[q]));
    unchecked(w[i] = v);
  }
}

export function histExtrapolate(st: i32, seq: i32): bool {
  const ratio = unchecked(histRatios[0]);
  if (st < 0 || st >= HIST_STATIONS || !(ratio > 0) || histLnj.length != HG * HIST_STATIONS * ns) return false;
  let m = lineNodes(histSeq, st * HG, unchecked(histLast[st]), HG, seq, histK, histNodes);
  // and with the same condensed set as the latest
  for (let g = 1; g < m; g++) {
    const o0 = unchecked(histK[0]) * ns, og = unchecked(histK[g]) * ns;
    let same = true;
    for (let j = ng; j < ns; j++) if (unchecked(histInc[o0 + j]) != unchecked(histInc[og + j])) { same = false; break; }
    if (!same) { m = g; break; }
  }
  if (m < 2) return false;
  lineWeights(ratio, m, histNodes, histW);
  const o0 = unchecked(histK[0]) * ns;
  for (let j = ng; j < ns; j++) {
    if (unchecked(histInc[o0 + j]) == 0) continue;
    let n: F = 0;
    for (let i = 0; i < m; i++) n += unchecked(histW[i]) * unchecked(histNj[histK[i] * ns + j]);
    if (!(n > 0)) return false;
  }
  let T: F = 0, ln: F = 0;
  for (let i = 0; i < m; i++) {
    T += unchecked(histW[i]) * unchecked(histT[histK[i]]);
    ln += unchecked(histW[i]) * unchecked(histLnN[histK[i]]);
  }
  if (!(T > Tfloor_K) || !(T < 60000.0) || !isFinite(ln)) return false;
  // (the sums in node order, as the general form would take them; a node the extrapolation does not
  // use has weight 0 and adds exactly 0). A species far below the trace size at the latest point
  // keeps its amount relative to the gas: it is settled afresh from π at the first convergence
  // (stateSet), and only whether it starts above the trace size depends on this guess.
  const H = histLnj, LN = lnj;
  const w0 = unchecked(histW[0]), w1 = unchecked(histW[1]);
  const w2 = m > 2 ? unchecked(histW[2]) : 0.0, w3 = m > 3 ? unchecked(histW[3]) : 0.0, w4 = m > 4 ? unchecked(histW[4]) : 0.0;
  const oa = o0, ob = unchecked(histK[1]) * ns;
  const oc = m > 2 ? unchecked(histK[2]) * ns : oa, od = m > 3 ? unchecked(histK[3]) * ns : oa, oe = m > 4 ? unchecked(histK[4]) * ns : oa;
  const ln0 = unchecked(histLnN[histK[0]]);
  const shift = ln - ln0, cut = TRACE_LN - HIST_DEEP_LN;
  // and the active species listed as they are set (refreshMoles' pass over every gas species, which
  // stateSet would make next)
  if (nGasList != ng) listAllGas();
  const N = nj, NL = njLn, ACT = act, tl = traceLn;
  let na = 0;
  let maxT: F = -Infinity;
  for (let j = 0, e = ng; j < e; j++) {
    const l0 = unchecked(H[oa + j]);
    const l = l0 - ln0 < cut ? l0 + shift : w0 * l0 + w1 * unchecked(H[ob + j]) + w2 * unchecked(H[oc + j]) + w3 * unchecked(H[od + j]) + w4 * unchecked(H[oe + j]);
    unchecked(LN[j] = l);
    const trace = l - ln < tl;
    setMoles(N, NL, j, l, trace);
    if (!trace) { unchecked(ACT[na] = j); na++; } else if (l > maxT) maxT = l;
  }
  for (let j = ng; j < ns; j++) {
    const inc0 = unchecked(histInc[o0 + j]);
    unchecked(inc[j] = inc0);
    unchecked(lnj[j] = 0);
    let n: F = 0;
    if (inc0 != 0) for (let i = 0; i < m; i++) n += unchecked(histW[i]) * unchecked(histNj[histK[i] * ns + j]);
    unchecked(nj[j] = n);
  }
  lnN = ln;
  T_K = T;
  roughState = false;
  stateMarks();
  activeT = -1;
  nAct = na;
  maxTraceLn = maxT;
  traceDirty = false;
  return true;
}

// Gaussian elimination with partial pivoting on mat (dim × dim+nRhs, augmented); results in sol
// (and sol2 for a second right-hand side).
function solveMatrix(): bool {
  const w = dim + nRhs;
  const n = dim;
  // (module arrays in locals: kept in registers through the loops)
  const M = mat;
  for (let c = 0; c < n; c++) {
    let p = c;
    let best = Math.abs(unchecked(M[c * w + c]));
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(unchecked(M[r * w + c]));
      if (v > best) { best = v; p = r; }
    }
    if (!(best > 1e-300)) return false;
    const rc = c * w;
    if (p != c) {
      const rp = p * w;
      for (let k = c; k < w; k++) {
        const t = unchecked(M[rc + k]);
        unchecked(M[rc + k] = M[rp + k]);
        unchecked(M[rp + k] = t);
      }
    }
    const inv = 1.0 / unchecked(M[rc + c]);
    for (let r = c + 1; r < n; r++) {
      const rr = r * w;
      const f = unchecked(M[rr + c]) * inv;
      if (f == 0) continue;
      for (let k = c; k < w; k++) unchecked(M[rr + k] -= f * M[rc + k]);
    }
  }
  for (let q = 0; q < nRhs; q++) {
    const x = q == 0 ? sol : sol2;
    for (let r = n - 1; r >= 0; r--) {
      const rr = r * w;
      let s = unchecked(M[rr + n + q]);
      for (let k = r + 1; k < n; k++) s -= unchecked(M[rr + k]) * unchecked(x[k]);
      const v = s / unchecked(M[rr + r]);
      if (!isFinite(v)) return false;
      unchecked(x[r] = v);
    }
  }
  return true;
}

function listIncluded(): i32 {
  let nc = 0;
  for (let j = ng; j < ns; j++) if (unchecked(inc[j]) != 0) { unchecked(colIdx[nc] = j); nc++; }
  return nc;
}

// Builds the reduced Newton matrix (RP-1311 eqs. 2.24–2.28). With `deriv` set: only the element,
// condensed and n rows/columns (the derivative systems share that matrix), zero right-hand side.
// kind: PROB_TP, PROB_HP or PROB_SP; target: h0/R (K·mol/kg) for HP, s0/R (mol/kg) for SP.
function buildMatrix(kind: i32, nc: i32, lnP: F, target: F, deriv: bool): void {
  const energy = !deriv && kind != PROB_TP;
  const area = energy && areaMode && kind == PROB_SP;
  dim = nel + nc + 1 + (energy ? 1 : 0) + (area ? 1 : 0);
  nRhs = deriv ? 2 : 1;
  const w = dim + nRhs;
  // module arrays in locals: the loops below then keep them in registers
  const M = mat, A = spA, I = spIdx, bc = bCur;
  for (let k = 0; k < dim * w; k++) unchecked(M[k] = 0);
  for (let i = 0; i < nel; i++) unchecked(bc[i] = 0);
  const rn = nel + nc; // index of the n row and of the Δln n column
  const re = rn + 1; // energy row/column
  let sumN: F = 0, sumNH: F = 0, sumNMu: F = 0, sumNHMu: F = 0, sumNH2: F = 0, sumNCp: F = 0;
  let sumNS: F = 0, sumNHS: F = 0, sumNSMu: F = 0, sumAllNS: F = 0, sumAllNH: F = 0;
  const sp = kind == PROB_SP;
  const rhs = !deriv;
  const ACT = act, N = nj, H = hj, MU = muj, CP = cpj, S_ = sj, LN = lnj, Z = spNnz;
  const ln = lnN, ne = nel;
  for (let q = 0, na = nAct; q < na; q++) {
    const j = unchecked(ACT[q]);
    const n = unchecked(N[j]);
    const h = unchecked(H[j]);
    const mu = unchecked(MU[j]);
    sumN += n; sumNH += n * h; sumNMu += n * mu; sumNHMu += n * h * mu; sumNH2 += n * h * h;
    sumNCp += n * unchecked(CP[j]);
    let S: F = 0;
    if (sp) {
      S = unchecked(S_[j]) - (unchecked(LN[j]) - ln) - lnP;
      sumNS += n * S; sumNHS += n * h * S; sumNSMu += n * S * mu;
    }
    const e = sp ? S : h; // energy row weight
    const nz = unchecked(Z[j]);
    const base = j * ne;
    for (let t = 0; t < nz; t++) {
      const i = unchecked(I[base + t]);
      const ain = unchecked(A[base + t]) * n;
      const row = i * w;
      for (let u = 0; u <= t; u++) unchecked(M[row + I[base + u]] += ain * A[base + u]);
      unchecked(M[row + rn] += ain);
      unchecked(bc[i] += ain);
      if (rhs) unchecked(M[row + dim] += ain * mu);
      if (energy) {
        unchecked(M[row + re] += ain * h);
        unchecked(M[re * w + i] += ain * e);
      }
    }
  }
  sumAllNH = sumNH; sumAllNS = sumNS;
  // symmetric element block, n row
  for (let i = 0; i < nel; i++) {
    for (let k = i + 1; k < nel; k++) unchecked(mat[i * w + k] = mat[k * w + i]);
    unchecked(mat[rn * w + i] = mat[i * w + rn]);
  }
  for (let c = 0; c < nc; c++) {
    const j = unchecked(colIdx[c]);
    const r = nel + c;
    for (let i = 0; i < nel; i++) {
      const a = unchecked(aEl[j * nel + i]);
      unchecked(mat[i * w + r] = a);
      unchecked(mat[r * w + i] = a);
    }
    const nCond = unchecked(nj[j]);
    for (let i = 0; i < nel; i++) unchecked(bc[i] += aEl[j * nel + i] * nCond);
    sumNCp += unchecked(nj[j]) * unchecked(cpj[j]);
    sumAllNH += unchecked(nj[j]) * unchecked(hj[j]);
    sumAllNS += unchecked(nj[j]) * unchecked(sj[j]);
    if (!deriv) unchecked(mat[r * w + dim] = hj[j] - sj[j]);
    if (energy) {
      unchecked(mat[r * w + re] = hj[j]);
      unchecked(mat[re * w + r] = kind == PROB_HP ? hj[j] : sj[j]);
    }
  }
  const n = Math.exp(lnN);
  unchecked(mat[rn * w + rn] = sumN - n);
  // An element of zero total held by no present species (the charge when every ion is a trace
  // species) has an empty row: its potential stays as it is (the charge's is set by its balance:
  // settleCharge, and in newton) until a species carrying it appears.
  let qEmpty = false;
  for (let i = 0; i < nel; i++) {
    if (unchecked(b0[i]) != 0 || unchecked(mat[i * w + i]) != 0) continue;
    let held = false;
    for (let c = 0; c < nc; c++) if (unchecked(aEl[colIdx[c] * nel + i]) != 0) held = true;
    if (held) continue;
    for (let k = 0; k < w; k++) unchecked(mat[i * w + k] = 0);
    unchecked(mat[i * w + i] = 1);
    if (!deriv) unchecked(mat[i * w + dim] = piEl[i]); // (b° − b adds 0 below)
    if (i == qEl) qEmpty = true;
  }
  if (deriv) return;
  // The charge's row, when some carrier is active: the trace carriers count in it too (only there:
  // elsewhere they are as negligible as any trace species), each with its Newton correction
  // Δln n_j = −μ_j + Σ a_ij π_i + Δln n + (H_j/RT) Δln T, so that the charge balances over every
  // carrier at convergence. (With the active ones alone, an electron just above the trace size whose
  // positive ions lie just below it would be driven to nothing, fall below the size, come back from
  // the balance, and so on; and with the trace ones held fixed, where the balance settles would
  // depend on their amounts at the start.)
  if (qOn && !qEmpty) {
    const q = qEl, rq = q * w;
    for (let k = 0; k < nQ; k++) {
      const j = unchecked(qList[k]);
      if (unchecked(N[j]) != 0) continue;
      const aqn = unchecked(qA[k]) * Math.exp(unchecked(LN[j]));
      const base = j * ne;
      for (let t = 0, nz = unchecked(Z[j]); t < nz; t++) unchecked(M[rq + I[base + t]] += aqn * A[base + t]);
      unchecked(M[rq + rn] += aqn);
      if (energy) unchecked(M[rq + re] += aqn * H[j]);
      unchecked(M[rq + dim] += aqn * MU[j]);
      unchecked(bc[q] += aqn);
    }
  }
  // element rows: b° − b + Σ a n μ (b of the current moles summed above into bCur)
  for (let i = 0; i < nel; i++) unchecked(mat[i * w + dim] += b0[i] - bCur[i]);
  unchecked(mat[rn * w + dim] = n - sumN + sumNMu);
  if (energy) {
    unchecked(mat[rn * w + re] = sumNH);
    if (kind == PROB_HP) {
      unchecked(mat[re * w + rn] = sumNH);
      unchecked(mat[re * w + re] = sumNCp + sumNH2);
      unchecked(mat[re * w + dim] = target / T_K - sumAllNH + sumNHMu);
    } else {
      unchecked(mat[re * w + rn] = sumNS);
      unchecked(mat[re * w + re] = sumNCp + sumNHS);
      unchecked(mat[re * w + dim] = target - sumAllNS + n - sumN + sumNSMu);
    }
  }
  if (area) areaRow(w, nc, rn, re, lnP, n, sumN, sumNS, sumNH, sumNH2, sumNCp, sumNHMu, sumAllNH);
}

// ---- joint nozzle solve ------------------------------------------------------------------------
// A supersonic exit at an assigned area ratio (rocket.ts) solved as one Newton system: ln p joins
// the unknowns, and the area-ratio condition ρu = ṁt/ε (ṁt the throat's mass flux) joins the rows,
// so that the station takes one equilibrium solve instead of one per trial pressure. Gas species
// then correct by Δln n_j = −μ_j/RT + Σ a_ij π_i + Δln n + (H_j/RT) Δln T − Δln p (RP-1311 eq. 2.18
// with p free), which puts −Σ a_ij n_j, −Σ n_j and −Σ n_j (S_j/R + 1) in the Δln p column of the
// element, n and entropy rows (the pressure derivative's right-hand sides, computeDerivatives).
// The area row is F = ln(ṁt/ε) − ln ρ − ln u = 0 with ρ = p/(nRT) and u² = 2(hc − h):
// ΔF = −Δln p + Δln n + Δln T + (RT/u²) Δ(h/RT)·… linearised exactly, so the iteration keeps
// Newton's quadratic convergence and its end test (every step ≤ EXACT_STEP, ln p's ≤ JOINT_P_STEP)
// leaves ~1e-10 or less of them, as close as a solve at the exact exit pressure is to it. Gas-only states only: a condensed
// species in or about to come in declines (ERR_JOINT_DECLINED), and rocket.ts iterates on p.
let areaMode: bool = false;
let areaHcR: F = 0; // chamber enthalpy / R, K·mol/kg
let areaLnFlux: F = 0; // ln(ṁt/ε), ṁt in kg/(m²·s)
let areaBad: bool = false; // the current state is at or above the chamber's enthalpy (no flow)
let jointLnP: F = 0; // ln(p/P0) where the last joint Newton iteration left it

function areaRow(w: i32, nc: i32, rn: i32, re: i32, lnP: F, n: F, sumN: F, sumNS: F, sumNH: F, sumNH2: F, sumNCp: F, sumNHMu: F, sumAllNH: F): void {
  const rp = re + 1;
  for (let i = 0; i < nel; i++) unchecked(mat[i * w + rp] = -mat[i * w + rn]);
  unchecked(mat[rn * w + rp] = -sumN);
  unchecked(mat[re * w + rp] = -sumNS - sumN);
  const du = areaHcR - T_K * sumAllNH; // (hc − h)/R
  if (!(du > 0)) {
    areaBad = true;
    unchecked(mat[rp * w + rp] = 1);
    return;
  }
  const k = T_K / (2.0 * du); // RT/u²
  for (let i = 0; i < nel; i++) unchecked(mat[rp * w + i] = k * mat[i * w + re]);
  for (let c = 0; c < nc; c++) unchecked(mat[rp * w + nel + c] = k * hj[colIdx[c]]);
  unchecked(mat[rp * w + rn] = 1.0 + k * sumNH);
  unchecked(mat[rp * w + re] = 1.0 + k * (sumNH2 + sumNCp));
  unchecked(mat[rp * w + rp] = -1.0 - k * sumNH);
  const lnRho = lnP + Math.log(P0_Pa) - Math.log(n) - Math.log(T_K) - Math.log(R_CEA);
  const f = areaLnFlux - lnRho - 0.5 * Math.log(2.0 * R_CEA * du);
  unchecked(mat[rp * w + dim] = -f + k * sumNHMu);
}

/**
 * Isentropic equilibrium state (entropy s0R = s/R, mol/kg) where the mass flux ρu equals
 * exp(lnFlux) kg/(m²·s), u from the chamber enthalpy hcR = hc/R (K·mol/kg): p is found with the
 * composition, from p_Pa (Pa) and the current state as first guesses. The pressure is left in P_Pa.
 * A gas-only state only: with a condensed species in, or coming in, returns ERR_JOINT_DECLINED.
 */
export function equilibrateAtArea(p_Pa: F, s0R: F, hcR: F, lnFlux: F): i32 {
  for (let j = ng; j < ns; j++) if (unchecked(inc[j]) != 0) return ERR_JOINT_DECLINED;
  areaMode = true;
  areaHcR = hcR;
  areaLnFlux = lnFlux;
  areaBad = false;
  const st = equilibrate(PROB_SP, p_Pa, s0R);
  areaMode = false;
  return st;
}

// Moles from ln n_j; rebuilds the active list (gas species above the trace size). While no trace
// species' ln n_j changed (traceDirty) and the largest of them stays below the trace size, only the
// active ones need a look.
let traceDirty: bool = true;
let maxTraceLn: F = -Infinity;
// ln n_j whose exponential n_j of an active gas species holds (NaN: none): a species whose ln n_j has
// not moved since keeps its n_j without a new exp (after the trace settling, the derivatives' refresh).
let njLn = newBuf<F>(0);

// n_j = exp(ln n_j) of active gas species j (N: nj, NL: njLn).
@inline function activeMoles(N: Buf<F>, NL: Buf<F>, j: i32, l: F): void {
  if (l != unchecked(NL[j])) {
    unchecked(N[j] = Math.exp(l));
    unchecked(NL[j] = l);
  }
}

// Gas species j of ln n_j = l set as a trace species (n_j = 0, out of the sums) or an active one.
@inline function setMoles(N: Buf<F>, NL: Buf<F>, j: i32, l: F, trace: bool): void {
  if (trace) {
    unchecked(N[j] = 0.0);
    unchecked(NL[j] = NaN);
  } else activeMoles(N, NL, j, l);
}

// Gas amounts set other than by refreshMoles: the next refresh takes every exp afresh.
function forgetMoles(): void {
  for (let j = 0; j < ng; j++) unchecked(njLn[j] = NaN);
}

function refreshMoles(): void {
  activeT = -1;
  const N = nj, NL = njLn, LN = lnj, A = act;
  const ln = lnN, tl = traceLn;
  // the last active list, when no trace species can have crossed the trace size since it was made
  // (traceSettled), else every gas species of the full iterations (the list is rewritten in place:
  // m ≤ q)
  const quick = !traceDirty && maxTraceLn - ln < tl;
  const L = quick ? act : gasList;
  let m = 0;
  let maxT: F = quick ? maxTraceLn : -Infinity;
  for (let q = 0, e = quick ? nAct : nGasList; q < e; q++) {
    const j = unchecked(L[q]);
    const l = unchecked(LN[j]);
    const trace = l - ln < tl;
    setMoles(N, NL, j, l, trace);
    if (!trace) { unchecked(A[m] = j); m++; } else if (l > maxT) maxT = l;
  }
  maxTraceLn = maxT;
  nAct = m;
  if (!quick) traceDirty = false;
}

function computeMu(lnP: F, all: bool): void {
  const c = lnP - lnN;
  const MU = muj, H = hj, S = sj, LN = lnj;
  if (all) {
    const L = gasList;
    for (let q = 0, e = nGasList; q < e; q++) {
      const j = unchecked(L[q]);
      unchecked(MU[j] = H[j] - S[j] + LN[j] + c);
    }
    return;
  }
  const A = act;
  for (let q = 0, e = nAct; q < e; q++) {
    const j = unchecked(A[q]);
    unchecked(MU[j] = H[j] - S[j] + LN[j] + c);
  }
}

// Newton correction Δln n_j of gas species j (RP-1311 eq. 2.18 with the solved π, Δln n, Δln T).
@inline function gasCorrection(j: i32, dLnN: F, dLnT: F): F {
  let d = -unchecked(muj[j]) + dLnN + unchecked(hj[j]) * dLnT;
  const base = j * nel;
  const nz = unchecked(spNnz[j]);
  const A = spA, I = spIdx, X = sol;
  for (let t = 0; t < nz; t++) d += unchecked(A[base + t]) * unchecked(X[I[base + t]]);
  return d;
}

// b_i of the current moles (gas and included condensed), mol/kg, into bCur.
function elementTotals(): void {
  for (let i = 0; i < nel; i++) unchecked(bCur[i] = 0);
  for (let q = 0; q < nAct; q++) {
    const j = unchecked(act[q]);
    const n = unchecked(nj[j]);
    const base = j * nel;
    const nz = unchecked(spNnz[j]);
    for (let t = 0; t < nz; t++) unchecked(bCur[spIdx[base + t]] += spA[base + t] * n);
  }
  for (let j = ng; j < ns; j++) {
    if (unchecked(inc[j]) == 0) continue;
    const n = unchecked(nj[j]);
    for (let i = 0; i < nel; i++) unchecked(bCur[i] += aEl[j * nel + i] * n);
  }
}

// Every carrier of the charge is a trace species (by ln n_j, as refreshMoles decides): its row is
// empty and π_q comes from the charge balance.
function chargeFree(): bool {
  if (qEl < 0) return false;
  const LN = lnj, Q = qList, ln = lnN, tl = traceLn;
  for (let k = 0; k < nQ; k++) if (unchecked(LN[Q[k]]) - ln >= tl) return false;
  return true;
}

// μ_j/RT of the trace carriers at the current T (a Newton iteration over the active species only
// evaluates those): they take part in the charge's row.
function traceCarriersMu(lnP: F): void {
  const T = T_K, lnT = Math.log(T);
  const iT = 1.0 / T, iT2 = iT * iT, T2 = T * T, T3 = T2 * T, T4 = T2 * T2;
  const C = coef, NI = nInt, H = hj, S = sj, CP = cpj, N = nj, LN = lnj, MU = muj;
  const c = lnP - lnN;
  if (T != thermoT) thermoT = -1;
  for (let k = 0; k < nQ; k++) {
    const j = unchecked(qList[k]);
    if (unchecked(N[j]) != 0) continue;
    evalSpecies(C, NI, H, S, CP, j, T, lnT, iT, iT2, T2, T3, T4, false);
    unchecked(MU[j] = H[j] - S[j] + LN[j] + c);
  }
}

// π_q of the charge balance Σ_k a_k exp(c_k + a_k π) = 0 over the carriers (c_k in qC: ln n of
// carrier k at π_q = 0). g(π) = ln Σ_{a>0} a e^(c+aπ) − ln Σ_{a<0} −a e^(c+aπ) increases with π
// (g' = Σ₊ a² e/Σ₊ a e + Σ₋ a² e/Σ₋ |a| e ≥ 2 for unit charges); Newton on g, exact in one step when
// every charge is ±1 (g is then linear). NaN when the carriers have one sign only (no balance).
function chargeRoot(): F {
  const C = qC, A = qA;
  let pi: F = 0;
  for (let it = 0; it < 60; it++) {
    let mp: F = -Infinity, mm: F = -Infinity;
    for (let k = 0; k < nQ; k++) {
      const a = unchecked(A[k]);
      const x = unchecked(C[k]) + a * pi;
      if (a > 0) { if (x > mp) mp = x; } else if (x > mm) mm = x;
    }
    if (mp == -Infinity || mm == -Infinity) return NaN;
    let sp: F = 0, sp2: F = 0, sm: F = 0, sm2: F = 0;
    for (let k = 0; k < nQ; k++) {
      const a = unchecked(A[k]);
      const x = unchecked(C[k]) + a * pi;
      if (a > 0) { const e = a * Math.exp(x - mp); sp += e; sp2 += a * e; } else { const e = -a * Math.exp(x - mm); sm += e; sm2 -= a * e; }
    }
    const g = mp + Math.log(sp) - mm - Math.log(sm);
    let d = -g / (sp2 / sp + sm2 / sm);
    if (d > 50.0) d = 50.0;
    if (d < -50.0) d = -50.0;
    pi += d;
    if (Math.abs(d) <= 1e-14 * Math.max(1.0, Math.abs(pi))) break;
  }
  return pi;
}

// π_q from the charge balance at the current π, T, p and n, every carrier from its fit (called while
// chargeFree()): stored in piEl. (The carriers' H/RT and S/R are left in hj, sj.)
function settleCharge(lnP: F): void {
  const T = T_K, lnT = Math.log(T);
  const iT = 1.0 / T, iT2 = iT * iT, T2 = T * T, T3 = T2 * T, T4 = T2 * T2;
  const C = coef, NI = nInt, H = hj, S = sj, CP = cpj, A = spA, I = spIdx, Z = spNnz, PI = piEl, n = nel;
  const q = qEl, ln = lnN;
  if (T != thermoT) thermoT = -1; // (their functions stored at T: the others' may be of another T)
  for (let k = 0; k < nQ; k++) {
    const j = unchecked(qList[k]);
    evalSpecies(C, NI, H, S, CP, j, T, lnT, iT, iT2, T2, T3, T4, false);
    let l = ln - lnP - unchecked(H[j]) + unchecked(S[j]);
    const base = j * n;
    for (let t = 0, nz = unchecked(Z[j]); t < nz; t++) {
      const i = unchecked(I[base + t]);
      if (i != q) l += unchecked(A[base + t]) * unchecked(PI[i]);
    }
    unchecked(qC[k] = l);
  }
  const pi = chargeRoot();
  if (!isNaN(pi)) unchecked(PI[q] = pi);
}

// How far below the trace size (ln units: e^-6, a factor 400) the trace species lie that are settled
// when T and p moved less than updateTraceSpecies' bounds since the last full settling: more than
// one can move within them.
const NEAR_TRACE_LN: F = 6.0;
// How far below the trace size (ln units) a species' bounded amount must lie for a full settling to
// hold it at that bound instead of evaluating it: beyond the near band, so that a later near settling
// evaluates the same species as with exact amounts.
const TRACE_SKIP_LN: F = 10.0;

// Brings every trace species to its equilibrium amount for the current π, T, n:
// ln n_j = Σ a_ij π_i − (H/RT − S/R) − ln P + ln n. Returns true when one leaves the trace range
// (it enters at most at the 1e-4 cap of RP-1311 eq. 3.2 and the iteration goes on).
function updateTraceSpecies(lnP: F): bool {
  evalCondensed(T_K);
  if (traceT > 0 && Math.abs(Math.log(T_K / traceT)) < 0.05 && Math.abs(lnP - traceLnP) < 1.0) {
    // Only the trace species near the trace size can cross it within those bounds: they are
    // settled every time, so that whether one is in does not depend on the states visited before.
    return settleTrace(lnP, true);
  }
  traceT = T_K;
  traceLnP = lnP;
  return settleTrace(lnP, false);
}

// Trace gas species brought to their equilibrium amounts for the current π, T, n: every one, or
// (near) those within NEAR_TRACE_LN below the trace size: in a full settling, those whose amount at
// their bound of μ°/RT (gMin) lies far below it are held there, the others are evaluated from their
// fits (H/RT and S/R; Cp/R only once a species is active: evalActive). Returns whether one left the
// trace range. (μ°/RT summed as one polynomial would round differently, and a throat at the kink
// where a condensed phase appears can then fall on the other side of it: AP/HTPB/Mg at MgO's 3100 K.)
function settleTrace(lnP: F, near: bool): bool {
  const T = T_K, lnT = Math.log(T);
  const LN = lnj, PI = piEl, AE = aEl, P = pending;
  const ln = lnN, tl = traceLn, n = nel;
  const low = near ? tl - NEAR_TRACE_LN : -Infinity;
  // every carrier of the charge trace: its potential from the balance first (the loops use it)
  if (chargeFree()) settleCharge(lnP);
  // The row of gMin at T (−1: none), and the amount at the bound below which a species is held
  // there (only in a full settling: the near one is about species close to the trace size). The row
  // reaches the loop through a global: computed in place, V8 recomputed it in every pass of the loop.
  const bin = traceBounds && !near ? muBin(lnT) : -1;
  settleRow = bin >= 0 ? bin * ng : -1;
  const GM = gMin, row = settleRow, skipBelow = ln + tl - TRACE_SKIP_LN;
  let woke = false;
  let settled = false;
  let maxL: F = -Infinity;
  // 1. the trace species to settle: those held at their bound now, the others listed
  let np = 0;
  for (let j = 0, e = ng; j < e; j++) {
    const rel = unchecked(LN[j]) - ln;
    if (rel >= tl || rel < low) continue;
    settled = true;
    if (row >= 0) {
      // Σ a_ij π_i over every element (a loop of fixed length: no mispredicted exits, as the
      // sparse one would have with 1–3 atoms)
      const base = j * n;
      let pa: F = 0;
      for (let i = 0; i < n; i++) pa += unchecked(AE[base + i]) * unchecked(PI[i]);
      // its amount is at most lb: far below the trace size, it stays trace, held at that bound
      let lb = ln - lnP - <F>unchecked(GM[row + j]) + pa;
      if (lb < skipBelow) {
        if (lb < ln - 700.0) lb = ln - 700.0;
        unchecked(LN[j] = lb);
        if (lb > maxL) maxL = lb;
        continue;
      }
    }
    unchecked(P[np] = j);
    np++;
  }
  // 2. the listed ones from their fits (their H/RT and S/R stored: no longer every species' at thermoT)
  if (np > 0) thermoT = -1;
  const C = coef, NI = nInt, A = spA, I = spIdx, Z = spNnz, H = hj, S = sj, CP = cpj;
  const iT = 1.0 / T, iT2 = iT * iT, T2 = T * T, T3 = T2 * T, T4 = T2 * T2;
  for (let q = 0; q < np; q++) {
    const j = unchecked(P[q]);
    evalSpecies(C, NI, H, S, CP, j, T, lnT, iT, iT2, T2, T3, T4, false);
    // RP-1311 eq. 2.18 at Δ = 0: Σ a_ij π_i − (H/RT − S/R) − ln P + ln n
    let l = ln - lnP - unchecked(H[j]) + unchecked(S[j]);
    const base = j * n;
    for (let t = 0, nz = unchecked(Z[j]); t < nz; t++) l += unchecked(A[base + t]) * unchecked(PI[I[base + t]]);
    if (l < ln - 700.0) l = ln - 700.0;
    if (l - ln >= tl) {
      woke = true;
      if (l - ln > TRACE_CAP_LN) l = ln + TRACE_CAP_LN;
    }
    unchecked(LN[j] = l);
    if (l > maxL) maxL = l;
  }
  if (settled || !near) traceSettled(woke, maxL);
  return woke;
}

// After trace species were brought to their amounts (their largest ln n_j: maxL): when none crossed
// the trace size, the active species are the ones refreshMoles listed, and its next call keeps its
// list (dropping any active one that fell below the size meanwhile) instead of going through every
// gas species again; otherwise (or while some gas species are left out of the list, a lean start)
// it lists them afresh.
@inline function traceSettled(woke: bool, maxL: F): void {
  if (woke || nGasList != ng) traceDirty = true;
  else if (maxL > maxTraceLn) maxTraceLn = maxL;
}

// Newton iteration to convergence with the current set of condensed species. While the steps
// are large every gas species is corrected each iteration (trace ones under RP-1311's cap);
// near convergence only the active ones are, and trace species are settled at the end.
function newton(kind: i32, lnP: F, target: F): i32 {
  let largeStep = roughState;
  let dropRetries = 0;
  for (let it = 0; it < MAX_NEWTON; it++) {
    iterations++;
    const full = largeStep;
    refreshMoles();
    if (full) evalFull(T_K); else evalActive(T_K);
    computeMu(lnP, full);
    qOn = qEl >= 0 && !chargeFree();
    if (qOn && !full) traceCarriersMu(lnP);
    const nc = listIncluded();
    buildMatrix(kind, nc, lnP, target, false);
    if (areaMode && areaBad) return ERR_JOINT_DECLINED;
    if (!solveMatrix()) return ERR_SINGULAR;
    const rn = nel + nc;
    const dLnN = unchecked(sol[rn]);
    const dLnT = kind == PROB_TP ? 0.0 : unchecked(sol[rn + 1]);
    // a joint nozzle solve: ln p moves too, and each gas species' ln(n_j/n) with −Δln p
    const dLnP = areaMode ? unchecked(sol[rn + 2]) : 0.0;
    const dLnNj = dLnN - dLnP;
    // every carrier of the charge a trace species: π_q from the balance of the amounts this step
    // gives them (the row left it as it was)
    if (full && qEl >= 0 && !qOn) {
      const q = qEl;
      unchecked(sol[q] = 0);
      for (let k = 0; k < nQ; k++) {
        const j = unchecked(qList[k]);
        unchecked(qC[k] = leanStart && unchecked(complex[j]) ? lnN - 700.0 : unchecked(lnj[j]) + gasCorrection(j, dLnNj, dLnT));
      }
      const pi = chargeRoot();
      unchecked(sol[q] = isNaN(pi) ? piEl[q] : pi);
    }
    const N = nj, A = act, D = dlnj, LN = lnj;
    let sumAll: F = 0;
    for (let q = 0, e = nAct; q < e; q++) sumAll += unchecked(N[A[q]]);
    for (let c = 0; c < nc; c++) sumAll += unchecked(nj[colIdx[c]]);
    // gas corrections and damping (RP-1311 eqs. 3.1–3.3)
    let big: F = 5.0 * Math.max(Math.max(Math.abs(dLnT), Math.abs(dLnN)), Math.abs(dLnP));
    let lambda2: F = 1.0;
    // largest correction of a mole number (gas, condensed, total gas), mol/kg
    let stepN: F = Math.exp(lnN) * Math.abs(dLnN);
    // and the largest relative step of a species above 1e-5 of the moles (those results print;
    // condensed ones below): the test above, on moles, lets a species of 1e-4 move by 1e-3 of itself,
    // and it then ends up to ~1e-7 of itself from where another start takes it (N2O/ethanol exits:
    // CO at 8e-5, 7e-8)
    const printN: F = 1e-5 * Math.exp(lnN);
    let stepRel: F = 0;
    for (let q = 0, e = nAct; q < e; q++) {
      const j = unchecked(A[q]);
      const d = gasCorrection(j, dLnNj, dLnT);
      unchecked(D[j] = d);
      if (d > big) big = d;
      const n = unchecked(N[j]);
      stepN = Math.max(stepN, n * Math.abs(d));
      if (n > printN) stepRel = Math.max(stepRel, Math.abs(d));
    }
    if (full) {
      for (let k = 0; k < nGasList; k++) {
        const j = unchecked(gasList[k]);
        const rel = unchecked(lnj[j]) - lnN;
        if (rel >= traceLn) continue;
        if (leanStart && unchecked(complex[j])) { unchecked(dlnj[j] = 0); continue; }
        const d = gasCorrection(j, dLnNj, dLnT);
        unchecked(dlnj[j] = d);
        const den = d - dLnN;
        if (d >= 0 && den > 0) {
          const l2 = Math.abs((-rel + TRACE_CAP_LN) / den);
          if (l2 < lambda2) lambda2 = l2;
        }
      }
    }
    for (let c = 0; c < nc; c++) {
      const dn = Math.abs(unchecked(sol[nel + c]));
      stepN = Math.max(stepN, dn);
      const n = unchecked(nj[colIdx[c]]);
      if (n > printN) stepRel = Math.max(stepRel, dn / n);
    }
    let lambda: F = big > 2.0 ? 2.0 / big : 1.0;
    if (lambda2 < lambda) lambda = lambda2;
    // RP-1311's test: every correction below 0.5e-5 of the moles and |Δln T| < 1e-4. A full
    // Newton step (λ = 1, active species only) below CONV_FULL_STEP times that is accepted too: the
    // iteration converges quadratically there, so the error left after applying it is far below
    // the test's own.
    const tol = 0.5e-5 * sumAll;
    // |Δln n| ≤ 1e-4 too: the test above is relative to all moles, condensed ones included, and a
    // gas of a few ppm of them (its mole fractions then far from summing to 1) would pass it.
    const loose = Math.abs(dLnT) <= 1e-4 && Math.abs(dLnN) <= 1e-4 && Math.abs(dLnP) <= 1e-4 && (stepN <= tol || (!full && lambda == 1.0 && stepN <= CONV_FULL_STEP * tol));
    // And tight: the step just applied was a full Newton step over the active species with every
    // correction ≤ EXACT_STEP (relative). Newton converges quadratically there, so what is left is
    // of order EXACT_STEP²: the answer no longer depends on where the iteration started (a warm
    // start from a neighbour gives a cold start's answer within 1e-9), at the price of about one
    // more iteration than RP-1311's test alone.
    const conv = loose && !full && lambda == 1.0 && stepRel <= SPECIES_STEP && Math.abs(dLnT) <= EXACT_STEP && Math.abs(dLnN) <= EXACT_STEP && Math.abs(dLnP) <= JOINT_P_STEP && stepN <= EXACT_STEP * sumAll;
    for (let i = 0; i < nel; i++) unchecked(piEl[i] = sol[i]);
    // update
    if (full) {
      traceDirty = true;
      for (let k = 0; k < nGasList; k++) {
        const j = unchecked(gasList[k]);
        let l = unchecked(lnj[j]) + lambda * unchecked(dlnj[j]);
        if (l < lnN - 700.0) l = lnN - 700.0;
        unchecked(lnj[j] = l);
      }
    } else {
      for (let q = 0, e = nAct; q < e; q++) {
        const j = unchecked(A[q]);
        unchecked(LN[j] += lambda * D[j]);
      }
      // the trace carriers of the charge take their corrections too (they are in its row)
      if (qOn) {
        for (let k = 0; k < nQ; k++) {
          const j = unchecked(qList[k]);
          if (unchecked(N[j]) != 0) continue;
          let l = unchecked(LN[j]) + lambda * gasCorrection(j, dLnNj, dLnT);
          if (l < lnN - 700.0) l = lnN - 700.0;
          if (l - lnN > TRACE_CAP_LN) l = lnN + TRACE_CAP_LN;
          unchecked(LN[j] = l);
        }
        traceDirty = true;
      }
    }
    for (let c = 0; c < nc; c++) {
      const j = unchecked(colIdx[c]);
      unchecked(nj[j] += lambda * sol[nel + c]);
    }
    lnN += lambda * dLnN;
    if (areaMode) {
      lnP += lambda * dLnP;
      jointLnP = lnP;
    }
    if (kind != PROB_TP) {
      let T = T_K * Math.exp(lambda * dLnT);
      if (T < Tfloor_K) T = Tfloor_K;
      if (T > 60000.0) T = 60000.0;
      T_K = T;
    }
    if (!isFinite(lnN) || !isFinite(T_K)) return ERR_NO_CONVERGENCE;
    // A lean estimate driven below the gas data (10 Tfloor is the lowest data temperature) lacks the
    // species that hold the energy there: give it up now for the start over every species.
    if (leanStart && T_K < 10.0 * Tfloor_K) return ERR_NO_CONVERGENCE;
    largeStep = lambda < 1.0 || Math.abs(dLnT) > 0.1 || Math.abs(dLnN) > 0.1 || Math.abs(dLnP) > 0.1;
    if (conv) {
      roughState = false;
      if (leanStart) { leanStart = false; listAllGas(); }
      if (updateTraceSpecies(lnP)) continue;
      // An active species the last step took below the trace size leaves the sums now: the state
      // just converged counted it, the one without it lies ~its mole fraction (≤ 1e-8) away. One
      // more iteration reaches that one, which a start that never had the species in reaches
      // directly (warm = cold; without it, LOX/RP-1 at O/F 1.93, 101.5 bar ended 3.9e-5 K apart
      // with CH2 at 0.9999e-8). Bounded: a species poised at the size cannot make it cycle.
      const activeBefore = nAct;
      refreshMoles();
      if (nAct < activeBefore && dropRetries < 3) {
        dropRetries++;
        continue;
      }
      let bmax: F = 0;
      for (let i = 0; i < nel; i++) bmax = Math.max(bmax, unchecked(b0[i]));
      let balanced = true;
      elementTotals();
      for (let i = 0; i < nel; i++) if (Math.abs(unchecked(b0[i]) - unchecked(bCur[i])) > 1e-6 * bmax) balanced = false;
      // and the gas's mole fractions sum to 1: a gas dwindling towards nothing beside condensed
      // phases satisfies every other test without being an equilibrium
      const n = Math.exp(lnN);
      if (!(Math.abs(gasMoles() - n) <= 1e-5 * n)) balanced = false;
      if (balanced) return OK;
    }
  }
  return ERR_NO_CONVERGENCE;
}

// A warm start from a state on a two-phase plateau keeps only the more abundant phase (with the
// moles of both): with both in, T stays pinned and a target far off the plateau must be reached by
// converting one phase into the other alone, steps the Newton iteration cannot take. If the new
// state is on the plateau too, the phase-change test brings the other phase back.
function joinPairs(): void {
  for (let j = ng; j < ns; j++) {
    if (unchecked(inc[j]) == 0) continue;
    for (let k = j + 1; k < ns; k++) {
      if (unchecked(inc[k]) == 0 || !sameFormula(j, k)) continue;
      const keep = unchecked(nj[k]) > unchecked(nj[j]) ? k : j;
      const drop = keep == j ? k : j;
      unchecked(nj[keep] += nj[drop]);
      unchecked(nj[drop] = 0);
      unchecked(inc[drop] = 0);
    }
  }
}

// Start of an HP or SP solve that failed: bisection on ln T over TP states (robust, each settling
// its condensed species) until the enthalpy or entropy brackets the target within 0.02 % in T;
// the Newton iteration goes on from that state. A TP state that fails counts as too cold (where the
// gas vanishes beside the condensed phases, e.g. Be(cr) + BeO(cr)); false when none converges.
function seedByTP(kind: i32, p_Pa: F, target: F, T0: F): bool {
  let lo: F = 10.0 * Tfloor_K; // the lowest gas data temperature
  let hi: F = Math.max(6000.0, 1.2 * T0);
  let T: F = Math.min(Math.max(T0, lo), hi);
  let good = false;
  let fresh = true;
  for (let it = 0; it < 60; it++) {
    if (fresh) coldStart(T, false);
    const st = equilibrate(PROB_TP, p_Pa, T);
    fresh = st != OK;
    if (st == OK) {
      good = true;
      const v = kind == PROB_HP ? mixtureH() / R_CEA : mixtureS(p_Pa) / R_CEA;
      if (v > target) hi = T; else lo = T;
    } else lo = T;
    if (hi < lo * 1.0002) break;
    T = Math.sqrt(lo * hi);
  }
  if (good && fresh) { coldStart(hi, false); good = equilibrate(PROB_TP, p_Pa, hi) == OK; }
  if (!good) return false;
  // At the bracket's edge a condensed species the target state needs may be just short of stable
  // (T within 0.02 % of a univariant temperature, e.g. Be(L) beside BeO(L)): in with no moles, so
  // that the Newton iteration can weigh it; step 1 of the passes removes it again if it goes negative.
  for (let j = ng; j < ns; j++) {
    if (unchecked(inc[j]) != 0 || T_K < unchecked(tLo[j]) || T_K > unchecked(tHi[j]) || listIncluded() >= nel) continue;
    let d = unchecked(hj[j]) - unchecked(sj[j]);
    for (let i = 0; i < nel; i++) d -= unchecked(aEl[j * nel + i]) * unchecked(piEl[i]);
    if (d / unchecked(mw[j]) < 5e-3) { unchecked(inc[j] = 1); unchecked(nj[j] = 0); }
  }
  return true;
}

// Same elements in species j and k (two phases of one substance).
function sameFormula(j: i32, k: i32): bool {
  for (let i = 0; i < nel; i++) if (unchecked(aEl[j * nel + i]) != unchecked(aEl[k * nel + i])) return false;
  return true;
}

// The phase of species j's substance whose range lies next to j's on the side of T; −1 if none.
function adjacentPhase(j: i32, T: F): i32 {
  for (let k = ng; k < ns; k++) {
    if (k == j || !sameFormula(j, k)) continue;
    if (T > unchecked(tHi[j]) && Math.abs(unchecked(tLo[k]) - unchecked(tHi[j])) < 1e-6) return k;
    if (T < unchecked(tLo[j]) && Math.abs(unchecked(tHi[k]) - unchecked(tLo[j])) < 1e-6) return k;
  }
  return -1;
}

/**
 * Equilibrium at pressure p (Pa) for problem kind with target T (TP, K), h0/R (HP, K·mol/kg) or
 * s0/R (SP, mol/kg), starting from the current state. Returns a status code.
 */
export function equilibrate(kind: i32, p_Pa: F, target: F): i32 {
  if (!stateValid) return ERR_BAD_INPUT;
  solves++;
  traceLn = TRACE_LN;
  P_Pa = p_Pa;
  let lnP = Math.log(p_Pa / P0_Pa);
  jointLnP = lnP;
  if (kind == PROB_TP) T_K = target;
  if (leanStart && roughState) lpStart(lnP);
  for (let j = ng; j < ns; j++) unchecked(swappedOut[j] = 0);
  let singularRetry = 0;
  // A lean cold start may fall back once to equal moles over every species: in the lean stage, or
  // later, when species it left out are major (very fuel-rich mixtures: CH4, C2H2, NH3…).
  let restartable = leanStart;
  // Once, when HP/SP fails: a start from TP states (seedByTP). The gas alone may have no state of
  // the target enthalpy or entropy at all (very fuel-rich Be/O2: the metal cannot all be vapour),
  // and the condensed tests run only on a converged state, so such a solve can end far from the
  // condensed species it needs.
  let seedable = kind != PROB_TP && ng < ns;
  if (kind != PROB_TP) joinPairs();
  const T_in = T_K;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    passes++;
    let st = newton(kind, lnP, target);
    if (areaMode) {
      // (no retries from other starts: the caller's own iteration is the fallback)
      if (st != OK) return st;
      lnP = jointLnP;
      P_Pa = P0_Pa * Math.exp(lnP);
    }
    if (st == ERR_SINGULAR && singularRetry < 3) {
      // An element whose species all sit at trace level: lift them and try again.
      singularRetry++;
      for (let j = 0; j < ng; j++) if (unchecked(lnj[j]) - lnN < -12.0) unchecked(lnj[j] = lnN - 12.0);
      listAllGas(); // the lifted complex species take part (still uncorrected while the start is lean)
      traceDirty = true;
      continue;
    }
    if (st == ERR_SINGULAR && traceLn == TRACE_LN) {
      // still singular: the lifted species fall back below the trace size each time (the element
      // sits in condensed phases): keep species down to e^−80 in the sums, as CEA2 does
      traceLn = TRACE_LN_WIDE;
      for (let j = 0; j < ng; j++) if (unchecked(lnj[j]) - lnN < -12.0) unchecked(lnj[j] = lnN - 12.0);
      listAllGas();
      traceDirty = true;
      continue;
    }
    if (st != OK && restartable) {
      // the lean first estimate failed: start again with every species, as RP-1311 does
      restartable = false;
      coldStart(coldT0, false);
      if (kind == PROB_TP) T_K = target;
      for (let j = ng; j < ns; j++) unchecked(swappedOut[j] = 0);
      continue;
    }
    if (st != OK && seedable) {
      seedable = false;
      if (!seedByTP(kind, p_Pa, target, T_in)) return st;
      P_Pa = p_Pa;
      for (let j = ng; j < ns; j++) unchecked(swappedOut[j] = 0);
      continue;
    }
    if (st != OK) return st;
    // 1. remove the most negative included condensed species
    let worst = -1;
    let worstN: F = 0;
    for (let j = ng; j < ns; j++) {
      if (unchecked(inc[j]) != 0 && unchecked(nj[j]) <= worstN) { worstN = unchecked(nj[j]); worst = j; }
    }
    if (worst >= 0) { unchecked(inc[worst] = 0); unchecked(nj[worst] = 0); continue; }
    // 2. phase changes: an included phase outside its temperature range
    let changed = false;
    for (let j = ng; j < ns; j++) {
      if (unchecked(inc[j]) == 0) continue;
      const T = T_K;
      if (T <= unchecked(tHi[j]) + RANGE_TOL_K && T >= unchecked(tLo[j]) - RANGE_TOL_K) continue;
      const k = adjacentPhase(j, T);
      if (k >= 0 && unchecked(inc[k]) == 0) {
        // Both phases only while the phase rule allows one more condensed phase beside the gas
        // (at most one per element when T is free): with as many included as elements, T is
        // already fixed by p and the transition is crossed by a plain swap.
        if (unchecked(swappedOut[k]) != 0 && kind != PROB_TP && listIncluded() < nel) {
          // T sits at the transition: both phases coexist
          unchecked(inc[k] = 1);
          unchecked(nj[k] = 0.5 * unchecked(nj[j]));
          unchecked(nj[j] = 0.5 * unchecked(nj[j]));
          if (T > unchecked(tHi[j])) T_K = unchecked(tHi[j]); else T_K = unchecked(tLo[j]);
        } else {
          unchecked(inc[k] = 1);
          unchecked(nj[k] = nj[j]);
          unchecked(inc[j] = 0);
          unchecked(nj[j] = 0);
          unchecked(swappedOut[j] = 1);
        }
        changed = true;
        break;
      } else if (k < 0) {
        unchecked(inc[j] = 0);
        unchecked(nj[j] = 0);
        unchecked(swappedOut[j] = 1); // (not tested again below its data, 3.; and, as for a swap, back only as a coexisting pair)
        changed = true;
        break;
      }
    }
    if (changed) continue;
    // 3. include the absent condensed species that lowers G most
    let best = -1;
    let bestVal: F = -1e-7;
    // A phase whose data begin at the data's lowest temperature (ice's 200 K) is tested below it
    // too (its lowest interval extrapolated), as CEA2's EQLBRM does: a gas state colder than that
    // (vapour at 187 K) is no equilibrium when the phase lowers G, and the state with it is warmer,
    // inside the data. One that still ends below its data is removed (2.) and not tested again in
    // this solve.
    for (let j = ng; j < ns; j++) {
      if (unchecked(inc[j]) != 0) continue;
      const open = unchecked(tLo[j]) <= tDataLow && unchecked(swappedOut[j]) == 0;
      if ((T_K < unchecked(tLo[j]) && !open) || T_K > unchecked(tHi[j])) continue;
      let d = unchecked(hj[j]) - unchecked(sj[j]);
      for (let i = 0; i < nel; i++) d -= unchecked(aEl[j * nel + i]) * unchecked(piEl[i]);
      d /= unchecked(mw[j]);
      if (d < bestVal) { bestVal = d; best = j; }
    }
    if (best >= 0 && areaMode) return ERR_JOINT_DECLINED;
    if (best >= 0) {
      unchecked(inc[best] = 1);
      unchecked(nj[best] = 0);
      pivotIn(best);
      continue;
    }
    computeDerivatives(lnP);
    return OK;
  }
  return ERR_NO_CONVERGENCE;
}

// Condensed species j, just included with no moles, whose atoms are a combination of the other
// included condensed species' (Al(OH)3 beside Al2O3 and H2O(L): 2 Al(OH)3 = Al2O3 + 3 H2O) would
// make the Newton matrix singular: three such phases coexist only at one temperature. It enters as
// in a simplex pivot instead: the reaction that forms it from them lowers G (the inclusion test
// found so), so it runs until the first of the species it consumes is used up (the ratio test),
// and that one leaves. The element totals are unchanged. Two phases of one substance are left to
// the phase-change tests (a coexisting pair is a different matter: its T is pinned).
function pivotIn(j: i32): void {
  let m = 0;
  for (let k = ng; k < ns; k++) {
    if (k == j || unchecked(inc[k]) == 0) continue;
    if (sameFormula(j, k) || m == nel) return;
    unchecked(pvCols[m] = k);
    m++;
  }
  if (m == 0) return;
  // least squares: (VᵀV) c = Vᵀ v_j over the element rows, V the columns of the included ones, solved
  // by the Newton matrix's own elimination (the matrix is built afresh by the next iteration)
  dim = m;
  nRhs = 1;
  const w = m + 1;
  let vv: F = 0;
  for (let i = 0; i < nel; i++) vv += unchecked(aEl[j * nel + i]) * unchecked(aEl[j * nel + i]);
  for (let r = 0; r < m; r++) {
    const kr = unchecked(pvCols[r]);
    for (let c = 0; c <= m; c++) {
      const kc = c < m ? unchecked(pvCols[c]) : j;
      let d: F = 0;
      for (let i = 0; i < nel; i++) d += unchecked(aEl[kr * nel + i]) * unchecked(aEl[kc * nel + i]);
      unchecked(mat[r * w + c] = d);
    }
  }
  if (!solveMatrix()) return; // the included set is itself dependent: not this case
  // a combination only when it reproduces v_j (else j is independent of them: nothing to do)
  let res: F = 0;
  for (let i = 0; i < nel; i++) {
    let x = unchecked(aEl[j * nel + i]);
    for (let r = 0; r < m; r++) x -= unchecked(sol[r]) * unchecked(aEl[pvCols[r] * nel + i]);
    res += x * x;
  }
  if (!(res <= 1e-18 * vv)) return;
  // ratio test over the species the reaction consumes
  let t: F = Infinity;
  let leave = -1;
  for (let r = 0; r < m; r++) {
    const c = unchecked(sol[r]);
    if (!(c > 1e-12)) continue;
    const x = unchecked(nj[pvCols[r]]) / c;
    if (x < t) { t = x; leave = r; }
  }
  if (leave < 0) return;
  for (let r = 0; r < m; r++) {
    const k = unchecked(pvCols[r]);
    unchecked(nj[k] -= t * sol[r]);
  }
  const kl = unchecked(pvCols[leave]);
  unchecked(nj[kl] = 0);
  unchecked(inc[kl] = 0);
  unchecked(nj[j] = t);
}

// (∂ln n/∂ln T)_P and (∂ln n/∂ln P)_T from the converged matrix (RP-1311 §2.5), equilibrium Cp;
// both right-hand sides go through one elimination. The n row's diagonal Σ n_j − n is zero at
// convergence and is taken as exactly zero, as CEA does: a singular system then shows as one.
//
// Two phases of one substance at their transition temperature (both included) make the
// temperature derivative meaningless: T is pinned by the transition, heat goes into the phase
// change and cp → ∞. As CEA does, the pair counts as one condensed column (identical element rows
// would make the matrix singular), only the pressure derivative is solved, and the state carries
// the limit: (∂lnV/∂lnT)_P = 0, Cp reported as 0 and γs = −1/(∂lnV/∂lnP)_T (twoPhase).
//
// When the condensed species' element vectors span the gas's element content (e.g. Be(L), BeO(L)
// and a Be/O gas: three phases of two elements, T fixed by p), the system is singular and no
// equilibrium derivative exists; CEA then reports frozen values ((∂lnV/∂lnP)_T = −1,
// (∂lnV/∂lnT)_P = 1, Cp of all phases at fixed composition) and so does this (derivSingular).
function computeDerivatives(lnP: F): void {
  refreshMoles();
  evalActive(T_K);
  computeMu(lnP, false);
  let nc = listIncluded();
  // one column per coexisting pair: the later (higher-temperature) phase's column is dropped
  twoPhase = false;
  let m = 0;
  for (let c = 0; c < nc; c++) {
    const j = unchecked(colIdx[c]);
    let merged = false;
    for (let d = 0; d < m; d++) if (sameFormula(unchecked(colIdx[d]), j)) { merged = true; break; }
    if (merged) { twoPhase = true; continue; }
    unchecked(colIdx[m] = j);
    m++;
  }
  nc = m;
  const rn = nel + nc;
  buildMatrix(PROB_TP, nc, lnP, 0, true);
  const w = dim + 2;
  const cT = rn + 1; // right-hand side columns
  const cP = rn + 2;
  unchecked(mat[rn * w + rn] = 0);
  let sumNH: F = 0, sumNH2: F = 0, sumNCp: F = 0, sumN: F = 0;
  for (let q = 0; q < nAct; q++) {
    const j = unchecked(act[q]);
    const n = unchecked(nj[j]);
    const h = unchecked(hj[j]);
    sumN += n; sumNH += n * h; sumNH2 += n * h * h; sumNCp += n * unchecked(cpj[j]);
    const base = j * nel;
    for (let t = 0; t < unchecked(spNnz[j]); t++) {
      const i = unchecked(spIdx[base + t]);
      const a = unchecked(spA[base + t]);
      unchecked(mat[i * w + cT] -= a * n * h);
      unchecked(mat[i * w + cP] += a * n);
    }
  }
  for (let c = 0; c < nc; c++) {
    const j = unchecked(colIdx[c]);
    unchecked(mat[(nel + c) * w + cT] = -hj[j]);
  }
  for (let j = ng; j < ns; j++) if (unchecked(inc[j]) != 0) sumNCp += unchecked(nj[j]) * unchecked(cpj[j]);
  unchecked(mat[rn * w + cT] = -sumNH);
  unchecked(mat[rn * w + cP] = sumN);
  let cp = sumNCp + sumNH2;
  derivSingular = spansGas(nc, w, rn);
  derivValid = !derivSingular && solveMatrix();
  if (derivValid) {
    for (let i = 0; i < nel; i++) {
      let aNH: F = 0;
      for (let q = 0; q < nAct; q++) { const j = unchecked(act[q]); aNH += unchecked(aEl[j * nel + i]) * unchecked(nj[j]) * unchecked(hj[j]); }
      cp += aNH * unchecked(sol[i]);
      unchecked(piT[i] = sol[i]);
      unchecked(piP[i] = sol2[i]);
    }
    for (let c = 0; c < nc; c++) {
      const j = unchecked(colIdx[c]);
      cp += unchecked(hj[j]) * unchecked(sol[nel + c]);
      unchecked(dncT[j] = sol[nel + c]);
      unchecked(dncP[j] = sol2[nel + c]);
    }
    cp += sumNH * unchecked(sol[rn]);
    dlnNdlnT = unchecked(sol[rn]);
    dlnNdlnP = unchecked(sol2[rn]);
    dlnVdlnT = 1.0 + dlnNdlnT;
    dlnVdlnP = -1.0 + dlnNdlnP;
    if (twoPhase) {
      // the temperature solution belongs to a single-phase state: not a prediction on the plateau
      derivValid = false;
      dlnVdlnT = 0.0;
      cp = 0.0;
    }
  } else {
    twoPhase = false;
    dlnVdlnT = 1.0;
    dlnVdlnP = -1.0;
    cp = sumNCp;
  }
  cpEqR = cp;
}

// Whether the included condensed columns (element vectors) and the gas's element content
// b_i = Σ a_ij n_j (the Δln n column of the element rows) are linearly dependent: then the
// derivative matrix is singular (its null space holds π = 0, Δn_c, Δln n with
// Σ_c a_ic Δn_c + b_i Δln n = 0). Gram–Schmidt on the columns, each taken relative to its length.
function spansGas(nc: i32, w: i32, rn: i32): bool {
  const q = nc + 1;
  if (q > nel) return true; // more columns than elements: always dependent
  // columns into gsCol (column-major): c < nc condensed, c = nc the gas
  for (let c = 0; c < q; c++) {
    let len2: F = 0;
    for (let i = 0; i < nel; i++) {
      const v = c < nc ? unchecked(aEl[colIdx[c] * nel + i]) : unchecked(mat[i * w + rn]);
      unchecked(gsCol[c * nel + i] = v);
      len2 += v * v;
    }
    if (!(len2 > 0)) return true;
    for (let d = 0; d < c; d++) {
      let dot: F = 0;
      for (let i = 0; i < nel; i++) dot += unchecked(gsCol[d * nel + i]) * unchecked(gsCol[c * nel + i]);
      for (let i = 0; i < nel; i++) unchecked(gsCol[c * nel + i] -= dot * gsCol[d * nel + i]);
    }
    let r2: F = 0;
    for (let i = 0; i < nel; i++) r2 += unchecked(gsCol[c * nel + i]) * unchecked(gsCol[c * nel + i]);
    if (r2 <= 1e-20 * len2) return true;
    const inv = 1.0 / Math.sqrt(r2);
    for (let i = 0; i < nel; i++) unchecked(gsCol[c * nel + i] *= inv);
  }
  return false;
}

// ---- mixture properties of the current state (SI) ----------------------------------------------

/** Gas moles, mol/kg. */
export function gasMoles(): F {
  let s: F = 0;
  for (let q = 0; q < nAct; q++) s += unchecked(nj[act[q]]);
  return s;
}

/** Condensed moles, mol/kg. */
export function condensedMoles(): F {
  let s: F = 0;
  for (let j = ng; j < ns; j++) if (unchecked(inc[j]) != 0) s += unchecked(nj[j]);
  return s;
}

/** Mixture enthalpy of the current state, J/kg. */
export function mixtureH(): F {
  evalActive(T_K);
  // the gas species with moles are the active ones (refreshMoles zeroes the trace ones)
  let s: F = 0;
  for (let q = 0; q < nAct; q++) {
    const j = unchecked(act[q]);
    s += unchecked(nj[j]) * unchecked(hj[j]);
  }
  for (let j = ng; j < ns; j++) if (unchecked(inc[j]) != 0) s += unchecked(nj[j]) * unchecked(hj[j]);
  return s * R_CEA * T_K;
}

/** Mixture entropy of the current state at pressure p (Pa), J/(kg·K). */
export function mixtureS(p_Pa: F): F {
  evalActive(T_K);
  const ngas = gasMoles();
  const lnP = Math.log(p_Pa / P0_Pa);
  const lnG = Math.log(ngas);
  // over the active species, whose ln n_j is at hand (n_j = exp(ln n_j): no log per species)
  let s: F = 0;
  for (let q = 0; q < nAct; q++) {
    const j = unchecked(act[q]);
    s += unchecked(nj[j]) * (unchecked(sj[j]) - unchecked(lnj[j]) + lnG - lnP);
  }
  for (let j = ng; j < ns; j++) if (unchecked(inc[j]) != 0) s += unchecked(nj[j]) * unchecked(sj[j]);
  return s * R_CEA;
}

/** Frozen Cp/R per kg (mol/kg) of the current composition at T_K. */
export function frozenCpR(): F {
  evalActive(T_K);
  let s: F = 0;
  for (let j = 0; j < ns; j++) {
    const n = unchecked(nj[j]);
    if (n != 0 && (j < ng || unchecked(inc[j]) != 0)) s += n * unchecked(cpj[j]);
  }
  return s;
}

/**
 * Frozen composition: finds T where the mixture entropy at p (Pa) equals s0 (J/(kg·K)), Newton on
 * ln T from the current T. Returns a status code.
 */
export function frozenAtEntropy(p_Pa: F, s0: F): i32 {
  P_Pa = p_Pa;
  for (let it = 0; it < 60; it++) {
    const s = mixtureS(p_Pa);
    const cp = frozenCpR() * R_CEA;
    let d = (s0 - s) / cp;
    if (d > 0.5) d = 0.5;
    if (d < -0.5) d = -0.5;
    T_K = T_K * Math.exp(d);
    if (T_K < Tfloor_K) T_K = Tfloor_K;
    if (Math.abs(d) < 1e-11) break;
    if (it == 59) return ERR_NO_CONVERGENCE;
  }
  evalActive(T_K);
  dlnVdlnT = 1.0;
  dlnVdlnP = -1.0;
  twoPhase = false;
  derivSingular = false;
  cpEqR = frozenCpR();
  return OK;
}

/**
 * First guess for an equilibrium state at p (Pa) on the current isentrope, from the last converged
 * state's derivatives: (∂ln T/∂ln P)_s = n (∂ln V/∂ln T)_P / (Cp/R), then
 * Δln n_j = (∂ln n_j/∂ln T)_P Δln T + (∂ln n_j/∂ln P)_T Δln P for the moles (small steps only).
 */
export function predictIsentropicT(p_Pa: F): void {
  if (!(P_Pa > 0) || !(cpEqR > 0)) return;
  const dlnP = Math.log(p_Pa / P_Pa);
  const dlnT = gasMoles() * dlnVdlnT / cpEqR * dlnP;
  if (!(Math.abs(dlnT) < 1.0)) return;
  if (derivValid && Math.abs(dlnP) < 5.0) {
    for (let q = 0; q < nAct; q++) {
      const j = unchecked(act[q]);
      let dT = dlnNdlnT + unchecked(hj[j]);
      let dP = dlnNdlnP - 1.0;
      for (let i = 0; i < nel; i++) {
        const a = unchecked(aEl[j * nel + i]);
        if (a != 0) { dT += a * unchecked(piT[i]); dP += a * unchecked(piP[i]); }
      }
      unchecked(lnj[j] += dT * dlnT + dP * dlnP);
    }
    for (let j = ng; j < ns; j++) {
      if (unchecked(inc[j]) == 0) continue;
      const n = unchecked(nj[j]) + unchecked(dncT[j]) * dlnT + unchecked(dncP[j]) * dlnP;
      if (n > 0) unchecked(nj[j] = n);
    }
    lnN += dlnNdlnT * dlnT + dlnNdlnP * dlnP;
  }
  T_K = T_K * Math.exp(dlnT);
}

/**
 * Moves the state just converged at P_Pa to p_Pa along its isentrope, to first order in
 * Δ = ln(p_Pa/P_Pa) (predictIsentropicT), and computes its derivatives there: within O(Δ²) of the
 * equilibrium at p_Pa, which for |Δ| ≲ 1e-6 is below what the iteration's own end test leaves. False
 * (nothing moved) without valid derivatives or on a two-phase plateau (T pinned there: cp → ∞).
 */
export function shiftIsentropic(p_Pa: F): bool {
  if (!derivValid || twoPhase || !(cpEqR > 0) || !(P_Pa > 0)) return false;
  predictIsentropicT(p_Pa);
  P_Pa = p_Pa;
  // the moles, the species' functions at the new T and the derivatives there
  computeDerivatives(Math.log(p_Pa / P0_Pa));
  return true;
}

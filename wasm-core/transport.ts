// Gas transport properties of an equilibrium or frozen state, the way NASA CEA computes them
// (Gordon & McBride, NASA RP-1311 (1994) ch. 5; data and estimates of McBride, Gordon & Reno,
// NASA TM-4647 (1993); fits of Svehla in trans.inp):
//  * species: at most 40 gas species, the components (largest independent species) first, then the
//    others by decades of amount until 1 − 1e-9 of the gas moles is covered; mole fractions are
//    renormalised over them (gas phase only: condensed species take no part, cp is per kg of gas);
//  * pure-species η and λ from the fits, else CEA's estimates (η from a collision integral
//    Ω = max(1, ln(50 M^4.6 / T^1.4)), λ from η by a modified Eucken relation); binary η_ij from
//    the fits, else from rigid spheres; charged species by CEA's Coulomb and ion–neutral estimates;
//  * mixture η: Wilke's rule; frozen λ: Mason–Saxena with Brokaw's 2.41 factor;
//  * reaction contributions (Butler & Brokaw): one reaction per independent combination of the
//    non-trace species (x ≥ 1e-10), reaction cp and reaction λ from the binary-diffusion matrix.
// TypeScript (not an AssemblyScript kernel): it runs once per reported station on the record the
// kernel wrote, so it costs nothing when transport is off and little beside the equilibrium solve.
import type { TransDocument, TransFit } from '../app/domain/trans-inp.ts';
import { intervalAt, polyHSCp, type ThermoSpecies } from '../app/domain/thermo-inp.ts';

/** CEA2's constants (CODATA 1986, as cea2.f uses them). */
const RR = 8314.51; // J/(kmol·K)
const PI = 3.14159265;
const AVOGADRO_E23 = 6.0221367;
const BOLTZMANN_E23 = 1.380658;
/** η = VISCNS·√(M T)/Ω in micropoise (CEA's constant 0.3125·√(1e5·k/(π·N_A))). */
const VISCNS = 0.3125 * Math.sqrt(1e5 * BOLTZMANN_E23 / (PI * AVOGADRO_E23));
/** CEA's limit on the species of a mixture transport calculation. */
export const MAX_TRANSPORT_SPECIES = 40;

/** Transport results of one state, SI units. */
export interface TransportProps {
  /** Mixture viscosity, Pa·s (gas phase). */
  viscosity: number;
  /** Frozen thermal conductivity, W/(m·K). */
  conductivityFrozen: number;
  /** Frozen cp of the gas phase, J/(kg of gas·K). */
  cpFrozen: number;
  prandtlFrozen: number;
  /** With reactions (equilibrium states only): conductivity W/(m·K), gas-phase cp J/(kg·K), Prandtl. */
  conductivity?: number;
  cpEquilibrium?: number;
  prandtl?: number;
  /** Species used (CEA's limit is 40). */
  species: number;
}

interface PureData { visc: TransFit[] | null; cond: TransFit[] | null }

/** Indexed transport data: pure-species fits by name, binary viscosity fits by "a\u0000b". */
export interface TransportDb {
  pure: Map<string, PureData>;
  binary: Map<string, TransFit[]>;
  provenance: TransDocument['provenance'];
}

export function makeTransportDb(doc: TransDocument): TransportDb {
  const pure = new Map<string, PureData>();
  const binary = new Map<string, TransFit[]>();
  for (const r of doc.records) {
    if (r.species.length === 1) {
      pure.set(r.species[0], { visc: r.viscosity.length ? r.viscosity : null, cond: r.conductivity.length ? r.conductivity : null });
    } else if (r.viscosity.length) {
      binary.set(`${r.species[0]}\u0000${r.species[1]}`, r.viscosity);
      binary.set(`${r.species[1]}\u0000${r.species[0]}`, r.viscosity);
    }
  }
  return { pure, binary, provenance: doc.provenance };
}

// CEA's choice of interval: the first unless T is above its upper end, and so on (the last one
// extrapolates upwards, the first downwards).
function fitAt(fits: TransFit[], T: number, lnT: number): number {
  let f = fits[0];
  for (let k = 1; k < fits.length && T > f[1]; k++) f = fits[k];
  return Math.exp(f[2] * lnT + f[3] / T + f[4] / (T * T) + f[5]);
}

/** The gas species of one product system, with what the transport calculation needs. */
export interface TransportSystem {
  names: string[];
  /** Molar masses, kg/kmol. */
  M: Float64Array;
  /** Atoms: elements[e * n + j]. */
  atoms: Float64Array;
  nElements: number;
  /** Charge number (−E count) when the system has ions, else 0. */
  charge: Float64Array;
  thermo: ThermoSpecies[];
  pure: (PureData | undefined)[];
  /** Binary viscosity fits: binaryFits[binaryIndex[j * n + k]] for a species pair, −1 when trans.inp has none. */
  binaryIndex: Int32Array;
  binaryFits: TransFit[][];
  ions: boolean;
}

/** Prepares the gas species (kernel order) of a product system made of `elements`. */
export function transportSystem(db: TransportDb, gas: ThermoSpecies[], elements: string[]): TransportSystem {
  const n = gas.length;
  const ne = elements.length;
  const atoms = new Float64Array(ne * n);
  const charge = new Float64Array(n);
  const ions = elements.includes('E');
  gas.forEach((sp, j) => {
    elements.forEach((e, i) => { atoms[i * n + j] = sp.elements[e] ?? 0; });
    charge[j] = ions ? -(sp.elements.E ?? 0) : 0;
  });
  const binaryIndex = new Int32Array(n * n).fill(-1);
  const binaryFits: TransFit[][] = [];
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      const f = db.binary.get(`${gas[j].name}\u0000${gas[k].name}`);
      if (f && j !== k) { binaryIndex[j * n + k] = binaryFits.length; binaryFits.push(f); }
    }
  }
  return {
    names: gas.map((s) => s.name), M: Float64Array.from(gas, (s) => s.M), atoms, nElements: ne, charge,
    thermo: gas, pure: gas.map((s) => db.pure.get(s.name)), binaryIndex, binaryFits, ions,
  };
}

// ---- small dense linear algebra (n ≤ 40) ---------------------------------------------------------

/**
 * Solves A x = b in place for a symmetric positive (semi)definite A (Gaussian elimination with
 * partial pivoting after scaling A to a unit diagonal: entries spread over 1/x_k with mole fractions
 * down to 1e-10); false when singular.
 */
function solveInPlace(a: Float64Array, b: Float64Array, n: number): boolean {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(a[i * n + i] > 0) || !Number.isFinite(a[i * n + i])) return false;
    d[i] = 1 / Math.sqrt(a[i * n + i]);
  }
  for (let i = 0; i < n; i++) {
    b[i] *= d[i];
    for (let k = 0; k < n; k++) a[i * n + k] *= d[i] * d[k];
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
    if (!(Math.abs(a[p * n + c]) > 1e-13)) return false;
    if (p !== c) {
      for (let k = 0; k < n; k++) { const t = a[c * n + k]; a[c * n + k] = a[p * n + k]; a[p * n + k] = t; }
      const t = b[c]; b[c] = b[p]; b[p] = t;
    }
    const piv = a[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / piv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r * n + k] * b[k];
    b[r] = s / a[r * n + r];
  }
  for (let i = 0; i < n; i++) b[i] *= d[i];
  return true;
}

/**
 * A basis of the reactions among `cols` species: the null space of their element matrix
 * (rows of stoichiometric coefficients, one per independent reaction).
 */
function reactionBasis(sys: TransportSystem, cols: number[]): number[][] {
  const ne = sys.nElements, n = sys.names.length, m = cols.length;
  const a: number[][] = [];
  for (let e = 0; e < ne; e++) a.push(cols.map((j) => sys.atoms[e * n + j]));
  // Reduced row echelon form with partial pivoting.
  const pivots: number[] = [];
  let row = 0;
  for (let c = 0; c < m && row < ne; c++) {
    let p = row;
    for (let r = row + 1; r < ne; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (Math.abs(a[p][c]) < 1e-9) continue;
    [a[row], a[p]] = [a[p], a[row]];
    const d = a[row][c];
    for (let k = 0; k < m; k++) a[row][k] /= d;
    for (let r = 0; r < ne; r++) {
      if (r === row || a[r][c] === 0) continue;
      const f = a[r][c];
      for (let k = 0; k < m; k++) a[r][k] -= f * a[row][k];
    }
    pivots.push(c);
    row++;
  }
  const isPivot = new Set(pivots);
  const basis: number[][] = [];
  for (let f = 0; f < m; f++) {
    if (isPivot.has(f)) continue;
    // species f formed from the pivot species: ν_f = −1, ν_pivot(r) = a[r][f]
    const v = new Array<number>(m).fill(0);
    v[f] = -1;
    pivots.forEach((c, r) => { v[c] = Math.abs(a[r][f]) < 1e-12 ? 0 : a[r][f]; });
    basis.push(v);
  }
  return basis;
}

/** Error of a transport calculation (named, never a NaN result). */
export interface TransportFailure { code: string; message: string }

/**
 * Transport properties of one state: `x` holds the gas amounts (any common scale; mole fractions
 * of the record do) in the system's gas order, `T_K` the temperature, `equilibrium` whether the
 * reaction contributions apply (shifting equilibrium) or not (frozen composition).
 */
export function stateTransport(sys: TransportSystem, T_K: number, x: ArrayLike<number>, equilibrium: boolean): TransportProps | TransportFailure {
  const n = sys.names.length;
  if (!(T_K > 0) || !Number.isFinite(T_K)) return { code: 'transport-bad-state', message: `transport needs a positive temperature (got ${T_K} K)` };
  let nGas = 0;
  for (let j = 0; j < n; j++) if (x[j] > 0) nGas += x[j];
  if (!(nGas > 0) || !Number.isFinite(nGas)) return { code: 'transport-no-gas', message: 'transport properties need a gas phase (no gas species in the state)' };

  // -- species: components first (largest, independent), then by decades of amount (CEA TRANIN)
  const chosen: number[] = [];
  const taken = new Uint8Array(n);
  const ne = sys.nElements;
  const basisRows: Float64Array[] = []; // echelon rows of the chosen components' element vectors
  const pivCols: number[] = [];
  // Largest first; a species dependent on those chosen is passed over (taken = 2 for this search).
  while (basisRows.length < ne) {
    let j = -1;
    for (let i = 0; i < n; i++) if (taken[i] === 0 && x[i] > 0 && (j < 0 || x[i] > x[j])) j = i;
    if (j < 0) break;
    const v = new Float64Array(ne);
    for (let e = 0; e < ne; e++) v[e] = sys.atoms[e * n + j];
    for (let k = 0; k < basisRows.length; k++) {
      const r = basisRows[k];
      const f = v[pivCols[k]] / r[pivCols[k]];
      if (f !== 0) for (let e = 0; e < ne; e++) v[e] -= f * r[e];
    }
    let pc = -1;
    for (let e = 0; e < ne; e++) if (Math.abs(v[e]) > 1e-9 && (pc < 0 || Math.abs(v[e]) > Math.abs(v[pc]))) pc = e;
    if (pc < 0) { taken[j] = 2; continue; }
    basisRows.push(v);
    pivCols.push(pc);
    chosen.push(j);
    taken[j] = 1;
  }
  for (let i = 0; i < n; i++) if (taken[i] === 2) taken[i] = 0;
  let total = 0;
  for (const j of chosen) total += x[j];
  let testen = nGas / n;
  const enough = 0.999999999 * nGas;
  const smallest = 1e-11 * nGas;
  let capped = false;
  for (let loop = 0; total <= enough && loop <= n && !capped;) {
    loop++;
    testen /= 10;
    for (let j = 0; j < n; j++) {
      if (taken[j] || !(x[j] >= testen)) continue;
      if (chosen.length >= MAX_TRANSPORT_SPECIES) { capped = true; break; }
      chosen.push(j);
      taken[j] = 1;
      total += x[j];
    }
    if (!(testen > smallest)) break;
  }
  const m = chosen.length;
  const X = Float64Array.from(chosen, (j) => x[j] / total);
  const W = Float64Array.from(chosen, (j) => sys.M[j]);
  const lnT = Math.log(T_K);
  const cpR = new Float64Array(m);
  const hRT = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const th = polyHSCp(intervalAt(sys.thermo[chosen[i]], T_K).a, T_K);
    cpR[i] = th.cp;
    hRT[i] = th.h;
  }

  // -- pure and binary viscosities (µP) and pure conductivities (µW/(cm·K)) (CEA TRANIN)
  const eta = new Float64Array(m * m);
  const con = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const pd = sys.pure[chosen[i]];
    if (pd?.visc) eta[i * m + i] = fitAt(pd.visc, T_K, lnT);
    if (pd?.cond) con[i] = fitAt(pd.cond, T_K, lnT);
    for (let k = i + 1; k < m; k++) {
      const b = sys.binaryIndex[chosen[i] * n + chosen[k]];
      if (b >= 0) eta[i * m + k] = eta[k * m + i] = fitAt(sys.binaryFits[b], T_K, lnT);
    }
  }
  const charged = (i: number) => sys.ions && Math.abs(sys.charge[chosen[i]]) === 1;
  const eucken = (i: number) => eta[i * m + i] * RR * (0.00375 + 0.00132 * (cpR[i] - 2.5)) / W[i];
  for (let i = 0; i < m; i++) {
    if (charged(i) && eta[i * m + i] === 0) continue; // by the Coulomb estimate below
    if (eta[i * m + i] === 0) {
      const omega = Math.max(Math.log(50 * W[i] ** 4.6 / T_K ** 1.4), 1);
      eta[i * m + i] = VISCNS * Math.sqrt(W[i] * T_K) / omega;
    }
    if (con[i] === 0) con[i] = eucken(i);
  }
  let qc = 0, lnLambda = 0;
  if (sys.ions) {
    const te = T_K / 1000;
    const ekt = 4.8032 ** 2 / (BOLTZMANN_E23 * te);
    qc = 100 * ekt * ekt;
    const e = chosen.findIndex((j) => sys.M[j] < 1);
    const xe = Math.max(e >= 0 ? X[e] : 0, 1e-12);
    const rk = RR / AVOGADRO_E23 * 100;
    const debye = (22.5 / PI) * rk * (te / xe) / ekt ** 3;
    const ionic = ((810 / (4 * PI)) * rk * (te / xe)) ** (2 / 3) / ekt ** 2;
    lnLambda = Math.log(Math.max(Math.sqrt(debye + ionic), 2.71828183));
  }
  for (let i = 0; i < m; i++) {
    for (let k = i; k < m; k++) {
      if (eta[i * m + k] !== 0) continue;
      if (sys.ions) {
        const ion1 = charged(i), ion2 = charged(k);
        const elc1 = W[i] < 1, elc2 = W[k] < 1;
        let omega = 0;
        if (ion1 && ion2) omega = 1.36 * qc * lnLambda;
        if ((ion1 && elc2) || (ion2 && elc1)) omega = 1.29 * qc * lnLambda;
        if (ion1 !== ion2) omega = Math.exp(6.776 - 0.4 * lnT);
        if (omega !== 0) {
          eta[i * m + k] = eta[k * m + i] = VISCNS * Math.sqrt(2 * T_K * W[i] * W[k] / (W[i] + W[k])) * PI / omega;
          if (i === k) con[i] = eucken(i);
          continue;
        }
      }
      // rigid-sphere estimate of an unlike interaction
      const ratio = Math.sqrt(W[k] / W[i]);
      const v = 5.656854 * eta[i * m + i] * Math.sqrt(W[k] / (W[i] + W[k])) / (1 + Math.sqrt(ratio * eta[i * m + i] / eta[k * m + k])) ** 2;
      eta[i * m + k] = eta[k * m + i] = v;
    }
  }

  // -- mixture viscosity and frozen conductivity (CEA TRANP)
  let vis = 0, conFr = 0;
  for (let i = 0; i < m; i++) {
    let sumV = 0, sumC = 0;
    for (let k = 0; k < m; k++) {
      let phi = 1, psi = 1;
      if (k !== i) {
        phi = 2 / (eta[i * m + k] * (W[i] + W[k])) * W[k] * eta[i * m + i];
        psi = phi * (1 + 2.41 * (W[i] - W[k]) * (W[i] - 0.142 * W[k]) / (W[i] + W[k]) ** 2);
      }
      sumV += phi * X[k];
      sumC += psi * X[k];
    }
    vis += eta[i * m + i] * X[i] / sumV;
    conFr += con[i] * X[i] / sumC;
  }
  let cpSum = 0, wtmol = 0;
  for (let i = 0; i < m; i++) { cpSum += X[i] * cpR[i]; wtmol += X[i] * W[i]; }
  const R = RR / 1000; // kJ/(kmol·K): cp in kJ/(kg·K) as CEA computes it
  const cpFr = cpSum * R / wtmol; // kJ/(kg·K)
  const out: TransportProps = {
    viscosity: vis * 1e-7,
    conductivityFrozen: conFr * 1e-4,
    cpFrozen: cpFr * 1000,
    prandtlFrozen: (vis / 1000) * cpFr / (conFr / 1000),
    species: m,
  };
  if (!equilibrium) return finite(out, T_K);

  // -- reaction contributions (Butler & Brokaw; CEA TRANP): reactions among non-trace species
  const live: number[] = [];
  for (let i = 0; i < m; i++) if (X[i] >= 1e-10) live.push(i);
  const rx = reactionBasis(sys, live.map((i) => chosen[i]));
  const nr = rx.length;
  let cpReac = 0, reacon = 0;
  if (nr > 0) {
    const q = live.length;
    const delh = new Float64Array(nr);
    for (let r = 0; r < nr; r++) {
      let sum = 0;
      for (let c = 0; c < q; c++) sum += rx[r][c] * hRT[live[c]];
      delh[r] = sum;
    }
    // Σ over species pairs {k,l} of w_kl·s_r s_s/(x_k x_l), s_r = x_l ν_rk − x_k ν_rl, is ν (D − W) νᵀ
    // with W_kl = w_kl off the diagonal and D_k = Σ_l≠k w_kl x_l / x_k: the same sums as CEA's
    // pairwise loop in O(nr·q²) instead of O(q²·nr²). w = 1 gives the reaction cp, w = rtpd the
    // reaction conductivity (rtpd_kl ∝ 1/D_kl through the binary viscosity, Butler & Brokaw).
    const form = (weighted: boolean): Float64Array => {
      const mm = new Float64Array(q * q);
      for (let a = 0; a < q; a++) {
        const k = live[a];
        let dk = 0;
        for (let b = 0; b < q; b++) {
          if (b === a) continue;
          const l = live[b];
          const w = weighted ? W[k] * W[l] / (1.1 * eta[k * m + l] * (W[k] + W[l])) : 1;
          mm[a * q + b] = -w;
          dk += w * X[l];
        }
        mm[a * q + a] = dk / X[k];
      }
      const av = new Float64Array(nr * q);
      for (let r = 0; r < nr; r++) {
        const v = rx[r];
        for (let a = 0; a < q; a++) {
          if (v[a] === 0) continue;
          for (let b = 0; b < q; b++) av[r * q + b] += v[a] * mm[a * q + b];
        }
      }
      const g = new Float64Array(nr * nr);
      for (let r = 0; r < nr; r++) {
        for (let t = r; t < nr; t++) {
          const v = rx[t];
          let sum = 0;
          for (let b = 0; b < q; b++) sum += av[r * q + b] * v[b];
          g[r * nr + t] = g[t * nr + r] = sum;
        }
      }
      return g;
    };
    const g = form(false);
    const gm = form(true);
    const y1 = Float64Array.from(delh);
    const y2 = Float64Array.from(delh);
    if (!solveInPlace(g, y1, nr) || !solveInPlace(gm, y2, nr)) {
      return { code: 'transport-singular', message: `the reaction matrix of the equilibrium conductivity is singular at T = ${+T_K.toPrecision(6)} K` };
    }
    for (let r = 0; r < nr; r++) { cpReac += R * delh[r] * y1[r]; reacon += R * delh[r] * y2[r]; }
    reacon *= 0.6;
  }
  const cpEq = cpFr + cpReac / wtmol;
  const conEq = conFr + reacon;
  out.cpEquilibrium = cpEq * 1000;
  out.conductivity = conEq * 1e-4;
  out.prandtl = (vis / 1000) * cpEq / (conEq / 1000);
  return finite(out, T_K);
}

function finite(p: TransportProps, T_K: number): TransportProps | TransportFailure {
  for (const v of [p.viscosity, p.conductivityFrozen, p.cpFrozen, p.prandtlFrozen, p.conductivity ?? 1, p.cpEquilibrium ?? 1, p.prandtl ?? 1]) {
    if (!Number.isFinite(v) || !(v > 0)) return { code: 'transport-failed', message: `transport properties came out non-finite or not positive at T = ${+T_K.toPrecision(6)} K` };
  }
  return p;
}

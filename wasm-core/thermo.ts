// Typed wrapper of the equilibrium and rocket kernels (wasm-core/assembly/thermo/*).
// Chooses the candidate products of an element set in TS, loads their data into wasm memory once
// per system (kept while the element set stays the same) and reads station records back.
import type { Core } from './index.ts';
import type { ThermoSpecies } from '../app/domain/thermo-inp.ts';
import type { CombustorSpec, ExitResult, ExitSpec, ProblemError, ProblemResult, Station } from '../app/domain/problem.ts';
import { prepareProblem, roleMixtures, type PreparedProblem, type SpeciesDb } from '../app/domain/thermo-problem.ts';
import { G0 } from '../app/domain/units.ts';
import { stateTransport, transportSystem, type TransportDb, type TransportSystem } from './transport.ts';

interface ThermoExports {
  thermoInputPtr(len: number): number;
  thermoRecordLen(elements: number): number;
  thermoLoad(species: number, gas: number, elements: number): number;
  thermoSetB0(): void;
  thermoForgetState(): void;
  stationLen(): number;
  stationOutPtr(): number;
  rocketExitPtr(): number;
  rocketPoint(h0_J_kg: number, pc_Pa: number, nExit: number, frozenAt: number, warm: number, Tlow_K: number, Thigh_K: number): number;
  rocketCompositions(on: number): void;
  equilibriumPoint(kind: number, p_Pa: number, target: number, warm: number, Tlow_K: number, Thigh_K: number): number;
  facPoint(h0_J_kg: number, pinj_Pa: number, mode: number, value: number, nExit: number, frozenAt: number, warm: number, Tlow_K: number, Thigh_K: number): number;
  facPInf(): number;
  facContractionRatio(): number;
  facResidual(): number;
  jsonReserve(stations: number): number;
  jsonTextCapacity(): number;
  jsonTextSet(count: number): number;
  jsonOutPtr(): number;
  rocketJson(nExits: number, compact: number, usePamb: number, pamb: number, pRef: number): number;
  jsonNumber(x: number): number;
  rocketRecordsFinite(nExits: number, usePamb: number, pamb: number, pRef: number): number;
  MAX_INT: WebAssembly.Global;
  MAX_EXITS: WebAssembly.Global;
}

/** Kernel status codes of the thermo family (1, 2 shared with common.ts). */
export const ThermoStatus = {
  OK: 0, BAD_INPUT: 1, NO_CONVERGENCE: 2, SINGULAR: 3, FROZEN_CONDENSED_RANGE: 4, FROZEN_LOW_T: 5, NOZZLE: 6, BELOW_DATA: 7,
  ABOVE_DATA: 8, NO_FLOW: 9, FROZEN_UPSTREAM: 10,
} as const;

/** Temperatures an equilibrium state may take, K: the data's range widened as CEA2 does (0.8 × lowest, 1.1 × highest). */
export interface DataRange { Tlow_K: number; Thigh_K: number }

/**
 * Station record slots, in the kernel's order (rocket.ts: ST_T_K = 0, …); mole fractions follow at
 * ST_FIXED. The kernel exports its slots, and checkStationLayout compares them with these at load.
 */
export const STATION_FIELDS = [
  'T', 'p', 'rho', 'h', 'u', 'g', 's', 'M', 'MW', 'cp', 'gammaS', 'dlnVdlnP', 'dlnVdlnT', 'a', 'mach',
  'areaRatio', 'cstar', 'cf', 'ispVac', 'isp',
] as const;
export const ST_STATUS = 20;
export const ST_FIXED = 21;
const CSTAR = STATION_FIELDS.indexOf('cstar');

/** The kernel's exported name of each station slot. */
const KERNEL_SLOT_NAMES: Record<(typeof STATION_FIELDS)[number] | 'status' | 'fixed', string> = {
  T: 'ST_T_K', p: 'ST_P_PA', rho: 'ST_RHO', h: 'ST_H', u: 'ST_U', g: 'ST_G', s: 'ST_S', M: 'ST_M', MW: 'ST_MW',
  cp: 'ST_CP', gammaS: 'ST_GAMMA_S', dlnVdlnP: 'ST_DLNV_DLNP', dlnVdlnT: 'ST_DLNV_DLNT', a: 'ST_A', mach: 'ST_MACH',
  areaRatio: 'ST_AREA_RATIO', cstar: 'ST_CSTAR', cf: 'ST_CF', ispVac: 'ST_ISP_VAC', isp: 'ST_ISP',
  status: 'ST_STATUS', fixed: 'ST_FIXED',
};

/**
 * Throws when the kernel's station layout (its exported ST_* slots) is not the one this loader
 * reads: a kernel and a loader from different builds must fail at load, not misread every figure.
 */
export function checkStationLayout(exports: Record<string, unknown>): void {
  const want: [string, number][] = [...STATION_FIELDS.map((f, i): [string, number] => [KERNEL_SLOT_NAMES[f], i]), ['ST_STATUS', ST_STATUS], ['ST_FIXED', ST_FIXED]];
  for (const [name, slot] of want) {
    const g = exports[name] as WebAssembly.Global | undefined;
    const got = g && typeof g === 'object' && 'value' in g ? Number(g.value) : undefined;
    if (got !== slot) throw new Error(`wasm-core: the kernel's station slot ${name} is ${got ?? 'missing'}, the loader reads it at ${slot}; rebuild the kernel and the app together`);
  }
  // one standard gravity on both sides (the kernel's Isp in s, the app's s ↔ m/s)
  const g = exports.G0_m_s2 as WebAssembly.Global | undefined;
  const g0 = g && typeof g === 'object' && 'value' in g ? Number(g.value) : undefined;
  if (g0 !== G0) throw new Error(`wasm-core: the kernel's standard gravity G0_m_s2 is ${g0 ?? 'missing'}, the app's is ${G0} m/s²; rebuild the kernel and the app together`);
}

export const EXIT_PC_OVER_PE = 1;
export const EXIT_AREA_RATIO = 2;
export const EXIT_SUBSONIC_AREA_RATIO = 3;
/** facPoint modes (fac.ts). */
export const FAC_CONTRACTION_RATIO = 1;
export const FAC_MASS_FLUX = 2;

/** Kernel mode and value of a finite-area combustor. */
export function facMode(c: CombustorSpec): [1 | 2, number] {
  return 'contractionRatio' in c ? [FAC_CONTRACTION_RATIO, c.contractionRatio] : [FAC_MASS_FLUX, c.massFlux];
}

/** The kernel's kind of an exit (its value: exitValue). */
function exitKind(e: ExitSpec): number {
  return 'pcOverPe' in e ? EXIT_PC_OVER_PE : 'subsonicAreaRatio' in e ? EXIT_SUBSONIC_AREA_RATIO : EXIT_AREA_RATIO;
}

function exitValue(e: ExitSpec): number {
  return 'pcOverPe' in e ? e.pcOverPe : 'subsonicAreaRatio' in e ? e.subsonicAreaRatio : e.areaRatio;
}

/** Kernel exit specification [kind, value] of an exit. */
export function exitPair(e: ExitSpec): [number, number] {
  return [exitKind(e), exitValue(e)];
}

export type EquilibriumKind = 0 | 1 | 2; // TP, HP, SP

/** A loaded product system: species names in kernel order (gas first). */
export interface ProductSystem {
  key: string;
  elements: string[];
  names: string[];
  gas: number;
}

/** Candidate products CEA considers: every product species made only of `elements` (ions when asked). */
export function selectProducts(db: ThermoSpecies[], elements: string[], ions: boolean): { gas: ThermoSpecies[]; condensed: ThermoSpecies[] } {
  const set = new Set(elements);
  const gas: ThermoSpecies[] = [];
  const condensed: ThermoSpecies[] = [];
  for (const sp of db) {
    if (sp.reactantOnly) continue;
    let okEl = true;
    for (const e of Object.keys(sp.elements)) {
      if (e === 'E' ? !ions : !set.has(e)) { okEl = false; break; }
    }
    // (intervals last: a packed species makes them on first use)
    if (!okEl || sp.intervals.length === 0) continue;
    (sp.phase === 0 ? gas : condensed).push(sp);
  }
  return { gas, condensed };
}

export function thermoKernels(core: Core, db: ThermoSpecies[]) {
  const x = core.exports as unknown as ThermoExports;
  checkStationLayout(core.exports as unknown as Record<string, unknown>);
  const maxInt = x.MAX_INT.value as number;
  const maxExits = x.MAX_EXITS.value as number;
  const records = new Map<string, { system: ProductSystem; data: Float64Array }>();
  let loaded: ProductSystem | null = null;

  function build(elements: string[], ions: boolean): { system: ProductSystem; data: Float64Array } {
    const key = `${elements.join(',')}|${ions ? 'ions' : ''}`;
    const hit = records.get(key);
    if (hit) return hit;
    const { gas, condensed } = selectProducts(db, elements, ions);
    const all = [...gas, ...condensed];
    const rl = x.thermoRecordLen(elements.length);
    const data = new Float64Array(all.length * rl);
    all.forEach((sp, j) => {
      const r = j * rl;
      if (sp.intervals.length > maxInt) throw new Error(`species ${sp.name} has ${sp.intervals.length} intervals (at most ${maxInt})`);
      data[r] = sp.M;
      data[r + 1] = sp.intervals.length;
      sp.intervals.forEach((iv, k) => {
        const o = r + 2 + k * 11;
        data[o] = iv.Tlo_K;
        data[o + 1] = iv.Thi_K;
        for (let m = 0; m < 9; m++) data[o + 2 + m] = iv.a[m];
      });
      elements.forEach((e, i) => { data[r + 2 + maxInt * 11 + i] = sp.elements[e] ?? 0; });
    });
    const v = { system: { key, elements: [...elements], names: all.map((s) => s.name), gas: gas.length }, data };
    records.set(key, v);
    return v;
  }

  // Views on wasm memory are cached and rebuilt only when memory grew (the old buffer detaches).
  const views = new Map<string, Float64Array>();
  function view(key: string, ptr: number, length: number): Float64Array {
    const v = views.get(key);
    if (v && v.buffer === core.exports.memory.buffer && v.byteOffset === ptr && v.length >= length) return v;
    const nv = core.f64View(ptr, length);
    views.set(key, nv);
    return nv;
  }

  // The exits last written to the kernel: a sweep's points share one list, written once, not per point
  // (callers pass a new array when the exits change; the kernel never writes this buffer).
  let exitsWritten: readonly [number, number][] | null = null;
  function writeExits(exits: readonly [number, number][]): void {
    if (exits === exitsWritten) return;
    if (exits.length > maxExits) throw new Error(`at most ${maxExits} exits`);
    const ev = view('exits', x.rocketExitPtr(), 2 * maxExits);
    exits.forEach(([k, v], i) => { ev[2 * i] = k; ev[2 * i + 1] = v; });
    exitsWritten = exits;
  }

  // Every station record (chamber, throat, MAX_EXITS exits, injector, combustor end).
  function stationRecords(): Float64Array {
    return view('stations', x.stationOutPtr(), (4 + maxExits) * x.stationLen());
  }

  function stations(count: number): Float64Array {
    return stationRecords().subarray(0, count * x.stationLen());
  }

  // The kernel's JSON writer (assembly/thermo/json-out.ts): the texts last registered, and where.
  let textsWritten: readonly Uint8Array[] | null = null;
  let textPtr = 0;
  function writeTexts(texts: readonly Uint8Array[]): boolean {
    const head = 4 * (texts.length + 1);
    let size = head;
    for (const t of texts) size += t.length;
    if (size > x.jsonTextCapacity()) return false;
    const mem = core.exports.memory.buffer;
    const offsets = new Int32Array(mem, textPtr, texts.length + 1);
    const bytes = new Uint8Array(mem, textPtr + head, size - head);
    let o = 0;
    texts.forEach((t, i) => {
      offsets[i] = o;
      bytes.set(t, o);
      o += t.length;
    });
    offsets[texts.length] = o;
    if (x.jsonTextSet(texts.length) !== 0) return false;
    textsWritten = texts;
    return true;
  }

  return {
    /** Makes `elements` (ordered) the active system; cheap when it already is. */
    useSystem(elements: string[], ions: boolean): ProductSystem {
      const { system, data } = build(elements, ions);
      if (loaded?.key === system.key) return system;
      const ptr = x.thermoInputPtr(data.length);
      core.f64View(ptr, data.length).set(data);
      const st = x.thermoLoad(system.names.length, system.gas, elements.length);
      if (st !== 0) throw new Error(`thermoLoad failed (${st}) for ${system.key}`);
      loaded = system;
      x.stationOutPtr(); // allocate the station buffer now, outside any timed loop
      return system;
    },
    /** Element totals b_i° (mol/kg) of the active system. */
    setB0(b0: ArrayLike<number>): void {
      const ptr = x.thermoInputPtr(b0.length);
      view('input', ptr, b0.length).set(b0 as ArrayLike<number>);
      x.thermoSetB0();
    },
    /** Forgets the warm-start state. */
    forget(): void { x.thermoForgetState(); },
    /** Whether the station records get mole fractions from now on (default true; a sweep reads none). */
    compositions(on: boolean): void { x.rocketCompositions(on ? 1 : 0); },
    /** Single point: kind 0 TP (target T K), 1 HP (h J/kg), 2 SP (s J/(kg K)), p in Pa; the state must lie in `range`. */
    point(kind: EquilibriumKind, p_Pa: number, target: number, warm: boolean, range: DataRange): number {
      return x.equilibriumPoint(kind, p_Pa, target, warm ? 1 : 0, range.Tlow_K, range.Thigh_K);
    },
    /** Rocket point; exits as [kind, value] pairs; frozenAt 0 shifting, 1 chamber, 2 throat; the chamber must lie in `range`, expansions stop at its low end. */
    rocket(h0_J_kg: number, pc_Pa: number, exits: [number, number][], frozenAt: 0 | 1 | 2, warm: boolean, range: DataRange): number {
      writeExits(exits);
      return x.rocketPoint(h0_J_kg, pc_Pa, exits.length, frozenAt, warm ? 1 : 0, range.Tlow_K, range.Thigh_K);
    },
    /**
     * Rocket point with a finite-area combustor at injector pressure pinj_Pa: contraction ratio
     * (mode 1, Ac/At) or mass flux (mode 2, kg/(m² s)); exits as rocket (pcOverPe = pinj/pe);
     * frozenAt 0 shifting, 2 after the throat. Stations: slotInjector, slotCombustorEnd, 1 throat,
     * 2 + k exits; pInf() and contractionRatio() of the converged point.
     */
    fac(h0_J_kg: number, pinj_Pa: number, mode: 1 | 2, value: number, exits: [number, number][], frozenAt: 0 | 2, warm: boolean, range: DataRange): number {
      writeExits(exits);
      return x.facPoint(h0_J_kg, pinj_Pa, mode, value, exits.length, frozenAt, warm ? 1 : 0, range.Tlow_K, range.Thigh_K);
    },
    pInf: () => x.facPInf(),
    contractionRatio: () => x.facContractionRatio(),
    /** |ln(p_inj computed/p_inj)| the p_inf loop of the last fac() stopped at. */
    facResidual: () => x.facResidual(),
    slotInjector: 2 + maxExits,
    slotCombustorEnd: 3 + maxExits,
    /** View of `count` station records of the last call (re-read after any later call). */
    stations,
    /** View of every station record (the same data as stations(), without a new view per call). */
    stationRecords,
    stationLength: () => x.stationLen(),
    /**
     * Room for the kernel's JSON of a rocket point of `count` stations and its texts, made before the
     * point is solved: rocketJson then allocates nothing (station views stay valid).
     */
    reserveJson(count: number): void {
      const p = x.jsonReserve(count);
      if (p !== textPtr) textsWritten = null; // a new buffer holds no texts yet
      textPtr = p;
    },
    /**
     * The JSON of the rocket point in the station records (every station solved; nExits exits), as
     * the command line writes it with 12 significant digits (scripts/cli-json.ts,
     * JsonBytes.rawRocket): a view of wasm memory, valid until the next call; null when the kernel
     * cannot write it (then the caller does). `texts`: the ST_STATUS field keys (`{"T":`, `,"p":`, …),
     * then `{"ok":true,"chamber":`, `,"throat":`, `,"exits":[`, `],"warnings":[]}`,
     * `,"moleFractions":{`, `,"ispAmb":`, then `"<name>":` per species of the active system (UTF-8);
     * the same array again is not copied again. After reserveJson for at least 2 + nExits stations.
     */
    rocketJson(nExits: number, compact: boolean, pamb: number | undefined, pRef: number, texts: readonly Uint8Array[]): Uint8Array | null {
      if (texts !== textsWritten && !writeTexts(texts)) return null;
      let n = x.rocketJson(nExits, compact ? 1 : 0, pamb === undefined ? 0 : 1, pamb ?? 0, pRef);
      if (n === -1 && writeTexts(texts)) n = x.rocketJson(nExits, compact ? 1 : 0, pamb === undefined ? 0 : 1, pamb ?? 0, pRef);
      return n >= 0 ? new Uint8Array(core.exports.memory.buffer, x.jsonOutPtr(), n) : null;
    },
    /**
     * Whether every number of the rocket point's result is finite: the chamber's, the throat's and
     * the solved exits' fields, mole fractions above 1e-5 (those written) and ambient Isp at pamb.
     */
    recordsFinite(nExits: number, pamb: number | undefined, pRef: number): boolean {
      return x.rocketRecordsFinite(nExits, pamb === undefined ? 0 : 1, pamb ?? 0, pRef) === 1;
    },
    /** One number as rocketJson writes it (tests): its text, or null outside the range it handles. */
    jsonNumber(v: number): string | null {
      const n = x.jsonNumber(v);
      return n >= 0 ? new TextDecoder().decode(new Uint8Array(core.exports.memory.buffer, x.jsonOutPtr(), n)) : null;
    },
  };
}

export type ThermoKernels = ReturnType<typeof thermoKernels>;

// ---- problems of the `solve` format -------------------------------------------------------------

const STATUS_ERRORS: Record<number, [string, string]> = {
  1: ['bad-input', 'the kernel rejected the input'],
  2: ['no-convergence', 'the equilibrium iteration did not converge'],
  3: ['singular-matrix', 'the equilibrium matrix is singular'],
  4: ['frozen-condensed-range', 'frozen expansion stopped: a frozen condensed species would fall more than 50 K below its data range (as CEA stops)'],
  5: ['frozen-low-temperature', 'frozen expansion stopped: the temperature fell below 0.8 × the lowest data temperature (as CEA stops)'],
  6: ['nozzle-no-convergence', 'the nozzle iteration (throat or area ratio) did not converge'],
  7: ['below-data-range', 'the expansion reaches temperatures below the thermo data (under 0.8 × the lowest data temperature)'],
  8: ['above-data-range', 'the state reaches temperatures above the thermo data (over 1.1 × the highest data temperature)'],
  9: ['no-flow', 'the exit pressure is so close to the chamber pressure that the flow has no velocity there (no area ratio or Isp)'],
  10: ['frozen-upstream', 'with chemistry frozen at the throat, an exit must lie downstream of the throat (as CEA omits such points)'],
  20: ['frozen-subsonic-exit', 'a subsonic exit lies before the throat, where an expansion frozen after the throat is still in equilibrium (CEA omits such exits too)'],
  21: ['subsonic-area-ratio-range', 'a subsonic area ratio must lie between 1 and the contraction ratio Ac/At of the combustor'],
  22: ['mass-flux-too-high', 'the mass flux per chamber area exceeds what the throat passes at this injector pressure (the chamber would be no wider than the throat)'],
  23: ['fac-no-convergence', 'the finite-area combustor iteration (combustor-end momentum balance) did not converge'],
  25: ['mass-flux-too-low', 'the mass flux per chamber area is so low that the chamber would be more than 10⁴ times the throat area'],
  24: ['exit-above-stagnation', 'the exit pressure is at or above the stagnation pressure of the expansion'],
};

/** The error value of a kernel status. */
export function statusError(status: number, field?: string, where = ''): ProblemError {
  const [code, message] = STATUS_ERRORS[status] ?? ['kernel-error', `kernel status ${status}`];
  return field === undefined ? { code, message: message + where } : { code, message: message + where, field };
}

const sig = (v: number) => String(+v.toPrecision(6));

/** The first station field that is not a finite number (a guard: such a station is never reported as ok). */
export function nonFiniteField(st: Station): string | null {
  // A sum of finite numbers is finite (but for an overflow, which falls through to the field check):
  // one test instead of twenty keyed reads, for every station of every point.
  const sum = st.T + st.p + st.rho + st.h + st.u + st.g + st.s + st.M + st.MW + st.cp + st.gammaS + st.dlnVdlnP
    + st.dlnVdlnT + st.a + st.mach + st.areaRatio + st.cstar + st.cf + st.ispVac + st.isp;
  if (!Number.isFinite(sum)) for (const f of STATION_FIELDS) if (!Number.isFinite(st[f])) return f;
  if (st.ispAmb !== undefined && !Number.isFinite(st.ispAmb)) return 'ispAmb';
  const x = st.moleFractions;
  for (const name in x) if (!Number.isFinite(x[name])) return `moleFractions.${name}`;
  return null;
}

const nonFinite = (where: string, f: string, field: string): ProblemError =>
  ({ code: 'non-finite-result', message: `the engine produced no finite ${f} at the ${where}`, field });

/** Reads station record `slot` into a Station (mole fractions > 1e-5 by species name). */
export function readStation(view: Float64Array, len: number, slot: number, names: string[]): Station {
  const o = slot * len;
  const x: Record<string, number> = {};
  for (let j = 0; j < names.length; j++) {
    const v = view[o + ST_FIXED + j];
    if (v > 1e-5) x[names[j]] = v;
  }
  // One object literal in STATION_FIELDS order (a fixed shape: far cheaper than adding keys in a loop).
  return {
    T: view[o], p: view[o + 1], rho: view[o + 2], h: view[o + 3], u: view[o + 4], g: view[o + 5], s: view[o + 6],
    M: view[o + 7], MW: view[o + 8], cp: view[o + 9], gammaS: view[o + 10], dlnVdlnP: view[o + 11], dlnVdlnT: view[o + 12],
    a: view[o + 13], mach: view[o + 14], areaRatio: view[o + 15], cstar: view[o + 16], cf: view[o + 17], ispVac: view[o + 18],
    isp: view[o + 19], moleFractions: x,
  };
}

/** One point of a sweep: the values that differ from the base problem. */
export interface BatchPoint { of?: number; pc?: number; p?: number; T?: number }

export interface BatchResult {
  fields: string[];
  /** Stations per point (rocket: chamber (with a finite combustor: injector), throat, exits…; hp/tp: 1). */
  stations: number;
  /** Points computed (fewer than asked when cancelled). */
  points: number;
  /** values[(point * stations + station) * fields.length + field]; NaN where a station failed. */
  values: Float64Array;
  /** status[point * stations + station]: 0 ok, else the kernel status (see statusError). */
  status: Int32Array;
  species: string[];
}

/**
 * Solves validated problems on a wasm core: rocket, hp, tp (with transport properties when given trans
 * data: the data, or a function that gives them, called on the first problem that asks for them).
 */
export function makeThermoSolver(core: Core, db: SpeciesDb, transport?: TransportDb | (() => TransportDb)) {
  let trans = typeof transport === 'function' ? null : transport;
  const transDb = (): TransportDb => (trans ??= (transport as () => TransportDb)());
  const k = thermoKernels(core, db.species);
  const range: DataRange = { Tlow_K: 0.8 * db.Tlow_K, Thigh_K: 1.1 * db.Thigh_K };
  const limits = `${sig(range.Tlow_K)}–${sig(range.Thigh_K)} K: the data's ${db.Tlow_K}–${db.Thigh_K} K widened as CEA does`;
  const isRangeStatus = (s: number) => s === ThermoStatus.BELOW_DATA || s === ThermoStatus.ABOVE_DATA;
  const rangeError = (status: number, what: string, field: string): ProblemError => {
    const below = status === ThermoStatus.BELOW_DATA;
    return { code: below ? 'below-data-range' : 'above-data-range', message: `${what} lies ${below ? 'below' : 'above'} the range of the thermo data (${limits})`, field };
  };

  // A failed exit, named by its field: an input at fault names the input, else the station.
  function exitError(status: number, i: number, e: ExitSpec, pcOverPt: number): ProblemError {
    if (status === ThermoStatus.NO_FLOW && 'pcOverPe' in e) {
      return { code: 'no-flow', message: `pc/pe = ${e.pcOverPe} is so close to 1 that the flow at exit ${i + 1} has no velocity (no area ratio or Isp); give a larger pressure ratio`, field: `exits[${i}].pcOverPe` };
    }
    if (status === ThermoStatus.FROZEN_UPSTREAM && 'pcOverPe' in e) {
      return { code: 'frozen-upstream', message: `with chemistry frozen at the throat, exit ${i + 1} must lie downstream of it: pc/pe = ${e.pcOverPe} is below the throat's ${sig(pcOverPt)} (CEA omits such points)`, field: `exits[${i}].pcOverPe` };
    }
    return statusError(status, `exits[${i}]`, ` (exit ${i + 1})`);
  }

  const transportSystems = new Map<string, TransportSystem>();

  // A problem's exits as kernel pairs: the array made for the same exits before, so that a run of
  // problems with the same exits (a grid) allocates none per problem and writes them to the kernel
  // once (its writeExits compares arrays). Made afresh for each problem, those arrays also cost the
  // optimised code of the command line two deoptimisations on the grid. (Never changed once
  // made: the kernels and readers only read them.)
  let lastExits: [number, number][] = [];
  function exitPairs(exits: readonly ExitSpec[]): [number, number][] {
    const last = lastExits;
    let same = last.length === exits.length;
    for (let i = 0; same && i < exits.length; i++) same = last[i][0] === exitKind(exits[i]) && last[i][1] === exitValue(exits[i]);
    return same ? last : (lastExits = exits.map(exitPair));
  }

  // Transport properties of station `slot` of the last kernel call into `st` (gas species only).
  function addTransport(st: Station, view: Float64Array, len: number, slot: number, sys: ProductSystem, equilibrium: boolean): ProblemError | null {
    let ts = transportSystems.get(sys.key);
    if (!ts) {
      ts = transportSystem(transDb(), sys.names.slice(0, sys.gas).map((n) => db.byName.get(n)!), sys.elements);
      transportSystems.set(sys.key, ts);
    }
    const o = slot * len + ST_FIXED;
    const r = stateTransport(ts, st.T, view.subarray(o, o + sys.gas), equilibrium);
    if ('code' in r) return { code: r.code, message: r.message, field: 'transport' };
    st.viscosity = r.viscosity;
    st.conductivityFrozen = r.conductivityFrozen;
    st.cpFrozen = r.cpFrozen;
    st.prandtlFrozen = r.prandtlFrozen;
    if (r.conductivity !== undefined) {
      st.conductivity = r.conductivity;
      st.prandtl = r.prandtl;
    }
    return null;
  }

  // Stations before the exits: finite numbers, and transport properties when asked. Frozen problems
  // get the frozen transport figures only (CEA prints no equilibrium block in frozen tables).
  function checkStations(stations: [string, Station, number][], view: Float64Array, len: number, sys: ProductSystem, pp: PreparedProblem & { kind: 'rocket' }, withTransport: boolean): ProblemError | null {
    for (const [where, st, slot] of stations) {
      const f = nonFiniteField(st);
      if (f) return nonFinite(where, f, where);
      if (withTransport) {
        const e = addTransport(st, view, len, slot, sys, pp.frozenAt === 0);
        if (e) return { ...e, message: `${e.message} (${where})` };
      }
    }
    return null;
  }

  // Exit stations 2 + k: a failed exit is an error named by its field; the ambient Isp refers to
  // pRef (the chamber's, or p_inf with a finite combustor); pcOverPt is pc (or p_inj) over the throat's.
  function readExits(view: Float64Array, len: number, pp: PreparedProblem & { kind: 'rocket' }, sys: ProductSystem, pRef: number, pcOverPt: number, withTransport: boolean): ExitResult[] {
    const pamb = pp.problem.pamb;
    return pp.exits.map((e, i): ExitResult => {
      const s = view[(2 + i) * len + ST_STATUS];
      if (s !== 0) return { ok: false, error: exitError(s, i, e, pcOverPt) };
      const st = readStation(view, len, 2 + i, sys.names);
      if (pamb !== undefined) st.ispAmb = st.ispVac - pamb * st.areaRatio * st.cstar / pRef;
      const f = nonFiniteField(st);
      if (f) return { ok: false, error: nonFinite(`exit ${i + 1}`, f, `exits[${i}]`) };
      if (withTransport) {
        const te = addTransport(st, view, len, 2 + i, sys, pp.frozenAt === 0);
        if (te) return { ok: false, error: { ...te, message: `${te.message} (exit ${i + 1})` } };
      }
      return st;
    });
  }

  // Finite-area combustor: injector, combustor end, throat, exits, p_inf.
  function solveFac(pp: PreparedProblem & { kind: 'rocket' }, sys: ProductSystem, warm: boolean, withTransport: boolean): ProblemResult {
    const c = pp.combustor as CombustorSpec;
    const exits = exitPairs(pp.exits);
    const [mode, value] = facMode(c);
    const status = k.fac(pp.mix.h0_J_kg, pp.problem.pc, mode, value, exits, pp.frozenAt === 2 ? 2 : 0, warm, range);
    if (status === 22 || status === 25) return { ok: false, error: statusError(status, 'combustor.massFlux', ` (got ${value} kg/(s·m²) at ${pp.problem.pc} Pa)`) };
    if (isRangeStatus(status)) return { ok: false, error: rangeError(status, 'the combustion temperature', 'combustor') };
    if (status !== ThermoStatus.OK) return { ok: false, error: statusError(status, 'combustor', ' (injector, combustor end or throat)') };
    const len = k.stationLength();
    const view = k.stations(k.slotCombustorEnd + 1);
    const pInf = k.pInf();
    const cr = k.contractionRatio();
    const throat = readStation(view, len, 1, sys.names);
    const injector = readStation(view, len, k.slotInjector, sys.names);
    injector.cstar = throat.cstar;
    const combustorEnd = readStation(view, len, k.slotCombustorEnd, sys.names);
    const bad = checkStations([['injector', injector, k.slotInjector], ['combustorEnd', combustorEnd, k.slotCombustorEnd], ['throat', throat, 1]], view, len, sys, pp, withTransport);
    if (bad) return { ok: false, error: bad };
    const exitResults = readExits(view, len, pp, sys, pInf, pp.problem.pc / throat.p, withTransport).map((e, i): ExitResult => {
      if (!('ok' in e)) return e;
      // the bounds in numbers, known only now
      if (e.error.code === 'exit-above-stagnation') {
        const v = exits[i][1];
        return { ok: false, error: { ...e.error, message: `exit pressure p_inj/${v} = ${+(pp.problem.pc / v).toPrecision(6)} Pa is at or above the stagnation pressure p_inf = ${+pInf.toPrecision(6)} Pa of the expansion: pcOverPe must exceed p_inj/p_inf = ${+(pp.problem.pc / pInf).toPrecision(6)}`, field: `exits[${i}].pcOverPe` } };
      }
      if (e.error.code === 'subsonic-area-ratio-range') {
        return { ok: false, error: { ...e.error, message: `subsonic area ratio ${exits[i][1]} must lie between 1 and the contraction ratio Ac/At = ${+cr.toPrecision(6)}`, field: `exits[${i}].subsonicAreaRatio` } };
      }
      return e;
    });
    const warnings: string[] = [];
    const res = k.facResidual();
    // (accepted at CEA's tolerance when the loop stalled: fac.ts FAC_TOL_STALL)
    if (res > 1e-8) {
      warnings.push(`the combustor's momentum balance (p_inj = p + ρu² at its end) closed only to ${+(res * 100).toPrecision(2)} % of the injector pressure (usually 1e-6 % or better): the iteration could not reproduce it more closely, as where a condensed phase appears at the throat; NASA CEA accepts 0.002 %`);
    }
    return { ok: true, injector, combustorEnd, throat, exits: exitResults, pInf, warnings };
  }

  // Problems with ions start cold, so that a point's answer never depends on the one before
  // (tests/unit/warm-start.test.ts, ions.test.ts): an ion pair crossing the trace size (1e-8) enters
  // or leaves the sums with an enthalpy of ionisation of tens of RT, which moves γs by ~1e-5, so a
  // throat (the root of u = a) can end on either side of that step; warm-started, throats ended up
  // to ~6e-7 in p from the cold ones (90 random problems of six systems, 2026-12-04).
  const warmable = (p: PreparedProblem): boolean => p.problem.ions !== true;

  // The result of the rocket point (infinite-area combustor) the kernel has just solved.
  function rocketResult(pp: PreparedProblem & { kind: 'rocket' }, sys: ProductSystem, status: number, withTransport: boolean): ProblemResult {
    const len = k.stationLength();
    const view = k.stations(2 + pp.exits.length);
    if (status !== ThermoStatus.OK) {
      const where = view[ST_STATUS] !== 0 ? 'chamber' : 'throat';
      if (isRangeStatus(status)) return { ok: false, error: rangeError(status, `the ${where} temperature`, where) };
      return { ok: false, error: statusError(status, where, ` at the ${where}`) };
    }
    const chamber = readStation(view, len, 0, sys.names);
    const throat = readStation(view, len, 1, sys.names);
    chamber.cstar = throat.cstar;
    const bad = checkStations([['chamber', chamber, 0], ['throat', throat, 1]], view, len, sys, pp, withTransport);
    if (bad) return { ok: false, error: bad };
    return { ok: true, chamber, throat, exits: readExits(view, len, pp, sys, pp.problem.pc, pp.problem.pc / throat.p, withTransport), warnings: [] };
  }

  /**
   * As solve, for a writer that reads the kernel's station records itself: a rocket point
   * (infinite-area combustor, no transport) whose chamber and throat were solved and whose numbers
   * are all finite comes back as a RawRocket, anything else as solve's result. Same kernel calls,
   * same answer (tests/unit/raw-rocket.test.ts: the JSON bytes agree).
   */
  function solveRaw(raw: unknown, warm = false): ProblemResult | RawRocket {
    const prep = prepareProblem(raw, db);
    if (!prep.ok) return { ok: false, error: prep.error };
    const pp = prep.value;
    if (pp.kind !== 'rocket' || pp.combustor || pp.problem.transport === true) return solve(pp, warm);
    const sys = loadProblem(pp);
    k.reserveJson(2 + pp.exits.length);
    const status = k.rocket(pp.mix.h0_J_kg, pp.problem.pc, exitPairs(pp.exits), pp.frozenAt, warm && warmable(pp), range);
    const r = status === ThermoStatus.OK ? rawRocket(pp, sys) : null;
    return r ?? rocketResult(pp, sys, status, false);
  }

  // The RawRocket of the point just solved, or null when a number the result would hold is not finite.
  function rawRocket(pp: PreparedProblem & { kind: 'rocket' }, sys: ProductSystem): RawRocket | null {
    const len = k.stationLength();
    const n = pp.exits.length;
    const view = k.stations(2 + n);
    const pamb = pp.problem.pamb;
    const pc = pp.problem.pc;
    const exitErrors: (ProblemError | null)[] = [];
    for (let s = 2; s < 2 + n; s++) {
      const st = view[s * len + ST_STATUS];
      exitErrors.push(st !== 0 ? exitError(st, s - 2, pp.exits[s - 2], pc / view[len + 1]) : null);
    }
    if (!k.recordsFinite(n, pamb, pc)) return null;
    return {
      rawRocket: true, view, len, names: sys.names, exitErrors, pamb, pRef: pc,
      json: (compact, texts) => k.rocketJson(n, compact, pamb, pc, texts),
    };
  }

  // The problem's product system and element totals into the kernel.
  function loadProblem(pp: PreparedProblem): ProductSystem {
    const sys = k.useSystem(pp.mix.elements, pp.problem.ions === true);
    k.setB0(pp.mix.b0);
    return sys;
  }

  function solve(pp: PreparedProblem, warm = false): ProblemResult {
    if (!warmable(pp)) warm = false;
    const withTransport = pp.problem.transport === true;
    if (withTransport && !transport) return { ok: false, error: { code: 'no-transport-data', message: 'transport properties need the transport data (trans.json), which the engine was started without', field: 'transport' } };
    const sys = loadProblem(pp);
    if (pp.kind === 'rocket' && pp.combustor) return solveFac(pp, sys, warm, withTransport);
    if (pp.kind === 'rocket') {
      const status = k.rocket(pp.mix.h0_J_kg, pp.problem.pc, exitPairs(pp.exits), pp.frozenAt, warm, range);
      return rocketResult(pp, sys, status, withTransport);
    }
    const status = pp.kind === 'tp'
      ? k.point(0, pp.problem.p, pp.problem.T, warm, range)
      : k.point(1, pp.problem.p, pp.mix.h0_J_kg, warm, range);
    if (status !== ThermoStatus.OK) {
      if (!isRangeStatus(status)) return { ok: false, error: statusError(status, 'state') };
      return {
        ok: false,
        error: pp.kind === 'tp' ? rangeError(status, `temperature ${pp.problem.T} K`, 'T') : rangeError(status, 'the adiabatic flame temperature', 'state'),
      };
    }
    const view = k.stations(1);
    const state = readStation(view, k.stationLength(), 0, sys.names);
    const f = nonFiniteField(state);
    if (f) return { ok: false, error: nonFinite('state', f, 'state') };
    if (withTransport) {
      const e = addTransport(state, view, k.stationLength(), 0, sys, true);
      if (e) return { ok: false, error: e };
    }
    const warnings: string[] = [];
    if (state.T < db.Tlow_K || state.T > db.Thigh_K) {
      warnings.push(`T = ${sig(state.T)} K lies outside the thermo data's ${db.Tlow_K}–${db.Thigh_K} K: its properties are extrapolated (CEA accepts ${limits.split(':')[0]})`);
    }
    return { ok: true, state, warnings };
  }

  /**
   * A sweep over one problem: each point overrides of (or phi), pc, p or T. Points run in order,
   * each warm-started from the previous one when `warm`. Results: values[point][station][field]
   * (STATION_FIELDS order), status[point][station] (0 = ok, else the kernel status).
   */
  function batch(base: PreparedProblem, points: BatchPoint[], warm: boolean, cancel?: { readonly aborted: boolean }, progress?: (done: number, total: number) => void): BatchResult {
    const nst = base.kind === 'rocket' ? 2 + base.exits.length : 1;
    const nf = STATION_FIELDS.length;
    if (!warmable(base)) warm = false;
    const values = new Float64Array(points.length * nst * nf);
    const status = new Int32Array(points.length * nst);
    const sys = k.useSystem(base.mix.elements, base.problem.ions === true);
    const exits = base.kind === 'rocket' ? base.exits.map(exitPair) : [];
    k.forget();
    // Per kg of fuel and of oxidizer: a point's mixture at O/F r is (fuel + r · oxidizer)/(1 + r).
    const roles = base.mix.of !== null ? roleMixtures(base.mix) : null;
    const fuelMix = roles?.fuel;
    const oxMix = roles?.oxidizer;
    const b0 = new Float64Array(base.mix.b0.length);
    let done = 0;
    // (the values hold the STATION_FIELDS only: the kernel need not write mole fractions)
    k.compositions(false);
    try {
      for (let i = 0; i < points.length; i++) {
        if (cancel?.aborted) break;
        const pt = points[i];
        let h0 = base.mix.h0_J_kg;
        if (pt.of !== undefined && fuelMix && oxMix) {
          const wf = 1 / (1 + pt.of), wo = pt.of / (1 + pt.of);
          for (let e = 0; e < b0.length; e++) b0[e] = wf * fuelMix.b0[e] + wo * oxMix.b0[e];
          h0 = wf * fuelMix.h0_J_kg + wo * oxMix.h0_J_kg;
        } else {
          b0.set(base.mix.b0);
        }
        k.setB0(b0);
        let st: number;
        if (base.kind === 'rocket' && base.combustor) st = k.fac(h0, pt.pc ?? base.problem.pc, ...facMode(base.combustor), exits, base.frozenAt === 2 ? 2 : 0, warm, range);
        else if (base.kind === 'rocket') st = k.rocket(h0, pt.pc ?? base.problem.pc, exits, base.frozenAt, warm, range);
        else if (base.kind === 'tp') st = k.point(0, pt.p ?? base.problem.p, pt.T ?? base.problem.T, warm, range);
        else st = k.point(1, pt.p ?? base.problem.p, h0, warm, range);
        const o = i * nst;
        if (st !== ThermoStatus.OK) {
          status.fill(st, o, o + nst);
          values.fill(NaN, o * nf, (o + nst) * nf);
        } else {
          const len = k.stationLength();
          const fac = base.kind === 'rocket' && base.combustor !== undefined;
          // (every record, no subarray per point or station: a sweep copies ~20 numbers per station)
          const view = k.stationRecords();
          for (let s = 0; s < nst; s++) {
            // with a finite combustor the first station is the injector
            const slot = fac && s === 0 ? k.slotInjector : s;
            const st = view[slot * len + ST_STATUS];
            status[o + s] = st;
            // a station record starts with the STATION_FIELDS, in that order
            const to = (o + s) * nf;
            if (st === 0) for (let f = 0, from = slot * len; f < nf; f++) values[to + f] = view[from + f];
            else values.fill(NaN, to, to + nf);
          }
          if (base.kind === 'rocket') values[o * nf + CSTAR] = values[(o + 1) * nf + CSTAR];
        }
        done++;
        if (progress && (done % 256 === 0 || done === points.length)) progress(done, points.length);
      }
    } finally {
      k.compositions(true);
    }
    return { fields: [...STATION_FIELDS], stations: nst, points: done, values, status, species: sys.names };
  }

  return {
    kernels: k,
    batch,
    /** Validates and solves one problem of the `solve` format; failures are values. */
    solve(raw: unknown, warm = false): ProblemResult {
      const pp = prepareProblem(raw, db);
      if (!pp.ok) return { ok: false, error: pp.error };
      return solve(pp.value, warm);
    },
    solvePrepared: solve,
    solveRaw,
  };
}

/**
 * A solved rocket point as the kernel's station records, for a writer that formats them itself
 * (scripts/cli-json.ts, JsonBytes.rawRocket): records 0 chamber, 1 throat, 2 + k exit k (view,
 * `len` floats each, STATION_FIELDS first, then mole fractions in `names` order), valid until the
 * next kernel call. exitErrors[k]: exit k's error, null when it was solved. The result it stands for
 * is solve's: the chamber's cstar is the throat's, exits get ispAmb = ispVac − pamb·ε·c* ÷ pRef when
 * pamb is given, mole fractions above 1e-5 only, "warnings": [].
 */
export interface RawRocket {
  rawRocket: true;
  view: Float64Array;
  len: number;
  names: string[];
  exitErrors: (ProblemError | null)[];
  pamb: number | undefined;
  pRef: number;
  /** The kernel's JSON of this point (ThermoKernels.rocketJson, every exit solved), or null. */
  json(compact: boolean, texts: readonly Uint8Array[]): Uint8Array | null;
}

export type ThermoSolver = ReturnType<typeof makeThermoSolver>;

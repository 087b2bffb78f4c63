// The design spec (command line `design`, the Design section): validation with messages that name
// the field and the value. SI units, angles in degrees; radii of the throat arcs in throat radii.
import { err, ok, type Result } from '../result.ts';

export interface DesignGas {
  /** Ratio of specific heats (frozen, used for the whole expansion). */
  gamma: number;
  /** kg/mol. */
  molarMass: number;
  /** Chamber (stagnation) temperature, K. */
  Tc: number;
  /** Chamber (stagnation) pressure, Pa. */
  pc: number;
  /** J/(kg·K), for Bartz. */
  cp: number;
  /** Pa·s, for Bartz. */
  viscosity: number;
  prandtl: number;
}

export type NozzleSpec =
  | { type: 'conical'; halfAngle: number; downstreamRadius: number }
  | { type: 'bell'; lengthFraction: number; downstreamRadius: number }
  | { type: 'moc'; planar: boolean; characteristics: number };

export interface ChamberSpec {
  /** Ac/At. */
  contractionRatio: number;
  /** Characteristic length L* = Vc/At, m (or `length`). */
  lStar?: number;
  /** Length of the cylindrical part, m (instead of lStar). */
  length?: number;
  /** Half-angle of the convergent cone, degrees (default 30). */
  convergenceAngle: number;
  /** Upstream throat arc radius, throat radii (default 1.5). */
  upstreamRadius: number;
  /** Fillet between cylinder and convergent cone, throat radii (default 1). */
  filletRadius: number;
}

export interface DesignSpec {
  /** A rocket problem of the `solve` format, without exits (or `gas`). */
  problem?: Record<string, unknown>;
  gas?: DesignGas;
  /** Thrust required, N. */
  thrust: number;
  /** Ambient pressure, Pa (0: vacuum). */
  pamb: number;
  areaRatio?: number;
  /** Exit pressure, Pa (instead of areaRatio). */
  pe?: number;
  nozzle: NozzleSpec;
  chamber: ChamberSpec;
  /** Gas-side wall temperature, K. */
  wallTemperature: number;
  /** Delivered c* / ideal c* (default 1). */
  cstarEfficiency: number;
}

type Err = { ok: false; error: { code: string; message: string; field?: string } };
const bad = (field: string, message: string): Err => err('bad-spec', message, field);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v) ?? String(v));

/** A number within (lo, hi] or [lo, hi] from `o[key]`, or the default when absent; an error names the field and the unit. */
function num(o: Record<string, unknown>, key: string, field: string, what: string, unit: string, lo: number, hi: number,
  opts: { def?: number; loInclusive?: boolean } = {}): number | Err {
  const v = o[key];
  if (v === undefined && opts.def !== undefined) return opts.def;
  if (v === undefined) return bad(field, `${what} (${field}) is required`);
  if (typeof v !== 'number' || !Number.isFinite(v)) return bad(field, `${what} (${field}) must be a number${unit ? ` in ${unit}` : ''} (got ${show(v)})`);
  const okLo = opts.loInclusive ? v >= lo : v > lo;
  if (!okLo || v > hi) {
    return bad(field, `${what} (${field}) must be ${opts.loInclusive ? '≥' : '>'} ${lo}${unit ? ' ' + unit : ''} and ≤ ${hi}${unit ? ' ' + unit : ''} (got ${v}${unit ? ' ' + unit : ''})`);
  }
  return v;
}
const isErr = (v: unknown): v is Err => isObj(v) && v.ok === false;

const KNOWN = new Set(['problem', 'gas', 'thrust', 'pamb', 'areaRatio', 'pe', 'nozzle', 'chamber', 'wallTemperature', 'cstarEfficiency']);

/** Checks a design spec and fills its defaults. */
export function validateDesignSpec(raw: unknown): Result<DesignSpec> {
  if (!isObj(raw)) return bad('spec', `a design spec must be a JSON object (got ${show(raw)})`);
  for (const k of Object.keys(raw)) if (!KNOWN.has(k)) return bad(k, `unknown field ${JSON.stringify(k)} in the design spec`);
  const spec: Partial<DesignSpec> = {};
  if ((raw.problem === undefined) === (raw.gas === undefined)) {
    return bad(raw.problem === undefined ? 'problem' : 'gas', 'give either "problem" (propellants, solved by the engine) or "gas" (its properties), not both or neither');
  }
  if (raw.problem !== undefined) {
    if (!isObj(raw.problem)) return bad('problem', `problem must be a rocket problem object (got ${show(raw.problem)})`);
    if (raw.problem.problem !== undefined && raw.problem.problem !== 'rocket') return bad('problem.problem', `problem.problem must be "rocket" (got ${show(raw.problem.problem)})`);
    if (raw.problem.exits !== undefined) return bad('problem.exits', 'leave out problem.exits: the nozzle exit is given by areaRatio or pe');
    spec.problem = { ...raw.problem, problem: 'rocket' };
  } else {
    const g = raw.gas;
    if (!isObj(g)) return bad('gas', `gas must be an object {gamma, molarMass, Tc, pc, cp, viscosity, prandtl} (got ${show(g)})`);
    const gamma = num(g, 'gamma', 'gas.gamma', 'ratio of specific heats', '', 1, 3);
    if (isErr(gamma)) return gamma;
    const mm = g.molarMass;
    if (typeof mm === 'number' && mm > 1 && mm < 1000) return bad('gas.molarMass', `molar mass (gas.molarMass) is in kg/mol (got ${mm}; ${mm / 1000} kg/mol if that was g/mol)`);
    const molarMass = num(g, 'molarMass', 'gas.molarMass', 'molar mass', 'kg/mol', 0, 1);
    if (isErr(molarMass)) return molarMass;
    const Tc = num(g, 'Tc', 'gas.Tc', 'chamber temperature', 'K', 0, 20000);
    if (isErr(Tc)) return Tc;
    const pc = num(g, 'pc', 'gas.pc', 'chamber pressure', 'Pa', 0, 1e10);
    if (isErr(pc)) return pc;
    const cp = num(g, 'cp', 'gas.cp', 'specific heat', 'J/(kg·K)', 0, 1e6);
    if (isErr(cp)) return cp;
    const viscosity = num(g, 'viscosity', 'gas.viscosity', 'viscosity', 'Pa·s', 0, 1);
    if (isErr(viscosity)) return viscosity;
    const prandtl = num(g, 'prandtl', 'gas.prandtl', 'Prandtl number', '', 0, 10);
    if (isErr(prandtl)) return prandtl;
    spec.gas = { gamma, molarMass, Tc, pc, cp, viscosity, prandtl };
  }
  const thrust = num(raw, 'thrust', 'thrust', 'thrust', 'N', 0, 1e10);
  if (isErr(thrust)) return thrust;
  const pamb = num(raw, 'pamb', 'pamb', 'ambient pressure', 'Pa', 0, 1e8, { def: 101325, loInclusive: true });
  if (isErr(pamb)) return pamb;
  if ((raw.areaRatio === undefined) === (raw.pe === undefined)) {
    return bad(raw.areaRatio === undefined ? 'areaRatio' : 'pe', 'give the nozzle exit either by "areaRatio" (Ae/At) or by "pe" (exit pressure, Pa), not both or neither');
  }
  if (raw.areaRatio !== undefined) {
    const e = num(raw, 'areaRatio', 'areaRatio', 'area ratio', '', 1, 10000);
    if (isErr(e)) return e;
    spec.areaRatio = e;
  } else {
    const pe = num(raw, 'pe', 'pe', 'exit pressure', 'Pa', 0, 1e10);
    if (isErr(pe)) return pe;
    const pc = spec.gas?.pc ?? (typeof spec.problem?.pc === 'number' ? spec.problem.pc : undefined);
    if (pc !== undefined && pe >= pc) return bad('pe', `exit pressure (pe) must be below the chamber pressure ${pc} Pa (got ${pe} Pa)`);
    spec.pe = pe;
  }
  const nz = raw.nozzle ?? { type: 'bell' };
  if (!isObj(nz)) return bad('nozzle', `nozzle must be an object such as {"type":"bell","lengthFraction":0.8} (got ${show(nz)})`);
  if (nz.type === 'conical') {
    const halfAngle = num(nz, 'halfAngle', 'nozzle.halfAngle', 'cone half-angle', '°', 1, 45, { def: 15, loInclusive: true });
    if (isErr(halfAngle)) return halfAngle;
    const rd = num(nz, 'downstreamRadius', 'nozzle.downstreamRadius', 'downstream throat radius', 'throat radii', 0, 10, { def: 0.382, loInclusive: true });
    if (isErr(rd)) return rd;
    spec.nozzle = { type: 'conical', halfAngle, downstreamRadius: rd };
  } else if (nz.type === 'bell') {
    const f = num(nz, 'lengthFraction', 'nozzle.lengthFraction', 'bell length fraction', '', 0.6, 1, { def: 0.8, loInclusive: true });
    if (isErr(f)) return f;
    const rd = num(nz, 'downstreamRadius', 'nozzle.downstreamRadius', 'downstream throat radius', 'throat radii', 0, 10, { def: 0.382 });
    if (isErr(rd)) return rd;
    spec.nozzle = { type: 'bell', lengthFraction: f, downstreamRadius: rd };
  } else if (nz.type === 'moc') {
    if (nz.planar !== undefined && typeof nz.planar !== 'boolean') return bad('nozzle.planar', `nozzle.planar must be true or false (got ${show(nz.planar)})`);
    const n = num(nz, 'characteristics', 'nozzle.characteristics', 'number of characteristics', '', 3, 200, { def: 30, loInclusive: true });
    if (isErr(n)) return n;
    if (!Number.isInteger(n)) return bad('nozzle.characteristics', `number of characteristics (nozzle.characteristics) must be a whole number (got ${n})`);
    spec.nozzle = { type: 'moc', planar: nz.planar === true, characteristics: n };
  } else {
    return bad('nozzle.type', `nozzle.type must be "conical", "bell" or "moc" (got ${show(nz.type)})`);
  }
  const ch = raw.chamber;
  if (!isObj(ch)) return bad('chamber', `chamber must be an object such as {"contractionRatio":3,"lStar":1.1} (got ${show(ch)})`);
  const cr = num(ch, 'contractionRatio', 'chamber.contractionRatio', 'contraction ratio', '', 1, 400);
  if (isErr(cr)) return cr;
  if ((ch.lStar === undefined) === (ch.length === undefined)) {
    return bad(ch.lStar === undefined ? 'chamber.lStar' : 'chamber.length', 'give the chamber either its characteristic length "lStar" (m) or its cylinder "length" (m), not both or neither');
  }
  const chamber: ChamberSpec = { contractionRatio: cr, convergenceAngle: 30, upstreamRadius: 1.5, filletRadius: 1 };
  if (ch.lStar !== undefined) {
    const l = num(ch, 'lStar', 'chamber.lStar', 'characteristic length L*', 'm', 0, 100);
    if (isErr(l)) return l;
    chamber.lStar = l;
  } else {
    const l = num(ch, 'length', 'chamber.length', 'chamber cylinder length', 'm', 0, 1000, { loInclusive: true });
    if (isErr(l)) return l;
    chamber.length = l;
  }
  const ca = num(ch, 'convergenceAngle', 'chamber.convergenceAngle', 'convergent half-angle', '°', 5, 75, { def: 30, loInclusive: true });
  if (isErr(ca)) return ca;
  const ru = num(ch, 'upstreamRadius', 'chamber.upstreamRadius', 'upstream throat radius', 'throat radii', 0, 10, { def: 1.5 });
  if (isErr(ru)) return ru;
  const rf = num(ch, 'filletRadius', 'chamber.filletRadius', 'chamber fillet radius', 'throat radii', 0, 100, { def: 1, loInclusive: true });
  if (isErr(rf)) return rf;
  Object.assign(chamber, { convergenceAngle: ca, upstreamRadius: ru, filletRadius: rf });
  spec.chamber = chamber;
  const tw = num(raw, 'wallTemperature', 'wallTemperature', 'wall temperature', 'K', 0, 5000);
  if (isErr(tw)) return tw;
  const eta = num(raw, 'cstarEfficiency', 'cstarEfficiency', 'c* efficiency', '', 0.5, 1, { def: 1, loInclusive: true });
  if (isErr(eta)) return eta;
  return ok({ ...spec, thrust, pamb, wallTemperature: tw, cstarEfficiency: eta } as DesignSpec);
}

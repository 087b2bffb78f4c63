// The built-in propellant library and validation of user-defined propellants.
//
// A propellant maps to one or more engine reactants: a thermo.inp species (`species`), or a
// custom exploded formula + enthalpy, or a blend of those by mass (90 % peroxide, Aerozine-50).
//
// Densities: liquids at the storage temperature given, solids at room temperature, from
//   [S] Sutton & Biblarz, Rocket Propulsion Elements, 9th ed., Table 7-1/7-2 and Table 13-1;
//   [N] NIST Chemistry WebBook, SRD 69, thermophysical properties of fluids (saturated liquid);
//   [C] CRC Handbook of Chemistry and Physics, 97th ed., "Physical constants of organic/inorganic
//       compounds" (solids and room-temperature liquids);
//   [H] Solvay/USP Technologies H2O2 density tables (90 wt % at 25 °C).
// Enthalpies: thermo.inp (NASA TP-2002-211556) at the stated temperature, except HTPB (R-45M, as
// used by RocketCEA) and sucrose (NIST WebBook, ΔfH°solid = −2226.1 kJ/mol).
// Costs are indicative bulk prices in USD per kg (order of magnitude only); users edit them.
import type { ReactantSpec, Role } from './problem.ts';
import { err, ok, type Result } from './result.ts';
import { isRecord } from './json-clean.ts';
import { checkNumber, type Failure } from './validate.ts';

export type Hazard = 'cryogenic' | 'toxic' | 'hypergolic' | 'corrosive' | 'oxidiser' | 'energetic' | 'flammable';

export interface PropellantComponent {
  /** thermo.inp species name, or a user name when `formula` is given. */
  name: string;
  /** Mass fraction of this component within the propellant. */
  massFraction: number;
  /** Exploded formula for a species that is not in thermo.inp. */
  formula?: Record<string, number>;
  /** Enthalpy at the storage temperature, J/mol (required with `formula`). */
  enthalpy_J_mol?: number;
}

export interface Propellant {
  id: string;
  name: string;
  /** Usual role; 'either' for components of solid grains and monopropellants. */
  role: Role | 'either';
  components: PropellantComponent[];
  density_kg_m3: number;
  storageT_K: number;
  cost_per_kg: number;
  hazards: Hazard[];
  notes: string;
  /** Where the numbers come from. */
  source: string;
  builtIn: boolean;
}

/** Element symbols present in the engine's thermo data (NASA thermo.inp), as written in chemistry. */
export const ENGINE_ELEMENTS = [
  'Ag', 'Al', 'Ar', 'B', 'Ba', 'Be', 'Br', 'C', 'Ca', 'Cd', 'Cl', 'Co', 'Cr', 'Cs', 'Cu', 'D', 'F', 'Fe', 'Ga', 'Ge', 'H', 'He', 'Hg', 'I', 'In',
  'K', 'Kr', 'Li', 'Mg', 'Mn', 'Mo', 'N', 'Na', 'Nb', 'Ne', 'Ni', 'O', 'P', 'Pb', 'Rb', 'Rn', 'S', 'Sc', 'Si', 'Sn', 'Sr', 'Ta', 'Th', 'Ti', 'U',
  'V', 'W', 'Xe', 'Zn', 'Zr',
] as const;

const ELEMENT_BY_UPPER = new Map<string, string>(ENGINE_ELEMENTS.map((e) => [e.toUpperCase(), e]));

/** Canonical symbol for an element written in any case ("CL" → "Cl"); null when the engine does not know it. */
export function canonicalElement(sym: string): string | null {
  return ELEMENT_BY_UPPER.get(sym.trim().toUpperCase()) ?? null;
}

const sp = (name: string, massFraction = 1): PropellantComponent => ({ name, massFraction });

const HTPB_FORMULA = { C: 7.3165, H: 10.336, O: 0.1063 };

export const BUILT_IN_PROPELLANTS: Propellant[] = [
  { id: 'lox', name: 'Liquid oxygen (LOX)', role: 'oxidizer', components: [sp('O2(L)')], density_kg_m3: 1141, storageT_K: 90.17, cost_per_kg: 0.2, hazards: ['cryogenic', 'oxidiser'], notes: 'Cryogenic; boils at 90.2 K. Cheap and non-toxic.', source: 'density [N] sat. liquid at 90.2 K; h thermo.inp', builtIn: true },
  { id: 'lh2', name: 'Liquid hydrogen (LH2)', role: 'fuel', components: [sp('H2(L)')], density_kg_m3: 70.85, storageT_K: 20.27, cost_per_kg: 6, hazards: ['cryogenic', 'flammable'], notes: 'Deep cryogenic (20 K); highest Isp, very low density, large tanks.', source: 'density [N] sat. liquid at 20.3 K; h thermo.inp', builtIn: true },
  { id: 'rp1', name: 'RP-1 (kerosene)', role: 'fuel', components: [sp('RP-1')], density_kg_m3: 810, storageT_K: 298.15, cost_per_kg: 2, hazards: ['flammable'], notes: 'Storable rocket kerosene (CH1.95); dense, cheap.', source: 'density [S] Table 7-1 (0.80–0.82 g/cm³); h thermo.inp (Mehta 1995)', builtIn: true },
  { id: 'lch4', name: 'Liquid methane (LCH4)', role: 'fuel', components: [sp('CH4(L)')], density_kg_m3: 422.6, storageT_K: 111.643, cost_per_kg: 0.8, hazards: ['cryogenic', 'flammable'], notes: 'Mildly cryogenic (112 K); clean-burning, reusable-engine favourite.', source: 'density [N] sat. liquid at 111.6 K; h thermo.inp', builtIn: true },
  { id: 'ethanol', name: 'Ethanol', role: 'fuel', components: [sp('C2H5OH(L)')], density_kg_m3: 789, storageT_K: 298.15, cost_per_kg: 1.5, hazards: ['flammable'], notes: 'Storable, low toxicity; V-2 and amateur engines.', source: 'density [C] at 20 °C; h thermo.inp', builtIn: true },
  { id: 'n2o4', name: 'Nitrogen tetroxide (NTO)', role: 'oxidizer', components: [sp('N2O4(L)')], density_kg_m3: 1443, storageT_K: 298.15, cost_per_kg: 15, hazards: ['toxic', 'corrosive', 'oxidiser', 'hypergolic'], notes: 'Storable; hypergolic with hydrazines. Toxic NO2 fumes.', source: 'density [S] Table 7-1 (1.44 g/cm³ at 20 °C); h thermo.inp', builtIn: true },
  { id: 'mmh', name: 'Monomethylhydrazine (MMH)', role: 'fuel', components: [sp('CH6N2(L)')], density_kg_m3: 874, storageT_K: 298.15, cost_per_kg: 200, hazards: ['toxic', 'hypergolic', 'flammable'], notes: 'Storable; hypergolic with NTO. Toxic, suspected carcinogen.', source: 'density [S] Table 7-1 (0.874 g/cm³ at 25 °C); h thermo.inp', builtIn: true },
  { id: 'udmh', name: 'Unsymmetrical dimethylhydrazine (UDMH)', role: 'fuel', components: [sp('C2H8N2(L),UDMH')], density_kg_m3: 791, storageT_K: 298.15, cost_per_kg: 100, hazards: ['toxic', 'hypergolic', 'flammable'], notes: 'Storable; hypergolic with NTO. Toxic.', source: 'density [S] Table 7-1 (0.791 g/cm³ at 22 °C); h thermo.inp', builtIn: true },
  { id: 'n2h4', name: 'Hydrazine', role: 'either', components: [sp('N2H4(L)')], density_kg_m3: 1004, storageT_K: 298.15, cost_per_kg: 100, hazards: ['toxic', 'hypergolic', 'flammable'], notes: 'Monopropellant over a catalyst, or fuel. Toxic; freezes at 275 K.', source: 'density [S] Table 7-1 (1.004 g/cm³ at 25 °C); h thermo.inp', builtIn: true },
  { id: 'a50', name: 'Aerozine-50 (50 % N2H4 + 50 % UDMH)', role: 'fuel', components: [sp('N2H4(L)', 0.5), sp('C2H8N2(L),UDMH', 0.5)], density_kg_m3: 899, storageT_K: 298.15, cost_per_kg: 100, hazards: ['toxic', 'hypergolic', 'flammable'], notes: 'Titan and Apollo SPS fuel; 50/50 by mass.', source: 'density [S] Table 7-1 (0.899 g/cm³); h thermo.inp components', builtIn: true },
  { id: 'htp90', name: 'Hydrogen peroxide 90 % (HTP)', role: 'oxidizer', components: [sp('H2O2(L)', 0.9), sp('H2O(L)', 0.1)], density_kg_m3: 1387, storageT_K: 298.15, cost_per_kg: 5, hazards: ['oxidiser', 'corrosive'], notes: 'Storable, non-cryogenic; decomposes over silver/permanganate. 90 % by mass in water.', source: 'density [H] 90 wt % at 25 °C; h thermo.inp components', builtIn: true },
  { id: 'h2o2', name: 'Hydrogen peroxide (pure)', role: 'oxidizer', components: [sp('H2O2(L)')], density_kg_m3: 1443, storageT_K: 298.15, cost_per_kg: 8, hazards: ['oxidiser', 'corrosive'], notes: 'Component for peroxide blends.', source: 'density [C] at 25 °C; h thermo.inp', builtIn: true },
  { id: 'water', name: 'Water', role: 'either', components: [sp('H2O(L)')], density_kg_m3: 997, storageT_K: 298.15, cost_per_kg: 0.001, hazards: [], notes: 'Diluent in peroxide blends.', source: 'density [C] at 25 °C; h thermo.inp', builtIn: true },
  { id: 'n2o', name: 'Nitrous oxide', role: 'oxidizer', components: [sp('N2O')], density_kg_m3: 745, storageT_K: 298.15, cost_per_kg: 3, hazards: ['oxidiser'], notes: 'Self-pressurising (≈56 bar vapour pressure at 298 K); hybrid motors. Engine takes it as gas at 298 K.', source: 'density [N] sat. liquid at 298 K; h thermo.inp (gas)', builtIn: true },
  { id: 'htpb', name: 'HTPB binder (R-45M)', role: 'fuel', components: [{ name: 'HTPB', massFraction: 1, formula: HTPB_FORMULA, enthalpy_J_mol: 5020.8 }], density_kg_m3: 930, storageT_K: 298.15, cost_per_kg: 10, hazards: [], notes: 'Rubber fuel/binder of composite solids and hybrids; C7.3165 H10.336 O0.1063 per formula unit.', source: 'formula and h = 1200 cal/mol: R-45M as used by RocketCEA; density [S] Table 13-1', builtIn: true },
  { id: 'ap', name: 'Ammonium perchlorate (AP)', role: 'either', components: [sp('NH4CLO4(I)')], density_kg_m3: 1950, storageT_K: 298.15, cost_per_kg: 10, hazards: ['oxidiser', 'energetic'], notes: 'Oxidiser of composite solids; HCl in the exhaust.', source: 'density [C]; h thermo.inp', builtIn: true },
  { id: 'al', name: 'Aluminium powder', role: 'either', components: [sp('AL(cr)')], density_kg_m3: 2700, storageT_K: 298.15, cost_per_kg: 5, hazards: ['flammable'], notes: 'Metal fuel in solids: hotter flame, Al2O3 condensed in the exhaust.', source: 'density [C]; h thermo.inp (reference element, 0 J/mol)', builtIn: true },
  { id: 'kno3', name: 'Potassium nitrate', role: 'either', components: [sp('KNO3(a)')], density_kg_m3: 2109, storageT_K: 298.15, cost_per_kg: 2, hazards: ['oxidiser'], notes: 'Oxidiser of amateur "rocket candy"; thermo.inp calls the room-temperature (rhombic) phase KNO3(a).', source: 'density [C]; h thermo.inp', builtIn: true },
  { id: 'sucrose', name: 'Sucrose', role: 'either', components: [{ name: 'Sucrose', massFraction: 1, formula: { C: 12, H: 22, O: 11 }, enthalpy_J_mol: -2226100 }], density_kg_m3: 1587, storageT_K: 298.15, cost_per_kg: 1, hazards: [], notes: 'Table sugar; fuel/binder of KNO3 candy propellant. Not in thermo.inp, so given by formula.', source: 'ΔfH° NIST WebBook (−2226.1 kJ/mol); density [C]', builtIn: true },
];

/** The engine reactants for `massFraction` of a role made of this propellant, at its storage temperature. */
export function propellantReactants(p: Propellant, massFraction = 1, role?: Role): ReactantSpec[] {
  return p.components.map((c) => {
    const r: ReactantSpec = { name: c.name, massFraction: c.massFraction * massFraction, T: p.storageT_K };
    if (role) r.role = role;
    if (c.formula) {
      r.formula = { ...c.formula };
      r.enthalpy = c.enthalpy_J_mol;
    }
    return r;
  });
}

/** Library entry whose species/formula matches a reactant name (for labels, densities and search). */
export function findPropellantBySpecies(name: string, library: Propellant[] = BUILT_IN_PROPELLANTS): Propellant | undefined {
  return library.find((p) => p.components.length === 1 && p.components[0].name === name);
}

/** Parses "C7.3165 H10.336 O0.1063", "C 12 H 22 O 11" or "NH4ClO4" into element → count (elements canonicalised). */
export function parseFormula(text: string): Result<Record<string, number>> {
  const s = text.replace(/\s+/g, '');
  if (!s) return err('bad-input', 'formula is empty', 'formula');
  const out: Record<string, number> = {};
  const re = /([A-Z][a-z]?)(\d*\.?\d*(?:[eE][-+]?\d+)?)/y;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m || m[0].length === 0) return err('bad-input', `formula has an unreadable part at ${JSON.stringify(s.slice(i, i + 8))}`, 'formula');
    const el = canonicalElement(m[1]);
    if (!el) return err('bad-input', `element ${JSON.stringify(m[1])} is not known to the engine`, 'formula');
    const n = m[2] === '' ? 1 : Number(m[2]);
    if (!Number.isFinite(n) || n <= 0) return err('bad-input', `count of ${el} must be > 0 (got ${JSON.stringify(m[2])})`, 'formula');
    out[el] = (out[el] ?? 0) + n;
    i += m[0].length;
  }
  return ok(out);
}

export function formatFormula(f: Record<string, number>): string {
  return Object.entries(f)
    .map(([el, n]) => `${el}${n === 1 ? '' : n}`)
    .join(' ');
}

/** Standard atomic weights (IUPAC 2021 abridged), g/mol, for the elements propellants use. */
const ATOMIC_WEIGHT: Record<string, number> = {
  H: 1.008, D: 2.014, He: 4.0026, Li: 6.94, Be: 9.0122, B: 10.81, C: 12.011, N: 14.007, O: 15.999, F: 18.998, Ne: 20.18, Na: 22.99, Mg: 24.305,
  Al: 26.982, Si: 28.085, P: 30.974, S: 32.06, Cl: 35.45, Ar: 39.95, K: 39.098, Ca: 40.078, Ti: 47.867, Cr: 51.996, Mn: 54.938, Fe: 55.845,
  Ni: 58.693, Cu: 63.546, Zn: 65.38, Br: 79.904, Zr: 91.224, Ag: 107.87, I: 126.9, Ba: 137.33, W: 183.84, Pb: 207.2, Xe: 131.29, Kr: 83.798,
};

/** Molar mass of a formula unit, kg/kmol (g/mol); NaN when an element has no tabulated weight here. */
export function molarMass(f: Record<string, number>): number {
  let m = 0;
  for (const [el, n] of Object.entries(f)) m += (ATOMIC_WEIGHT[el] ?? NaN) * n;
  return m;
}

export interface CustomPropellantInput {
  name: string;
  role: Role | 'either';
  formula: string | Record<string, number>;
  enthalpy_J_mol: number;
  density_kg_m3: number;
  storageT_K: number;
  cost_per_kg?: number;
  notes?: string;
  hazards?: Hazard[];
}

const HAZARDS: Hazard[] = ['cryogenic', 'toxic', 'hypergolic', 'corrosive', 'oxidiser', 'energetic', 'flammable'];

/** Validates a user-defined propellant; the error names the field and the value. */
export function validateCustomPropellant(input: CustomPropellantInput, id: string): Result<Propellant> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) return err('bad-input', 'name must not be empty', 'name');
  if (name.length > 60) return err('bad-input', `name must be at most 60 characters (got ${name.length})`, 'name');
  if (!['fuel', 'oxidizer', 'either'].includes(input.role)) return err('bad-input', `role must be fuel, oxidizer or either (got ${JSON.stringify(input.role)})`, 'role');
  let formula: Record<string, number>;
  if (typeof input.formula === 'string') {
    const f = parseFormula(input.formula);
    if (!f.ok) return f;
    formula = f.value;
  } else {
    formula = {};
    for (const [el, n] of Object.entries(input.formula ?? {})) {
      const c = canonicalElement(el);
      if (!c) return err('bad-input', `element ${JSON.stringify(el)} is not known to the engine`, 'formula');
      if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return err('bad-input', `count of ${c} must be > 0 (got ${JSON.stringify(n)})`, 'formula');
      formula[c] = (formula[c] ?? 0) + n;
    }
    if (!Object.keys(formula).length) return err('bad-input', 'formula is empty', 'formula');
  }
  for (const [el, n] of Object.entries(formula)) if (n > 1000) return err('bad-input', `count of ${el} must be ≤ 1000 (got ${n})`, 'formula');
  if (Object.keys(formula).length > 5) return err('bad-input', `a formula may have at most 5 elements (got ${Object.keys(formula).length})`, 'formula');
  const checks: (Failure | null)[] = [
    checkNumber(input.enthalpy_J_mol, { field: 'enthalpy_J_mol', label: 'enthalpy of formation', unit: 'J/mol', ge: -1e8, le: 1e8 }),
    checkNumber(input.density_kg_m3, { field: 'density_kg_m3', label: 'density', unit: 'kg/m³', gt: 0, le: 25000 }),
    checkNumber(input.storageT_K, { field: 'storageT_K', label: 'storage temperature', unit: 'K', gt: 0, le: 6000 }),
    checkNumber(input.cost_per_kg ?? 0, { field: 'cost_per_kg', label: 'cost per kg', ge: 0, le: 1e9 }),
  ];
  for (const c of checks) if (c) return c;
  const hazards = (input.hazards ?? []).filter((h) => HAZARDS.includes(h));
  return ok({
    id,
    name,
    role: input.role,
    components: [{ name, massFraction: 1, formula, enthalpy_J_mol: input.enthalpy_J_mol }],
    density_kg_m3: input.density_kg_m3,
    storageT_K: input.storageT_K,
    cost_per_kg: input.cost_per_kg ?? 0,
    hazards,
    notes: (input.notes ?? '').slice(0, 1000),
    source: 'user-defined',
    builtIn: false,
  });
}

/** Case-insensitive search over names, species, formulae, hazards and notes. */
export function searchPropellants(query: string, library: Propellant[]): Propellant[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return library;
  return library.filter((p) => {
    const hay = [p.name, p.id, p.notes, ...p.hazards, ...p.components.map((c) => c.name + (c.formula ? ' ' + formatFormula(c.formula) : ''))].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Density of a mixture by mass fractions (ideal mixing: volumes add), kg/m³. */
export function bulkDensity(parts: { massFraction: number; density_kg_m3: number }[]): number {
  let total = 0;
  let volume = 0;
  for (const p of parts) {
    total += p.massFraction;
    volume += p.massFraction / p.density_kg_m3;
  }
  return total / volume;
}

/**
 * Library density of each reactant, kg/m³: the propellant made of that species alone, else a
 * library blend that has it as a component (Aerozine-50's UDMH); null when one has no density.
 */
export function reactantDensities(reactants: readonly Pick<ReactantSpec, 'name'>[], library: Propellant[] = BUILT_IN_PROPELLANTS): number[] | null {
  const out: number[] = [];
  for (const r of reactants) {
    const lib = findPropellantBySpecies(r.name, library) ?? library.find((x) => x.components.some((c) => c.name === r.name));
    if (!lib) return null;
    out.push(lib.density_kg_m3);
  }
  return out;
}

/**
 * Bulk density of a propellant at mixture ratio `of`, kg/m³ (ideal mixing): each reactant's share
 * of the whole is its fraction within its role times the role's share (1/(1+O/F) fuel, O/F/(1+O/F)
 * oxidizer), or its fraction of the whole without roles. `densities` in kg/m³, one per reactant.
 */
export function propellantDensity(reactants: readonly Pick<ReactantSpec, 'role' | 'massFraction'>[], densities: readonly number[], of: number): number {
  const roleTotal = { fuel: 0, oxidizer: 0 };
  for (const r of reactants) if (r.role) roleTotal[r.role] += r.massFraction;
  const share = (r: Pick<ReactantSpec, 'role' | 'massFraction'>) => {
    if (!r.role) return r.massFraction;
    const within = roleTotal[r.role] > 0 ? r.massFraction / roleTotal[r.role] : 0;
    return within * (r.role === 'fuel' ? 1 / (1 + of) : of / (1 + of));
  };
  return bulkDensity(reactants.map((r, i) => ({ massFraction: share(r), density_kg_m3: densities[i] })));
}

/** Validates a stored/imported custom propellant again (a file may have been edited). */
export function restorePropellant(raw: unknown): Result<Propellant> {
  if (!isRecord(raw) || typeof raw.id !== 'string') return err('bad-input', 'propellant has no id', 'id');
  const c = Array.isArray(raw.components) && isRecord(raw.components[0]) ? raw.components[0] : {};
  return validateCustomPropellant(
    {
      name: raw.name as string,
      role: raw.role as Propellant['role'],
      formula: (c.formula ?? {}) as Record<string, number>,
      enthalpy_J_mol: c.enthalpy_J_mol as number,
      density_kg_m3: raw.density_kg_m3 as number,
      storageT_K: raw.storageT_K as number,
      cost_per_kg: raw.cost_per_kg as number,
      notes: typeof raw.notes === 'string' ? raw.notes : '',
      hazards: Array.isArray(raw.hazards) ? (raw.hazards as Propellant['hazards']) : [],
    },
    raw.id,
  );
}

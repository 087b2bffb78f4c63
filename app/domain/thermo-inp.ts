// Parser of NASA Glenn thermo data in the thermo.inp format (McBride, Zehe & Gordon,
// NASA TP-2002-211556, appendix A) and the project's compact species-data document.
// Pure TS, no node imports: the browser uses it too, for users' own thermo.inp files.

/** One temperature interval: Cp/R = Σ a_k T^(k−3), k = 1..7; b1, b2 the H and S constants. */
export interface ThermoInterval {
  Tlo_K: number;
  Thi_K: number;
  /** a1…a7, b1, b2 */
  a: number[];
}

export interface ThermoSpecies {
  name: string;
  /** 0 = gas, otherwise a condensed phase (the file's phase flag). */
  phase: number;
  /** Molar mass, g/mol = kg/kmol. */
  M: number;
  /** Element symbol (normalised: "Al", "Cl", "E" for the electron) → atoms per formula unit. */
  elements: Record<string, number>;
  /** Enthalpy of formation at 298.15 K, J/mol; for reactant-only entries the enthalpy at T_K. */
  hf_J_mol: number;
  /** Polynomial intervals (empty for reactant-only entries). */
  intervals: ThermoInterval[];
  /** Reactant-only entries (no intervals): the one temperature the enthalpy holds at, K. */
  T_K?: number;
  /** Listed after END PRODUCTS: a reactant, never a product candidate. */
  reactantOnly: boolean;
}

export interface ThermoParseResult {
  /** Common interval boundaries from the `thermo` header line, K. */
  commonT_K: number[];
  /** Date stamp of the header line (e.g. "9/09/04"). */
  date: string;
  species: ThermoSpecies[];
}

const STANDARD_EXPONENTS = [-2, -1, 0, 1, 2, 3, 4];

/** Error thrown by parseThermoInp; `line` is 1-based. */
export class ThermoInpError extends Error {
  constructor(message: string, readonly line: number) {
    super(`thermo.inp line ${line}: ${message}`);
  }
}

function num(s: string): number {
  const t = s.trim().replace(/[dD]/, 'e');
  return t === '' ? 0 : Number(t);
}

/** "AL" → "Al", "e" / "E" → "E"; thermo.inp writes symbols in capitals. */
export function normaliseElement(sym: string): string {
  const s = sym.trim();
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1).toLowerCase();
}

/** Parses a thermo.inp text; throws ThermoInpError naming the line on malformed records. */
export function parseThermoInp(text: string): ThermoParseResult {
  const lines = text.split(/\r?\n/);
  let i = 0;
  // Skip comments up to the `thermo` keyword.
  while (i < lines.length && !/^thermo/i.test(lines[i])) i++;
  if (i >= lines.length) throw new ThermoInpError('no "thermo" header line', lines.length);
  i++;
  const header = lines[i] ?? '';
  const commonT_K: number[] = [];
  for (let k = 0; k < 4; k++) {
    const v = num(header.slice(k * 10, k * 10 + 10));
    if (v > 0) commonT_K.push(v);
  }
  const date = header.trim().split(/\s+/).find((t) => t.includes('/')) ?? '';
  i++;
  const species: ThermoSpecies[] = [];
  let reactantOnly = false;
  while (i < lines.length) {
    const l1 = lines[i];
    if (l1.trim() === '' || l1.startsWith('!')) { i++; continue; }
    if (/^END PRODUCTS/i.test(l1)) { reactantOnly = true; i++; continue; }
    if (/^END REACTANTS/i.test(l1)) break;
    const name = l1.slice(0, 18).trim().split(/\s+/)[0];
    const l2 = lines[i + 1];
    if (l2 === undefined) throw new ThermoInpError(`species ${name}: missing formula record`, i + 2);
    const nInt = parseInt(l2.slice(0, 2), 10);
    if (!Number.isFinite(nInt) || nInt < 0) throw new ThermoInpError(`species ${name}: bad interval count "${l2.slice(0, 2)}"`, i + 2);
    const elements: Record<string, number> = {};
    for (let k = 0; k < 5; k++) {
      const sym = normaliseElement(l2.slice(10 + 8 * k, 12 + 8 * k));
      const cnt = num(l2.slice(12 + 8 * k, 18 + 8 * k));
      if (sym && cnt !== 0) elements[sym] = (elements[sym] ?? 0) + cnt;
    }
    const phase = num(l2.slice(50, 52));
    const M = num(l2.slice(52, 65));
    const hf = num(l2.slice(65, 80));
    if (!(M > 0) || !Number.isFinite(hf)) throw new ThermoInpError(`species ${name}: bad molar mass or enthalpy`, i + 2);
    const sp: ThermoSpecies = { name, phase, M, elements, hf_J_mol: hf, intervals: [], reactantOnly };
    if (nInt === 0) {
      sp.T_K = num((lines[i + 2] ?? '').slice(0, 11));
      i += 3;
    } else {
      for (let k = 0; k < nInt; k++) {
        const base = i + 2 + 3 * k;
        const r3 = lines[base];
        const r4 = lines[base + 1];
        const r5 = lines[base + 2];
        if (r3 === undefined || r4 === undefined || r5 === undefined) throw new ThermoInpError(`species ${name}: truncated interval ${k + 1}`, base + 1);
        const Tlo = num(r3.slice(0, 11));
        const Thi = num(r3.slice(11, 22));
        const nCoef = parseInt(r3.slice(22, 23), 10);
        const exps = [];
        for (let e = 0; e < nCoef; e++) exps.push(num(r3.slice(23 + 5 * e, 28 + 5 * e)));
        if (nCoef !== 7 || exps.some((e, j) => e !== STANDARD_EXPONENTS[j])) {
          throw new ThermoInpError(`species ${name}: only the 7 standard exponents −2…4 are supported`, base + 1);
        }
        const a = [
          num(r4.slice(0, 16)), num(r4.slice(16, 32)), num(r4.slice(32, 48)), num(r4.slice(48, 64)), num(r4.slice(64, 80)),
          num(r5.slice(0, 16)), num(r5.slice(16, 32)), num(r5.slice(48, 64)), num(r5.slice(64, 80)),
        ];
        if (!(Thi > Tlo) || a.some((v) => !Number.isFinite(v))) throw new ThermoInpError(`species ${name}: bad interval ${k + 1}`, base + 1);
        sp.intervals.push({ Tlo_K: Tlo, Thi_K: Thi, a });
      }
      i += 2 + 3 * nInt;
    }
    species.push(sp);
  }
  return { commonT_K, date, species };
}

// ---- the project's compact document -------------------------------------------------------------

export interface ThermoProvenance {
  source: string;
  sha256: string;
  date: string;
  reference: string;
  notes?: string[];
}

/**
 * Compact species record: [name, phase, M, hf_J_mol, elements, data, reactantOnly?]
 * where data = flat [Tlo, Thi, a1..a7, b1, b2]* for species with intervals, or [T_K] for
 * reactant-only entries (hf is then the enthalpy at T_K). The 7th slot is 1 for reactant-only.
 */
export type CompactSpecies = [string, number, number, number, Record<string, number>, number[], 0 | 1];

export interface ThermoDocument {
  type: 'rfo-thermo';
  version: 1;
  provenance: ThermoProvenance;
  commonT_K: number[];
  species: CompactSpecies[];
}

export function toDocument(parsed: ThermoParseResult, provenance: ThermoProvenance): ThermoDocument {
  return {
    type: 'rfo-thermo',
    version: 1,
    provenance,
    commonT_K: parsed.commonT_K,
    species: parsed.species.map((s) => [
      s.name, s.phase, s.M, s.hf_J_mol, s.elements,
      s.intervals.length ? s.intervals.flatMap((iv) => [iv.Tlo_K, iv.Thi_K, ...iv.a]) : [s.T_K ?? 298.15],
      s.reactantOnly ? 1 : 0,
    ]),
  };
}

/** Reads the compact document back into species records. */
export function fromDocument(doc: ThermoDocument): ThermoSpecies[] {
  return doc.species.map(([name, phase, M, hf, elements, data, ro]) => {
    const sp: ThermoSpecies = { name, phase, M, elements, hf_J_mol: hf, intervals: [], reactantOnly: ro === 1 };
    if (data.length === 1) sp.T_K = data[0];
    else for (let k = 0; k + 11 <= data.length; k += 11) sp.intervals.push({ Tlo_K: data[k], Thi_K: data[k + 1], a: data.slice(k + 2, k + 11) });
    return sp;
  });
}

/** Dimensionless H/RT, S/R and Cp/R of one interval's polynomial at T (K). */
export function polyHSCp(a: number[], T: number): { h: number; s: number; cp: number } {
  const lnT = Math.log(T);
  const cp = a[0] / (T * T) + a[1] / T + a[2] + a[3] * T + a[4] * T * T + a[5] * T ** 3 + a[6] * T ** 4;
  const h = -a[0] / (T * T) + a[1] * lnT / T + a[2] + a[3] * T / 2 + a[4] * T * T / 3 + a[5] * T ** 3 / 4 + a[6] * T ** 4 / 5 + a[7] / T;
  const s = -a[0] / (2 * T * T) - a[1] / T + a[2] * lnT + a[3] * T + a[4] * T * T / 2 + a[5] * T ** 3 / 3 + a[6] * T ** 4 / 4 + a[8];
  return { h, s, cp };
}

/** The interval used at T: the one containing T, else the nearest end (extrapolation). */
export function intervalAt(sp: ThermoSpecies, T: number): ThermoInterval {
  const ivs = sp.intervals;
  for (const iv of ivs) if (T <= iv.Thi_K) return iv;
  return ivs[ivs.length - 1];
}

// ---- a packed form of the document, for fast loading (the command line's build) -----------------

/**
 * The document with its numbers apart: per species [name, phase, elements, data length,
 * reactantOnly] in JSON, and one array holding per species M, hf, then its data. The command line
 * loads it instead of thermo.json: a few kilobytes of JSON to parse instead of some 70,000 numbers
 * in text, and species whose intervals are read only when they are used.
 */
export interface PackedThermo {
  type: 'rfo-thermo-packed';
  version: 1;
  provenance: ThermoProvenance;
  commonT_K: number[];
  species: [string, number, Record<string, number>, number, 0 | 1][];
  /** Set after loading: the numbers (not part of the JSON index). */
  numbers?: Float64Array;
}

/** Splits a document into its packed JSON index and its numbers. */
export function packThermoDocument(doc: ThermoDocument): { index: PackedThermo; numbers: Float64Array } {
  let n = 0;
  for (const s of doc.species) n += 2 + s[5].length;
  const numbers = new Float64Array(n);
  let o = 0;
  const species = doc.species.map(([name, phase, M, hf, elements, data, ro]): PackedThermo['species'][number] => {
    numbers[o++] = M;
    numbers[o++] = hf;
    numbers.set(data, o);
    o += data.length;
    return [name, phase, elements, data.length, ro];
  });
  return { index: { type: 'rfo-thermo-packed', version: 1, provenance: doc.provenance, commonT_K: doc.commonT_K, species }, numbers };
}

// A species of a packed document: its intervals are made from the numbers on first use.
class PackedSpecies implements ThermoSpecies {
  name: string;
  phase: number;
  M: number;
  elements: Record<string, number>;
  hf_J_mol: number;
  reactantOnly: boolean;
  declare T_K?: number; // an own property only where fromDocument gives one (reactant-only entries)
  #numbers: Float64Array;
  #at: number;
  #len: number;
  #intervals: ThermoInterval[] | null = null;
  constructor(name: string, phase: number, elements: Record<string, number>, numbers: Float64Array, at: number, len: number, ro: 0 | 1) {
    this.name = name;
    this.phase = phase;
    this.M = numbers[at];
    this.elements = elements;
    this.hf_J_mol = numbers[at + 1];
    this.reactantOnly = ro === 1;
    if (len === 1) this.T_K = numbers[at + 2];
    this.#numbers = numbers;
    this.#at = at + 2;
    this.#len = len;
  }
  get intervals(): ThermoInterval[] {
    if (this.#intervals) return this.#intervals;
    const iv: ThermoInterval[] = [];
    if (this.#len !== 1) {
      for (let k = 0; k + 11 <= this.#len; k += 11) {
        const o = this.#at + k;
        iv.push({ Tlo_K: this.#numbers[o], Thi_K: this.#numbers[o + 1], a: Array.from(this.#numbers.subarray(o + 2, o + 11)) });
      }
    }
    return (this.#intervals = iv);
  }
}

/** Whether a packed index and its numbers fit together (what packedSpecies needs), without making the species. */
export function packedFits(p: PackedThermo): boolean {
  const numbers = p?.numbers;
  if (p?.type !== 'rfo-thermo-packed' || p.version !== 1 || !Array.isArray(p.species) || !numbers) return false;
  let o = 0;
  for (const s of p.species) {
    const len = s[3];
    if (!(len >= 1) || o + 2 + len > numbers.length) return false;
    o += 2 + len;
  }
  return o === numbers.length;
}

/** The species of a packed document (as fromDocument gives them); null when index and numbers do not fit together. */
export function packedSpecies(p: PackedThermo): ThermoSpecies[] | null {
  if (!packedFits(p)) return null;
  const numbers = p.numbers!;
  const out: ThermoSpecies[] = new Array(p.species.length);
  let o = 0;
  for (let i = 0; i < p.species.length; i++) {
    const s = p.species[i];
    out[i] = new PackedSpecies(s[0], s[1], s[2], numbers, o, s[3], s[4]);
    o += 2 + s[3];
  }
  return out;
}

// Import of test-firing records from CSV: delimiter and decimal handling, quoted fields, a column
// mapping with a unit per column, and validation that rejects bad rows one by one with a message
// naming the row, the column and the value. Values come out in SI.
import { G0, PSI, BAR, ATM, LBF, LBM, FT, IN2 } from './units.ts';
import { err, ok, type KernelError, type Result } from './result.ts';

export type TestFireField = 'testId' | 'of' | 'pc' | 'eps' | 'pamb' | 'thrust' | 'mdot' | 'cstar' | 'isp' | 'at';

interface FieldDef {
  label: string;
  /** Unit name → factor to SI (value_SI = value × factor). Empty for text. */
  units: Record<string, number>;
  required: boolean;
  /** Smallest allowed SI value and whether it is allowed itself. */
  min?: { value: number; inclusive: boolean };
  /** Largest physical SI value (inclusive): the engine's own limit where it has one. */
  max?: number;
  /** Header patterns for guessing the mapping. */
  guess: RegExp;
}

const PRESSURE = { bar: BAR, Pa: 1, kPa: 1e3, MPa: 1e6, psia: PSI, atm: ATM };
const POSITIVE = { value: 0, inclusive: false };

// Upper limits: O/F, pressures and area ratio are the engine's own (app/domain/thermo-problem.ts);
// thrust, mass flow, c* and Isp are generous bounds far above any chemical rocket (the F-1 made
// 7.8 MN at about 2.6 t/s; chemical c* stays below 3 km/s and Isp below 5 km/s).
export const TESTFIRE_FIELDS: Record<TestFireField, FieldDef> = {
  testId: { label: 'test id', units: {}, required: false, guess: /^(test|run|shot|firing)[\s_-]*(id|no|#|number)?$|^id$/i },
  of: { label: 'O/F', units: { '–': 1 }, required: true, min: POSITIVE, max: 1e4, guess: /^(o\/f|of|mr|mixture[\s_-]*ratio|o_f)\b/i },
  pc: { label: 'chamber pressure', units: PRESSURE, required: true, min: POSITIVE, max: 1e10, guess: /^(pc|p_?c|chamber[\s_-]*pressure)\b/i },
  eps: { label: 'area ratio', units: { '–': 1 }, required: false, min: { value: 1, inclusive: true }, max: 1e5, guess: /^(eps|epsilon|ε|ae\/at|area[\s_-]*ratio)\b/i },
  pamb: { label: 'ambient pressure', units: PRESSURE, required: false, min: { value: 0, inclusive: true }, max: 1e10, guess: /^(pamb|p_?a|p_?amb|ambient[\s_-]*pressure|back[\s_-]*pressure)\b/i },
  thrust: { label: 'thrust', units: { N: 1, kN: 1e3, lbf: LBF }, required: false, min: POSITIVE, max: 1e9, guess: /^(f|thrust)\b/i },
  mdot: { label: 'mass flow', units: { 'kg/s': 1, 'g/s': 1e-3, 'lbm/s': LBM }, required: false, min: POSITIVE, max: 1e6, guess: /^(mdot|m_?dot|mass[\s_-]*flow|ṁ)\b/i },
  cstar: { label: 'c*', units: { 'm/s': 1, 'ft/s': FT }, required: false, min: POSITIVE, max: 1e4, guess: /^(c\*|cstar|c_star)(?![a-z0-9])/i },
  isp: { label: 'Isp', units: { 'm/s': 1, 'N·s/kg': 1, s: G0, 'lbf·s/lbm': G0 }, required: false, min: POSITIVE, max: 1e4, guess: /^(isp|specific[\s_-]*impulse)\b/i },
  // Throat area: with chamber pressure and mass flow it gives c* = pc·At/ṁ, checked against a c* column.
  at: { label: 'throat area', units: { 'm²': 1, 'cm²': 1e-4, 'mm²': 1e-6, 'in²': IN2 }, required: false, min: POSITIVE, max: 1e3, guess: /^(a_?t|a\*|throat[\s_-]*area)(?![a-z0-9])/i },
};

/** How many bad cells a page lists, and how many columns a column picker offers (a 100,000-row file must not become 200,000 list items). */
export const MAX_LISTED_ERRORS = 50;
export const MAX_PICKER_COLUMNS = 200;

/** Column indexes a picker offers: the first MAX_PICKER_COLUMNS, plus any column already chosen. */
export function pickerColumns(headers: readonly string[], mapping: Partial<Record<TestFireField, number>>): number[] {
  const out = headers.slice(0, MAX_PICKER_COLUMNS).map((_, i) => i);
  for (const c of Object.values(mapping)) if (c !== undefined && c >= MAX_PICKER_COLUMNS && c < headers.length && !out.includes(c)) out.push(c);
  return out;
}

export interface TestFireImportOptions {
  /** Field → column index (0-based) in the file. Unmapped optional fields are absent. */
  mapping: Partial<Record<TestFireField, number>>;
  /** Field → unit name (a key of TESTFIRE_FIELDS[field].units); SI-like defaults when omitted. */
  units?: Partial<Record<TestFireField, string>>;
  decimal?: '.' | ',';
  /** Field separator; detected from the header line when omitted. */
  delimiter?: ',' | ';' | '\t';
  /** Every mapped field with a physical unit must have one in `units` (no silent default): the import form sets this. */
  requireUnits?: boolean;
}

export interface TestFireRow {
  /** Line in the file (1-based, the header is line 1). */
  line: number;
  testId: string;
  of: number;
  /** Pa */
  pc: number;
  eps?: number;
  /** Pa */
  pamb?: number;
  /** N */
  thrust?: number;
  /** kg/s */
  mdot?: number;
  /** m/s */
  cstar?: number;
  /** m/s (from the Isp column, or thrust / mass flow) */
  isp?: number;
  /** m² */
  at?: number;
}

export interface RowError {
  line: number;
  column: string;
  value: string;
  message: string;
}

export interface TestFireImport {
  headers: string[];
  rows: TestFireRow[];
  errors: RowError[];
}

const DEFAULT_UNIT: Record<TestFireField, string> = { testId: '', of: '–', pc: 'bar', eps: '–', pamb: 'bar', thrust: 'N', mdot: 'kg/s', cstar: 'm/s', isp: 'm/s', at: 'm²' };

/** Splits delimited text into records of fields (RFC 4180 quoting; CRLF, LF or CR line ends). */
export function splitDelimited(text: string, delimiter: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  let line = 1;
  let startLine = 1;
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (q) {
      if (ch === '"' && t[i + 1] === '"') {
        f += '"';
        i++;
      } else if (ch === '"') q = false;
      else {
        if (ch === '\n') line++;
        f += ch;
      }
    } else if (ch === '"' && f.trim() === '') {
      f = '';
      q = true;
    } else if (ch === delimiter) {
      row.push(f);
      f = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && t[i + 1] === '\n') i++;
      row.push(f);
      out.push({ fields: row, line: startLine });
      row = [];
      f = '';
      line++;
      startLine = line;
    } else f += ch;
  }
  if (f !== '' || row.length) {
    row.push(f);
    out.push({ fields: row, line: startLine });
  }
  return out.filter((r) => r.fields.some((x) => x.trim() !== ''));
}

/** The separator used most in the first line outside quotes (',' when none). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const first = text.split(/\r?\n|\r/, 1)[0].replace(/"[^"]*"/g, '');
  const count = (c: string) => first.split(c).length - 1;
  const counts: [',' | ';' | '\t', number][] = [[',', count(',')], [';', count(';')], ['\t', count('\t')]];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

/** Parses one number written with the given decimal mark; thousands grouping (space, or the other mark in groups of 3) allowed. */
export function parseDecimal(text: string, decimal: '.' | ','): number | null {
  let t = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (t === '') return null;
  const group = decimal === '.' ? ',' : '.';
  if (t.includes(group)) {
    const re = decimal === '.' ? /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?([eE][-+]?\d+)?$/ : /^[-+]?\d{1,3}(\.\d{3})+(,\d*)?([eE][-+]?\d+)?$/;
    if (!re.test(t)) return null;
    t = t.split(group).join('');
  }
  if (decimal === ',') t = t.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Guesses field → column from header names (first match wins; each column used once). */
export function guessMapping(headers: string[]): Partial<Record<TestFireField, number>> {
  const used = new Set<number>();
  const map: Partial<Record<TestFireField, number>> = {};
  for (const key of Object.keys(TESTFIRE_FIELDS) as TestFireField[]) {
    const j = headers.findIndex((h, i) => !used.has(i) && TESTFIRE_FIELDS[key].guess.test(h.trim()));
    if (j >= 0) {
      map[key] = j;
      used.add(j);
    }
  }
  return map;
}

/** Header line of a file (for the mapping form). */
export function csvHeaders(text: string, delimiter?: ',' | ';' | '\t'): string[] {
  return splitDelimited(text, delimiter ?? detectDelimiter(text))[0]?.fields.map((h) => h.trim()) ?? [];
}

/**
 * Reads test firings. A problem with the options (unmapped required field, unknown unit, empty file)
 * is an error value; a bad row is left out and reported in `errors`, one entry per bad cell.
 */
export function parseTestFireCsv(text: string, o: TestFireImportOptions): Result<TestFireImport, KernelError> {
  const decimal = o.decimal ?? '.';
  const delimiter = o.delimiter ?? detectDelimiter(text);
  const records = splitDelimited(text, delimiter);
  if (records.length < 2) return err('bad-input', 'the file needs a header line and at least one row of data', 'file');
  const headers = records[0].fields.map((h) => h.trim());
  const fields = Object.keys(o.mapping) as TestFireField[];
  for (const key of Object.keys(TESTFIRE_FIELDS) as TestFireField[]) {
    const def = TESTFIRE_FIELDS[key];
    const col = o.mapping[key];
    if (def.required && col === undefined) return err('bad-input', `choose the column that holds ${def.label}`, `mapping.${key}`);
    if (col !== undefined && !(Number.isInteger(col) && col >= 0 && col < headers.length)) {
      return err('bad-input', `${def.label}: column ${col} is not in the file (it has ${headers.length} columns)`, `mapping.${key}`);
    }
    const unit = o.units?.[key];
    if (o.requireUnits && col !== undefined && unit === undefined && needsUnit(key)) {
      const header = headers[col] || `column ${col + 1}`;
      const raw = headerUnit(header).raw;
      return err('bad-input', `choose the unit of ${def.label}: the column "${header}" ${raw === null ? 'names no unit' : `says "${raw}", not a unit of ${def.label} (${Object.keys(def.units).join(', ')})`}`, `units.${key}`);
    }
    if (unit !== undefined && key !== 'testId' && !Object.hasOwn(def.units, unit)) {
      return err('bad-input', `${def.label}: unknown unit "${unit}" (choose ${Object.keys(def.units).join(', ')})`, `units.${key}`);
    }
  }
  const rows: TestFireRow[] = [];
  const errors: RowError[] = [];
  for (const rec of records.slice(1)) {
    const row: Partial<TestFireRow> = { line: rec.line };
    const before = errors.length;
    for (const key of fields) {
      const col = o.mapping[key]!;
      const def = TESTFIRE_FIELDS[key];
      const raw = (rec.fields[col] ?? '').trim();
      const column = headers[col] || `column ${col + 1}`;
      const bad = (message: string) => errors.push({ line: rec.line, column, value: raw, message: `row ${rec.line}, column "${column}": ${message}` });
      if (key === 'testId') {
        row.testId = raw;
        continue;
      }
      if (raw === '') {
        if (def.required) bad(`${def.label} is missing`);
        continue;
      }
      const v = parseDecimal(raw, decimal);
      if (v === null) {
        const overflow = /^[-+]?[\d.,\s']*\d[eE][-+]?\d+$/.test(raw);
        bad(`${def.label} must be a ${overflow ? 'finite ' : ''}number (got "${raw}")${decimal === '.' && /^\d+,\d+$/.test(raw) ? '; for decimal commas choose "," as the decimal mark' : ''}`);
        continue;
      }
      const unit = o.units?.[key] ?? DEFAULT_UNIT[key];
      const si = v * def.units[unit];
      const inUnit = (x: number) => `${+(x / def.units[unit]).toPrecision(6)}${unit === '–' ? '' : ` ${unit}`}`;
      if (def.min && (def.min.inclusive ? si < def.min.value : si <= def.min.value)) {
        bad(`${def.label} must be ${def.min.inclusive ? '≥' : '>'} ${inUnit(def.min.value)} (got ${raw})`);
        continue;
      }
      if (def.max !== undefined && !(si <= def.max)) {
        bad(`${def.label} must be ≤ ${inUnit(def.max)}, a physical value (got ${raw})`);
        continue;
      }
      (row as Record<string, number>)[key] = si;
    }
    if (errors.length > before) continue;
    row.testId ??= String(rows.length + 1);
    if (row.isp === undefined && row.thrust !== undefined && row.mdot !== undefined) {
      const isp = row.thrust / row.mdot;
      if (!(isp <= TESTFIRE_FIELDS.isp.max!)) {
        const col = (k: TestFireField) => headers[o.mapping[k]!] || `column ${o.mapping[k]! + 1}`;
        const value = `${(rec.fields[o.mapping.thrust!] ?? '').trim()} / ${(rec.fields[o.mapping.mdot!] ?? '').trim()}`;
        errors.push({ line: rec.line, column: `${col('thrust')} / ${col('mdot')}`, value, message: `row ${rec.line}, columns "${col('thrust')}" / "${col('mdot')}": thrust / mass flow gives an Isp of ${+isp.toPrecision(6)} m/s, above the physical ${TESTFIRE_FIELDS.isp.max} m/s (got ${value})` });
        continue;
      }
      row.isp = isp;
    }
    rows.push(row as TestFireRow);
  }
  return ok({ headers, rows, errors });
}

// ── Units named in headers ─────────────────────────────────────────────────────────────────────
// "Pc (psia)", "pc[bar]", "thrust_lbf", "Isp, s", "T (°F)": the unit in parentheses or brackets, after
// a comma, or after the last underscore when that is a unit. Matched case-insensitively against
// the aliases below; anything else is unknown and the user is asked (never a silent default).

/** Quantity a header unit names (temperatures are recognised though no field takes one). */
export type HeaderQuantity = 'pressure' | 'force' | 'massFlow' | 'velocity' | 'specificImpulse' | 'temperature' | 'area' | 'dimensionless';

const UNIT_ALIASES: Record<string, { unit: string; quantity: HeaderQuantity }> = {};
function alias(quantity: HeaderQuantity, unit: string, ...names: string[]) {
  for (const n of [unit, ...names]) UNIT_ALIASES[normUnit(n)] = { unit, quantity };
}
function normUnit(u: string): string {
  return u.trim().toLowerCase().replace(/\s+/g, '').replace(/[·*.-]/g, '·').replace(/\^?2$/, '²').replace(/^deg(?=[cfr]$)/, '°');
}
alias('pressure', 'bar', 'bara');
alias('pressure', 'Pa');
alias('pressure', 'kPa');
alias('pressure', 'MPa');
alias('pressure', 'psia', 'psi', 'lbf/in²', 'lb/in²');
alias('pressure', 'atm');
alias('force', 'N', 'newton', 'newtons');
alias('force', 'kN');
alias('force', 'lbf');
alias('massFlow', 'kg/s');
alias('massFlow', 'g/s');
alias('massFlow', 'lbm/s', 'lb/s', 'lbs/s', 'lbm/sec', 'lb/sec');
alias('velocity', 'm/s', 'm/sec');
alias('velocity', 'ft/s', 'ft/sec', 'fps');
alias('specificImpulse', 's', 'sec', 'seconds');
alias('specificImpulse', 'N·s/kg', 'ns/kg');
alias('specificImpulse', 'lbf·s/lbm', 'lbfs/lbm', 'lbf·sec/lbm');
alias('temperature', 'K', 'kelvin');
alias('temperature', '°C', 'celsius');
alias('temperature', '°F', 'fahrenheit');
alias('temperature', '°R', 'rankine');
alias('area', 'm²');
alias('area', 'cm²');
alias('area', 'mm²');
alias('area', 'in²', 'sqin', 'sq·in');
alias('dimensionless', '–', '-', '—', '1');

/** The unit text a header carries (null when it names none) and, when known, the unit and its quantity. */
export function headerUnit(header: string): { raw: string | null; unit: string | null; quantity: HeaderQuantity | null } {
  const h = header.trim();
  let raw: string | null = null;
  const paren = /[([]\s*([^()[\]]*?)\s*[)\]]\s*$/.exec(h);
  if (paren) raw = paren[1];
  else {
    const comma = /,\s*([^,]+?)\s*$/.exec(h);
    if (comma) raw = comma[1];
    else {
      const under = /_([^_]+)$/.exec(h);
      // after an underscore only a known unit counts ("p_c" and "m_dot" are names)
      if (under && Object.hasOwn(UNIT_ALIASES, normUnit(under[1]))) raw = under[1];
      else {
        // a header that is only a temperature unit ("°C", "K")
        const a = UNIT_ALIASES[normUnit(h)];
        if (a?.quantity === 'temperature' && /^(°|deg)|^k$/i.test(h)) raw = h;
      }
    }
  }
  if (raw === null || raw === '') return { raw: null, unit: null, quantity: null };
  const a = Object.hasOwn(UNIT_ALIASES, normUnit(raw)) ? UNIT_ALIASES[normUnit(raw)] : undefined;
  return { raw, unit: a?.unit ?? null, quantity: a?.quantity ?? null };
}

/** Whether a field's values carry a physical unit the user must name (O/F and area ratio do not). */
export function needsUnit(field: TestFireField): boolean {
  return Object.keys(TESTFIRE_FIELDS[field].units).length > 1;
}

/**
 * The unit of `field` that `header` names: `unit` when the header names one of the field's units,
 * null otherwise, with `raw` the header's unit text (null when it names none) so the form can say why.
 */
export function fieldUnitFromHeader(field: TestFireField, header: string): { unit: string | null; raw: string | null } {
  const h = headerUnit(header);
  if (!needsUnit(field)) return { unit: Object.keys(TESTFIRE_FIELDS[field].units)[0] ?? null, raw: h.raw };
  return { unit: h.unit !== null && Object.hasOwn(TESTFIRE_FIELDS[field].units, h.unit) ? h.unit : null, raw: h.raw };
}

/** Field → unit for every mapped field whose header names one of its units. */
export function unitsFromHeaders(headers: readonly string[], mapping: Partial<Record<TestFireField, number>>): Partial<Record<TestFireField, string>> {
  const out: Partial<Record<TestFireField, string>> = {};
  for (const [k, c] of Object.entries(mapping) as [TestFireField, number | undefined][]) {
    if (c === undefined || k === 'testId' || !needsUnit(k)) continue;
    const u = fieldUnitFromHeader(k, headers[c] ?? '').unit;
    if (u) out[k] = u;
  }
  return out;
}

// ── Consistency before training ────────────────────────────────────────────────────────────────

export interface TestFireWarning {
  /** The row (file line) it is about; absent for a warning about a whole column. */
  line?: number;
  field: TestFireField;
  message: string;
}

/** Relative disagreement above which two ways of getting the same quantity are flagged. */
export const CONSISTENCY_TOLERANCE = 0.05;

/**
 * Plausible SI ranges of a chemical rocket's test data: chamber pressure 0.1–1000 bar, ambient 0–2 bar,
 * Isp 50–500 s, c* 500–3000 m/s (the highest chemical c*, LOX/LH2, is about 2.4 km/s).
 */
const PLAUSIBLE: Partial<Record<TestFireField, { min: number; max: number; hints: string[] }>> = {
  pc: { min: 0.1 * BAR, max: 1000 * BAR, hints: ['psia', 'kPa', 'bar', 'MPa', 'Pa', 'atm'] },
  pamb: { min: 0, max: 2 * BAR, hints: ['psia', 'kPa', 'bar', 'Pa', 'atm', 'MPa'] },
  isp: { min: 50 * G0, max: 500 * G0, hints: ['s', 'm/s'] },
  cstar: { min: 500, max: 3000, hints: ['m/s', 'ft/s'] },
};

const fmt = (x: number) => String(+x.toPrecision(4));

/**
 * Checks the parsed firings before training, in the units the user chose: the Isp column against
 * thrust / (mass flow · g0), c* against pc·At/ṁ when a throat area is given (a column, or
 * `throatArea_m2` for every firing) (rows more than 5 % apart
 * are named), and columns whose values are implausible for their unit, with the unit that would fit.
 */
export function checkTestFires(rows: readonly TestFireRow[], units: Partial<Record<TestFireField, string>>, opts: { throatArea_m2?: number } = {}): TestFireWarning[] {
  const out: TestFireWarning[] = [];
  const unitOf = (f: TestFireField) => units[f] ?? DEFAULT_UNIT[f];
  const shown = (f: TestFireField, si: number) => `${fmt(si / TESTFIRE_FIELDS[f].units[unitOf(f)])} ${unitOf(f)}`;
  for (const [field, range] of Object.entries(PLAUSIBLE) as [TestFireField, NonNullable<(typeof PLAUSIBLE)[TestFireField]>][]) {
    const vals = rows.filter((r) => (r as unknown as Record<string, unknown>)[field] !== undefined).map((r) => ({ line: r.line, si: (r as unknown as Record<string, number>)[field] }));
    const outside = vals.filter((v) => v.si < range.min || v.si > range.max);
    if (!outside.length) continue;
    const def = TESTFIRE_FIELDS[field];
    const unit = unitOf(field);
    const inRange = (u: string) => vals.every((v) => { const si = (v.si / def.units[unit]) * def.units[u]; return si >= range.min && si <= range.max; });
    const hint = range.hints.find((u) => u !== unit && def.units[u] !== def.units[unit] && inRange(u));
    const worst = outside[0];
    out.push({
      field,
      message: `${def.label}: ${outside.length} of ${vals.length} values are outside ${shown(field, range.min)} to ${shown(field, range.max)}, implausible for a chemical rocket (first: row ${worst.line}, ${shown(field, worst.si)})${hint ? `; did you mean ${hint}?` : ''}`,
    });
  }
  for (const r of rows) {
    if (r.isp !== undefined && r.thrust !== undefined && r.mdot !== undefined) {
      const fromData = r.thrust / r.mdot;
      const d = Math.abs(fromData - r.isp) / r.isp;
      if (d > CONSISTENCY_TOLERANCE) {
        out.push({ line: r.line, field: 'isp', message: `row ${r.line}: the Isp column says ${shown('isp', r.isp)} but thrust ÷ mass flow gives ${shown('isp', fromData)} (${fmt(d * 100)} % apart)` });
      }
    }
    const at = r.at ?? opts.throatArea_m2;
    if (r.cstar !== undefined && at !== undefined && r.mdot !== undefined) {
      const fromData = (r.pc * at) / r.mdot;
      const d = Math.abs(fromData - r.cstar) / r.cstar;
      if (d > CONSISTENCY_TOLERANCE) {
        out.push({ line: r.line, field: 'cstar', message: `row ${r.line}: the c* column says ${shown('cstar', r.cstar)} but pc·At ÷ mass flow gives ${shown('cstar', fromData)} (${fmt(d * 100)} % apart)` });
      }
    }
  }
  return out;
}

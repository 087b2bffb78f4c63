// The typed command schema: what the command bar (and `npm run command`) can ask the app to do.
// One action per request; every field is SI (pressures in Pa) and propellants are library ids
// (app/domain/propellants.ts). A field left out means "keep what the form has". Whatever makes an
// action (the offline grammar in parse.ts, or later an assistant's tool call) goes through
// `validateCommand`, which checks it the way the forms check typed input.
import { BUILT_IN_PROPELLANTS, type Propellant } from '../propellants.ts';
import { TEMPLATES } from '../templates.ts';
import { OBJECTIVE_QUANTITIES, type Objective, type ObjectiveQuantity } from '../optimize-spec.ts';
import { MAX_SWEEP_POINTS } from '../sweep.ts';
import { MAX_EXIT_AREA_RATIO } from '../exits.ts';
import { checkFieldValue, formatForField, type FieldSpec } from '../field-check.ts';
import { err, ok, type Result } from '../result.ts';
import { formatValue } from '../validate.ts';
import type { UnitSystem } from '../experiment.ts';

/** A change to the design point Explore shows (SI; absent fields stay as they are). */
export interface DesignChange {
  /** Library ids of the fuels (one for a plain bipropellant). */
  fuels?: string[];
  /** Library ids of the oxidizers. */
  oxidizers?: string[];
  /** Oxidizer-to-fuel mass ratio. */
  of?: number;
  /** Chamber pressure, Pa. */
  pc?: number;
  /** Nozzle exit-to-throat area ratio Ae/At (or `pe`, not both). */
  areaRatio?: number;
  /** Nozzle exit pressure, Pa (the exit is then given by pc/pe). */
  pe?: number;
  /** Ambient pressure, Pa (0 = vacuum). */
  pamb?: number;
  chemistry?: 'equilibrium' | 'frozen';
}

/** Inputs a sweep can vary (a subset of app/domain/sweep.ts's SweepVariable). */
export const COMMAND_SWEEP_VARIABLES = ['of', 'pc', 'areaRatio', 'pe', 'pamb'] as const;
export type CommandSweepVariable = (typeof COMMAND_SWEEP_VARIABLES)[number];

export const EXPORT_FORMATS = ['csv', 'pdf', 'cea', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const NAVIGATE_SECTIONS = ['explore', 'sweep', 'optimize', 'learn', 'experiments', 'propellants', 'settings', 'templates', 'glossary'] as const;
export type NavigateSection = (typeof NAVIGATE_SECTIONS)[number];

export type CommandAction =
  | ({ action: 'set-design' } & DesignChange)
  | {
    action: 'sweep';
    variable: CommandSweepVariable;
    /** Start and end of the range, SI (Pa for pressures). */
    from: number;
    to: number;
    /** Number of points along the range (absent: the Sweep page's choice). */
    steps?: number;
    /** A second axis at a few fixed values ("at 50 and 100 bar"), SI. */
    at?: { variable: CommandSweepVariable; values: number[] };
    /** The design the sweep starts from, when the request names one. */
    design?: DesignChange;
  }
  | { action: 'optimize'; objectives: Objective[]; fuels?: string[]; oxidizers?: string[] }
  /** The `last` most recent experiments, or those named (2 to 4). */
  | { action: 'compare'; last: number }
  | { action: 'compare'; names: string[] }
  | { action: 'open-template'; id: string }
  | { action: 'set-units'; system: UnitSystem }
  | { action: 'export'; format: ExportFormat }
  | { action: 'navigate'; section: NavigateSection };

export type CommandKind = CommandAction['action'];
export const COMMAND_KINDS: CommandKind[] = ['set-design', 'sweep', 'optimize', 'compare', 'open-template', 'set-units', 'export', 'navigate'];

/**
 * Limits of each number, in SI, as the forms that receive it check them: Explore's fields
 * (RocketExplorer.tsx, NozzleExits.tsx) for a design, the Sweep form (VARIABLE_INFO) for ranges.
 */
export const DESIGN_LIMITS: Record<'of' | 'pc' | 'areaRatio' | 'pe' | 'pamb', Omit<FieldSpec, 'system'>> = {
  of: { label: 'O/F', min: 0.001, max: 100 },
  pc: { label: 'Chamber pressure', quantity: 'pressure', min: 1e3, max: 5e8 },
  areaRatio: { label: 'Area ratio Ae/At', min: 1, max: MAX_EXIT_AREA_RATIO },
  pe: { label: 'Exit pressure', quantity: 'pressure', min: 0.1 },
  pamb: { label: 'Ambient pressure', quantity: 'pressure', min: 0, max: 1e8 },
};
export const SWEEP_LIMITS: Record<CommandSweepVariable, Omit<FieldSpec, 'system'>> = {
  of: { label: 'O/F', min: 1e-3, max: 100 },
  pc: { label: 'Chamber pressure', quantity: 'pressure', min: 1e3, max: 1e9 },
  areaRatio: { label: 'Area ratio Ae/At', min: 1, max: 1e4 },
  pe: { label: 'Exit pressure', quantity: 'pressure', min: 1, max: 1e9 },
  pamb: { label: 'Ambient pressure', quantity: 'pressure', min: 0, max: 1e8 },
};
export const STEPS_LIMITS = { min: 2, max: Math.min(1000, MAX_SWEEP_POINTS) };
/** Experiments compares two to four at once (app/state/experiments-store.ts MAX_COMPARE). */
export const COMPARE_LIMITS = { min: 2, max: 4 };

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one SI number against a form field's limits; the message is in the user's units. */
export function checkSi(v: unknown, spec: Omit<FieldSpec, 'system'>, field: string, system: UnitSystem): Result<number> {
  if (typeof v !== 'number' || !Number.isFinite(v)) return err('bad-input', `${spec.label} must be a number (got ${formatValue(v)})`, field);
  const c = checkFieldValue(v, { ...spec, system });
  return c.ok ? ok(c.si) : err('bad-input', c.message, field);
}

function checkIds(v: unknown, field: 'fuels' | 'oxidizers', library: Propellant[]): Result<string[]> {
  if (!Array.isArray(v) || v.length === 0 || v.length > 4) return err('bad-input', `${field} must be a list of one to four propellant ids (got ${formatValue(v)})`, field);
  for (const [i, id] of v.entries()) {
    if (typeof id !== 'string' || !library.some((p) => p.id === id)) return err('bad-input', `${field}[${i}]: no propellant ${formatValue(id)} in the library`, `${field}[${i}]`);
    if (v.indexOf(id) !== i) return err('bad-input', `${field}[${i}]: ${JSON.stringify(id)} is listed twice`, `${field}[${i}]`);
  }
  return ok([...v] as string[]);
}

function checkDesign(raw: Raw, system: UnitSystem, library: Propellant[], prefix = ''): Result<DesignChange> {
  const out: DesignChange = {};
  for (const k of ['fuels', 'oxidizers'] as const) {
    if (raw[k] === undefined) continue;
    const r = checkIds(raw[k], k, library);
    if (!r.ok) return err(r.error.code, r.error.message, prefix + r.error.field);
    out[k] = r.value;
  }
  for (const k of ['of', 'pc', 'areaRatio', 'pe', 'pamb'] as const) {
    if (raw[k] === undefined) continue;
    const r = checkSi(raw[k], DESIGN_LIMITS[k], prefix + k, system);
    if (!r.ok) return r;
    out[k] = r.value;
  }
  if (out.areaRatio !== undefined && out.pe !== undefined) return err('bad-input', 'give the nozzle exit by area ratio or by exit pressure, not both', prefix + 'pe');
  if (out.pe !== undefined && out.pc !== undefined && !(out.pe < out.pc)) {
    const p = DESIGN_LIMITS.pc;
    return err('bad-input', `exit pressure must be below the chamber pressure (got ${formatSi(out.pe, p, system)} at ${formatSi(out.pc, p, system)})`, prefix + 'pe');
  }
  if (raw.chemistry !== undefined) {
    if (raw.chemistry !== 'equilibrium' && raw.chemistry !== 'frozen') return err('bad-input', `chemistry must be "equilibrium" or "frozen" (got ${formatValue(raw.chemistry)})`, prefix + 'chemistry');
    out.chemistry = raw.chemistry;
  }
  const extra = Object.keys(raw).filter((k) => !['action', 'fuels', 'oxidizers', 'of', 'pc', 'areaRatio', 'pe', 'pamb', 'chemistry'].includes(k));
  if (extra.length) return err('bad-input', `unknown field ${JSON.stringify(extra[0])} in a design`, prefix + extra[0]);
  return ok(out);
}

/** An SI value as the user reads it ("100 bar", "1450.38 psia", "3.4"). */
export const formatSi = (si: number, spec: Omit<FieldSpec, 'system'>, system: UnitSystem): string => formatForField(si, { ...spec, system });

const oneOf = <T extends string>(v: unknown, list: readonly T[], field: string, what: string): Result<T> =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? ok(v as T) : err('bad-input', `${what} must be one of ${list.join(', ')} (got ${formatValue(v)})`, field);

/**
 * Checks an action from any source (the grammar, an assistant's tool call, JSON) the way the forms
 * check typed input; numbers are SI, messages in `system`'s units. Unknown fields are refused.
 */
export function validateCommand(raw: unknown, system: UnitSystem = 'SI', library: Propellant[] = BUILT_IN_PROPELLANTS): Result<CommandAction> {
  if (!isRecord(raw)) return err('bad-input', `an action must be an object (got ${formatValue(raw)})`, 'action');
  const kind = oneOf(raw.action, COMMAND_KINDS, 'action', 'action');
  if (!kind.ok) return kind;
  const allowed = (keys: string[]): Result<null> => {
    const extra = Object.keys(raw).find((k) => k !== 'action' && !keys.includes(k));
    return extra ? err('bad-input', `unknown field ${JSON.stringify(extra)} in a ${kind.value} action`, extra) : ok(null);
  };
  switch (kind.value) {
    case 'set-design': {
      const d = checkDesign(raw, system, library);
      if (!d.ok) return d;
      if (!Object.keys(d.value).length) return err('bad-input', 'the design change is empty: name propellants, O/F, a pressure or a nozzle', 'action');
      return ok({ action: 'set-design', ...d.value });
    }
    case 'sweep': {
      const a = allowed(['variable', 'from', 'to', 'steps', 'at', 'design']);
      if (!a.ok) return a;
      const v = oneOf(raw.variable, COMMAND_SWEEP_VARIABLES, 'variable', 'the swept variable');
      if (!v.ok) return v;
      const lim = SWEEP_LIMITS[v.value];
      const from = checkSi(raw.from, { ...lim, label: `${lim.label} “from”` }, 'from', system);
      if (!from.ok) return from;
      const to = checkSi(raw.to, { ...lim, label: `${lim.label} “to”` }, 'to', system);
      if (!to.ok) return to;
      if (from.value === to.value) return err('bad-input', `${lim.label}: the range is empty (from and to are both ${formatSi(from.value, lim, system)})`, 'to');
      if (from.value > to.value) return err('bad-input', `${lim.label}: “from” ${formatSi(from.value, lim, system)} is above “to” ${formatSi(to.value, lim, system)}`, 'from');
      const out: Extract<CommandAction, { action: 'sweep' }> = { action: 'sweep', variable: v.value, from: from.value, to: to.value };
      if (raw.steps !== undefined) {
        const s = checkSi(raw.steps, { label: 'Number of points', integer: true, ...STEPS_LIMITS }, 'steps', system);
        if (!s.ok) return s;
        out.steps = s.value;
      }
      if (raw.at !== undefined) {
        if (!isRecord(raw.at)) return err('bad-input', `at must be {variable, values} (got ${formatValue(raw.at)})`, 'at');
        const av = oneOf(raw.at.variable, COMMAND_SWEEP_VARIABLES, 'at.variable', 'the second variable');
        if (!av.ok) return av;
        if (av.value === v.value) return err('bad-input', `${lim.label} is swept and also fixed at values`, 'at.variable');
        const vals = raw.at.values;
        if (!Array.isArray(vals) || vals.length < 1 || vals.length > 24) return err('bad-input', `at.values must be a list of 1 to 24 numbers (got ${formatValue(vals)})`, 'at.values');
        const checked: number[] = [];
        for (const [i, x] of vals.entries()) {
          const c = checkSi(x, SWEEP_LIMITS[av.value], `at.values[${i}]`, system);
          if (!c.ok) return c;
          if (checked.includes(c.value)) return err('bad-input', `${SWEEP_LIMITS[av.value].label} ${formatSi(c.value, SWEEP_LIMITS[av.value], system)} is given twice`, `at.values[${i}]`);
          checked.push(c.value);
        }
        out.at = { variable: av.value, values: checked };
      }
      if (raw.design !== undefined) {
        if (!isRecord(raw.design)) return err('bad-input', `design must be an object (got ${formatValue(raw.design)})`, 'design');
        const d = checkDesign(raw.design, system, library, 'design.');
        if (!d.ok) return d;
        if (d.value[v.value as keyof DesignChange] !== undefined) return err('bad-input', `${lim.label} is swept and also set to one value`, `design.${v.value}`);
        if (Object.keys(d.value).length) out.design = d.value;
      }
      return ok(out);
    }
    case 'optimize': {
      const a = allowed(['objectives', 'fuels', 'oxidizers']);
      if (!a.ok) return a;
      if (!Array.isArray(raw.objectives) || raw.objectives.length < 1 || raw.objectives.length > 4) {
        return err('bad-input', `objectives must be a list of one to four {maximize|minimize: quantity} (got ${formatValue(raw.objectives)})`, 'objectives');
      }
      const objectives: Objective[] = [];
      for (const [i, o] of raw.objectives.entries()) {
        const f = `objectives[${i}]`;
        if (!isRecord(o) || Object.keys(o).length !== 1 || !('maximize' in o || 'minimize' in o)) return err('bad-input', `${f} must be {maximize: quantity} or {minimize: quantity} (got ${formatValue(o)})`, f);
        const dir = 'maximize' in o ? 'maximize' : 'minimize';
        const q = oneOf(o[dir], OBJECTIVE_QUANTITIES, f, `${f}.${dir}`);
        if (!q.ok) return q;
        if (objectives.some((x) => Object.values(x)[0] === q.value)) return err('bad-input', `${f}: ${q.value} is an objective twice`, f);
        objectives.push(dir === 'maximize' ? { maximize: q.value as ObjectiveQuantity } : { minimize: q.value as ObjectiveQuantity });
      }
      const out: Extract<CommandAction, { action: 'optimize' }> = { action: 'optimize', objectives };
      for (const k of ['fuels', 'oxidizers'] as const) {
        if (raw[k] === undefined) continue;
        const r = checkIds(raw[k], k, library);
        if (!r.ok) return r;
        out[k] = r.value;
      }
      return ok(out);
    }
    case 'compare': {
      if ('last' in raw) {
        const a = allowed(['last']);
        if (!a.ok) return a;
        const n = checkSi(raw.last, { label: 'Number of experiments to compare', integer: true, ...COMPARE_LIMITS }, 'last', system);
        return n.ok ? ok({ action: 'compare', last: n.value }) : n;
      }
      const a = allowed(['names']);
      if (!a.ok) return a;
      const names = raw.names;
      if (!Array.isArray(names) || names.length < COMPARE_LIMITS.min || names.length > COMPARE_LIMITS.max || names.some((n) => typeof n !== 'string' || !n.trim() || n.length > 120)) {
        return err('bad-input', `compare needs "last": a count, or "names": 2 to 4 experiment names (got ${formatValue(names)})`, 'names');
      }
      return ok({ action: 'compare', names: names.map((n: string) => n.trim()) });
    }
    case 'open-template': {
      const a = allowed(['id']);
      if (!a.ok) return a;
      const t = oneOf(raw.id, TEMPLATES.map((x) => x.id), 'id', 'the template');
      return t.ok ? ok({ action: 'open-template', id: t.value }) : t;
    }
    case 'set-units': {
      const a = allowed(['system']);
      if (!a.ok) return a;
      const s = oneOf(raw.system, ['SI', 'US'] as const, 'system', 'the unit system');
      return s.ok ? ok({ action: 'set-units', system: s.value }) : s;
    }
    case 'export': {
      const a = allowed(['format']);
      if (!a.ok) return a;
      const f = oneOf(raw.format, EXPORT_FORMATS, 'format', 'the export format');
      return f.ok ? ok({ action: 'export', format: f.value }) : f;
    }
    case 'navigate': {
      const a = allowed(['section']);
      if (!a.ok) return a;
      const s = oneOf(raw.section, NAVIGATE_SECTIONS, 'section', 'the section');
      return s.ok ? ok({ action: 'navigate', section: s.value }) : s;
    }
  }
}

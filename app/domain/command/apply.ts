// What a command action does to the app's documents, as pure functions: a design change applied to
// a rocket problem, the Sweep grid a sweep action asks for, and the one-line preview the command bar
// shows before the user confirms. Errors are values naming the field, in the user's units.
import type { ExitSpec, RocketProblem } from '../problem.ts';
import { BUILT_IN_PROPELLANTS, propellantReactants, type Propellant } from '../propellants.ts';
import type { SweepAxis } from '../sweep.ts';
import type { UnitSystem } from '../experiment.ts';
import { findTemplate } from '../templates.ts';
import { QUANTITY_INFO } from '../optimize-spec.ts';
import { err, ok, type Result } from '../result.ts';
import { DESIGN_LIMITS, SWEEP_LIMITS, formatSi, type CommandAction, type CommandSweepVariable, type DesignChange } from './schema.ts';

/** Points along a swept range when the request does not say (the Sweep form's usual count). */
export const DEFAULT_SWEEP_STEPS = 11;

const byId = (id: string, library: Propellant[]) => library.find((p) => p.id === id);

/** The problem with the change applied: propellants replace those of their role, the first exit takes the nozzle. */
export function applyDesignChange(problem: RocketProblem, d: DesignChange, system: UnitSystem = 'SI', library: Propellant[] = BUILT_IN_PROPELLANTS): Result<RocketProblem> {
  const p: RocketProblem = structuredClone(problem);
  if (d.fuels || d.oxidizers) {
    const roles = p.reactants.some((r) => r.role);
    const keep = (role: 'fuel' | 'oxidizer') => (roles ? p.reactants.filter((r) => r.role === role) : []);
    const make = (ids: string[], role: 'fuel' | 'oxidizer') => {
      const libs = ids.map((id) => byId(id, library));
      return libs.every((x) => x) ? libs.flatMap((x) => propellantReactants(x!, 1 / ids.length, role)) : null;
    };
    const fuels = d.fuels ? make(d.fuels, 'fuel') : keep('fuel');
    const oxidizers = d.oxidizers ? make(d.oxidizers, 'oxidizer') : keep('oxidizer');
    if (!fuels) return err('bad-input', `no propellant ${JSON.stringify(d.fuels)} in the library`, 'fuels');
    if (!oxidizers) return err('bad-input', `no propellant ${JSON.stringify(d.oxidizers)} in the library`, 'oxidizers');
    if (!fuels.length) return err('missing', 'the design has no fuel: name one too (e.g. “LOX and methane”)', 'fuels');
    if (!oxidizers.length) return err('missing', 'the design has no oxidizer: name one too (e.g. “LOX and methane”)', 'oxidizers');
    p.reactants = [...fuels, ...oxidizers];
    if (!roles && d.of === undefined) return err('missing', 'the propellant now has a fuel and an oxidizer: give its O/F too (e.g. “O/F 2.5”)', 'of');
  }
  if (d.of !== undefined) {
    p.of = d.of;
    delete p.phi;
  }
  if (d.pc !== undefined) p.pc = d.pc;
  if (d.pamb !== undefined) p.pamb = d.pamb;
  if (d.chemistry !== undefined) {
    p.chemistry = d.chemistry;
    if (d.chemistry === 'frozen') p.freezeAt ??= 'chamber';
    else delete p.freezeAt;
  }
  const exits: ExitSpec[] = [...(p.exits ?? [])];
  if (d.areaRatio !== undefined) exits[0] = { areaRatio: d.areaRatio };
  if (d.pe !== undefined) {
    if (!(d.pe < p.pc)) {
      return err('bad-input', `exit pressure must be below the chamber pressure (got ${formatSi(d.pe, DESIGN_LIMITS.pe, system)} at ${formatSi(p.pc, DESIGN_LIMITS.pc, system)})`, 'pe');
    }
    exits[0] = { pcOverPe: p.pc / d.pe };
  }
  if (exits.length) p.exits = exits;
  return ok(p);
}

/** Whether sorted values are evenly spaced (relative to their span). */
const evenly = (v: number[]) => v.every((x, i) => i === 0 || Math.abs(x - v[i - 1] - (v[1] - v[0])) <= 1e-9 * Math.abs(v[v.length - 1] - v[0]));

/** The Sweep grid a sweep action asks for: its range, then the "at" values as a second axis (evenly or geometrically spaced). */
export function sweepAxes(a: Extract<CommandAction, { action: 'sweep' }>, system: UnitSystem = 'SI'): Result<SweepAxis[]> {
  const axes: SweepAxis[] = [{ variable: a.variable, from: a.from, to: a.to, count: a.steps ?? DEFAULT_SWEEP_STEPS, spacing: 'linear' }];
  if (a.at) {
    const v = [...a.at.values].sort((x, y) => x - y);
    if (v.length === 1) return ok(axes);
    const axis: SweepAxis = { variable: a.at.variable, from: v[0], to: v[v.length - 1], count: v.length, spacing: 'linear' };
    if (!evenly(v)) {
      if (v[0] > 0 && evenly(v.map(Math.log))) axis.spacing = 'log';
      else {
        const lim = SWEEP_LIMITS[a.at.variable];
        return err('bad-input', `the Sweep page takes evenly or geometrically spaced values; ${v.map((x) => formatSi(x, lim, system)).join(', ')} are neither`, 'at.values');
      }
    }
    axes.push(axis);
  }
  return ok(axes);
}

/** The design a sweep starts from: its own design change, plus a single "at" value. */
export function sweepDesign(a: Extract<CommandAction, { action: 'sweep' }>): DesignChange {
  const d: DesignChange = { ...(a.design ?? {}) };
  if (a.at && a.at.values.length === 1) (d as Record<CommandSweepVariable, number>)[a.at.variable] = a.at.values[0];
  return d;
}

const VARIABLE_LABEL: Record<CommandSweepVariable, string> = { of: 'O/F', pc: 'chamber pressure', areaRatio: 'area ratio Ae/At', pe: 'exit pressure', pamb: 'ambient pressure' };
const names = (ids: string[], library: Propellant[]) => ids.map((id) => byId(id, library)?.name ?? id).join(' + ');

function designText(d: DesignChange, system: UnitSystem, library: Propellant[]): string[] {
  const parts: string[] = [];
  if (d.fuels) parts.push(`fuel ${names(d.fuels, library)}`);
  if (d.oxidizers) parts.push(`oxidizer ${names(d.oxidizers, library)}`);
  for (const k of ['of', 'pc', 'areaRatio', 'pe', 'pamb'] as const) {
    if (d[k] !== undefined) parts.push(`${VARIABLE_LABEL[k]} ${formatSi(d[k]!, DESIGN_LIMITS[k], system)}`);
  }
  if (d.chemistry) parts.push(d.chemistry === 'frozen' ? 'frozen composition' : 'shifting equilibrium');
  return parts;
}

/** One sentence saying what an action will do, in the user's units (the command bar's preview). */
export function describeAction(a: CommandAction, system: UnitSystem = 'SI', library: Propellant[] = BUILT_IN_PROPELLANTS): string {
  switch (a.action) {
    case 'set-design': {
      const { action: _a, ...d } = a;
      return `Set Explore's design: ${designText(d, system, library).join(', ')}.`;
    }
    case 'sweep': {
      const lim = SWEEP_LIMITS[a.variable];
      let s = `Run a sweep of ${VARIABLE_LABEL[a.variable]} from ${formatSi(a.from, lim, system)} to ${formatSi(a.to, lim, system)} in ${a.steps ?? DEFAULT_SWEEP_STEPS} points`;
      if (a.at) s += ` at ${VARIABLE_LABEL[a.at.variable]} ${a.at.values.map((v) => formatSi(v, SWEEP_LIMITS[a.at!.variable], system)).join(', ')}`;
      const d = a.design ? designText(a.design, system, library) : [];
      return `${s}${d.length ? `, on the design with ${d.join(', ')}` : ' on Explore\'s design'}.`;
    }
    case 'optimize': {
      const obj = a.objectives.map((o) => ('maximize' in o ? `maximise ${QUANTITY_INFO[o.maximize].label}` : `minimise ${QUANTITY_INFO[o.minimize].label}`)).join(' and ');
      const props = [a.fuels ? `fuels ${names(a.fuels, library)}` : '', a.oxidizers ? `oxidizers ${names(a.oxidizers, library)}` : ''].filter(Boolean).join(', ');
      return `Set up an optimisation: ${obj}${props ? `, over ${props}` : ''}.`;
    }
    case 'compare':
      return 'last' in a ? `Compare your ${a.last} most recent experiments.` : `Compare the experiments ${a.names.map((n) => `“${n}”`).join(', ')}.`;
    case 'open-template':
      return `Open the template “${findTemplate(a.id)?.title ?? a.id}” in Explore.`;
    case 'set-units':
      return `Show everything in ${a.system === 'US' ? 'US customary units (psia, °R, ft/s)' : 'SI units (bar, K, m/s)'}.`;
    case 'export':
      return `Export Explore's result as ${{ csv: 'CSV', pdf: 'a PDF report', cea: 'a NASA CEA input deck', json: 'an experiment file (JSON)' }[a.format]}.`;
    case 'navigate':
      return `Go to ${a.section[0].toUpperCase()}${a.section.slice(1)}.`;
  }
}

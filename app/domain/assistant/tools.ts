// The command schema (app/domain/command/schema.ts) offered to an assistant as tools — one tool per
// action kind, parameters as JSON Schema — and the check of what the assistant calls. Its answer
// is untrusted input: it is refused when its size, its JSON, its tool name or any value is wrong,
// and otherwise goes through validateCommand, the very check the offline grammar's actions pass.
import { BUILT_IN_PROPELLANTS, type Propellant } from '../propellants.ts';
import { TEMPLATES } from '../templates.ts';
import { OBJECTIVE_QUANTITIES } from '../optimize-spec.ts';
import { MAX_EXIT_AREA_RATIO } from '../exits.ts';
import type { UnitSystem } from '../experiment.ts';
import { err, type Result } from '../result.ts';
import { formatValue } from '../validate.ts';
import {
  COMMAND_SWEEP_VARIABLES, COMPARE_LIMITS, DESIGN_LIMITS, EXPORT_FORMATS, NAVIGATE_SECTIONS, STEPS_LIMITS, SWEEP_LIMITS,
  validateCommand, type CommandAction, type CommandKind,
} from '../command/schema.ts';

/** The largest tool-call arguments accepted, in bytes of JSON (a real action is a few hundred). */
export const MAX_TOOL_ARGS_BYTES = 16 * 1024;
/** Strings in an action are ids, enum words and experiment names: short. */
const MAX_STRING = 200;
const MAX_DEPTH = 6;

export const TOOL_KIND: Record<string, CommandKind> = {
  set_design: 'set-design',
  sweep: 'sweep',
  optimize: 'optimize',
  compare: 'compare',
  open_template: 'open-template',
  set_units: 'set-units',
  export: 'export',
  navigate: 'navigate',
};

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments (an object). */
  parameters: Record<string, unknown>;
}

type Schema = Record<string, unknown>;
const num = (description: string, min?: number, max?: number): Schema => ({ type: 'number', description, ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, required, additionalProperties: false });
const sweepVar: Schema = { type: 'string', enum: [...COMMAND_SWEEP_VARIABLES], description: 'of = O/F mass ratio, pc = chamber pressure, areaRatio = nozzle Ae/At, pe = exit pressure, pamb = ambient pressure' };

function designProperties(library: Propellant[]): Record<string, Schema> {
  const ids = (role: 'fuel' | 'oxidizer') => library.filter((p) => p.role === role || p.role === 'either').map((p) => p.id);
  const names = library.map((p) => `${p.id} = ${p.name}`).join('; ');
  const list = (role: 'fuel' | 'oxidizer'): Schema => ({ type: 'array', items: { type: 'string', enum: ids(role) }, minItems: 1, maxItems: 4, description: `Propellant library ids of the ${role}s (${names})` });
  return {
    fuels: list('fuel'),
    oxidizers: list('oxidizer'),
    of: num('Oxidizer-to-fuel mass ratio O/F', DESIGN_LIMITS.of.min, DESIGN_LIMITS.of.max),
    pc: num('Chamber pressure in pascals (1 bar = 100000 Pa, 1 psi = 6894.757 Pa)', DESIGN_LIMITS.pc.min, DESIGN_LIMITS.pc.max),
    areaRatio: num('Nozzle exit-to-throat area ratio Ae/At (expansion ratio); give this or pe, not both', 1, MAX_EXIT_AREA_RATIO),
    pe: num('Nozzle exit pressure in pascals, below the chamber pressure; give this or areaRatio, not both', DESIGN_LIMITS.pe.min),
    pamb: num('Ambient pressure in pascals (0 = vacuum, 101325 = sea level)', DESIGN_LIMITS.pamb.min, DESIGN_LIMITS.pamb.max),
    chemistry: { type: 'string', enum: ['equilibrium', 'frozen'], description: 'shifting equilibrium or frozen composition' },
  };
}

/** The tools: the command schema's action kinds, with the library's propellant ids. */
export function commandTools(library: Propellant[] = BUILT_IN_PROPELLANTS): ToolSpec[] {
  const design = designProperties(library);
  const lim = (v: keyof typeof SWEEP_LIMITS) => `${SWEEP_LIMITS[v].min}…${SWEEP_LIMITS[v].max}`;
  return [
    { name: 'set_design', description: "Set Explore's design point: propellants, O/F, chamber pressure, nozzle, ambient pressure, chemistry. Leave out what the request does not name.", parameters: obj(design) },
    {
      name: 'sweep',
      description: `Run a parameter sweep of one variable from a value to another (SI: pressures in Pa; ranges O/F ${lim('of')}, pc ${lim('pc')} Pa), optionally at a few fixed values of a second variable, on the current design or a changed one.`,
      parameters: obj({
        variable: sweepVar,
        from: num('Start of the range (SI; Pa for pressures)'),
        to: num('End of the range, above from (SI)'),
        steps: { type: 'integer', minimum: STEPS_LIMITS.min, maximum: STEPS_LIMITS.max, description: 'Number of points' },
        at: obj({ variable: sweepVar, values: { type: 'array', items: { type: 'number' }, minItems: 1, maxItems: 24, description: 'SI values' } }, ['variable', 'values']),
        design: obj(design),
      }, ['variable', 'from', 'to']),
    },
    {
      name: 'optimize',
      description: 'Set up a multi-objective optimisation of the propellant design.',
      parameters: obj({
        objectives: {
          type: 'array', minItems: 1, maxItems: 4,
          items: { type: 'object', description: 'exactly one key: maximize or minimize', properties: { maximize: { type: 'string', enum: [...OBJECTIVE_QUANTITIES] }, minimize: { type: 'string', enum: [...OBJECTIVE_QUANTITIES] } }, additionalProperties: false },
        },
        fuels: design.fuels,
        oxidizers: design.oxidizers,
      }, ['objectives']),
    },
    {
      name: 'compare',
      description: `Compare saved experiments: either "last" (the ${COMPARE_LIMITS.min} to ${COMPARE_LIMITS.max} most recent) or "names" (their names), not both.`,
      parameters: obj({
        last: { type: 'integer', minimum: COMPARE_LIMITS.min, maximum: COMPARE_LIMITS.max },
        names: { type: 'array', items: { type: 'string', maxLength: 120 }, minItems: COMPARE_LIMITS.min, maxItems: COMPARE_LIMITS.max },
      }),
    },
    { name: 'open_template', description: `Open a ready-made template in Explore (${TEMPLATES.map((t) => `${t.id} = ${t.title}`).join('; ')}).`, parameters: obj({ id: { type: 'string', enum: TEMPLATES.map((t) => t.id) } }, ['id']) },
    { name: 'set_units', description: 'Switch the unit system the app shows.', parameters: obj({ system: { type: 'string', enum: ['SI', 'US'] } }, ['system']) },
    { name: 'export', description: "Export Explore's result.", parameters: obj({ format: { type: 'string', enum: [...EXPORT_FORMATS] } }, ['format']) },
    { name: 'navigate', description: 'Go to a section of the app.', parameters: obj({ section: { type: 'string', enum: [...NAVIGATE_SECTIONS] } }, ['section']) },
  ];
}

/** A tool call as a provider returns it: the tool's name and its arguments as JSON text. */
export interface ToolCall {
  name: unknown;
  arguments: unknown;
}

const refuse = (message: string, field?: string) => err('assistant-refused', `The assistant's action was refused: ${message}.`, field);

/** A value no action has: deep nesting, markup or control characters in a string, an over-long string. */
function hostile(v: unknown, path: string, depth: number): { field: string; why: string } | null {
  if (depth > MAX_DEPTH) return { field: path, why: 'is nested too deeply' };
  if (typeof v === 'string') {
    if (v.length > MAX_STRING) return { field: path, why: `is a string of ${v.length} characters (at most ${MAX_STRING})` };
    if (/[<>\u0000-\u001f\u007f\u2028\u2029]/.test(v)) return { field: path, why: `contains markup or control characters (got ${JSON.stringify(v.slice(0, 60))})` };
    return null;
  }
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const h = hostile(x, `${path}[${i}]`, depth + 1);
      if (h) return h;
    }
    return null;
  }
  if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const field = path ? `${path}.${k}` : k;
      if (k.length > 40 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) return { field: path || 'arguments', why: `has a field named ${JSON.stringify(k.slice(0, 40))}` };
      const h = hostile(x, field, depth + 1);
      if (h) return h;
    }
  }
  return null;
}

/**
 * Checks an assistant's tool call and makes it an action of the command schema; numbers are SI,
 * messages in `system`'s units. Anything else is refused with a message naming what was wrong.
 */
export function validateToolCall(call: ToolCall, system: UnitSystem = 'SI', library: Propellant[] = BUILT_IN_PROPELLANTS): Result<CommandAction> {
  if (typeof call.name !== 'string' || !Object.hasOwn(TOOL_KIND, call.name)) {
    return refuse(`it asked for an unknown tool ${formatValue(typeof call.name === 'string' ? call.name.slice(0, 60) : call.name)} (known: ${Object.keys(TOOL_KIND).join(', ')})`, 'name');
  }
  const kind = TOOL_KIND[call.name];
  let args: unknown = call.arguments;
  if (typeof args === 'string') {
    const text = args;
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > MAX_TOOL_ARGS_BYTES) return refuse(`its arguments are ${bytes} bytes (at most ${MAX_TOOL_ARGS_BYTES}, 16 KB)`, 'arguments');
    try {
      args = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return refuse(`its arguments are not valid JSON (got ${JSON.stringify(text.slice(0, 60))})`, 'arguments');
    }
  } else {
    const text = JSON.stringify(args ?? {});
    if (text === undefined || new TextEncoder().encode(text).length > MAX_TOOL_ARGS_BYTES) return refuse(`its arguments are larger than ${MAX_TOOL_ARGS_BYTES / 1024} KB`, 'arguments');
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return refuse(`its arguments must be an object (got ${formatValue(args)})`, 'arguments');
  if ('action' in args) return refuse('its arguments name the action themselves', 'action');
  const h = hostile(args, '', 0);
  if (h) return refuse(`${h.field} ${h.why}`, h.field);
  const r = validateCommand({ action: kind, ...(args as Record<string, unknown>) }, system, library);
  return r.ok ? r : refuse(r.error.message, r.error.field);
}

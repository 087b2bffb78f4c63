// A thrust-chamber design (app/domain/design) whose gas comes from the engine: the spec's rocket
// problem is solved with the design's exit and transport properties (and, unless the chemistry
// forbids it, a finite-area combustor of the chamber's contraction ratio), then sized and drawn.
// Shared by the `design` command line and the engine worker.
import type { EngineApi } from './engine-api.ts';
import { err, type Result } from '../app/domain/result.ts';
import { validateDesignSpec, type DesignSpec } from '../app/domain/design/spec.ts';
import { designChamber, designFromGas, flowFromEngine, type DesignResult } from '../app/domain/design/design.ts';

/** The rocket problem the engine solves for a design, and the combustor model it states. */
export function designProblem(spec: DesignSpec): { problem: Record<string, unknown>; combustor: string } {
  const p = spec.problem!;
  const exit = spec.areaRatio !== undefined ? { areaRatio: spec.areaRatio } : { pcOverPe: (p.pc as number) / spec.pe! };
  const frozenEarly = p.chemistry === 'frozen' && p.freezeAt !== 'throat';
  let combustor: string;
  let withCombustor: Record<string, unknown> = {};
  if (p.combustor !== undefined) combustor = `finite-area combustor as the problem gives it (${JSON.stringify(p.combustor)}); pc is the injector pressure`;
  else if (frozenEarly) combustor = 'infinite-area combustor: the engine has no finite-area chamber for an expansion frozen at the chamber';
  else {
    withCombustor = { combustor: { contractionRatio: spec.chamber.contractionRatio } };
    combustor = `finite-area combustor of contraction ratio ${spec.chamber.contractionRatio} (the chamber's); pc is the injector pressure, the nozzle's stagnation pressure is p∞`;
  }
  return { problem: { ...p, ...withCombustor, exits: [exit], transport: true }, combustor };
}

/** The design of a raw spec: validated, the engine run when the spec gives a problem. */
export function runDesign(engine: EngineApi | null, raw: unknown): Result<DesignResult> {
  const v = validateDesignSpec(raw);
  if (!v.ok) return v;
  const spec = v.value;
  if (!spec.problem) return designFromGas(spec);
  if (!engine) return err('no-engine', 'this design needs the engine (a problem was given)', 'problem');
  const { problem, combustor } = designProblem(spec);
  const r = engine.solveRocket(problem);
  if (!r.ok) {
    const f = r.error.field;
    const field = f === 'exits[0].pcOverPe' ? 'pe' : f === 'exits[0].areaRatio' ? 'areaRatio' : f === 'combustor.contractionRatio' ? 'chamber.contractionRatio' : f ? `problem.${f}` : 'problem';
    return { ok: false, error: { ...r.error, field } };
  }
  const flow = flowFromEngine(r.value, problem, combustor);
  if (!flow.ok) return flow;
  return designChamber(spec, flow.value);
}

// A batch of rocket problems solved one by one (an optimiser's generation, or a slice of it): the
// answers leave out compositions, which the optimiser does not use, to keep the messages small.
import type { RocketResult } from '../app/domain/problem.ts';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import type { Cancel, EngineApi } from './engine-api.ts';

export interface SolveRocketsInput { problems: unknown[] }

export function solveRocketsWith(engine: Pick<EngineApi, 'solveRocket'>, input: SolveRocketsInput, cancel?: Cancel): Result<Result<RocketResult, KernelError>[], KernelError> {
  if (!Array.isArray(input?.problems)) return err('bad-input', 'problems must be a list of rocket problems', 'problems');
  const out: Result<RocketResult, KernelError>[] = [];
  for (const p of input.problems) {
    if (cancel?.aborted) return err('aborted', 'cancelled');
    out.push(withoutCompositions(engine.solveRocket(p, cancel)));
  }
  return ok(out);
}

function withoutCompositions(r: Result<RocketResult, KernelError>): Result<RocketResult, KernelError> {
  if (!r.ok) return r;
  const bare = <T extends object>(st: T): T => ('moleFractions' in st ? { ...st, moleFractions: {} } : st);
  return { ok: true, value: { ...r.value, chamber: bare(r.value.chamber), throat: bare(r.value.throat), exits: r.value.exits.map(bare) } };
}

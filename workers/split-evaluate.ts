// A generation's designs split into contiguous slices, one per evaluator (pool workers reached over
// MessagePorts, and the optimiser worker itself), solved in parallel and joined in order. The first
// failure of a whole slice (a worker error, a cancel) fails the generation. Solvers are started in
// the order given, so one that computes synchronously (this worker's own engine) goes last.
import type { RocketProblem, RocketResult } from '../app/domain/problem.ts';
import { ok, type KernelError, type Result } from '../app/domain/result.ts';
import type { PointFailure } from '../app/domain/jobs.ts';

export type SliceSolver = (problems: RocketProblem[]) => Promise<Result<Result<RocketResult, KernelError>[], KernelError>>;

export async function solveSplit(problems: RocketProblem[], solvers: SliceSolver[]): Promise<Result<Result<RocketResult, KernelError>[], KernelError>> {
  if (!solvers.length) throw new Error('solveSplit needs at least one solver');
  const size = Math.ceil(problems.length / solvers.length);
  const slices = solvers.map((_, i) => problems.slice(i * size, (i + 1) * size));
  const replies = await Promise.all(slices.map((s, i) => (s.length ? solvers[i](s) : Promise.resolve(ok([])))));
  const out: Result<RocketResult, KernelError>[] = [];
  for (const r of replies) {
    if (!r.ok) return r;
    out.push(...r.value);
  }
  return ok(out);
}

/** The designs of a generation the engine could not solve, numbered within it. */
export function generationFailures(results: Result<RocketResult, KernelError>[]): PointFailure[] {
  const out: PointFailure[] = [];
  results.forEach((r, point) => {
    if (!r.ok) return out.push({ point, message: r.error.message });
    const e = r.value.exits[0];
    if (!e) out.push({ point, message: 'the engine returned no exit station' });
    else if ('ok' in e) out.push({ point, message: e.error.message });
  });
  return out;
}

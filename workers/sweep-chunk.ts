// One chunk of a sweep job: solves points [start, end) of a SweepSpec in order, each warm-started
// from its neighbour, and returns the stored columns as typed arrays. A failed point is a value
// (NaN in the columns and a listed failure); it never stops the chunk.
import { SWEEP_COLUMNS, pointCount, problemAt, axisValues, sweepRow, validateSweep, type SweepColumn, type SweepSpec } from '../app/domain/sweep.ts';
import type { ProblemResult, RocketProblem } from '../app/domain/problem.ts';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import type { PointFailure } from '../app/domain/jobs.ts';

export interface SweepChunkInput {
  spec: SweepSpec;
  start: number;
  end: number;
}

export interface SweepChunkOutput {
  start: number;
  columns: Record<SweepColumn, Float64Array>;
  failures: PointFailure[];
}

export function runSweepChunk(
  solve: (p: RocketProblem, warm: boolean) => ProblemResult,
  input: SweepChunkInput,
  cancel?: { readonly aborted: boolean },
): Result<SweepChunkOutput, KernelError> {
  if (typeof input !== 'object' || input === null || typeof input.spec !== 'object' || input.spec === null) {
    return err('bad-input', 'a sweep chunk needs {spec, start, end}', 'spec');
  }
  const bad = validateSweep(input.spec);
  if (bad) return bad;
  const n = pointCount(input.spec);
  const { start, end } = input;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= n && start < end)) {
    return err('bad-input', `chunk must lie within points 0–${n} (got ${start}–${end})`, 'start');
  }
  const values = input.spec.axes.map(axisValues);
  const columns = Object.fromEntries(SWEEP_COLUMNS.map((c) => [c, new Float64Array(end - start).fill(NaN)])) as Record<SweepColumn, Float64Array>;
  const failures: PointFailure[] = [];
  let warm = false;
  for (let i = start; i < end; i++) {
    if (cancel?.aborted) return err('aborted', `cancelled at point ${i + 1}`);
    const r = solve(problemAt(input.spec, i, values), warm);
    const exit = r.ok && 'exits' in r ? r.exits[0] : undefined;
    if (!r.ok || !('exits' in r) || !exit || 'ok' in exit) {
      const why = !r.ok ? r.error.message : exit && 'ok' in exit ? exit.error.message : 'no exit computed';
      failures.push({ point: i, message: why });
      warm = false;
      continue;
    }
    const row = sweepRow('chamber' in r ? r.chamber : r.injector, exit);
    for (const c of SWEEP_COLUMNS) columns[c][i - start] = row[c];
    warm = true;
  }
  return ok({ start, columns, failures });
}

/** One chunk of a sweep on an engine (engine-api's solveProblem, each point warm-started from the one before). */
export function runSweepChunkOn(
  engine: { solveProblem(raw: unknown, warm?: boolean): ProblemResult },
  input: SweepChunkInput,
  cancel?: { readonly aborted: boolean },
): Result<SweepChunkOutput, KernelError> {
  return runSweepChunk((p, warm) => engine.solveProblem(p, warm), input, cancel);
}

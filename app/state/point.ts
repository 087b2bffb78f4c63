// One design point computed by the engine worker (the app's singleton bridge); what an experiment
// stores of it is app/domain/point-result.ts.
import { engine } from '../bridge/engine.ts';
import type { RocketProblem, RocketResult } from '../domain/problem.ts';
import type { Result } from '../domain/result.ts';

export async function solvePoint(problem: RocketProblem): Promise<Result<RocketResult>> {
  return engine().call('solveRocket', problem);
}

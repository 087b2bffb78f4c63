// The optimiser worker's methods over its kernels (node-testable: workers/optimizer.worker.ts only
// loads the wasm and exposes these). One NSGA-II run at a time; each step evaluates a generation
// over the pool ports handed in (and a local slice), then lets go of the ports.
import * as Comlink from 'comlink';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import type { PointFailure } from '../app/domain/jobs.ts';
import type { RocketResult } from '../app/domain/problem.ts';
import type { OptimizeKernels } from '../wasm-core/optimize.ts';
import { startNsga2, type Nsga2Progress, type Nsga2RunResult, type Nsga2Session } from './optimize-api.ts';
import { generationFailures, solveSplit, type SliceSolver } from './split-evaluate.ts';
import type { SolveRocketsInput } from './solve-rockets.ts';

/** What the optimiser calls on a pool worker's served port (see servePort). */
export interface ServedEngine {
  solveRockets(input: SolveRocketsInput): Promise<Result<Result<RocketResult, KernelError>[], KernelError>>;
  end(): void;
}

export interface Nsga2StepReply extends Nsga2Progress {
  done: boolean;
  result?: Nsga2RunResult;
  /** The generation's designs the engine could not solve, numbered within the generation. */
  failures: PointFailure[];
}

const noRun = (runId: unknown) => err('no-run', `no optimisation run ${String(runId)} in this worker (restarted?)`, 'runId');

export function makeOptimizerApi(kernels: () => Promise<OptimizeKernels>, local: () => Promise<SliceSolver>) {
  let session: Nsga2Session | null = null;
  let runCount = 0;
  return {
    /** Starts an NSGA-II rocket design run (spec of app/domain/optimize-spec.ts); step it with nsga2Step. */
    async nsga2Start(spec: unknown): Promise<Result<{ runId: number; generations: number }, KernelError>> {
      const s = startNsga2(await kernels(), spec, () => { throw new Error('evaluated by nsga2Step'); });
      if (!s.ok) return s;
      session = s.value;
      return ok({ runId: ++runCount, generations: s.value.generations });
    },
    /**
     * Evaluates one more generation of run `runId` over the pool ports given (and here), and forms
     * the next; the answer carries the current front (and the result when done). The ports are
     * let go (their pool workers freed) before the answer.
     */
    async nsga2Step(input: { runId: number; pool?: MessagePort[] }): Promise<Result<Nsga2StepReply, KernelError>> {
      const remotes = (input?.pool ?? []).map((p) => Comlink.wrap<ServedEngine>(p));
      try {
        if (!session || input?.runId !== runCount) return noRun(input?.runId);
        const asked = session.ask();
        if (!asked.ok) return asked;
        // The pool's slices are posted first: the local slice then runs (synchronously) while they do.
        const solvers: SliceSolver[] = [...remotes.map((r): SliceSolver => (problems) => r.solveRockets({ problems })), await local()];
        const solved = await solveSplit(asked.value, solvers);
        if (!solved.ok) return solved;
        const p = session.tell(solved.value);
        if (!p.ok) return p;
        return ok({ ...p.value, done: session.done, result: session.done ? session.result() : undefined, failures: generationFailures(solved.value) });
      } finally {
        for (const r of remotes) {
          void r.end();
          void r[Comlink.releaseProxy]();
        }
      }
    },
  };
}

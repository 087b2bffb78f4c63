// Optimiser worker: holds the NSGA-II state of one run (its own wasm core), so cancelling an
// optimisation stops this worker only — never the engine worker Explore uses. Each generation is
// evaluated on the pool workers reached over MessagePorts the bridge hands over with the step
// (`serve` on the engine worker), plus a slice here: the designs never cross the main thread.
import * as Comlink from 'comlink';
import wasmUrl from '../wasm-core/build/core.wasm?url';
import thermoUrl from '../wasm-core/data/thermo.json?url';
import type { ThermoDocument } from '../app/domain/thermo-inp.ts';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import { instantiateCore } from '../wasm-core/index.ts';
import { optimizeKernels } from '../wasm-core/optimize.ts';
import { makeEngineApi } from './engine-api.ts';
import { startNsga2, type Nsga2Progress, type Nsga2RunResult, type Nsga2Session } from './optimize-api.ts';
import { exposeApi } from './expose-api.ts';
import { solveRocketsWith } from './solve-rockets.ts';
import { generationFailures, solveSplit, type SliceSolver } from './split-evaluate.ts';
import type { PointFailure } from '../app/domain/jobs.ts';
import type { ServedEngine } from './engine.worker.ts';

async function fetchOk(url: string, what: string): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load the ${what} (${url}: HTTP ${r.status})`);
  return r;
}
const compiled = fetchOk(wasmUrl, 'engine').then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
const optimizer = compiled.then((m) => instantiateCore(m)).then(optimizeKernels);
// This worker's own share of each generation: an engine of its own, started on the first step.
let localEngine: Promise<SliceSolver> | null = null;
const local = () => (localEngine ??= Promise.all([
  compiled.then((m) => instantiateCore(m)),
  fetchOk(thermoUrl, 'thermo data').then((r) => r.json() as Promise<ThermoDocument>),
]).then(([core, thermo]) => {
  const e = makeEngineApi(core, thermo);
  return async (problems) => solveRocketsWith(e, { problems });
}));

let session: Nsga2Session | null = null;
let runCount = 0;

export interface Nsga2StepReply extends Nsga2Progress {
  done: boolean;
  result?: Nsga2RunResult;
  /** The generation's designs the engine could not solve, numbered within the generation. */
  failures: PointFailure[];
}

const noRun = (runId: unknown) => err('no-run', `no optimisation run ${String(runId)} in this worker (restarted?)`, 'runId');

const api = {
  /** Starts an NSGA-II rocket design run (spec of app/domain/optimize-spec.ts); step it with nsga2Step. */
  async nsga2Start(spec: unknown): Promise<Result<{ runId: number; generations: number }, KernelError>> {
    const s = startNsga2(await optimizer, spec, () => { throw new Error('evaluated by nsga2Step'); });
    if (!s.ok) return s;
    session = s.value;
    return ok({ runId: ++runCount, generations: s.value.generations });
  },
  /**
   * Evaluates one more generation of run `runId` over the pool ports given (and here), and forms
   * the next; the answer carries the current front (and the result when done). The ports are
   * released (their pool workers freed) before the answer.
   */
  async nsga2Step(input: { runId: number; pool?: MessagePort[] }): Promise<Result<Nsga2StepReply, KernelError>> {
    const remotes = (input?.pool ?? []).map((p) => Comlink.wrap<ServedEngine>(p));
    try {
      if (!session || input?.runId !== runCount) return noRun(input?.runId);
      const asked = session.ask();
      if (!asked.ok) return asked;
      const solvers: SliceSolver[] = [await local(), ...remotes.map((r): SliceSolver => (problems) => r.solveRockets({ problems }))];
      const solved = await solveSplit(asked.value, solvers);
      if (!solved.ok) return solved;
      const p = session.tell(solved.value);
      if (!p.ok) return p;
      return ok({ ...p.value, done: session.done, result: session.done ? session.result() : undefined, failures: generationFailures(solved.value) });
    } finally {
      for (const r of remotes) {
        void r.end();
        r[Comlink.releaseProxy]();
      }
    }
  },
};

export type OptimizerWorkerApi = typeof api;
exposeApi(api);

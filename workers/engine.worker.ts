// Engine worker: owns one wasm core instance and exposes the engine API through Comlink.
import * as Comlink from 'comlink';
import wasmUrl from '../wasm-core/build/core.wasm?url';
// The species data is a separate precached asset (a JSON import would bloat this chunk).
import thermoUrl from '../wasm-core/data/thermo.json?url';
import transUrl from '../wasm-core/data/trans.json?url';
import type { ThermoDocument } from '../app/domain/thermo-inp.ts';
import type { TransDocument } from '../app/domain/trans-inp.ts';
import type { RocketResult } from '../app/domain/problem.ts';
import type { KernelError, Result } from '../app/domain/result.ts';
import { instantiateCore } from '../wasm-core/index.ts';
import { makeEngineApi, type Cancel, type EngineApi, type SweepInput } from './engine-api.ts';
import type { SweepChunkInput } from './sweep-chunk.ts';
import { optimizeKernels } from '../wasm-core/optimize.ts';
import { startNsga2, findOptimumOf, findOptimumOfProblem, type Nsga2Session, type OptimumOfInput, type OptimumOfProblemInput } from './optimize-api.ts';

const thermoDoc: Promise<ThermoDocument> = fetch(thermoUrl).then((r) => {
  if (!r.ok) throw new Error(`could not load the thermo data (${thermoUrl}: HTTP ${r.status})`);
  return r.json() as Promise<ThermoDocument>;
});

// Without the transport data the engine still solves; `transport: true` then returns the named
// error 'no-transport-data'.
const transDoc: Promise<TransDocument | undefined> = fetch(transUrl)
  .then((r) => (r.ok ? r.json() as Promise<TransDocument> : undefined))
  .catch(() => undefined);

const ready: Promise<EngineApi> = fetch(wasmUrl)
  .then((r) => {
    if (!r.ok) throw new Error(`could not load the engine (${wasmUrl}: HTTP ${r.status})`);
    return r.arrayBuffer();
  })
  .then((bytes) => instantiateCore(bytes))
  .then(async (core) => makeEngineApi(core, await thermoDoc, await transDoc));

/** Every method waits for the wasm module, then runs synchronously in this worker. */
const api = {
  async idealRocket(input: unknown) {
    return (await ready).idealRocket(input);
  },
  /** Rocket performance for one problem of the `solve` format. */
  async solveRocket(input: unknown, cancel?: Cancel) {
    return (await ready).solveRocket(input, cancel);
  },
  /** hp / tp equilibrium state for one problem of the `solve` format. */
  async solveEquilibrium(input: unknown, cancel?: Cancel) {
    return (await ready).solveEquilibrium(input, cancel);
  },
  /** Many points in one call (warm-started); the typed arrays move back by transfer. */
  async runSweep(input: SweepInput, cancel?: Cancel, progress?: (done: number, total: number) => void) {
    const r = (await ready).runSweep(input, cancel, progress);
    return r.ok ? Comlink.transfer(r, [r.value.values.buffer, r.value.status.buffer]) : r;
  },
  /** One chunk of a sweep job; the result columns move back by transfer. */
  async runSweepChunk(input: SweepChunkInput, cancel?: Cancel) {
    const r = (await ready).runSweepChunk(input, cancel);
    return r.ok ? Comlink.transfer(r, Object.values(r.value.columns).map((c) => c.buffer)) : r;
  },
  /** Starts an NSGA-II rocket design run (spec of app/domain/optimize-spec.ts); step it with nsga2Step. */
  async nsga2Start(spec: unknown) {
    const engineApi = await ready;
    const s = startNsga2(await optimizer, spec, (problems, cancel) => problems.map((p) => engineApi.solveRocket(p, cancel)));
    if (!s.ok) return s;
    session = s.value;
    return { ok: true as const, value: { runId: ++runCount, generations: s.value.generations } };
  },
  /** Evaluates one more generation of run `runId`; the answer carries the current front (and the result when done). */
  async nsga2Step(input: { runId: number }) {
    if (!session || input?.runId !== runCount) return noRun(input?.runId);
    const p = await session.step();
    if (!p.ok) return p;
    return { ok: true as const, value: { ...p.value, done: session.done, result: session.done ? session.result() : undefined } };
  },
  /** The next generation's rocket problems of run `runId`, to evaluate elsewhere (the pool) and pass to nsga2Tell. */
  async nsga2Ask(input: { runId: number }) {
    if (!session || input?.runId !== runCount) return noRun(input?.runId);
    return session.ask();
  },
  /** The engine answers for the problems nsga2Ask gave, in order; forms the next generation. */
  async nsga2Tell(input: { runId: number; results: Result<RocketResult, KernelError>[] }) {
    if (!session || input?.runId !== runCount) return noRun(input?.runId);
    const p = session.tell(input.results);
    if (!p.ok) return p;
    return { ok: true as const, value: { ...p.value, done: session.done, result: session.done ? session.result() : undefined } };
  },
  /** Many rocket problems solved one by one (an optimiser's generation, split over the pool); the
   *  answers leave out compositions, which the optimiser does not use, to keep the messages small. */
  async solveRockets(input: { problems: unknown[] }, cancel?: Cancel) {
    const engineApi = await ready;
    if (!Array.isArray(input?.problems)) return { ok: false as const, error: { code: 'bad-input', message: 'problems must be a list of rocket problems', field: 'problems' } };
    const out: Result<RocketResult, KernelError>[] = [];
    for (const p of input.problems) {
      if (cancel?.aborted) return { ok: false as const, error: { code: 'aborted', message: 'cancelled' } };
      out.push(withoutCompositions(engineApi.solveRocket(p, cancel)));
    }
    return { ok: true as const, value: out };
  },
  /** The O/F that maximises (or minimises) one quantity at fixed pc and area ratio (bracketing + Brent). */
  async findOptimumOf(input: OptimumOfInput) {
    const engineApi = await ready;
    return findOptimumOf(await optimizer, input, (p) => engineApi.solveRocket(p));
  },
  /** The O/F that maximises a quantity (or density-Isp) of any rocket problem (Explore's optimum, Sweep's optimum per curve). */
  async findOptimumOfProblem(input: OptimumOfProblemInput) {
    const engineApi = await ready;
    return findOptimumOfProblem(await optimizer, input, (p) => engineApi.solveRocket(p));
  },
};

const noRun = (runId: unknown) => ({ ok: false as const, error: { code: 'no-run', message: `no optimisation run ${String(runId)} in this worker (restarted?)`, field: 'runId' } });

function withoutCompositions(r: Result<RocketResult, KernelError>): Result<RocketResult, KernelError> {
  if (!r.ok) return r;
  const bare = <T extends object>(st: T): T => ('moleFractions' in st ? { ...st, moleFractions: {} } : st);
  return { ok: true, value: { ...r.value, chamber: bare(r.value.chamber), throat: bare(r.value.throat), exits: r.value.exits.map(bare) } };
}

// The optimiser keeps NSGA-II state in its own core instance, apart from the engine's.
const optimizer = fetch(wasmUrl).then((r) => r.arrayBuffer()).then((b) => instantiateCore(b)).then(optimizeKernels);
let session: Nsga2Session | null = null;
let runCount = 0;

export type EngineWorkerApi = typeof api;
Comlink.expose(api);

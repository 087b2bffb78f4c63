// Engine worker: the equilibrium engine over a wasm core, exposed through Comlink. Kernels start on
// first use: a pool worker that only solves points never fetches the species data twice or
// instantiates the 1-D optimiser's core.
import * as Comlink from 'comlink';
import wasmUrl from '../wasm-core/build/core.wasm?url';
// The species data is a separate precached asset (a JSON import would bloat this chunk).
import thermoUrl from '../wasm-core/data/thermo.json?url';
import transUrl from '../wasm-core/data/trans.json?url';
import type { ThermoDocument } from '../app/domain/thermo-inp.ts';
import type { TransDocument } from '../app/domain/trans-inp.ts';
import { instantiateCore } from '../wasm-core/index.ts';
import { makeEngineApi, type EngineApi, type SweepInput } from './engine-api.ts';
import type { SweepChunkInput } from './sweep-chunk.ts';
import type { SweepSpec } from '../app/domain/sweep.ts';
import type { OptimizeKernels } from '../wasm-core/optimize.ts';
import type { OptimumOfInput, OptimumOfProblemInput } from './optimize-api.ts';
import { exposeApi } from './expose-api.ts';
import { servePort } from './serve-port.ts';
import { solveRocketsWith, type SolveRocketsInput } from './solve-rockets.ts';
import type { AnalysisChunkInput } from './analysis-rocket.ts';

// The optimum searches, the sensitivity analyses and the chamber design load on their first call:
// a solve (Explore's first result, a sweep's points) needs none of them, and a phone on a slow
// network waited for them before it saw a number.
const optimumCode = () => import('./optimize-api.ts');
const analysisCode = () => import('./analysis-rocket.ts');
const designCode = () => import('./design-api.ts');
const sweepCode = () => import('./sweep-chunk.ts');

async function fetchOk(url: string, what: string): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load the ${what} (${url}: HTTP ${r.status})`);
  return r;
}

let wasmModule: Promise<WebAssembly.Module> | null = null;
const compiled = () => (wasmModule ??= fetchOk(wasmUrl, 'engine').then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)));

let engineReady: Promise<EngineApi> | null = null;
// Without the transport data the engine still solves; `transport: true` then returns the named
// error 'no-transport-data'.
const transDoc = (): Promise<TransDocument | undefined> => fetch(transUrl)
  .then((r) => (r.ok ? r.json() as Promise<TransDocument> : undefined))
  .catch(() => undefined);
const engine = () => (engineReady ??= Promise.all([
  compiled().then((m) => instantiateCore(m)),
  fetchOk(thermoUrl, 'thermo data').then((r) => r.json() as Promise<ThermoDocument>),
  transDoc(),
]).then(([core, thermo, trans]) => makeEngineApi(core, thermo, trans)));

// The 1-D maximiser keeps its search in module state: its own core instance, apart from the engine's.
let optimizerReady: Promise<OptimizeKernels> | null = null;
const optimizer = () => (optimizerReady ??= Promise.all([compiled().then((m) => instantiateCore(m)), import('../wasm-core/optimize.ts')])
  .then(([core, { optimizeKernels }]) => optimizeKernels(core)));

/** How long (ms) a worker warms up on a design, at most (a 1,000-point grid, once per worker): in a fresh worker the
 * first 100 points took ~210 ms and the next 100 ~85 ms, against ~4 ms once V8 has compiled the code. */
const WARM_MS = 400;
let warmedOnDesign = false;
/** Calls of real work so far: a warm-up gives way as soon as one arrives. */
let realCalls = 0;

/** Progress of a sweep: points done of the total. */
export interface SweepProgress { done: number; total: number }

/** Every method waits for the kernels it needs, then runs synchronously in this worker. */
const api = {
  /**
   * Loads the engine and a sweep chunk's code ahead of the first call (a page that is about to run a
   * sweep asks while the user sets it up, so the first chunk does not wait for them).
   */
  async warm(input: { problem?: unknown } | null) {
    const [e, { runSweepChunkOn }] = await Promise.all([engine(), sweepCode()]);
    // With the design about to be swept, once per worker: sweep chunks of a small grid around it
    // run for a moment, so that the first chunk of the real sweep meets code V8 has already compiled
    // beyond its baseline tier, and the system prepared (a first 1,000-point chunk took ~190 ms
    // against ~45 ms for the next ones). A problem the grid refuses is left to the sweep to report.
    const p = input?.problem as { of?: unknown; pc?: unknown } | undefined;
    if (!warmedOnDesign && p && typeof p === 'object' && typeof p.of === 'number' && typeof p.pc === 'number') {
      warmedOnDesign = true;
      const spec = {
        base: p as SweepSpec['base'],
        axes: [
          { variable: 'of', from: p.of * 0.8, to: p.of * 1.2, count: 25, spacing: 'linear' },
          { variable: 'pc', from: p.pc * 0.7, to: p.pc * 1.3, count: 40, spacing: 'log' },
        ],
      } satisfies SweepSpec;
      const t0 = performance.now();
      const calls = realCalls;
      for (let at = 0; at < 1000 && performance.now() - t0 < WARM_MS && realCalls === calls; at += 100) {
        if (!runSweepChunkOn(e, { spec, start: at, end: at + 100 }).ok) break;
        // Lets a call that arrived meanwhile (the sweep's first chunk) run now, and stops the warm-up.
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    return { ok: true as const, value: null };
  },
  async idealRocket(input: unknown) {
    return (await engine()).idealRocket(input);
  },
  /** Rocket performance for one problem of the `solve` format. */
  async solveRocket(input: unknown) {
    return (await engine()).solveRocket(input);
  },
  /** hp / tp equilibrium state for one problem of the `solve` format. */
  async solveEquilibrium(input: unknown) {
    return (await engine()).solveEquilibrium(input);
  },
  /** Many points of one problem in one call (warm-started); the typed arrays move back by transfer. */
  async runSweep(input: SweepInput, onProgress?: (p: SweepProgress) => void) {
    const r = (await engine()).runSweep(input, undefined, onProgress && ((done, total) => void onProgress({ done, total })));
    return r.ok ? Comlink.transfer(r, [r.value.values.buffer, r.value.status.buffer]) : r;
  },
  /** One chunk of a sweep job; the result columns move back by transfer. */
  async runSweepChunk(input: SweepChunkInput) {
    const [{ runSweepChunkOn }, e] = await Promise.all([sweepCode(), engine()]);
    const r = runSweepChunkOn(e, input);
    return r.ok ? Comlink.transfer(r, Object.values(r.value.columns).map((c) => c.buffer)) : r;
  },
  /** One chunk of a sensitivity-analysis job (rows of its design, warm-started); the values move back by transfer. */
  async runAnalysisChunk(input: AnalysisChunkInput) {
    const [{ runAnalysisChunk }, e] = await Promise.all([analysisCode(), engine()]);
    const r = await runAnalysisChunk(e, input);
    return r.ok ? Comlink.transfer(r, [r.value.values.buffer]) : r;
  },
  /** Many rocket problems solved one by one (an optimiser's generation, split over the pool); the
   *  answers leave out compositions, which the optimiser does not use, to keep the messages small. */
  async solveRockets(input: SolveRocketsInput) {
    return solveRocketsWith(await engine(), input);
  },
  /** The O/F that maximises (or minimises) one quantity at fixed pc and area ratio (bracketing + Brent). */
  async findOptimumOf(input: OptimumOfInput) {
    const [{ findOptimumOf }, e, o] = await Promise.all([optimumCode(), engine(), optimizer()]);
    return findOptimumOf(o, input, (p) => e.solveRocket(p));
  },
  /** A thrust chamber sized, drawn and its wall heat flux computed for a design spec (README "Command line: design"). */
  async designChamber(input: unknown) {
    const [{ runDesign }, e] = await Promise.all([designCode(), engine()]);
    return runDesign(e, input);
  },
  /** The O/F that maximises a quantity (or density-Isp) of any rocket problem (Explore's optimum, Sweep's optimum per curve). */
  async findOptimumOfProblem(input: OptimumOfProblemInput) {
    const [{ findOptimumOfProblem }, e, o] = await Promise.all([optimumCode(), engine(), optimizer()]);
    return findOptimumOfProblem(o, input, (p) => e.solveRocket(p));
  },
  /**
   * Answers `solveRockets` on a port handed over (the optimiser worker's line to this pool worker,
   * so a generation's designs never pass through the main thread) until the other side calls
   * `end`; the bridge sees this worker busy meanwhile, so it neither idles out nor takes other work.
   */
  serve(input: { port: MessagePort }) {
    return servePort(input?.port, { solveRockets: api.solveRockets });
  },
};

export type EngineWorkerApi = typeof api;
// Every call but a warm-up counts as real work (see warm).
exposeApi(Object.fromEntries(Object.entries(api).map(([name, f]) => [name, name === 'warm' ? f : (...args: Parameters<typeof f>) => {
  realCalls++;
  return (f as (...a: unknown[]) => unknown)(...args);
}])) as typeof api);

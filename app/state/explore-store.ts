// Store for Explore: the design point being edited (an engine RocketProblem, SI), its live result
// from the engine worker, the Isp/Tc curve versus O/F around the point, and the O/F that maximises
// vacuum Isp or density-Isp.
import { createSignal, createEffect, onCleanup, batch, untrack, on } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import type { EngineBridge } from '../bridge/engine.ts';
import type { ReactantSpec, RocketProblem, RocketResult, Station, ExitResult, ProblemError } from '../domain/problem.ts';
import { latest } from '../domain/latest.ts';
import { DEFAULT_PROBLEM } from '../domain/experiment.ts';
import { propellantDensity, reactantDensities } from '../domain/propellants.ts';

/** The engine's answer for the design point (chamber — the injector with a finite-area combustor —, throat, exits; SI). */
export type RocketSolution = Omit<RocketResult, 'ok'>;

export interface OfCurvePoint {
  of: number;
  ispVac: number;
  isp: number;
  Tc: number;
}

export const isStation = (e: ExitResult): e is Station => !('ok' in e);

/** What Explore's optimum O/F maximises. */
export type ExploreOptimumQuantity = 'ispVac' | 'densityIsp';

export interface ExploreOptimum {
  of: number;
  /** The maximised value: vacuum Isp (m/s) or density-Isp (N·s/m³). */
  value: number;
  quantity: ExploreOptimumQuantity;
}

/** Density-Isp (N·s/m³) along a curve, or null without a density for every reactant. */
export function curveDensityIsp(points: OfCurvePoint[], reactants: ReactantSpec[], densities: number[] | null): number[] | null {
  return densities && densities.length === reactants.length ? points.map((c) => c.ispVac * propellantDensity(reactants, densities, c.of)) : null;
}

/** O/F values for the curve around `of`: a factor ~2.2 either side, 25 points, geometric. */
export function ofCurveValues(of: number, n = 25): number[] {
  const lo = Math.max(0.05, of / 2.2);
  const hi = Math.min(60, of * 2.2);
  return Array.from({ length: n }, (_, i) => lo * Math.pow(hi / lo, i / (n - 1)));
}

/** The sweep answer (runSweep's BatchResult layout) the curve is read from. */
export interface CurveBatch {
  fields: string[];
  stations: number;
  points: number;
  values: Float64Array;
  status: Int32Array;
}

/** Curve points from a warm-started sweep over `ofs` (exit = station 2); failed points are left out. */
export function curveFromBatch(ofs: number[], b: CurveBatch): OfCurvePoint[] {
  const nf = b.fields.length;
  const [fIspVac, fIsp, fT] = ['ispVac', 'isp', 'T'].map((f) => b.fields.indexOf(f));
  const out: OfCurvePoint[] = [];
  for (let i = 0; i < Math.min(b.points, ofs.length); i++) {
    const chamber = i * b.stations;
    const exit = chamber + 2;
    if (b.stations < 3 || b.status[chamber] !== 0 || b.status[exit] !== 0) continue;
    const ispVac = b.values[exit * nf + fIspVac];
    const isp = b.values[exit * nf + fIsp];
    const Tc = b.values[chamber * nf + fT];
    if ([ispVac, isp, Tc].every(Number.isFinite)) out.push({ of: ofs[i], ispVac, isp, Tc });
  }
  return out;
}

/** The maximum of sampled (x, y) refined by the parabola through its neighbours. */
export function refinedMax(points: { x: number; y: number }[]): { x: number; y: number } | null {
  const ok = points.filter((p) => Number.isFinite(p.y));
  if (!ok.length) return null;
  let k = 0;
  for (let i = 1; i < ok.length; i++) if (ok[i].y > ok[k].y) k = i;
  if (k === 0 || k === ok.length - 1) return { x: ok[k].x, y: ok[k].y };
  const [a, b, c] = [ok[k - 1], ok[k], ok[k + 1]];
  const denom = (a.x - b.x) * (a.x - c.x) * (b.x - c.x);
  const A = (c.x * (b.y - a.y) + b.x * (a.y - c.y) + a.x * (c.y - b.y)) / denom;
  const B = (c.x * c.x * (a.y - b.y) + b.x * b.x * (c.y - a.y) + a.x * a.x * (b.y - c.y)) / denom;
  if (!(A < 0)) return { x: b.x, y: b.y };
  const x = -B / (2 * A);
  if (!(x > a.x && x < c.x)) return { x: b.x, y: b.y };
  const C = b.y - A * b.x * b.x - B * b.x;
  return { x, y: A * x * x + B * x + C };
}

/** Explore shows 1 atm where a problem leaves the ambient pressure unset, and the engine computes
 * Isp at ambient only when pamb is given: the edited problem always carries it. */
const withAmbient = (p: RocketProblem): RocketProblem => (p.pamb === undefined ? { ...p, pamb: 101325 } : p);

export interface ExploreStoreOptions {
  /** The engine worker: the caller passes it (design.ts the app's, node tests a node bridge). */
  engine: EngineBridge;
  initial?: RocketProblem;
  debounceMs?: number;
  /**
   * Each reactant's density (kg/m³), or null when one is unknown (density-Isp is then not
   * offered); by default from the built-in library.
   */
  densitiesOf?: (reactants: ReactantSpec[]) => number[] | null;
}

export function createExploreStore(opts: ExploreStoreOptions) {
  const engine = opts.engine;
  const debounceMs = opts.debounceMs ?? 200;
  const densitiesOf = opts.densitiesOf ?? ((rs: ReactantSpec[]) => reactantDensities(rs));
  const [problem, setProblem] = createStore<RocketProblem>(withAmbient(structuredClone(opts.initial ?? DEFAULT_PROBLEM)));
  const [solution, setSolution] = createSignal<RocketSolution | null>(null);
  /** The last solution with the problem it answers (edits made since do not change it). */
  const [solved, setSolved] = createSignal<{ problem: RocketProblem; solution: RocketSolution } | null>(null);
  const [error, setError] = createSignal<ProblemError | null>(null);
  const [curve, setCurve] = createSignal<OfCurvePoint[]>([]);
  const [optimum, setOptimum] = createSignal<ExploreOptimum | null>(null);
  const [optimumQuantity, setOptimumQuantity] = createSignal<ExploreOptimumQuantity>('ispVac');
  const [busy, setBusy] = createSignal(false);
  const point = latest();
  // The optimum has its own turn: a new quantity searches again over the same curve.
  const optimumCalls = latest();
  let lastCurve: { p: RocketProblem; points: OfCurvePoint[] } | null = null;

  async function compute(p: RocketProblem) {
    const current = point.next();
    optimumCalls.cancel();
    lastCurve = null;
    setBusy(true);
    const r = await engine.call('solveRocket', p);
    if (!current()) return;
    batch(() => {
      setBusy(false);
      if (r.ok) {
        setSolution(r.value);
        setSolved({ problem: p, solution: r.value });
        setError(null);
      } else {
        setSolution(null);
        setSolved(null);
        setError(r.error);
      }
    });
    if (r.ok && p.of !== undefined && p.reactants.some((x) => x.role)) await computeCurve(p, current);
    else if (current()) batch(() => { setCurve([]); setOptimum(null); });
  }

  // The curve: one warm-started sweep in the worker (each O/F starts from its neighbour's state).
  async function computeCurve(p: RocketProblem, current: () => boolean) {
    const ofs = ofCurveValues(p.of!);
    const exit = p.exits?.[0];
    const q: RocketProblem = { ...p, exits: exit ? [exit] : [] };
    delete q.phi;
    delete q.transport; // the curve shows Isp and Tc only
    const r = await engine.call('runSweep', { problem: q, points: ofs.map((of) => ({ of })), warm: true });
    if (!current()) return;
    const points = r.ok ? curveFromBatch(ofs, r.value) : [];
    setCurve(points);
    lastCurve = { p: q, points };
    await computeOptimum(lastCurve.p, points);
  }

  // The optimum itself: bracketing + Brent in the worker, to 1e-4 in O/F, around the sampled peak.
  async function computeOptimum(p: RocketProblem, points: OfCurvePoint[]) {
    const current = optimumCalls.next();
    const densities = optimumQuantity() === 'densityIsp' ? densitiesOf(p.reactants) : null;
    const quantity: ExploreOptimumQuantity = densities ? 'densityIsp' : 'ispVac';
    const ys = curveDensityIsp(points, p.reactants, densities) ?? points.map((c) => c.ispVac);
    const peak = refinedMax(points.map((c, k) => ({ x: c.of, y: ys[k] })));
    if (!peak) return setOptimum(null);
    const i = points.findIndex((c) => c.of >= peak.x);
    const lo = points[Math.max(0, i - 2)].of;
    const hi = points[Math.min(points.length - 1, i + 1)].of;
    const r = await engine.call('findOptimumOfProblem', { problem: p, of: [lo, hi], quantity, densities: densities ?? undefined });
    if (!current()) return;
    setOptimum(r.ok ? { of: r.value.of, value: r.value.value, quantity } : null);
  }
  createEffect(on(optimumQuantity, () => {
    if (lastCurve) void computeOptimum(lastCurve.p, lastCurve.points);
  }, { defer: true }));

  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    // Deep-track the problem: any edit recomputes after a pause in typing.
    const snapshot = JSON.parse(JSON.stringify(problem)) as RocketProblem;
    clearTimeout(timer);
    timer = setTimeout(() => void untrack(() => compute(snapshot)), debounceMs);
  });
  onCleanup(() => {
    clearTimeout(timer);
    point.cancel();
    optimumCalls.cancel();
  });

  return {
    problem,
    setProblem,
    /** Replaces the whole problem (a template, an experiment, a point picked in a sweep). */
    load: (p: RocketProblem) => setProblem(reconcile(withAmbient(structuredClone(p)))),
    snapshot: () => structuredClone(unwrap(problem)) as RocketProblem,
    solution,
    solved,
    error,
    curve,
    /** O/F of maximum vacuum Isp or density-Isp at the current pc and nozzle (from the worker's Brent search). */
    optimum,
    /** What the optimum maximises (density-Isp falls back to vacuum Isp without every reactant's density). */
    optimumQuantity,
    setOptimumQuantity,
    densitiesOf,
    busy,
  };
}

export type ExploreStore = ReturnType<typeof createExploreStore>;

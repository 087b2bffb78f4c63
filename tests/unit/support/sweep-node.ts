// A sweep run in node as the sweep job runs it (every point solved, the first exit's columns), and
// the optimum O/F searches along its O/F lines as Sweep's store runs them.
import type { NodeEngine } from './engine-node.ts';
import { findOptimumOfProblem } from '../../../workers/optimize-api.ts';
import { optimizeKernels } from '../../../wasm-core/optimize.ts';
import type { Station } from '../../../app/domain/problem.ts';
import { SWEEP_COLUMNS, axisValues, ofCurves, pointCount, pointIndices, problemAt, sweepRow, type SweepColumn, type SweepSpec } from '../../../app/domain/sweep.ts';
import type { SweepOptimaData, SweepTableData } from '../../../app/domain/explain-sweep.ts';

export function runSweepNode(e: NodeEngine, spec: SweepSpec): SweepTableData {
  const n = pointCount(spec);
  const values = spec.axes.map(axisValues);
  const axes = spec.axes.map(() => new Float64Array(n));
  const columns = Object.fromEntries(SWEEP_COLUMNS.map((c) => [c, new Float64Array(n).fill(NaN)])) as Record<SweepColumn, Float64Array>;
  for (let i = 0; i < n; i++) {
    const idx = pointIndices(spec, i);
    spec.axes.forEach((_, k) => { axes[k][i] = values[k][idx[k]]; });
    const r = e.engine.solveRocket(problemAt(spec, i, values));
    if (!r.ok || 'ok' in r.value.exits[0]) continue;
    const row = sweepRow(r.value.chamber, r.value.exits[0] as Station);
    for (const c of SWEEP_COLUMNS) columns[c][i] = row[c];
  }
  return { spec, axes, columns };
}

export async function searchOptimaNode(e: NodeEngine, spec: SweepSpec): Promise<SweepOptimaData> {
  const c = ofCurves(spec)!;
  const rows = [];
  for (const curve of c.curves) {
    const r = await findOptimumOfProblem(optimizeKernels(e.core), { problem: curve.problem, of: c.range }, (p) => e.engine.solveRocket(p));
    rows.push({ at: curve.at, point: curve.point, result: r.ok ? { ok: true as const, value: { of: r.value.of, value: r.value.value } } : r });
  }
  return { quantity: 'ispVac', ofAxis: c.ofAxis, rows };
}

// Reading form drafts back (the Sweep grid, the Optimize spec) and choosing what a form shows after
// a reload: the user's last edits, or the grid of a job started after them. Pure: runs in node.
import { VARIABLE_INFO, type SweepAxis } from './sweep.ts';
import type { OptimizeSpec } from './optimize-spec.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRange = (v: unknown) => isNumber(v) || (Array.isArray(v) && v.length === 2 && v.every(isNumber));

/** A stored Sweep grid, or null when it is not one (then the form keeps its defaults). */
export function restoreSweepAxes(raw: unknown): SweepAxis[] | null {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 3) return null;
  const axes: SweepAxis[] = [];
  for (const a of raw) {
    if (!isObject(a) || typeof a.variable !== 'string' || !(a.variable in VARIABLE_INFO)) return null;
    if (!isNumber(a.from) || !isNumber(a.to) || !isNumber(a.count) || (a.spacing !== 'linear' && a.spacing !== 'log')) return null;
    if (a.reactant !== undefined && !(Number.isInteger(a.reactant) && (a.reactant as number) >= 0)) return null;
    axes.push({
      variable: a.variable as SweepAxis['variable'], from: a.from, to: a.to, count: a.count, spacing: a.spacing,
      ...(a.reactant === undefined ? {} : { reactant: a.reactant as number }),
    });
  }
  return axes;
}

/**
 * A stored Optimize spec, or null when it is not one. Only its shape is checked: a draft may hold
 * a value the run would refuse, and the form shows it with the run's own message.
 */
export function restoreOptimizeSpec(raw: unknown): OptimizeSpec | null {
  if (!isObject(raw)) return null;
  const names = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!names(raw.fuels) || !names(raw.oxidizers)) return null;
  const vars = raw.variables;
  if (!isObject(vars) || !['of', 'pc', 'areaRatio'].every((k) => isRange(vars[k]))) return null;
  if (!['fuelBlend', 'oxidizerBlend'].every((k) => vars[k] === undefined || isRange(vars[k]))) return null;
  if (!Array.isArray(raw.objectives) || !raw.objectives.every(isObject)) return null;
  if (raw.constraints !== undefined && !(Array.isArray(raw.constraints) && raw.constraints.every(isObject))) return null;
  if (!isNumber(raw.population) || !isNumber(raw.generations) || !isNumber(raw.seed)) return null;
  return structuredClone(raw) as unknown as OptimizeSpec;
}

/**
 * What a form shows when it opens: the draft (the user's last edits) unless a job was started
 * after it (a reload mid-run, a run started in another tab), then that job's input. Either may be
 * missing; null leaves the form's defaults.
 */
export function formSource<T>(draft: { savedAt: number; value: T } | null, job: { createdAt: number; value: T } | null): { from: 'draft' | 'job'; value: T } | null {
  if (job && (!draft || job.createdAt >= draft.savedAt)) return { from: 'job', value: job.value };
  return draft ? { from: 'draft', value: draft.value } : null;
}

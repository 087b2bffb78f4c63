// Merging two versions of an experiment field by field (issue 17's sync conflicts): the rows the
// user picks from, and the merged document. Apart from revision.ts (which the first load needs for
// the save-conflict dialog) so that this loads only with sync. Pure: runs in node.
import { restoreExperiment, type Experiment, type UnitSystem } from './experiment.ts';
import { err, ok, type Result } from './result.ts';
import { FIELDS, experimentDiff, num, same, short, uncovered, withoutRevision, type FieldDiff } from './revision.ts';

/** The pseudo-field for what differs outside the fields the editor shows (kept whole from one side). */
export const OTHER_FIELDS_KEY = 'other';

export type Side = 'mine' | 'theirs';

/** Top-level paths in which two uncovered parts differ ("createdAt", "inputs.problem.foo"). */
function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(a) || !isObj(b)) return same(a, b) ? [] : [path];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => (k === 'inputs' || k === 'problem' ? differingPaths(a[k], b[k], path ? `${path}.${k}` : k) : same(a[k], b[k]) ? [] : [path ? `${path}.${k}` : k]));
}

/**
 * The rows a field-by-field merge offers: every field the editor shows that differs (as
 * experimentDiff), then, when anything else differs, one row for the rest (kept whole from one side).
 */
export function mergeRows(mine: Experiment, theirs: Experiment, units: UnitSystem): FieldDiff[] {
  const rows = experimentDiff(mine, theirs, null, units);
  const paths = differingPaths(uncovered(mine), uncovered(theirs));
  if (paths.length) {
    const pick = (e: Experiment) => {
      const u = uncovered(e) as Record<string, unknown>;
      return short(paths.map((p) => `${p}: ${JSON.stringify(p.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], u)) ?? '(none)'}`).join('; '));
    };
    rows.push({ key: OTHER_FIELDS_KEY, label: `Other settings (${paths.join(', ')})`.slice(0, 160), mine: pick(mine), theirs: pick(theirs) });
  }
  return rows;
}

/**
 * One document from two versions of the same experiment, each differing field taken from the side
 * the user picked (`picks[key]`, keys as mergeRows gives them). Every differing field needs a pick,
 * so nothing is decided silently. The result is read back through restoreExperiment, as any import
 * is, and refused (an error naming the field) when that would change or drop anything — e.g. O/F
 * from one side and the equivalence ratio from the other, which cannot both be kept.
 */
export function mergeByField(mine: Experiment, theirs: Experiment, picks: Record<string, Side>, units: UnitSystem = 'SI'): Result<Experiment> {
  if (mine.id !== theirs.id) return err('bad-input', `both versions must be of one experiment (got ids ${JSON.stringify(mine.id)} and ${JSON.stringify(theirs.id)})`, 'id');
  const rows = mergeRows(mine, theirs, units);
  for (const [k, v] of Object.entries(picks)) {
    if (!rows.some((r) => r.key === k)) return err('bad-input', `${JSON.stringify(k)} is not a field in which the two versions differ`, k);
    if (v !== 'mine' && v !== 'theirs') return err('bad-input', `the pick for ${k} must be "mine" or "theirs" (got ${JSON.stringify(v)})`, k);
  }
  const missing = rows.find((r) => !Object.prototype.hasOwnProperty.call(picks, r.key));
  if (missing) return err('bad-input', `choose which version of ${missing.label} to keep`, missing.key);
  const side = (k: string) => (picks[k] === 'mine' ? mine : theirs);
  const out = structuredClone(withoutRevision(side(OTHER_FIELDS_KEY)));
  for (const f of FIELDS) if (rows.some((r) => r.key === f.key)) f.copy(out, side(f.key));
  const p = out.inputs.problem;
  if (p.of !== undefined && p.phi !== undefined) {
    return err('bad-input', `O/F (${num(p.of)}) and the equivalence ratio (${num(p.phi)}) come from different versions and cannot both be kept: take both from the same version`, picks.of === undefined ? 'phi' : 'of');
  }
  const r = restoreExperiment(out);
  if (!r.ok) return err(r.error.code, `the merged experiment is not valid: ${r.error.message}`, r.error.field);
  if (r.warnings.length) return err('bad-input', `the merged experiment would not be kept as chosen: ${r.warnings[0]}`);
  const changed = differingPaths(r.value, out);
  if (changed.length) return err('bad-input', `the merged experiment would not be kept as chosen (${changed.join(', ')} would change)`, changed[0]);
  return ok(r.value);
}

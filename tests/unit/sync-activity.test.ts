// The workspace activity list (issue 17): newest first, from the author and time each synced
// document carries; author names are untrusted server text, cleaned and capped, and a document
// that does not say when is left out rather than dated "now".
import { describe, it, expect } from 'vitest';
import { workspaceActivity, activityEntry } from '../../app/domain/sync-activity.ts';
import { AUTHOR_MAX, DEFAULT_PROBLEM, restoreExperiment } from '../../app/domain/experiment.ts';
import { shareableExperiment } from '../../app/domain/share-link.ts';

describe('activity list', () => {
  it('lists changes and deletions newest first, at most `limit`', () => {
    const list = workspaceActivity(
      {
        a: { name: 'Stage 1', by: 'ana', at: '2026-12-02T08:00:00.000Z' },
        b: { name: 'Stage 2', by: 'ben', at: '2026-12-02T09:30:00Z' },
        c: { name: 'No time', by: 'ben' },
      },
      [{ id: 'd', name: 'Old draft', by: 'ana', at: '2026-12-02T09:00:00.000Z', action: 'deleted' } as never],
    );
    expect(list).toEqual([
      { id: 'b', name: 'Stage 2', by: 'ben', at: '2026-12-02T09:30:00.000Z', action: 'changed' },
      { id: 'd', name: 'Old draft', by: 'ana', at: '2026-12-02T09:00:00.000Z', action: 'deleted' },
      { id: 'a', name: 'Stage 1', by: 'ana', at: '2026-12-02T08:00:00.000Z', action: 'changed' },
    ]);
    expect(workspaceActivity({ a: { at: '2026-12-02T08:00:00Z' }, b: { at: '2026-12-02T09:00:00Z' } }, [], 1).map((e) => e.id)).toEqual(['b']);
  });

  it('cleans hostile author names and caps them; a missing name or author says so', () => {
    const e = activityEntry('x', { name: 'Stage\u0000 3', by: '<img src=x onerror=alert(1)>' + 'm'.repeat(200), at: '2026-12-02T08:00:00Z' }, 'changed')!;
    expect(e.by).not.toMatch(/[<>]/);
    expect(e.by!.length).toBe(AUTHOR_MAX);
    expect(e.by!.startsWith('img src=x onerror=alert(1)')).toBe(true);
    expect(e.name).toBe('Stage 3');
    const f = activityEntry('y', { by: { toString: 1 }, at: '2026-12-02T08:00:00Z' }, 'deleted')!;
    expect([f.by, f.name]).toEqual([null, 'experiment y']);
    expect(activityEntry('z', { by: 'ana', at: 'yesterday' }, 'changed')).toBeNull();
  });
});

describe('modifiedBy/modifiedAt through restoreExperiment (every load path)', () => {
  const doc = (extra: Record<string, unknown>) => ({ type: 'rocket-fuel-optimizer/experiment', version: 4, id: 'e', name: 'E', inputs: { system: 'custom', units: 'SI', problem: DEFAULT_PROBLEM }, ...extra });
  it('keeps a name and a date, normalising the date', () => {
    const r = restoreExperiment(doc({ modifiedBy: 'ana', modifiedAt: '2026-12-02T08:00:00Z' }));
    expect(r.ok && [r.value.modifiedBy, r.value.modifiedAt, r.warnings]).toEqual(['ana', '2026-12-02T08:00:00.000Z', []]);
  });
  it('cleans markup from the name and drops a pair that is not a name and a date, with a warning', () => {
    const a = restoreExperiment(doc({ modifiedBy: 'ana<script>', modifiedAt: '2026-12-02T08:00:00Z' }));
    expect(a.ok && a.value.modifiedBy).toBe('anascript');
    expect(a.ok && a.warnings).toEqual(['modifiedBy was cleaned to "anascript"']);
    const b = restoreExperiment(doc({ modifiedBy: { name: 'x' }, modifiedAt: 5 }));
    expect(b.ok && ['modifiedBy' in b.value, 'modifiedAt' in b.value]).toEqual([false, false]);
    expect(b.ok && b.warnings[0]).toMatch(/^modifiedBy\/modifiedAt .* are not a name and a date; dropped$/);
    const c = restoreExperiment(doc({}));
    expect(c.ok && 'modifiedBy' in c.value).toBe(false);
  });
  it('stays out of share links (a link names no teammate)', () => {
    const r = restoreExperiment(doc({ modifiedBy: 'ana', modifiedAt: '2026-12-02T08:00:00Z' }));
    if (!r.ok) throw new Error(r.error.message);
    const link = shareableExperiment(r.value);
    expect(['modifiedBy' in link, 'modifiedAt' in link]).toEqual([false, false]);
  });
});

// The pure side of revisions: what a conflict shows (the fields that differ, in the user's units,
// and who changed each) and when both sets of edits can be kept without asking.
import { describe, it, expect } from 'vitest';
import { experimentDiff, mergeExperiments, revisionOf, withoutRevision } from '../../app/domain/revision.ts';
import { duplicateExperiment, restoreExperiment, type Experiment } from '../../app/domain/experiment.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import { shareableExperiment } from '../../app/domain/share-link.ts';

const BAR = 1e5;
// LOX/RP-1 booster: 97 bar, as stored at revision 1
const base = (): Experiment => ({
  ...experimentFromTemplate(TEMPLATES.find((t) => t.id === 'lox-rp1-booster')!, 'SI', { now: () => '2024-01-01T00:00:00.000Z', newId: () => 'e1' }),
  rev: 1,
});
const edit = (e: Experiment, fn: (x: Experiment) => void, rev = e.rev): Experiment => {
  const x = structuredClone(e);
  fn(x);
  x.rev = rev;
  return x;
};
const renamed = (b: Experiment) => edit(b, (x) => void (x.name = 'Renamed in B'));
const at150 = (b: Experiment) => edit(b, (x) => void (x.inputs.problem.pc = 150 * BAR), 2);

describe('the fields of two versions side by side', () => {
  it('lists only the fields that differ, in SI display units, with who changed each', () => {
    const b = base();
    const d = experimentDiff(renamed(b), at150(b), b, 'SI');
    expect(d).toEqual([
      { key: 'name', label: 'Name', mine: 'Renamed in B', theirs: 'LOX/RP-1 booster', changedBy: 'mine' },
      { key: 'pc', label: 'Chamber pressure', mine: '97 bar', theirs: '150 bar', changedBy: 'theirs' },
    ]);
  });

  it('shows pressures in psia for US units (1 psi = 0.45359237 kg × 9.80665 m/s² / (0.0254 m)²)', () => {
    const b = base();
    // 97e5 Pa / 6894.757293 Pa = 1406.866 psia; 150e5 Pa → 2175.566 psia
    const pc = experimentDiff(renamed(b), at150(b), null, 'US').find((r) => r.key === 'pc')!;
    expect(pc).toEqual({ key: 'pc', label: 'Chamber pressure', mine: '1406.87 psia', theirs: '2175.57 psia' });
  });

  it('names reactant, O/F, exit and chemistry changes, and says when both sides changed a field', () => {
    const b = base();
    const mine = edit(b, (x) => {
      x.inputs.problem.of = 2.5;
      x.inputs.problem.pc = 120 * BAR;
    });
    const theirs = edit(b, (x) => {
      x.inputs.problem.pc = 150 * BAR;
      x.inputs.problem.reactants[1].T = 90;
      x.inputs.problem.exits = [{ areaRatio: 40 }];
      x.inputs.problem.chemistry = 'frozen';
      x.inputs.problem.freezeAt = 'throat';
    }, 2);
    const d = Object.fromEntries(experimentDiff(mine, theirs, b, 'SI').map((r) => [r.key, r]));
    expect(Object.keys(d)).toEqual(['reactants', 'pc', 'of', 'exits', 'chemistry']);
    expect(d.pc).toMatchObject({ mine: '120 bar', theirs: '150 bar', changedBy: 'both' });
    expect(d.of).toMatchObject({ mine: '2.5', theirs: '2.36', changedBy: 'mine' });
    expect(d.reactants.theirs).toContain('O2(L) (oxidizer, 100 %, 90 K)');
    expect(d.reactants.mine).toContain('O2(L) (oxidizer, 100 %, 90.17 K)');
    expect(d.exits.theirs).toBe('Ae/At 40');
    expect(d.chemistry).toMatchObject({ mine: 'shifting equilibrium', theirs: 'frozen at the throat', changedBy: 'theirs' });
  });

  it('shows reactant temperatures in °R for US units (90.17 K × 1.8 = 162.306 °R)', () => {
    const b = base();
    const theirs = edit(b, (x) => void (x.inputs.problem.reactants[1].T = 90), 2);
    const r = experimentDiff(b, theirs, null, 'US').find((x) => x.key === 'reactants')!;
    expect(r.mine).toContain('162.306 °R');
    expect(r.theirs).toContain('162 °R');
  });
});

describe('keeping both sets of edits', () => {
  it('takes each field from the side that changed it (the issue: name from B, pc 150 bar from A)', () => {
    const b = base();
    const m = mergeExperiments(renamed(b), at150(b), b)!;
    expect(m.name).toBe('Renamed in B');
    expect(m.inputs.problem.pc).toBe(150 * BAR);
    expect(m.rev).toBe(2); // over what is stored now
  });

  it('refuses when both sides changed a field to different values, and accepts the same value', () => {
    const b = base();
    expect(mergeExperiments(edit(b, (x) => void (x.inputs.problem.pc = 120 * BAR)), at150(b), b)).toBeNull();
    expect(mergeExperiments(edit(b, (x) => void (x.inputs.problem.pc = 150 * BAR)), at150(b), b)?.inputs.problem.pc).toBe(150 * BAR);
  });

  it('refuses when this side changed something outside the fields a user edits (it could not be shown)', () => {
    const b = base();
    const mine = edit(b, (x) => void (x.customField = 'kept by restore'));
    expect(mergeExperiments(mine, at150(b), b)).toBeNull();
    // the other side's unknown fields are simply kept
    expect(mergeExperiments(renamed(b), edit(at150(b), (x) => void (x.customField = 1), 2), b)?.customField).toBe(1);
  });

  it('keeps a study the other tab added while this tab renamed', () => {
    const b = base();
    const theirs = edit(b, (x) => void x.studies.push({ id: 's1', kind: 'point', spec: {}, seed: 1, status: 'done', resultsRef: 'r1', updatedAt: '2024-01-02T00:00:00.000Z' }), 2);
    const m = mergeExperiments(renamed(b), theirs, b)!;
    expect(m.studies.map((s) => s.resultsRef)).toEqual(['r1']);
    expect(m.name).toBe('Renamed in B');
  });
});

describe('the revision stays in this browser', () => {
  it('is read as 0 from a record stored before revisions, and kept only when a whole number ≥ 0', () => {
    expect(revisionOf({})).toBe(0);
    expect(revisionOf({ rev: 7 })).toBe(7);
    expect(revisionOf({ rev: -1 })).toBe(0);
    const raw = JSON.parse(JSON.stringify(base()));
    expect(restoreExperiment({ ...raw, rev: 4 }).ok && (restoreExperiment({ ...raw, rev: 4 }) as { value: Experiment }).value.rev).toBe(4);
    for (const bad of [-1, 1.5, '3', null]) {
      const r = restoreExperiment({ ...raw, rev: bad });
      expect(r.ok && 'rev' in r.value).toBe(false);
    }
  });

  it('is left out of copies, share links and files', () => {
    const b = base();
    expect(duplicateExperiment(b)).not.toHaveProperty('rev');
    expect(shareableExperiment(b)).not.toHaveProperty('rev');
    expect(withoutRevision(b)).not.toHaveProperty('rev');
    expect(withoutRevision(b)).toEqual({ ...b, rev: undefined });
  });
});

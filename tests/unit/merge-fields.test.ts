// Merging two versions of an experiment field by field (issue 17's sync conflicts): every differing
// field needs the user's pick, the result takes each from the side picked, and it must read back
// through restoreExperiment unchanged (the validation every import gets) — else an error naming the field.
import { describe, it, expect } from 'vitest';
import { mergeByField, mergeRows, OTHER_FIELDS_KEY } from '../../app/domain/merge-fields.ts';
import { restoreExperiment, type Experiment } from '../../app/domain/experiment.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';

const BAR = 1e5;
// LOX/RP-1 booster template: 97 bar, O/F 2.36
const base = (): Experiment => ({
  ...experimentFromTemplate(TEMPLATES.find((t) => t.id === 'lox-rp1-booster')!, 'SI', { now: () => '2024-01-01T00:00:00.000Z', newId: () => 'e1' }),
  rev: 3,
});
const edit = (e: Experiment, fn: (x: Experiment) => void): Experiment => {
  const x = structuredClone(e);
  fn(x);
  return x;
};
const mine = () => edit(base(), (x) => {
  x.name = 'Ana’s version';
  x.notes = 'throat erosion seen at 120 bar';
  x.inputs.problem.pc = 120 * BAR;
});
const theirs = () => edit(base(), (x) => {
  x.name = 'Ben’s version';
  x.inputs.problem.of = 2.6;
  x.inputs.problem.exits = [{ areaRatio: 40 }];
});

describe('the rows of a field-by-field merge', () => {
  it('lists each differing field once, in the user’s units (120 bar = 12e6 Pa / 6894.757 Pa = 1740.45 psia)', () => {
    const rows = mergeRows(mine(), theirs(), 'US');
    expect(rows.map((r) => r.key)).toEqual(['name', 'pc', 'of', 'exits', 'notes']);
    expect(rows.find((r) => r.key === 'pc')).toMatchObject({ mine: '1740.45 psia', theirs: '1406.87 psia' });
    expect(rows.find((r) => r.key === 'of')).toMatchObject({ mine: '2.36', theirs: '2.6' });
  });

  it('adds one row for what the editor does not show, naming the paths', () => {
    const t = edit(theirs(), (x) => void ((x.inputs.problem as unknown as Record<string, unknown>).customKnob = 7));
    const other = mergeRows(mine(), t, 'SI').find((r) => r.key === OTHER_FIELDS_KEY)!;
    expect(other.label).toBe('Other settings (inputs.problem.customKnob)');
    expect(other).toMatchObject({ mine: 'inputs.problem.customKnob: (none)', theirs: 'inputs.problem.customKnob: 7' });
  });
});

describe('merging with the user’s picks', () => {
  it('takes each field from the side picked, keeps the rest, and reads back unchanged', () => {
    const r = mergeByField(mine(), theirs(), { name: 'theirs', pc: 'mine', of: 'theirs', exits: 'mine', notes: 'mine' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.value;
    expect(m.name).toBe('Ben’s version');
    expect(m.inputs.problem.pc).toBe(120 * BAR);
    expect(m.inputs.problem.of).toBe(2.6);
    expect(m.inputs.problem.exits).toEqual(base().inputs.problem.exits);
    expect(m.notes).toBe('throat erosion seen at 120 bar');
    expect(m.id).toBe('e1');
    expect(m.rev).toBeUndefined(); // the sync engine gives it the next revision
    const again = restoreExperiment(m);
    expect(again.ok && again.warnings).toEqual([]);
    expect(again.ok && again.value).toEqual(m);
  });

  it('refuses a merge where a differing field has no pick, naming it', () => {
    const r = mergeByField(mine(), theirs(), { name: 'mine', pc: 'mine', of: 'mine', notes: 'mine' });
    expect(r).toEqual({ ok: false, error: { code: 'bad-input', message: 'choose which version of Nozzle exits to keep', field: 'exits' } });
  });

  it('refuses a pick for a field that does not differ, or a pick that is neither side', () => {
    const a = mergeByField(mine(), theirs(), { name: 'mine', pc: 'mine', of: 'mine', exits: 'mine', notes: 'mine', tags: 'mine' });
    expect(!a.ok && a.error.field).toBe('tags');
    const b = mergeByField(mine(), theirs(), { name: 'both' as never, pc: 'mine', of: 'mine', exits: 'mine', notes: 'mine' });
    expect(!b.ok && b.error.message).toBe('the pick for name must be "mine" or "theirs" (got "both")');
  });

  it('refuses O/F from one version and the equivalence ratio from the other (both cannot be kept)', () => {
    const t = edit(base(), (x) => {
      delete x.inputs.problem.of;
      x.inputs.problem.phi = 0.9;
    });
    const r = mergeByField(base(), t, { of: 'mine', phi: 'theirs' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ field: 'of' });
    expect(!r.ok && r.error.message).toContain('O/F (2.36) and the equivalence ratio (0.9)');
    // both from one side is fine
    const ok = mergeByField(base(), t, { of: 'theirs', phi: 'theirs' });
    expect(ok.ok && [ok.value.inputs.problem.of, ok.value.inputs.problem.phi]).toEqual([undefined, 0.9]);
  });

  it('keeps the other settings whole from the side picked', () => {
    const t = edit(theirs(), (x) => void ((x.inputs.problem as unknown as Record<string, unknown>).customKnob = 7));
    const picks = { name: 'mine', pc: 'mine', of: 'mine', exits: 'mine', notes: 'mine' } as const;
    const a = mergeByField(mine(), t, { ...picks, [OTHER_FIELDS_KEY]: 'theirs' });
    expect(a.ok && (a.value.inputs.problem as unknown as Record<string, unknown>).customKnob).toBe(7);
    expect(a.ok && a.value.name).toBe('Ana’s version');
    const b = mergeByField(mine(), t, { ...picks, [OTHER_FIELDS_KEY]: 'mine' });
    expect(b.ok && 'customKnob' in b.value.inputs.problem).toBe(false);
  });

  it('refuses two different experiments', () => {
    const r = mergeByField(mine(), { ...theirs(), id: 'e2' }, {});
    expect(!r.ok && r.error.field).toBe('id');
  });
});

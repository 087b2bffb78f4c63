// Reading form drafts back and choosing what a form opens with (pure, node); the draft store's
// envelope over a Storage-like backend, including a backend that refuses writes (quota).
import { describe, it, expect } from 'vitest';
import { formSource, restoreOptimizeSpec, restoreSweepAxes } from '../../app/domain/form-drafts.ts';
import { memoryDraftBackend, openDraftStore } from '../../app/data/drafts.ts';
import { DEFAULT_AXES } from '../../app/state/sweep-store.ts';
import { DEFAULT_OPTIMIZE_SPEC } from '../../app/state/optimize-store.ts';

describe('restoring drafts', () => {
  it('a grid of one to three well-formed axes comes back as it was; anything else is refused', () => {
    expect(restoreSweepAxes(JSON.parse(JSON.stringify(DEFAULT_AXES)))).toEqual(DEFAULT_AXES);
    const blend = { variable: 'blend', from: 0, to: 1, count: 5, spacing: 'linear', reactant: 1 };
    expect(restoreSweepAxes([blend])).toEqual([blend]);
    expect(restoreSweepAxes([])).toBeNull();
    expect(restoreSweepAxes([DEFAULT_AXES[0], DEFAULT_AXES[0], DEFAULT_AXES[0], DEFAULT_AXES[0]])).toBeNull();
    expect(restoreSweepAxes([{ ...DEFAULT_AXES[0], count: '33' }])).toBeNull();
    expect(restoreSweepAxes([{ ...DEFAULT_AXES[0], spacing: 'cubic' }])).toBeNull();
    expect(restoreSweepAxes([{ ...DEFAULT_AXES[0], from: null }])).toBeNull(); // NaN once stringified
    expect(restoreSweepAxes([{ ...blend, reactant: -1 }])).toBeNull();
    expect(restoreSweepAxes('axes')).toBeNull();
  });
  it('an Optimize spec of the right shape comes back (a value the run would refuse included); a wrong shape is refused', () => {
    expect(restoreOptimizeSpec(JSON.parse(JSON.stringify(DEFAULT_OPTIMIZE_SPEC)))).toEqual(DEFAULT_OPTIMIZE_SPEC);
    expect(restoreOptimizeSpec({ ...DEFAULT_OPTIMIZE_SPEC, population: 3 })?.population).toBe(3);
    expect(restoreOptimizeSpec({ ...DEFAULT_OPTIMIZE_SPEC, fuels: 'RP-1' })).toBeNull();
    expect(restoreOptimizeSpec({ ...DEFAULT_OPTIMIZE_SPEC, variables: { ...DEFAULT_OPTIMIZE_SPEC.variables, pc: [1, 2, 3] } })).toBeNull();
    expect(restoreOptimizeSpec({ ...DEFAULT_OPTIMIZE_SPEC, generations: undefined })).toBeNull();
    expect(restoreOptimizeSpec(null)).toBeNull();
  });
  it('the form opens with the job\'s input when the job started after the draft, else with the draft', () => {
    expect(formSource({ savedAt: 10, value: 'draft' }, { createdAt: 20, value: 'job' })).toEqual({ from: 'job', value: 'job' });
    expect(formSource({ savedAt: 30, value: 'draft' }, { createdAt: 20, value: 'job' })).toEqual({ from: 'draft', value: 'draft' });
    expect(formSource(null, { createdAt: 20, value: 'job' })).toEqual({ from: 'job', value: 'job' });
    expect(formSource({ savedAt: 30, value: 'draft' }, null)).toEqual({ from: 'draft', value: 'draft' });
    expect(formSource(null, null)).toBeNull();
  });
});

describe('draft store', () => {
  it('keeps a self-describing envelope with the time it was written', () => {
    const backend = memoryDraftBackend();
    const drafts = openDraftStore(backend, () => 1234);
    expect(drafts.save('k', { a: 1 })).toEqual({ ok: true, value: undefined });
    expect(JSON.parse(backend.items.get('rfo-draft:k')!)).toEqual({ type: 'rfo-draft', version: 1, savedAt: 1234, value: { a: 1 } });
    expect(drafts.load('k')).toEqual({ savedAt: 1234, value: { a: 1 } });
    drafts.clear('k');
    expect(drafts.load('k')).toBeNull();
  });
  it('a foreign or broken entry reads as no draft; a refused write is an error value, not a throw', () => {
    const backend = memoryDraftBackend();
    backend.setItem('rfo-draft:k', JSON.stringify({ type: 'other', version: 1, savedAt: 1, value: 1 }));
    expect(openDraftStore(backend).load('k')).toBeNull();
    backend.setItem('rfo-draft:k', '{');
    expect(openDraftStore(backend).load('k')).toBeNull();
    const full = { ...backend, setItem: () => { throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }); } };
    const r = openDraftStore(full).save('k', [1]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('The draft could not be kept: The quota has been exceeded.');
    expect(openDraftStore(null).save('k', 1).ok).toBe(false);
  });
});

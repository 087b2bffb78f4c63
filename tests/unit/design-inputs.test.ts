// The Design section's stored inputs and its store, in node with a fake engine and storage.
import { describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import { chamberSpec, DEFAULT_CHAMBER_INPUTS, restoreChamberInputs } from '../../app/domain/design/inputs.ts';
import { validateDesignSpec } from '../../app/domain/design/spec.ts';
import { createChamberStore } from '../../app/state/chamber-store.ts';
import { findTemplate } from '../../app/domain/templates.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';

const rp1 = findTemplate('lox-rp1-booster')!.problem as RocketProblem;

describe('chamber inputs', () => {
  it('restore keeps finite numbers and known choices, fills the rest, never throws', () => {
    expect(restoreChamberInputs(null)).toEqual(DEFAULT_CHAMBER_INPUTS);
    expect(restoreChamberInputs({ type: 'other', thrust: 5 })).toEqual(DEFAULT_CHAMBER_INPUTS);
    const r = restoreChamberInputs({ type: 'chamberDesign', version: 1, thrust: 1234, pamb: 'x', nozzle: 'spike', source: 'lox-ch4', lStar: Infinity });
    expect(r.thrust).toBe(1234);
    expect(r.pamb).toBe(DEFAULT_CHAMBER_INPUTS.pamb);
    expect(r.nozzle).toBe('bell');
    expect(r.lStar).toBe(DEFAULT_CHAMBER_INPUTS.lStar);
    expect(r.source).toBe('lox-ch4');
  });
  it('make a valid design spec from a template problem (its exits and pamb replaced by the design\'s)', () => {
    const spec = chamberSpec(rp1, { ...DEFAULT_CHAMBER_INPUTS, nozzle: 'conical', halfAngle: 12 });
    const v = validateDesignSpec(spec);
    expect(v.ok).toBe(true);
    expect((spec.problem as Record<string, unknown>).exits).toBeUndefined();
    expect(spec.nozzle).toEqual({ type: 'conical', halfAngle: 12 });
  });
  it('a nozzle given by exit pressure sends pe (and no area ratio), and is restored as such', () => {
    const spec = chamberSpec(rp1, { ...DEFAULT_CHAMBER_INPUTS, exitBy: 'pe', pe: 50000 });
    expect(validateDesignSpec(spec).ok).toBe(true);
    expect(spec.pe).toBe(50000);
    expect(spec.areaRatio).toBeUndefined();
    expect(chamberSpec(rp1, DEFAULT_CHAMBER_INPUTS).areaRatio).toBe(DEFAULT_CHAMBER_INPUTS.areaRatio);
    const r = restoreChamberInputs({ type: 'chamberDesign', version: 1, exitBy: 'pe', pe: 42000 });
    expect([r.exitBy, r.pe]).toEqual(['pe', 42000]);
    expect(restoreChamberInputs({ type: 'chamberDesign', version: 1, exitBy: 'throat' }).exitBy).toBe('areaRatio');
  });
});

describe('chamber store', () => {
  it('loads stored inputs, saves each edit, sends the spec of the chosen propellants and keeps the answer or the error', async () => {
    const saved: unknown[] = [];
    const sent: Record<string, unknown>[] = [];
    let answer: unknown = { ok: true, value: { thrust: 1 } };
    const s = createRoot(() => createChamberStore({
      design: async (spec) => { sent.push(spec as Record<string, unknown>); return answer as never; },
      explore: () => ({ problem: rp1, name: 'Explore design' }),
      loadInputs: async () => ({ type: 'chamberDesign', version: 1, thrust: 777 }),
      saveInputs: (d) => saved.push(d),
      experiment: () => null,
      saveToExperiment: async () => false,
    }));
    await s.ready;
    expect(s.inputs().thrust).toBe(777);
    expect(s.source().name).toBe('Explore design');
    s.set('source', 'lox-ch4');
    expect(s.source().name).toBe('LOX/CH4 (methalox)');
    expect(saved).toHaveLength(1);
    await s.run();
    expect(sent[0].thrust).toBe(777);
    expect(JSON.stringify(sent[0].problem)).toContain('CH4');
    expect(s.result()).toEqual({ thrust: 1 });
    answer = { ok: false, error: { code: 'bad-spec', message: 'nope', field: 'thrust' } };
    await s.run();
    expect(s.error()?.field).toBe('thrust');
    expect(s.result()).toEqual({ thrust: 1 }); // the last good design stays on screen
  });
});

describe('chamber store, slow start', () => {
  it('stored inputs that arrive after the user\'s first edits do not replace them', async () => {
    let deliver: (v: unknown) => void = () => {};
    const saved: unknown[] = [];
    const s = createRoot(() => createChamberStore({
      design: async () => ({ ok: true, value: {} }) as never,
      explore: () => ({ problem: rp1, name: 'Explore design' }),
      loadInputs: () => new Promise((ok) => { deliver = ok; }),
      saveInputs: (d) => saved.push(d),
      experiment: () => null,
      saveToExperiment: async () => false,
    }));
    s.set('source', 'lox-rp1-booster');
    s.set('exitBy', 'pe');
    s.set('pe', 50000);
    // what storage held when the page opened (or the first edit's save, read back late)
    deliver({ type: 'chamberDesign', version: 1, thrust: 777, source: 'lox-ch4' });
    await s.ready;
    expect(s.inputs().source).toBe('lox-rp1-booster');
    expect(s.inputs().exitBy).toBe('pe');
    expect(s.inputs().pe).toBe(50000);
    expect(s.inputs().thrust).toBe(DEFAULT_CHAMBER_INPUTS.thrust);
  });
});

describe('chamber inputs in an experiment', () => {
  it('an experiment\'s own inputs win over the browser\'s; Save writes them into it (Explore\'s propellants, which the experiment holds)', async () => {
    const writes: [string, unknown][] = [];
    const s = createRoot(() => createChamberStore({
      design: async () => ({ ok: true, value: {} }) as never,
      explore: () => ({ problem: rp1, name: 'Booster' }),
      loadInputs: async () => ({ type: 'chamberDesign', version: 1, thrust: 777 }),
      saveInputs: () => {},
      experiment: () => ({ id: 'e1', name: 'Booster', chamber: { type: 'chamberDesign', version: 1, thrust: 4242, source: 'lox-ch4' } }),
      saveToExperiment: async (id, doc) => { writes.push([id, doc]); return true; },
    }));
    await s.ready;
    expect(s.inputs().thrust).toBe(4242);
    await s.saveToExperiment();
    expect(writes).toHaveLength(1);
    expect(writes[0][0]).toBe('e1');
    expect(writes[0][1]).toMatchObject({ type: 'chamberDesign', thrust: 4242, source: 'explore' });
    expect(s.saved()).toContain('Booster');
  });

  it('travel in the experiment through restore and the share link, as unknown input fields do', async () => {
    const { restoreExperiment } = await import('../../app/domain/experiment.ts');
    const { encodeShare, decodeShare } = await import('../../app/domain/share-link.ts');
    const chamber = { ...DEFAULT_CHAMBER_INPUTS, thrust: 12345, nozzle: 'conical' as const };
    const r = restoreExperiment({ type: 'rocket-fuel-optimizer/experiment', version: 2, id: 'x', name: 'With a chamber', inputs: { system: 'custom', problem: rp1, units: 'SI', chamber }, studies: [] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.inputs.chamber).toEqual(chamber);
    const link = await encodeShare(r.value);
    const back = await decodeShare(link);
    if (!back.ok) throw new Error(back.error.message);
    expect(restoreChamberInputs(back.experiment.inputs.chamber)).toEqual(chamber);
  });
  it('edits made for an experiment and not saved into it survive a reload; edits made for another do not override it', async () => {
    const open = (stored: unknown) =>
      createRoot(() => createChamberStore({
        design: async () => ({ ok: true, value: {} }) as never,
        explore: () => ({ problem: rp1, name: 'Booster' }),
        loadInputs: async () => stored,
        saveInputs: (d) => saves.push(d),
        experiment: () => ({ id: 'e1', name: 'Booster', chamber: { type: 'chamberDesign', version: 1, thrust: 4242 } }),
        saveToExperiment: async () => true,
      }));
    const saves: unknown[] = [];
    const first = open(undefined);
    await first.ready;
    expect(first.inputs().thrust).toBe(4242);
    first.set('thrust', 5000);
    expect(saves.at(-1)).toMatchObject({ thrust: 5000, editedFor: 'e1' });
    // the reload reads what was kept: the edit, made for e1
    const again = open(JSON.parse(JSON.stringify(saves.at(-1))));
    await again.ready;
    expect(again.inputs().thrust).toBe(5000);
    // inputs kept while another experiment (or none) was open do not replace e1's own
    const other = open({ type: 'chamberDesign', version: 1, thrust: 777, editedFor: 'e2' });
    await other.ready;
    expect(other.inputs().thrust).toBe(4242);
    const none = open({ type: 'chamberDesign', version: 1, thrust: 777, editedFor: null });
    await none.ready;
    expect(none.inputs().thrust).toBe(4242);
  });
});

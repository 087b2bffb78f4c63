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

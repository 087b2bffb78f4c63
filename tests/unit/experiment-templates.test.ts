import { describe, it, expect } from 'vitest';
import { TEMPLATES, STARTER_TEMPLATE_ID, findTemplate, experimentFromTemplate } from '../../app/domain/templates.ts';
import { restoreExperiment } from '../../app/domain/experiment.ts';
import { encodeShare, decodeShare } from '../../app/domain/share-link.ts';

const fixed = { now: () => '2024-01-01T00:00:00.000Z', newId: () => 'id' };

describe('template gallery', () => {
  it('has the nine systems of the issue, each with a lesson', () => {
    expect(TEMPLATES.map((t) => t.system)).toEqual(['lox-lh2', 'lox-rp1', 'lox-ch4', 'n2o4-mmh', 'h2o2-rp1', 'n2o-htpb', 'ap-htpb-al', 'kno3-sucrose', 'n2h4-mono']);
    for (const t of TEMPLATES) expect(t.teaches.length, t.id).toBeGreaterThan(80);
    expect(findTemplate(STARTER_TEMPLATE_ID)).toBeDefined();
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s is a valid engine problem', (_id, t) => {
    const p = t.problem;
    expect(p.problem).toBe('rocket');
    expect(p.pc).toBeGreaterThan(0);
    expect(p.exits!.length).toBeGreaterThan(0);
    const roles = new Set(p.reactants.map((r) => r.role ?? 'none'));
    if (roles.has('none')) {
      // premixed: no roles at all, fractions of the whole sum to 1, no O/F
      expect(roles.size).toBe(1);
      expect(p.of).toBeUndefined();
      expect(p.reactants.reduce((s, r) => s + r.massFraction, 0)).toBeCloseTo(1, 12);
    } else {
      expect([...roles].sort()).toEqual(['fuel', 'oxidizer']);
      for (const role of ['fuel', 'oxidizer']) {
        expect(p.reactants.filter((r) => r.role === role).reduce((s, r) => s + r.massFraction, 0), role).toBeCloseTo(1, 12);
      }
      expect(p.of).toBeGreaterThan(0);
    }
    for (const r of p.reactants) {
      expect(r.T).toBeGreaterThan(0);
      if (r.formula) expect(Number.isFinite(r.enthalpy)).toBe(true);
    }
    // a template survives restore unchanged and without warnings
    const e = experimentFromTemplate(t, 'SI', fixed);
    const again = restoreExperiment(JSON.parse(JSON.stringify(e)), fixed);
    expect(again.ok && again.warnings).toEqual([]);
    expect(again.ok && again.value).toEqual(e);
    expect(e.inputs.problem).not.toBe(t.problem); // copied
  });

  it('share links of every template round-trip and stay short (lengths printed)', async () => {
    const lengths: Record<string, number> = {};
    for (const t of TEMPLATES) {
      const e = experimentFromTemplate(t, 'SI', fixed);
      const code = await encodeShare(e);
      lengths[t.id] = '#x='.length + code.length;
      const back = await decodeShare(code, fixed);
      expect(back.ok && back.experiment.inputs).toEqual(e.inputs);
      // a QR code (version 40, level L, byte mode) holds 2953 bytes; a chat link should be far below
      expect(lengths[t.id]).toBeLessThan(1500);
    }
    const values = Object.values(lengths).sort((a, b) => a - b);
    console.log(JSON.stringify({ shareFragmentChars: lengths, min: values[0], median: values[Math.floor(values.length / 2)], max: values.at(-1) }));
  });
});

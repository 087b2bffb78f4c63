// The ambient pressure a model's firings were measured at (issue 12, item 2): kept in the model
// document, checked on every load, absent from older documents (which keep loading), and the
// pressure Explore predicts at by default.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelAmbient, restoreModelDoc, SEA_LEVEL_PA } from '../../app/domain/ml-model.ts';

const fixture = () => JSON.parse(readFileSync(new URL('../fixtures/model-v1-efficiency.json', import.meta.url), 'utf8'));

describe('a model’s training ambient pressure', () => {
  it('is absent from a version-1 document, which keeps loading; it then predicts in vacuum (vacuum-paired)', () => {
    const r = restoreModelDoc(fixture());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.ambient).toBeUndefined();
    expect(modelAmbient(r.value)).toBe(0);
  });

  it('an older efficiency model paired with Isp at ambient opens at sea level, 101325 Pa (1 atm)', () => {
    const r = restoreModelDoc({ ...fixture(), idealBasis: 'ambient' });
    if (!r.ok) throw new Error(r.error.message);
    expect(modelAmbient(r.value)).toBe(101325);
    expect(SEA_LEVEL_PA).toBe(101325);
  });

  it('keeps the recorded pressure (and whether it was assumed) through storage and files', () => {
    const r = restoreModelDoc(JSON.parse(JSON.stringify({ ...fixture(), idealBasis: 'ambient', ambient: { pamb_Pa: 90000, assumed: false } })));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.ambient).toEqual({ pamb_Pa: 90000, assumed: false });
    expect(modelAmbient(r.value)).toBe(90000);
    const assumed = restoreModelDoc({ ...fixture(), ambient: { pamb_Pa: 101325, assumed: true } });
    expect(assumed.ok && assumed.value.ambient).toEqual({ pamb_Pa: 101325, assumed: true });
    const noFlag = restoreModelDoc({ ...fixture(), ambient: { pamb_Pa: 0 } });
    expect(noFlag.ok && noFlag.value.ambient).toEqual({ pamb_Pa: 0, assumed: false });
    expect(noFlag.ok && modelAmbient(noFlag.value)).toBe(0);
  });

  it('refuses a bad recorded pressure, naming the field and the value', () => {
    for (const ambient of [{ pamb_Pa: -1 }, { pamb_Pa: 'sea level' }, 101325, { pamb_Pa: 1e5, assumed: 'yes' }, null]) {
      const r = restoreModelDoc({ ...fixture(), ambient });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe('ambient');
        expect(r.error.message).toContain(JSON.stringify(ambient));
      }
    }
  });
});

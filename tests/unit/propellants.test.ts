import { describe, it, expect } from 'vitest';
import {
  BUILT_IN_PROPELLANTS,
  parseFormula,
  validateCustomPropellant,
  propellantReactants,
  searchPropellants,
  bulkDensity,
  propellantDensity,
  reactantDensities,
  molarMass,
  canonicalElement,
  type CustomPropellantInput,
} from '../../app/domain/propellants.ts';

// Names checked by hand against NASA thermo.inp (9/09/04) while writing the library.
const THERMO_NAMES = new Set(['O2(L)', 'H2(L)', 'RP-1', 'CH4(L)', 'C2H5OH(L)', 'N2O4(L)', 'CH6N2(L)', 'C2H8N2(L),UDMH', 'N2H4(L)', 'H2O2(L)', 'H2O(L)', 'N2O', 'NH4CLO4(I)', 'AL(cr)', 'KNO3(a)']);

describe('built-in propellant library', () => {
  it('covers every template system', () => {
    const ids = new Set(BUILT_IN_PROPELLANTS.map((p) => p.id));
    for (const id of ['lox', 'lh2', 'rp1', 'lch4', 'n2o4', 'mmh', 'udmh', 'a50', 'n2h4', 'htp90', 'water', 'n2o', 'htpb', 'ap', 'al', 'kno3', 'sucrose', 'ethanol']) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(ids.size).toBe(BUILT_IN_PROPELLANTS.length); // ids unique
  });

  it('uses thermo.inp names or a full custom formula for every component', () => {
    for (const p of BUILT_IN_PROPELLANTS) {
      const sum = p.components.reduce((s, c) => s + c.massFraction, 0);
      expect(sum, p.id).toBeCloseTo(1, 12);
      for (const c of p.components) {
        if (c.formula) expect(Number.isFinite(c.enthalpy_J_mol), p.id).toBe(true);
        else expect(THERMO_NAMES.has(c.name), `${p.id}: ${c.name}`).toBe(true);
      }
    }
  });

  it('has physically plausible densities and temperatures', () => {
    for (const p of BUILT_IN_PROPELLANTS) {
      expect(p.density_kg_m3, p.id).toBeGreaterThan(60);
      expect(p.density_kg_m3, p.id).toBeLessThan(3000);
      expect(p.storageT_K, p.id).toBeGreaterThan(20);
      expect(p.storageT_K, p.id).toBeLessThanOrEqual(298.15);
      if (p.hazards.includes('cryogenic')) expect(p.storageT_K, p.id).toBeLessThan(120);
    }
  });

  it('turns a blend into engine reactants scaled by the role fraction', () => {
    const htp = BUILT_IN_PROPELLANTS.find((p) => p.id === 'htp90')!;
    expect(propellantReactants(htp, 1, 'oxidizer')).toEqual([
      { name: 'H2O2(L)', massFraction: 0.9, T: 298.15, role: 'oxidizer' },
      { name: 'H2O(L)', massFraction: 0.1, T: 298.15, role: 'oxidizer' },
    ]);
    const htpb = BUILT_IN_PROPELLANTS.find((p) => p.id === 'htpb')!;
    expect(propellantReactants(htpb, 0.14)).toEqual([{ name: 'HTPB', massFraction: 0.14, T: 298.15, formula: { C: 7.3165, H: 10.336, O: 0.1063 }, enthalpy: 5020.8 }]);
  });

  it('searches names, species, formulae and hazards', () => {
    expect(searchPropellants('hypergolic', BUILT_IN_PROPELLANTS).map((p) => p.id).sort()).toEqual(['a50', 'mmh', 'n2h4', 'n2o4', 'udmh']);
    expect(searchPropellants('C12', BUILT_IN_PROPELLANTS).map((p) => p.id)).toEqual(['sucrose']);
    expect(searchPropellants('liquid oxygen', BUILT_IN_PROPELLANTS).map((p) => p.id)).toEqual(['lox']);
  });
});

describe('formulae', () => {
  it('parses compact and spaced forms, canonicalising case', () => {
    expect(parseFormula('C12H22O11')).toEqual({ ok: true, value: { C: 12, H: 22, O: 11 } });
    expect(parseFormula('C 7.3165 H 10.336 O 0.1063')).toEqual({ ok: true, value: { C: 7.3165, H: 10.336, O: 0.1063 } });
    expect(parseFormula('NH4ClO4')).toEqual({ ok: true, value: { N: 1, H: 4, Cl: 1, O: 4 } });
    expect(parseFormula('CH3CH2OH')).toEqual({ ok: true, value: { C: 2, H: 6, O: 1 } });
    expect(canonicalElement('CL')).toBe('Cl');
  });

  it('rejects unknown elements and bad counts, naming them', () => {
    const a = parseFormula('C2Xy4');
    expect(!a.ok && a.error.message).toBe('element "Xy" is not known to the engine');
    const b = parseFormula('C2H-4');
    expect(b.ok).toBe(false);
    expect(parseFormula('').ok).toBe(false);
  });

  it('computes molar mass from standard atomic weights', () => {
    // sucrose: 12·12.011 + 22·1.008 + 11·15.999 = 342.297 g/mol
    expect(molarMass({ C: 12, H: 22, O: 11 })).toBeCloseTo(342.297, 6);
  });

  it('mixes densities by adding volumes', () => {
    // 1 / (0.5/1000 + 0.5/500) = 666.67 kg/m³
    expect(bulkDensity([{ massFraction: 0.5, density_kg_m3: 1000 }, { massFraction: 0.5, density_kg_m3: 500 }])).toBeCloseTo(2000 / 3, 10);
  });

  it('finds each reactant\'s library density, from a blend component too, and null for an unknown one', () => {
    const a50 = BUILT_IN_PROPELLANTS.find((p) => p.id === 'a50')!;
    const n2o4 = BUILT_IN_PROPELLANTS.find((p) => p.id === 'n2o4')!;
    const reactants = [...propellantReactants(a50, 1, 'fuel'), ...propellantReactants(n2o4, 1, 'oxidizer')];
    // N2H4 and UDMH are library propellants of their own (1004 and 791 kg/m³); N2O4 1443 kg/m³.
    expect(reactantDensities(reactants)).toEqual([1004, 791, 1443]);
    expect(reactantDensities([{ name: 'Paraffin' }])).toBeNull();
    const custom = validateCustomPropellant({ name: 'Paraffin', role: 'fuel', formula: 'C32H66', enthalpy_J_mol: -698000, density_kg_m3: 900, storageT_K: 298.15, cost_per_kg: 3, hazards: [] }, 'c1');
    expect(custom.ok && reactantDensities([{ name: 'Paraffin' }, { name: 'O2(L)' }], [...BUILT_IN_PROPELLANTS, custom.value])).toEqual([900, 1141]);
  });

  it('mixes a propellant at an O/F: fractions within each role, the role shares by O/F', () => {
    // Aerozine-50 / N2O4 at O/F 2: N2H4 and UDMH 1/6 each, N2O4 2/3 of the mass.
    const reactants = [
      { name: 'N2H4(L)', role: 'fuel' as const, massFraction: 0.5 },
      { name: 'C2H8N2(L),UDMH', role: 'fuel' as const, massFraction: 0.5 },
      { name: 'N2O4(L)', role: 'oxidizer' as const, massFraction: 1 },
    ];
    const byHand = 1 / (1 / 6 / 1004 + 1 / 6 / 791 + 2 / 3 / 1443);
    expect(propellantDensity(reactants, [1004, 791, 1443], 2)).toBeCloseTo(byHand, 9);
    // Fractions within a role are taken relative to each other (a form may round them).
    expect(propellantDensity(reactants.map((r) => ({ ...r, massFraction: r.massFraction * 2 })), [1004, 791, 1443], 2)).toBeCloseTo(byHand, 9);
    // Without roles, the fractions are of the whole.
    expect(propellantDensity([{ massFraction: 0.5 }, { massFraction: 0.5 }], [1000, 500], 7)).toBeCloseTo(2000 / 3, 10);
  });
});

describe('custom propellants', () => {
  const good: CustomPropellantInput = { name: 'Paraffin', role: 'fuel', formula: 'C32H66', enthalpy_J_mol: -698000, density_kg_m3: 900, storageT_K: 298.15, cost_per_kg: 3, hazards: ['flammable'] };

  it('accepts a valid definition and makes it usable as a reactant', () => {
    const r = validateCustomPropellant(good, 'c1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.components[0].formula).toEqual({ C: 32, H: 66 });
    expect(propellantReactants(r.value, 1, 'fuel')[0]).toEqual({ name: 'Paraffin', role: 'fuel', massFraction: 1, T: 298.15, formula: { C: 32, H: 66 }, enthalpy: -698000 });
  });

  it.each([
    [{ name: ' ' }, 'name'],
    [{ formula: 'C2Qq' }, 'formula'],
    [{ formula: { C: 1, Zz: 2 } }, 'formula'],
    [{ formula: { C: -1 } }, 'formula'],
    [{ density_kg_m3: 0 }, 'density_kg_m3'],
    [{ density_kg_m3: NaN }, 'density_kg_m3'],
    [{ storageT_K: -3 }, 'storageT_K'],
    [{ enthalpy_J_mol: 1e12 }, 'enthalpy_J_mol'],
    [{ cost_per_kg: -1 }, 'cost_per_kg'],
    [{ role: 'catalyst' }, 'role'],
  ] as [Partial<CustomPropellantInput>, string][])('rejects %j naming %s', (patch, field) => {
    const r = validateCustomPropellant({ ...good, ...patch } as CustomPropellantInput, 'c');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe(field);
  });

  it('names the value in the density message', () => {
    const r = validateCustomPropellant({ ...good, density_kg_m3: -5 }, 'c');
    expect(!r.ok && r.error.message).toBe('density must be > 0 kg/m³ (got -5)');
  });
});

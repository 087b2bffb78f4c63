// The packed species data the command line loads (dist-cli/thermo-index.json + thermo-data.bin,
// app/domain/thermo-inp.ts packThermoDocument): the same species, field for field, as thermo.json
// read by fromDocument, and a database made from it answers as the JSON's does.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fromDocument, packThermoDocument, packedFits, packedSpecies, type PackedThermo, type ThermoDocument } from '../../app/domain/thermo-inp.ts';
import { makeSpeciesDb, prepareProblem } from '../../app/domain/thermo-problem.ts';

const doc = JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;

// As the build writes it and the command line reads it back: JSON text and raw bytes.
function roundTrip(): PackedThermo {
  const { index, numbers } = packThermoDocument(doc);
  const back = JSON.parse(JSON.stringify(index)) as PackedThermo;
  back.numbers = new Float64Array(new Uint8Array(numbers.buffer).slice().buffer);
  return back;
}

describe('packed thermo data', () => {
  it('gives every species of thermo.json with the same name, phase, M, hf, elements, reactant flag, T and intervals', () => {
    const want = fromDocument(doc);
    const got = packedSpecies(roundTrip());
    expect(got).not.toBeNull();
    expect(got!.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      const w = want[i], g = got![i];
      expect([g.name, g.phase, g.M, g.hf_J_mol, g.reactantOnly, g.T_K, 'T_K' in g]).toEqual([w.name, w.phase, w.M, w.hf_J_mol, w.reactantOnly, w.T_K, 'T_K' in w]);
      expect(g.elements).toEqual(w.elements);
      expect(g.intervals).toEqual(w.intervals);
      expect(g.intervals.every((iv) => Array.isArray(iv.a))).toBe(true);
    }
  });

  it('prepares a problem exactly as the JSON document does (reactant enthalpy from a packed species)', () => {
    const raw = { problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }], of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }] };
    const a = prepareProblem(raw, makeSpeciesDb(doc));
    const b = prepareProblem(raw, makeSpeciesDb(roundTrip()));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.value.mix).toEqual(a.value.mix);
  });

  it('refuses an index and numbers that do not fit together', () => {
    const p = roundTrip();
    expect(packedSpecies({ ...p, numbers: p.numbers!.subarray(0, p.numbers!.length - 1) })).toBeNull();
    expect(packedSpecies({ ...p, numbers: undefined })).toBeNull();
    expect(packedFits(p)).toBe(true);
    expect(packedFits({ ...p, numbers: p.numbers!.subarray(1) })).toBe(false);
    expect(packedFits({ ...p, species: [...p.species.slice(0, -1), [...p.species[p.species.length - 1].slice(0, 3), 0, 0] as PackedThermo['species'][number]] })).toBe(false);
    expect(() => makeSpeciesDb({ ...p, numbers: new Float64Array(3) })).toThrow(/do not fit/);
  });
});

// A firing kept with its experiment: the lossless trace codec, the study and its stored trace read
// back, the Learn row made of known figures, the expected line from known design inputs, and the
// impulse unit.
import { describe, expect, it } from 'vitest';
import { decodeTrace, encodeTrace } from '../../app/domain/firing/trace-codec.ts';
import { firingLearnRow, firingsOf, restoreFiringTrace, standDatasetStudy, withFiring, withLearnRow, STAND_DATASET_NAME } from '../../app/domain/firing/saved.ts';
import { expectedFiring, firingDesign } from '../../app/domain/firing/design.ts';
import { analyseFiring, type FiringAnalysis } from '../../app/domain/firing/analyse.ts';
import { SYNTH, SYNTH_HEADER, synthesize } from '../../app/domain/firing/synthetic.ts';
import { createExperiment, restoreExperiment, type Experiment } from '../../app/domain/experiment.ts';
import { restoreDataset, trainingRows, column } from '../../app/domain/learn-dataset.ts';
import { toDisplay, unitLabel } from '../../app/domain/units.ts';
import { exportWorkspace, importWorkspace } from '../../app/domain/backup.ts';

const bits = (a: Float64Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
const NOW = '2026-01-02T03:04:05.000Z';

function experiment(extra: Partial<Experiment> = {}): Experiment {
  const e = createExperiment({
    name: 'Stand engine',
    problem: {
      problem: 'rocket', pc: 2e6, of: 2.36, pamb: 101325, exits: [{ pcOverPe: 19.7 }, { areaRatio: 16 }],
      reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
    },
  }, { now: () => NOW, newId: () => 'exp-1' });
  return { ...e, ...extra };
}

// Figures a firing of 3 s at 1500 N on 1 kg/s would give (hand values, not the analyser's output).
const figures: FiringAnalysis = {
  burnTime: 3, totalImpulse: 4500, averageThrust: 1500, peakThrust: 1560, cstar: 1500, isp: 1500,
  burnStart: 0.5, burnEnd: 3.5, propellantMass: 3, sampleRate: 1000, pcSteady: 2e6, flags: [],
};

describe('trace codec', () => {
  it('round-trips every Float64 bit for bit: NaN, ±0, ±Infinity, subnormals, extremes', async () => {
    const odd = Float64Array.from([NaN, -0, 0, Infinity, -Infinity, 5e-324, -2.2250738585072014e-308, Number.MAX_VALUE, Math.PI, -1e-300, 1 / 3]);
    const ramp = Float64Array.from({ length: 11 }, (_, i) => i * 0.001);
    const back = await decodeTrace(await encodeTrace([ramp, odd]), 2, 11);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(bits(back.value[0])).toEqual(bits(ramp));
    expect(bits(back.value[1])).toEqual(bits(odd));
  });

  it('compresses a sampled firing to well under its raw size and reads it back exactly', async () => {
    const s = synthesize({ scenario: 'nominal', noise: 0.005, seed: 3 });
    const cols = [s.t, s.thrust, s.pc, s.flow];
    const bytes = await encodeTrace(cols);
    const raw = cols.length * s.t.length * 8;
    expect(bytes.length).toBeLessThan(0.75 * raw);
    const back = await decodeTrace(bytes, 4, s.t.length);
    if (!back.ok) throw new Error(back.error.message);
    back.value.forEach((c, k) => expect(bits(c)).toEqual(bits(cols[k])));
  });

  it('an empty trace, and refusals: wrong size, not gzip', async () => {
    const empty = await decodeTrace(await encodeTrace([new Float64Array(0)]), 1, 0);
    expect(empty.ok && empty.value[0].length).toBe(0);
    const bytes = await encodeTrace([Float64Array.from([1, 2, 3])]);
    const wrong = await decodeTrace(bytes, 1, 4);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toContain('24 bytes, not the 32');
    const junk = await decodeTrace(Uint8Array.from([1, 2, 3, 4]), 1, 3);
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(junk.error.field).toBe('columns.trace');
  });
});

describe('a firing saved with its experiment', () => {
  it('adds a firing study with the figures and flags, and a trace that reads back to the same samples', async () => {
    const s = synthesize({ scenario: 'chugging', frequency: 50, noise: 0.005, seed: 5 });
    const a = analyseFiring({ t: s.t, thrust: s.thrust, pc: s.pc, flow: s.flow }, { pc: SYNTH.pc0, throatArea: SYNTH.throatArea });
    if (!a.ok) throw new Error(a.error.message);
    const cols = [s.t, s.thrust, s.pc, s.flow];
    const saved = await withFiring(experiment(), { name: 'Firing 1', source: 'ws://x/', startedAt: NOW, headerLine: SYNTH_HEADER, columns: cols, analysis: a.value, design: { pc: SYNTH.pc0 } }, NOW, () => 'f1');
    // the document still restores (kind 'firing' is known), through JSON as storage and files do
    const again = restoreExperiment(JSON.parse(JSON.stringify(saved.experiment)));
    if (!again.ok) throw new Error(again.error.message);
    const [entry] = firingsOf(again.value);
    expect(entry.name).toBe('Firing 1');
    expect(entry.resultsRef).toBe(saved.result.id);
    expect(entry.summary.burnTime_s).toBe(a.value.burnTime);
    expect(entry.summary.totalImpulse_Ns).toBe(a.value.totalImpulse);
    expect(entry.flags.map((f) => f.kind)).toEqual(['chugging']);
    const back = await restoreFiringTrace(structuredClone(saved.result));
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.time).toBe(0);
    expect(back.value.thrust).toBe(1);
    back.value.columns.forEach((c, k) => expect(bits(c)).toEqual(bits(cols[k])));
    expect(back.value.analysis?.totalImpulse).toBe(a.value.totalImpulse);
  });

  it('survives a workspace backup: the firing study and its compressed trace come back readable', async () => {
    const s = synthesize({ scenario: 'nominal', noise: 0.005, seed: 4, rate: 200 });
    const a = analyseFiring({ t: s.t, thrust: s.thrust, pc: s.pc, flow: s.flow }, {});
    if (!a.ok) throw new Error(a.error.message);
    const cols = [s.t, s.thrust, s.pc, s.flow];
    const saved = await withFiring(experiment(), { name: 'Firing 1', source: 'f.csv', startedAt: NOW, headerLine: SYNTH_HEADER, columns: cols, analysis: a.value, design: {} }, NOW, () => 'f1');
    const text = exportWorkspace({ experiments: [saved.experiment], results: [saved.result], models: [], propellants: [], settings: {} }, NOW);
    const back = importWorkspace(text);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.skipped).toEqual([]);
    expect(firingsOf(back.value.workspace.experiments[0]).map((f) => f.name)).toEqual(['Firing 1']);
    const tr = await restoreFiringTrace(back.value.workspace.results[0]);
    if (!tr.ok) throw new Error(tr.error.message);
    tr.value.columns.forEach((c, k) => expect(bits(c)).toEqual(bits(cols[k])));
  });

  it('refuses a record that is not a firing trace, naming the field', async () => {
    const r = await restoreFiringTrace({ meta: { type: 'rfo-learn-dataset' }, columns: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('meta.type');
  });
});

describe("Learn's test-firing row", () => {
  it('takes O/F and area ratio as designed and pc, thrust, flow, c* and Isp as measured', () => {
    const r = firingLearnRow(figures, experiment(), 'Firing 1');
    if (!r.ok) throw new Error(r.error.message);
    // ṁ = 3 kg / 3 s = 1 kg/s; area ratio from the exit given by area ratio (the first is a pressure ratio)
    expect(r.value.row).toEqual({ line: 0, testId: 'Firing 1', of: 2.36, pc: 2e6, eps: 16, pamb: 101325, thrust: 1500, mdot: 1, cstar: 1500, isp: 1500 });
    expect(r.value.ideal).toEqual({ of: 2.36, pc: 2e6, eps: 16, pamb: 101325 });
  });

  it('says what is missing: no Isp without flow or mass, no area ratio', () => {
    const noIsp = firingLearnRow({ ...figures, isp: undefined }, experiment(), 'x');
    expect(!noIsp.ok && noIsp.error.field).toBe('isp');
    const e = experiment();
    const noEps = firingLearnRow(figures, { ...e, inputs: { ...e.inputs, problem: { ...e.inputs.problem, exits: [{ pcOverPe: 20 }] } } }, 'x');
    expect(!noEps.ok && noEps.error.field).toBe('inputs.problem.exits');
  });

  it('adds the row to the stand dataset (made on first use), replaces a row of the same test, and the dataset trains', () => {
    const e0 = experiment();
    const row1 = firingLearnRow(figures, e0, 'Firing 1');
    if (!row1.ok) throw new Error(row1.error.message);
    const first = withLearnRow(e0, null, row1.value, 2400, NOW, () => 'ds');
    expect(standDatasetStudy(first.experiment)?.summary).toEqual({ rows: 1, usableRows: 1 });
    const ds = restoreDataset(structuredClone(first.result));
    if (!ds.ok) throw new Error(ds.error.message);
    expect(ds.value.name).toBe(STAND_DATASET_NAME);
    expect(ds.value.testIds).toEqual(['Firing 1']);
    expect(Array.from(column(ds.value, 'mdot_kg_s'))).toEqual([1]);
    const t = trainingRows(ds.value);
    expect(t.x).toEqual([[2.36, 2e6, 16]]);
    expect(t.y).toEqual([[1500]]);
    expect(t.ideal).toEqual([[2400]]);
    expect(t.idealBasis).toBe('ambient');

    // the same firing again replaces its row; another one is appended; the study and record keep their ids
    const again = withLearnRow(first.experiment, ds.value, row1.value, 2410, NOW, () => 'other');
    const row2 = firingLearnRow({ ...figures, isp: 1450 }, e0, 'Firing 2');
    if (!row2.ok) throw new Error(row2.error.message);
    const ds2 = restoreDataset(structuredClone(again.result));
    if (!ds2.ok) throw new Error(ds2.error.message);
    const second = withLearnRow(again.experiment, ds2.value, row2.value, null, NOW, () => 'other');
    expect(second.studyId).toBe('ds');
    expect(second.result.id).toBe(first.result.id);
    expect(second.experiment.studies.filter((s) => s.kind === 'dataset')).toHaveLength(1);
    expect(second.dataset.testIds).toEqual(['Firing 1', 'Firing 2']);
    expect(Array.from(column(second.dataset, 'idealIsp_m_s'))).toEqual([2410, NaN]);
    // the second has no ideal (the engine failed): kept, but not usable for training
    expect(standDatasetStudy(second.experiment)?.summary).toEqual({ rows: 2, usableRows: 1 });
  });
});

describe('the expected line', () => {
  it('thrust = Cf·pc·At with Cf = Isp/c* of the computed point', () => {
    // Isp 2400 m/s, c* 1600 m/s → Cf 1.5; 1.5 × 2 MPa × 5 cm² = 1500 N
    const e = experiment({ studies: [{ id: 'p', kind: 'point', spec: {}, seed: 1, status: 'done', resultsRef: null, summary: { ispAmb_m_s: 2400, cstar_m_s: 1600, isp_m_s: 2600 }, updatedAt: NOW }] });
    const d = firingDesign({ ...e, inputs: { ...e.inputs, throatArea: 5e-4 } });
    if (!d.ok) throw new Error(d.error.message);
    const x = expectedFiring(e, d.value);
    expect(x.pc).toBe(2e6);
    expect(x.thrust).toBeCloseTo(1500, 9);
    expect(x.thrustBasis).toContain('Cf = 1.5');
  });

  it("falls back on the Design section's thrust requirement, and has no thrust without either", () => {
    const e = experiment({ inputs: { ...experiment().inputs, design: { thrust: 5000 } } });
    expect(expectedFiring(e, { pc: 2e6 })).toEqual({ pc: 2e6, thrust: 5000, thrustBasis: "the Design section's thrust requirement" });
    expect(expectedFiring(experiment(), { pc: 2e6, throatArea: 5e-4 })).toEqual({ pc: 2e6 });
  });
});

describe('impulse units', () => {
  it('N·s in SI, lbf·s in US (1 lbf = 4.4482216152605 N)', () => {
    expect(unitLabel('impulse', 'SI')).toBe('N·s');
    expect(unitLabel('impulse', 'US')).toBe('lbf·s');
    expect(toDisplay('impulse', 4448.2216152605, 'US')).toBeCloseTo(1000, 9);
    expect(toDisplay('force', 1500, 'US')).toBeCloseTo(337.2134, 3);
    expect(toDisplay('pressure', 2e6, 'US')).toBeCloseTo(290.0755, 3);
  });
});

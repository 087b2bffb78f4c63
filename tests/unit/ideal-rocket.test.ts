// Ideal-rocket kernel against textbook values (isentropic-flow tables, NACA Report 1135) and
// analytic limits. Hand calculations are written out beside each expectation.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { idealKernels } from '../../wasm-core/ideal.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';

let k: ReturnType<typeof idealKernels>;
let api: ReturnType<typeof makeEngineApi>;
beforeAll(async () => {
  const core = await loadCoreNode();
  k = idealKernels(core);
  api = makeEngineApi(core);
});

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('area–Mach relation (sanity)', () => {
  it('matches NACA 1135 table values for γ = 1.4', () => {
    // A/A* at M = 2: 1.6875; at M = 3: 4.2346 (NACA 1135, isentropic flow table)
    expect(k.areaRatioAtMach(1.4, 2)).toBeCloseTo(1.6875, 4);
    expect(k.areaRatioAtMach(1.4, 3)).toBeCloseTo(4.2346, 4);
    expect(k.supersonicMachFromAreaRatio(1.4, 1.6875)).toBeCloseTo(2.0, 4);
    expect(k.supersonicMachFromAreaRatio(1.4, 4.2346)).toBeCloseTo(3.0, 4);
  });
  it('inverts itself on the supersonic branch over a wide range', () => {
    for (const g of [1.1, 1.2, 1.3, 1.4, 1.67]) {
      for (const m of [1.01, 1.5, 3, 6, 12]) {
        const eps = k.areaRatioAtMach(g, m);
        expect(rel(k.supersonicMachFromAreaRatio(g, eps), m)).toBeLessThan(1e-10);
      }
    }
  });
});

describe('ideal rocket (special values)', () => {
  it('ε = 1 gives Mach 1 and the critical pressure ratio', () => {
    const r = k.idealRocket(1.4, 28.97, 3000, 1e6, 1, 0, 0).out!;
    expect(r.exitMach).toBeCloseTo(1, 10);
    // p*/p0 = (2/(γ+1))^(γ/(γ−1)) = (1/1.2)^3.5 = 0.528282
    expect(r.pe_Pa / 1e6).toBeCloseTo(0.528282, 5);
    // T*/T0 = 2/(γ+1) = 0.833333
    expect(r.Te_K / 3000).toBeCloseTo(0.833333, 5);
  });

  it('c* and Cf follow the closed forms (γ = 1.2, M = 22 kg/kmol, Tc = 3500 K)', () => {
    const r = k.idealRocket(1.2, 22, 3500, 7e6, 0, 100, 0).out!;
    // Γ = √1.2 · (2/2.2)^(2.2/0.4) = 1.095445 · 0.592024 = 0.648531
    const bigGamma = Math.sqrt(1.2) * Math.pow(2 / 2.2, 5.5);
    expect(bigGamma).toBeCloseTo(0.648531, 5);
    // c* = √(R T / M) / Γ = √(8314.462618/22 · 3500) / Γ = 1150.111 / 0.648531 = 1773.39 m/s
    expect(r.cstar_m_s).toBeCloseTo(Math.sqrt((8314.462618 / 22) * 3500) / bigGamma, 6);
    expect(rel(r.cstar_m_s, 1773.39)).toBeLessThan(1e-4);
    // pc/pe = 100 ⇒ Me = √((100^(1/6) − 1)·2/0.2) = 3.4759; ue = √(2γ/(γ−1)·RT/M·(1 − 0.01^(1/6)))
    expect(r.exitMach).toBeCloseTo(Math.sqrt((Math.pow(100, 0.2 / 1.2) - 1) * 10), 8);
    const ue = Math.sqrt(12 * (8314.462618 / 22) * 3500 * (1 - Math.pow(0.01, 1 / 6)));
    expect(rel(r.exitVelocity_m_s, ue)).toBeLessThan(1e-10);
    // in vacuum Isp = ue + pe·Ae/(ṁ) = c*·Cf_vac
    expect(rel(r.ispVac_m_s, r.cstar_m_s * r.cfVac)).toBeLessThan(1e-12);
    expect(r.ispVac_s).toBeCloseTo(r.ispVac_m_s / 9.80665, 8);
  });

  it('pe → 0 drives Cf to its limit Γ·√(2γ/(γ−1))', () => {
    const limit = Math.sqrt(1.2) * Math.pow(2 / 2.2, 5.5) * Math.sqrt(12); // 2.24817
    let prev = 0;
    for (const eps of [10, 100, 1e3, 1e4, 1e5]) {
      const r = k.idealRocket(1.2, 22, 3500, 7e6, eps, 0, 0).out!;
      expect(r.cfVac).toBeGreaterThan(prev);
      expect(r.cfVac).toBeLessThan(limit);
      prev = r.cfVac;
    }
    // The approach is slow (pe/pc ~ ε^−γ): at pc/pe = 1e30 the bracket is 1 − 1e-30^(1/6) = 1 − 1e-5.
    const far = k.idealRocket(1.2, 22, 3500, 7e6, 0, 1e30, 0).out!;
    expect(rel(far.cfVac, limit * Math.sqrt(1 - 1e-5))).toBeLessThan(1e-6);
    expect(k.idealRocket(1.2, 22, 3500, 7e6, 10, 0, 0).out!.cfVacLimit).toBeCloseTo(limit, 10);
  });

  it('ambient Cf = vacuum Cf − (pa/pc)·ε', () => {
    const r = k.idealRocket(1.25, 20, 3200, 5e6, 12, 0, 101325).out!;
    expect(r.cfAmb).toBeCloseTo(r.cfVac - (101325 / 5e6) * 12, 12);
  });
});

describe('engine API: bad input is a value naming the field', () => {
  it.each([
    [{ gamma: 1, molarMass_kg_kmol: 22, Tc_K: 3500, pc_Pa: 7e6, nozzle: { kind: 'areaRatio', areaRatio: 10 }, pamb_Pa: 0 }, 'gamma', '(got 1)'],
    [{ gamma: 1.2, molarMass_kg_kmol: 22, Tc_K: 3500, pc_Pa: -5, nozzle: { kind: 'areaRatio', areaRatio: 10 }, pamb_Pa: 0 }, 'pc_Pa', 'chamber pressure must be > 0 Pa (got -5)'],
    [{ gamma: 1.2, molarMass_kg_kmol: 22, Tc_K: NaN, pc_Pa: 7e6, nozzle: { kind: 'areaRatio', areaRatio: 10 }, pamb_Pa: 0 }, 'Tc_K', 'got NaN'],
    [{ gamma: 1.2, molarMass_kg_kmol: 22, Tc_K: 3000, pc_Pa: 7e6, nozzle: { kind: 'areaRatio', areaRatio: 0.5 }, pamb_Pa: 0 }, 'nozzle.areaRatio', '(got 0.5)'],
    [{ gamma: 1.2, molarMass_kg_kmol: 22, Tc_K: 3000, pc_Pa: 7e6, nozzle: { kind: 'throat' }, pamb_Pa: 0 }, 'nozzle.kind', '"throat"'],
    [{ gamma: '1.2', molarMass_kg_kmol: 22, Tc_K: 3000, pc_Pa: 7e6, nozzle: { kind: 'areaRatio', areaRatio: 4 }, pamb_Pa: 0 }, 'gamma', 'must be a number (got "1.2")'],
  ])('%# rejects %j', (input, field, text) => {
    const r = api.idealRocket(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(text);
      expect(r.error.code).toBe('bad-input');
    }
  });
  it('returns a value for a good input', () => {
    const r = api.idealRocket({ gamma: 1.2, molarMass_kg_kmol: 22, Tc_K: 3500, pc_Pa: 7e6, nozzle: { kind: 'areaRatio', areaRatio: 16 }, pamb_Pa: 101325 });
    expect(r.ok && r.value.ispVac_s > 250 && r.value.ispVac_s < 400).toBe(true);
  });
});

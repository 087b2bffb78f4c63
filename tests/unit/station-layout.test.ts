// The station layout has one source, the kernel: its exported ST_* slots are checked at load.
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { G0 } from '../../app/domain/units.ts';
import { checkStationLayout, STATION_FIELDS, ST_FIXED, ST_STATUS } from '../../wasm-core/thermo.ts';

const core = await loadCoreNode();
const exports = core.exports as unknown as Record<string, unknown>;

describe('station layout shared by the kernel and the loader', () => {
  it('the built kernel exports the slots the loader reads', () => {
    expect(() => checkStationLayout(exports)).not.toThrow();
    expect((exports.ST_ISP as WebAssembly.Global).value).toBe(STATION_FIELDS.indexOf('isp'));
    expect((exports.ST_STATUS as WebAssembly.Global).value).toBe(ST_STATUS);
    expect((exports.ST_FIXED as WebAssembly.Global).value).toBe(ST_FIXED);
  });

  it('a kernel whose layout differs is refused at load, naming the slot', () => {
    const moved = { ...exports, ST_CSTAR: { value: 17 } };
    expect(() => checkStationLayout(moved)).toThrow(/ST_CSTAR is 17, the loader reads it at 16/);
    const { ST_MACH: _gone, ...missing } = exports;
    expect(() => checkStationLayout(missing)).toThrow(/ST_MACH is missing/);
  });

  it('the kernel exports standard gravity 9.80665 m/s² (CGPM 1901), the same G0 as the app; another is refused at load', () => {
    expect((exports.G0_m_s2 as WebAssembly.Global).value).toBe(9.80665);
    expect((exports.G0_m_s2 as WebAssembly.Global).value).toBe(G0);
    expect(() => checkStationLayout({ ...exports, G0_m_s2: { value: 9.81 } })).toThrow(/G0_m_s2 is 9.81, the app's is 9.80665/);
  });
});

// The station layout has one source, the kernel: its exported ST_* slots are checked at load.
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
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
});

// The `solve` command line with a finite-area combustor: the documented result shape, with CEA2's
// numbers (lox_rp1-fac-eq-of2.45-p45-cr3, README-fac-transport.md section 1).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const run = (input: string) => spawnSync(tsx, ['scripts/solve.ts'], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });

const problem = {
  problem: 'rocket',
  reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
  of: 2.45, pc: 4.5e6, combustor: { contractionRatio: 3 },
  exits: [{ pcOverPe: 44.411547 }, { subsonicAreaRatio: 2 }, { areaRatio: 12 }, { areaRatio: 35 }],
  chemistry: 'equilibrium',
};

describe('solve CLI: finite-area combustor', () => {
  it('answers {ok, injector, combustorEnd, throat, exits, pInf, warnings} with CEA2’s figures', () => {
    const r = run(JSON.stringify([problem, { ...problem, combustor: { massFlux: 0 } }]));
    expect(r.status).toBe(0);
    const [out, bad] = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['combustorEnd', 'exits', 'injector', 'ok', 'pInf', 'throat', 'warnings']);
    // CEA2: Pinj/Pinf 1.022702; combustor end p 42.981 bar, Mach 0.203, Ae/At 3.0001; throat c* 1794.4 m/s;
    // subsonic Ae/At 2: p 41.605 bar; Ae/At 35: Isp 3281.0 m/s
    expect(Math.abs(4.5e6 / out.pInf - 1.022702)).toBeLessThan(5e-6);
    expect(Math.abs(out.combustorEnd.p - 42.981e5)).toBeLessThan(50);
    expect(Math.abs(out.combustorEnd.mach - 0.203)).toBeLessThan(5e-4);
    expect(out.combustorEnd.areaRatio).toBe(3);
    expect(Math.abs(out.throat.cstar - 1794.4)).toBeLessThan(0.05);
    expect(Math.abs(out.exits[1].p - 41.605e5)).toBeLessThan(50);
    expect(Math.abs(out.exits[3].isp - 3281.0)).toBeLessThan(0.5);
    expect(out.injector.p).toBe(4.5e6);
    expect(out.injector.mach).toBe(0);
    expect(bad).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-input', field: 'combustor.massFlux' }) });
  });
});

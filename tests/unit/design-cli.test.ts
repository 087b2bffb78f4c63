// The `design` command line: scripts/design.ts's main() with the spec, a refused spec, and
// one run through bin/rfo.cjs as users start it (npm run --silent design -- spec.json).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../scripts/design.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'design-'));
// the spec of issue 14, field for field
const spec = {
  gas: { gamma: 1.2, molarMass: 0.0226, Tc: 3600, pc: 7e6, cp: 2000, viscosity: 8e-5, prandtl: 0.8 },
  thrust: 50000, pamb: 101325, areaRatio: 40,
  nozzle: { type: 'bell', lengthFraction: 0.8 },
  chamber: { contractionRatio: 3, lStar: 1.1 },
  wallTemperature: 800,
};
const file = (name: string, v: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, typeof v === 'string' ? v : JSON.stringify(v));
  return p;
};

async function run(args: string[]): Promise<{ status: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const status = await main(args);
    return { status, out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

describe('design CLI', () => {
  it('prints the fixed output names for the issue\'s spec', async () => {
    const { status, out } = await run([file('spec.json', spec)]);
    expect(status).toBe(0);
    const r = JSON.parse(out);
    expect(r.ok).toBe(true);
    for (const k of ['massFlow', 'throatDiameter', 'exitDiameter', 'chamberDiameter', 'chamberLength', 'nozzleLength',
      'divergenceEfficiency', 'thetaN', 'thetaE', 'thrust', 'ispDelivered', 'contour', 'heatFlux', 'heatLoad', 'model']) {
      expect(r, k).toHaveProperty(k);
    }
    expect(Object.keys(r.contour[0]).sort()).toEqual(['r', 'x']);
    for (const k of ['x', 'h', 'q', 'Taw']) expect(r.heatFlux[0]).toHaveProperty(k);
    expect(r.contour.some((p: { x: number }) => p.x === 0)).toBe(true);
    expect(r.thrust).toBeCloseTo(50000, 6);
    expect(r.thetaN).toBeGreaterThan(25);
  });

  it('refuses a bad spec with {"ok":false,"error":{code,message,field}} and exit status 0', async () => {
    const { status, out } = await run([file('bad.json', { ...spec, nozzle: { type: 'bell', lengthFraction: 1.4 } })]);
    expect(status).toBe(0);
    const r = JSON.parse(out);
    expect(r).toEqual({ ok: false, error: { code: 'bad-spec', message: expect.stringContaining('1.4'), field: 'nozzle.lengthFraction' } });
  });

  it('exits 2 on text that is not JSON, a missing file or an unknown option', async () => {
    expect((await run([file('x.json', '{nope')])).status).toBe(2);
    expect((await run([join(tmp, 'missing.json')])).status).toBe(2);
    expect((await run(['--fast', file('spec2.json', spec)])).status).toBe(2);
  });

  it('runs through bin/rfo.cjs, as npm run design does', () => {
    const r = spawnSync(process.execPath, ['bin/rfo.cjs', 'design', file('spec3.json', { ...spec, nozzle: { type: 'conical', halfAngle: 15 } })],
      { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.divergenceEfficiency).toBeCloseTo(0.983, 3);
  }, 180_000);
});

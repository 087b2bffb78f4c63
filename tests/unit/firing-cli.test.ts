// The `firing` command line: a recorded trace in, the fixed JSON out.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../scripts/firing.ts';
import { SYNTH, synthCsv, synthesize } from '../../app/domain/firing/synthetic.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'firing-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(console, 'error').mockImplementation((s: unknown) => void (err += String(s)));
  const status = await main(args);
  vi.restoreAllMocks();
  return { status, out, err };
}

afterEach(() => vi.restoreAllMocks());

const experiment = {
  type: 'rocket-fuel-optimizer/experiment', version: 3, name: 'stand',
  inputs: { system: 'custom', units: 'SI', throatArea: SYNTH.throatArea, problem: { problem: 'rocket', reactants: [{ name: 'H2', role: 'fuel', massFraction: 1 }, { name: 'O2', role: 'oxidizer', massFraction: 1 }], of: 6, pc: SYNTH.pc0 } },
};

describe('firing CLI', () => {
  it('prints the figures in SI with the fixed names, c* and Isp with a design', async () => {
    const trace = file('nominal.csv', synthCsv(synthesize({ noise: 0.005, seed: 4 })));
    const design = file('exp.json', JSON.stringify(experiment));
    const r = await run([trace, '--design', design]);
    expect(r.status).toBe(0);
    const o = JSON.parse(r.out);
    expect(Object.keys(o)).toEqual(['ok', 'burnTime', 'totalImpulse', 'averageThrust', 'peakThrust', 'cstar', 'isp', 'flags']);
    // synthetic engine: c* 1500 m/s, Isp = Cf·c* = 2250 m/s (noise 0.5 %: within 0.5 %)
    expect(o.cstar / 1500 - 1).toBeLessThan(0.005);
    expect(Math.abs(o.isp / 2250 - 1)).toBeLessThan(0.005);
    expect(o.peakThrust).toBeGreaterThan(1500);
    expect(o.flags).toEqual([]);
    const bare = JSON.parse((await run([trace])).out);
    expect(bare.cstar).toBeUndefined();
    expect(bare.isp).toBeCloseTo(o.isp, 9);
  });

  it('reads units in the header: the same firing in ms, lbf and psi gives the same SI figures', async () => {
    // thrust 1000 N for 2 s with 10 ms ramps, written as ms / lbf / psi (lbf = 4.4482216152605 N, psi = 6894.757293168 Pa)
    const lines = ['time (ms),thrust (lbf),pc (psi)'];
    for (let i = 0; i <= 3000; i++) {
      const t = i / 1000;
      const p = t < 0.5 ? 0 : t < 0.51 ? (t - 0.5) / 0.01 : t < 2.5 ? 1 : t < 2.51 ? (2.51 - t) / 0.01 : 0;
      lines.push(`${i},${((1000 * p) / 4.4482216152605).toFixed(6)},${((2e6 * p) / 6894.757293168361).toFixed(6)}`);
    }
    const r = await run([file('us.csv', lines.join('\n'))]);
    const o = JSON.parse(r.out);
    // 10 % crossings at 0.501 and 2.509 s: burn 2.008 s; impulse = 1000·(2 − 0.01) + 2·(0.009·550) = 1999.9 N·s
    expect(o.burnTime).toBeCloseTo(2.008, 6);
    expect(o.totalImpulse).toBeCloseTo(1999.9, 3);
    expect(o.peakThrust).toBeCloseTo(1000, 3);
  });

  it('flags a chugging firing with its frequency; a hard start with its time', async () => {
    const chug = JSON.parse((await run([file('chug.csv', synthCsv(synthesize({ scenario: 'chugging', frequency: 60, noise: 0.01, seed: 2 })))])).out);
    expect(chug.flags).toEqual([{ kind: 'chugging', time: expect.any(Number), frequency: expect.any(Number), message: expect.stringContaining('60') }]);
    expect(chug.flags[0].frequency).toBeCloseTo(60, 0);
    expect(Math.abs(chug.flags[0].time - SYNTH.oscillationFrom)).toBeLessThan(0.03);
    const hs = JSON.parse((await run([file('hs.csv', synthCsv(synthesize({ scenario: 'hard-start', seed: 2 })))])).out);
    expect(hs.flags.map((f: { kind: string }) => f.kind)).toEqual(['hard-start']);
    expect(Object.keys(hs.flags[0])).toEqual(['kind', 'time', 'message']);
  });

  it('bad content is a value naming the line and column; unreadable input exits 2', async () => {
    const bad = await run([file('bad.csv', 'time (s),thrust (N),pc (bar)\n0,1,2\n0.1,x,2\n')]);
    expect(bad.status).toBe(0);
    expect(JSON.parse(bad.out)).toEqual({ ok: false, error: { code: 'bad-value', message: 'Line 3, column "thrust (N)": "x" is not a number.', field: 'thrust' } });
    const unit = JSON.parse((await run([file('unit.csv', 'time (s),thrust (N),pc (hPa)\n0,1,2\n')])).out);
    expect(unit.error.code).toBe('bad-unit');
    expect(unit.error.message).toContain('"hPa"');
    const design = JSON.parse((await run([file('n.csv', 'time (s),thrust (N)\n0,0\n1,5\n2,0\n'), '--design', file('d.json', '{"pc": -3}')])).out);
    expect(design).toEqual({ ok: false, error: expect.objectContaining({ field: 'pc', message: 'pc must be a number > 0 Pa (got -3).' }) });
    expect((await run([join(tmp, 'missing.csv')])).status).toBe(2);
    expect((await run([file('n2.csv', 'time (s),thrust (N)\n0,1\n'), '--design', file('nj.json', '{')])).status).toBe(2);
    expect((await run(['--frobnicate'])).status).toBe(2);
  });

  it('runs as users run it: node bin/rfo.cjs firing', () => {
    const trace = file('spawn.csv', synthCsv(synthesize({ scenario: 'dropout', seed: 1 })));
    const r = spawnSync(process.execPath, ['bin/rfo.cjs', 'firing', trace], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.ok).toBe(true);
    expect(o.flags.map((f: { kind: string; time: number }) => [f.kind, +f.time.toFixed(3)])).toEqual([['dropout', SYNTH.dropoutFrom]]);
  }, 200_000);
});

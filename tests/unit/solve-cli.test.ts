// The `solve` command line, spawned as users run it (tsx scripts/solve.ts).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const run = (args: string[], input?: string) => spawnSync(tsx, ['scripts/solve.ts', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });

const lox = { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 };
const rocket = {
  problem: 'rocket',
  reactants: [{ name: 'H2(L)', role: 'fuel', massFraction: 1, T: 20.27 }, lox],
  of: 3, pc: 1e6, exits: [{ pcOverPe: 9.869233 }, { areaRatio: 10 }],
};

describe('solve CLI', () => {
  it('reads a problem array from stdin and answers in the same order and shape', () => {
    const bad = { ...rocket, pc: -5 };
    const tp = { problem: 'tp', reactants: [{ name: 'H2', role: 'fuel', massFraction: 1 }, { name: 'O2', role: 'oxidizer', massFraction: 1 }], phi: 1, p: 1e5, T: 3000 };
    const r = run([], JSON.stringify([rocket, bad, tp]));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[0].ok).toBe(true);
    // CEA2, lox_lh2-eq-of3-pc10: throat c* 2424.6 m/s, Ae/At = 10 exit Isp 3881.9 m/s
    expect(out[0].throat.cstar).toBeCloseTo(2424.6, 0);
    expect(out[0].exits[1].isp).toBeCloseTo(3881.9, 0);
    for (const k of ['T', 'p', 'rho', 'h', 'u', 'g', 's', 'M', 'MW', 'cp', 'gammaS', 'dlnVdlnP', 'dlnVdlnT', 'a', 'mach', 'areaRatio', 'cstar', 'cf', 'ispVac', 'isp', 'moleFractions']) {
      expect(out[0].exits[0]).toHaveProperty(k);
    }
    expect(out[0].warnings).toEqual([]);
    expect(out[1]).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-input', field: 'pc' }) });
    expect(out[1].error.message).toContain('-5');
    expect(out[2].ok).toBe(true);
    expect(out[2].state.T).toBe(3000);
  });

  it('reads a single problem from a file and answers with a single result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'solve-'));
    const f = join(dir, 'p.json');
    writeFileSync(f, JSON.stringify({ ...rocket, chemistry: 'frozen', freezeAt: 'chamber' }));
    const r = run([f]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    // CEA2, lox_lh2-frz-of3-pc10: frozen throat c* 2413.0 m/s
    expect(out.throat.cstar).toBeCloseTo(2413.0, 0);
  });

  it('exits with 2 on input that is not JSON', () => {
    const r = run([], '{"problem": ');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
  });
});

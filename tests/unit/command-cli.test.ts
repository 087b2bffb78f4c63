// The `command` command line: main() with captured stdout, and one spawn of bin/rfo.cjs proving
// the wiring (`npm run --silent command -- "text"` runs the same path).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../scripts/command.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function run(args: string[]): Promise<{ status: number; out: unknown; err: string }> {
  let out = '';
  let err = '';
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(console, 'error').mockImplementation((s) => { err += String(s); });
  try {
    const status = await main(args);
    return { status, out: out ? JSON.parse(out) : null, err };
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('command CLI', () => {
  it('prints the action of the issue example (100 bar = 1e7 Pa)', async () => {
    const r = await run(['LOX and methane at 100 bar, O/F 3.4, expansion 40']);
    expect(r.status).toBe(0);
    expect(r.out).toEqual({ ok: true, action: { action: 'set-design', fuels: ['lch4'], oxidizers: ['lox'], of: 3.4, pc: 1e7, areaRatio: 40 } });
  });
  it('joins several arguments into one sentence', async () => {
    const r = await run(['sweep', 'O/F', '2.8', 'to', '3.8', 'at', '50', 'and', '100', 'bar']);
    expect(r.out).toEqual({ ok: true, action: { action: 'sweep', variable: 'of', from: 2.8, to: 3.8, at: { variable: 'pc', values: [5e6, 1e7] } } });
  });
  it('reads unit-less pressures in --units US as psia (1000 psi = 6894757.29 Pa)', async () => {
    const r = await run(['--units', 'US', 'pc 1000']);
    const a = (r.out as { action: { pc: number } }).action;
    expect(a.pc).toBeCloseTo(6894757.293168361, 3);
  });
  it('prints a refusal as a value with exit status 0', async () => {
    const r = await run(['LOX and unobtainium']);
    expect(r.status).toBe(0);
    expect(r.out).toMatchObject({ ok: false, error: { code: 'not-understood', field: 'text' } });
    expect((r.out as { error: { message: string } }).error.message).toContain('unobtainium');
  });
  it('exits 2 on an unknown flag or a bad --units, printing nothing on stdout', async () => {
    for (const args of [['--bogus', 'O/F 3'], ['--units', 'cgs', 'O/F 3'], ['--units']]) {
      const r = await run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.out).toBeNull();
      expect(r.err).toMatch(/command:/);
    }
  });
  it('runs through bin/rfo.cjs', () => {
    const p = spawnSync(process.execPath, ['bin/rfo.cjs', 'command', 'compare my last two experiments'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(p.status, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toEqual({ ok: true, action: { action: 'compare', last: 2 } });
  }, 180_000);
});

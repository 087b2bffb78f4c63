// The `report` command line: the PDF of an exported experiment file carries the inputs, the station
// table in the experiment's units, the explanations with their figures, provenance and page
// numbers; its text (jsPDF writes uncompressed content streams) holds the engine's numbers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../scripts/report.ts';
import { experimentFromTemplate, findTemplate } from '../../app/domain/templates.ts';
import { exportExperimentFile } from '../../app/domain/backup.ts';
import { loadEngineFiles } from '../../scripts/cli-engine.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';
import type { Station } from '../../app/domain/problem.ts';
import { formatSig } from '../../app/domain/number-text.ts';
import { pdfSafe } from '../../app/ui/components/pdf-report.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'report-'));
const opts = { now: () => '2026-12-01T00:00:00.000Z', newId: () => 'exp-1' };

function experimentFile(id: string, units: 'SI' | 'US' = 'SI'): string {
  const e = experimentFromTemplate(findTemplate(id)!, units, opts);
  const path = join(tmp, `${id}-${units}.json`);
  writeFileSync(path, exportExperimentFile(e, [], [], '2026-12-01T00:00:00.000Z'));
  return path;
}

/** The text a PDF shows: jsPDF's uncompressed "(…) Tj" strings, unescaped. */
function pdfText(path: string): string {
  const raw = readFileSync(path, 'latin1');
  return [...raw.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((m) => m[1].replace(/\\(.)/g, '$1')).join('\n');
}

async function run(args: string[]) {
  let out = '';
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const status = await main(args, '2026-12-02');
    return { status, out: out ? JSON.parse(out) : null };
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

describe('report CLI', () => {
  it('writes the PDF of a LOX/CH4 experiment whose text holds the engine numbers and the explanations', async () => {
    const pdf = join(tmp, 'lox-ch4.pdf');
    const r = await run([experimentFile('lox-ch4'), pdf]);
    expect(r.status).toBe(0);
    expect(r.out.ok).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const { core, thermo } = await loadEngineFiles();
    const sol = makeEngineApi(core, thermo).solveRocket(findTemplate('lox-ch4')!.problem);
    expect(sol.ok).toBe(true);
    if (!sol.ok) return;
    const exit = sol.value.exits[0] as Station;
    expect(r.out.ispVac_m_s).toBe(exit.ispVac);
    const text = pdfText(pdf);
    // station table: chamber temperature (K) and vacuum Isp (m/s), 5 significant digits
    expect(text).toContain(formatSig(sol.value.chamber.T, 5));
    expect(text).toContain(formatSig(exit.ispVac, 5));
    expect(text).toContain('Why these numbers');
    expect(text).toContain('Vacuum Isp peaks at O/F');
    expect(text).toMatch(/sha256 [0-9a-f]{64}/);
    expect(text).toContain(`Page 1 of ${r.out.pages}`);
    // every explanation is in the PDF whole (wrapped at spaces; √ and − spelled out for the PDF's font)
    for (const c of r.out.explanations as { text: string }[]) expect(text.replace(/\s+/g, ' ')).toContain(pdfSafe(c.text));
  }, 60_000);

  it('speaks US units when the experiment does (pressures in psia)', async () => {
    const pdf = join(tmp, 'hybrid-us.pdf');
    const r = await run([experimentFile('n2o-htpb-hybrid', 'US'), pdf]);
    expect(r.out.ok).toBe(true);
    // 30 bar = 435.11 psia
    expect(pdfText(pdf)).toContain('435.11 psia');
  }, 60_000);

  it('refuses what it cannot report: a file with no experiment is a value; bad JSON and bad arguments exit 2', async () => {
    const empty = join(tmp, 'empty.json');
    writeFileSync(empty, JSON.stringify({ type: 'rocket-fuel-optimizer/workspace', version: 1, experiments: [] }));
    const r = await run([empty, join(tmp, 'x.pdf')]);
    expect(r.status).toBe(0);
    expect(r.out).toMatchObject({ ok: false, error: { code: 'no-experiment' } });
    expect(existsSync(join(tmp, 'x.pdf'))).toBe(false);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect((await run([bad, join(tmp, 'y.pdf')])).status).toBe(2);
    expect((await run([bad])).status).toBe(2);
    expect((await run(['--bogus', bad, 'z.pdf'])).status).toBe(2);
  });

  it('runs through bin/rfo.mjs', () => {
    const pdf = join(tmp, 'rfo.pdf');
    const p = spawnSync(process.execPath, ['bin/rfo.mjs', 'report', experimentFile('n2o4-mmh-hypergolic'), pdf], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(p.status, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout).ok).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);
});

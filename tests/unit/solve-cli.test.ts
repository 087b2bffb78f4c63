// The `solve` command line, spawned as users run it: the built command through bin/rfo.cjs (the
// same path as `npm run solve` and `npx rfo solve`; the first run builds dist-cli/ when stale).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instantiateCore } from '../../wasm-core/index.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';
import { threadPlan } from '../../scripts/solve.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rfo = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/rfo.cjs', ...args], { cwd: root, input, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 });
const run = (args: string[], input?: string) => rfo(['solve', ...args], input);
const tmp = mkdtempSync(join(tmpdir(), 'solve-'));

const lox = { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 };
const rocket = {
  problem: 'rocket',
  reactants: [{ name: 'H2(L)', role: 'fuel', massFraction: 1, T: 20.27 }, lox],
  of: 3, pc: 1e6, exits: [{ pcOverPe: 9.869233 }, { areaRatio: 10 }],
};
const rp1 = (of: number, pc: number, extra: Record<string, unknown> = {}) => ({
  problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, lox],
  of, pc, exits: [{ areaRatio: 10 }, { areaRatio: 40 }, { areaRatio: 100 }], ...extra,
});
const hp = { problem: 'hp', reactants: [{ name: 'H2', role: 'fuel', massFraction: 1 }, { name: 'O2', role: 'oxidizer', massFraction: 1 }], of: 8, p: 1e6 };

beforeAll(() => {
  // builds dist-cli/ (and the wasm) when missing or stale, so the tests below time only the runs
  const r = rfo(['--help']);
  expect(r.status, r.stderr).toBe(0);
  const b = run([], JSON.stringify(hp));
  expect(b.status, b.stderr).toBe(0);
}, 180_000);

describe('solve CLI: the array / single contract', () => {
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
    // the station's members, in this order
    expect(Object.keys(out[0].exits[0])).toEqual(['T', 'p', 'rho', 'h', 'u', 'g', 's', 'M', 'MW', 'cp', 'gammaS', 'dlnVdlnP', 'dlnVdlnT', 'a', 'mach', 'areaRatio', 'cstar', 'cf', 'ispVac', 'isp', 'moleFractions']);
    expect(Object.keys(out[0])).toEqual(['ok', 'chamber', 'throat', 'exits', 'warnings']);
    expect(out[0].warnings).toEqual([]);
    expect(out[1]).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-input', field: 'pc' }) });
    expect(out[1].error.message).toContain('-5');
    expect(out[2].ok).toBe(true);
    expect(out[2].state.T).toBe(3000);
  });

  it('reads a single problem from a file and answers with a single result', () => {
    const f = join(tmp, 'p.json');
    writeFileSync(f, JSON.stringify({ ...rocket, chemistry: 'frozen', freezeAt: 'chamber' }));
    const r = run([f]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    // CEA2, lox_lh2-frz-of3-pc10: frozen throat c* 2413.0 m/s
    expect(out.throat.cstar).toBeCloseTo(2413.0, 0);
  });

  it('answers an empty array with an empty array', () => {
    const r = run([], '[]');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  // A long array is parsed a chunk (200 elements) at a time as it is solved, once scripts/json-scan.ts
  // has vouched for the whole text: the answers are those of each element parsed alone (--lines),
  // whatever the elements hold; bad JSON anywhere, even far past the first chunk, still means no output.
  it('a long array read chunk by chunk answers each element as JSON.parse reads it; bad JSON at its end gives no output', () => {
    const odd = ['a,b]}', { problem: 'tp', note: '[{,"\\' }, [1, [2, {}]], 3.5e-7, null, { ...hp, of: 7 }];
    const elements = Array.from({ length: 450 }, (_, i) => (i % 37 === 5 ? odd[(i / 37) % odd.length | 0] : rp1(1.8 + (i % 20) * 0.08, 2e6 + 1e5 * Math.floor(i / 20))));
    const text = `\n[ ${elements.map((e, i) => (i % 3 ? JSON.stringify(e) : JSON.stringify(e, null, 1))).join(' ,\n')} ]\n`;
    const f = join(tmp, 'long.json');
    writeFileSync(f, text);
    const arr = run([f]);
    expect(arr.status, arr.stderr).toBe(0);
    const fl = join(tmp, 'long.jsonl');
    writeFileSync(fl, elements.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const lines = run(['--lines', fl]);
    expect(lines.status).toBe(0);
    const got = JSON.parse(arr.stdout) as { ok: boolean }[];
    expect(got).toHaveLength(450);
    expect(got).toEqual(lines.stdout.trim().split('\n').map((l) => JSON.parse(l)));
    expect(got.filter((r) => r.ok).length).toBeGreaterThan(400);
    expect(got[5]).toMatchObject({ ok: false });

    const body = text.trimEnd().slice(0, -1); // (without the closing bracket)
    for (const bad of [`${body},]\n`, `${body}]x`, text.slice(0, -40)]) {
      writeFileSync(f, bad);
      const r = run([f]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^solve: input is not valid JSON: /);
      expect(r.stdout).toBe('');
    }
  });

  it('exits with 2 on input that is not JSON, a file it cannot read, or an unknown option', () => {
    const r = run([], '{"problem": ');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
    const missing = run([join(tmp, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/);
    const opt = run(['--line'], '{}');
    expect(opt.status).toBe(2);
    expect(opt.stderr).toMatch(/unknown option --line/);
    expect(opt.stdout).toBe('');
  });
});

describe('solve CLI: stdout to a file', () => {
  it('writes to a file (written directly, not through process.stdout) the same bytes as to a pipe, non-ASCII messages included', () => {
    // an error message with non-ASCII characters (its '×' and '–' are two and three bytes in UTF-8)
    const problems = [rp1(2.2, 3e6), hp, { ...hp, p: -1 }, { problem: 'tp', reactants: hp.reactants, of: 8, p: 1e5, T: 50 }];
    const f = join(tmp, 'in.json');
    writeFileSync(f, JSON.stringify(problems));
    const piped = run([f]);
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toMatch(/[^\x00-\x7f]/);
    for (const args of [[f], ['--lines', join(tmp, 'in.jsonl')]]) {
      writeFileSync(join(tmp, 'in.jsonl'), problems.map((p) => JSON.stringify(p)).join('\n'));
      const out = join(tmp, 'out.json');
      const fd = openSync(out, 'w');
      const r = spawnSync(process.execPath, ['bin/rfo.cjs', 'solve', ...args], { cwd: root, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 120_000 });
      closeSync(fd);
      expect(r.status, r.stderr).toBe(0);
      const want = args[0] === '--lines' ? run(args).stdout : piped.stdout;
      expect(readFileSync(out, 'utf8')).toBe(want);
    }
  });
});

describe('solve CLI: --lines and --compact', () => {
  it('answers one line per problem line; a line that is not JSON gets an error naming its line number, and the run goes on', () => {
    const input = [JSON.stringify(hp), '{"problem": "rocket", oops', '', JSON.stringify({ ...hp, p: -1 }), JSON.stringify(rocket)].join('\n'); // no final newline
    const r = run(['--lines'], input);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe(''); // every result ends with a newline
    expect(lines).toHaveLength(4); // the blank line 3 gives none
    const out = lines.map((l) => JSON.parse(l));
    expect(out[0].ok).toBe(true);
    expect(out[1]).toEqual({ ok: false, error: { code: 'bad-json', message: expect.stringMatching(/^line 2 is not valid JSON/), field: 'line 2' } });
    expect(out[2]).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-input', field: 'p' }) });
    expect(out[3].ok).toBe(true);
    // CEA2, lox_lh2-eq-of3-pc10: throat c* 2424.6 m/s
    expect(out[3].throat.cstar).toBeCloseTo(2424.6, 0);
  });

  it('reads --lines from a file, with CRLF line ends, the same as the array of the same problems', () => {
    const problems = [rp1(2.2, 3e6), hp, rp1(2.6, 7e6)];
    const f = join(tmp, 'p.jsonl');
    writeFileSync(f, problems.map((p) => JSON.stringify(p)).join('\r\n') + '\r\n');
    const lines = run(['--lines', f]);
    const arr = run([], JSON.stringify(problems));
    expect(lines.status).toBe(0);
    expect(lines.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(JSON.parse(arr.stdout));
  });

  it('--compact leaves out the mole fractions and nothing else', () => {
    const problems = [rocket, hp, { ...rocket, exits: [{ pcOverPe: 1.0000001 }] }];
    const full = JSON.parse(run([], JSON.stringify(problems)).stdout);
    const r = run(['--compact'], JSON.stringify(problems));
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('moleFractions');
    const compact = JSON.parse(r.stdout);
    const strip = (v: unknown): unknown => (Array.isArray(v) ? v.map(strip) : typeof v === 'object' && v !== null
      ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'moleFractions').map(([k, x]) => [k, strip(x)])) : v);
    expect(compact).toEqual(strip(full));
    expect(compact[0].exits[0].isp).toBe(full[0].exits[0].isp);
    const lines = run(['--lines', '--compact'], problems.map((p) => JSON.stringify(p)).join('\n'));
    // --lines cuts its chunks where the reads end (each chunk's first problem starts cold, the others
    // from their predecessor): the same answers within 1e-9, not always the same last digits
    expectClose(lines.stdout.trim().split('\n').map((l) => JSON.parse(l)), compact, '--lines');
  });
});

describe('solve CLI: a reader that stops reading', () => {
  it('stops quietly with status 0 when the pipe closes (as `rfo solve … | head` does), without an error stack', async () => {
    const { spawn } = await import('node:child_process');
    const f = join(tmp, 'many.json');
    writeFileSync(f, JSON.stringify(Array.from({ length: 400 }, (_, i) => rp1(1.8 + i / 250, 3e6))));
    const child = spawn(process.execPath, ['bin/rfo.cjs', 'solve', f], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => { stderr += t; });
    child.stdout.once('data', () => child.stdout.destroy()); // the first chunk read, then the pipe closed
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(status).toBe(0);
  }, 120_000);
});

describe('solve CLI: --digits', () => {
  it('prints 12 significant digits by default, the shortest round-trip form with --digits 17, and refuses a bad count', () => {
    const full = run(['--digits', '17'], JSON.stringify(rocket));
    const short = run([], JSON.stringify(rocket));
    const six = run(['--digits=6'], JSON.stringify(rocket));
    expect(full.status, full.stderr).toBe(0);
    const f = JSON.parse(full.stdout);
    // every number of the default output is the 12-digit rounding of the full one (JavaScript's own
    // toPrecision as the oracle); --digits 6 likewise with 6
    const check = (a: unknown, b: unknown, digits: number, path: string): void => {
      if (typeof b === 'number') {
        expect(a, path).toBe(Number(b.toPrecision(digits)));
        return;
      }
      if (typeof b !== 'object' || b === null) { expect(a, path).toEqual(b); return; }
      expect(Object.keys(a as object), path).toEqual(Object.keys(b));
      for (const k of Object.keys(b)) check((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], digits, `${path}.${k}`);
    };
    check(JSON.parse(short.stdout), f, 12, 'default');
    check(JSON.parse(six.stdout), f, 6, '--digits=6');
    expect(full.stdout).toMatch(/\d\.\d{13,}/); // full precision has digits beyond the 12th
    for (const bad of [['--digits', '0'], ['--digits', '18'], ['--digits', '2.5'], ['--digits']]) {
      const r = run(bad, JSON.stringify(rocket));
      expect(r.status, bad.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--digits must be an integer from 1 to 17/);
      expect(r.stdout).toBe('');
    }
  });
});

describe('solve CLI: a run of many problems answers each as if it were alone', () => {
  it('switching propellant systems, with failures and frozen/equilibrium problems between, within 1e-9 relative', async () => {
    const problems: unknown[] = [];
    for (const pc of [5e5, 4e6, 2e7]) for (const of of [1.8, 2.6, 3.4]) problems.push(rp1(of, pc));
    problems.splice(2, 0, rocket, { ...rocket, of: -1 }, hp);
    problems.splice(7, 0, rp1(2.4, 7e6, { chemistry: 'frozen', freezeAt: 'throat' }), 'not a problem', rp1(2.4, 7e6, { chemistry: 'frozen' }));
    problems.push({ ...rocket, reactants: [{ name: 'XYZ', role: 'fuel', massFraction: 1 }, lox] }, rp1(2.5, 1e6, { exits: [{ pcOverPe: 1.0000001 }, { areaRatio: 50 }] }), rp1(2.5, 1e6));
    const r = run([], JSON.stringify(problems));
    expect(r.status, r.stderr).toBe(0);
    const batch = JSON.parse(r.stdout) as unknown[];
    // Each problem alone: a fresh wasm instance and engine per problem, nothing carried over.
    const wasm = readFileSync(join(root, 'wasm-core/build/core.wasm'));
    const thermo = JSON.parse(readFileSync(join(root, 'wasm-core/data/thermo.json'), 'utf8')) as ThermoDocument;
    let oks = 0;
    for (let i = 0; i < problems.length; i++) {
      const alone = JSON.parse(JSON.stringify(makeEngineApi(await instantiateCore(wasm), thermo).solveProblem(problems[i])));
      if (alone.ok) oks++;
      expectClose(batch[i], alone, `problems[${i}]`);
    }
    expect(oks).toBeGreaterThan(12);
    expect(batch.some((b) => (b as { ok: boolean }).ok === false)).toBe(true);
  }, 120_000);
});

function expectClose(a: unknown, b: unknown, path: string): void {
  if (typeof b === 'number') {
    expect(typeof a, path).toBe('number');
    const d = Math.abs((a as number) - b) / Math.max(Math.abs(b), 1e-300);
    if (d > 1e-9) expect.fail(`${path}: ${a} vs ${b} alone (relative ${d.toExponential(2)})`);
    return;
  }
  if (typeof b !== 'object' || b === null) { expect(a, path).toEqual(b); return; }
  expect(Object.keys(a as object), path).toEqual(Object.keys(b));
  for (const k of Object.keys(b)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
}

describe('rfo: the bin entry', () => {
  it('dispatches solve and optimize, prints usage on --help and refuses an unknown command', () => {
    const help = rfo(['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/rfo solve \[--lines\] \[--compact\] \[--digits N\] \[file\]/);
    const unknown = rfo(['solv']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "solv"/);
    const none = rfo([]);
    expect(none.status).toBe(2);
    const opt = rfo(['optimize'], '{"fuels": 5}');
    expect(opt.status).toBe(0);
    expect(JSON.parse(opt.stdout)).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad-input' }) });
    expect(rfo(['optimize'], '{').status).toBe(2);
  });

  it('runs as an executable (npx rfo) and from the npm scripts with one V8 platform thread, and gives the same bytes as plain `node bin/rfo.cjs`', () => {
    const problems = JSON.stringify([hp, rocket]);
    const env: NodeJS.ProcessEnv = { ...process.env, RFO_REPORT_USAGE: '1' };
    delete env.MALLOC_TOP_PAD_;
    delete env.MALLOC_TRIM_THRESHOLD_;
    // the bin itself, through its #! line (what npx and node_modules/.bin run): also glibc's allocator settings
    const direct = spawnSync(join(root, 'bin/rfo.cjs'), ['solve'], { cwd: root, input: problems, encoding: 'utf8', timeout: 120_000, env });
    expect(direct.status, direct.stderr).toBe(0);
    type Usage = { nodeOptions: string[]; malloc: { topPad: string | null; trimThreshold: string | null } };
    const usage = (stderr: string) => JSON.parse(/rfo-usage (\{.*\})/.exec(stderr)![1]) as Usage;
    expect(usage(direct.stderr).nodeOptions).toEqual(['--v8-pool-size=1']);
    expect(usage(direct.stderr).malloc).toEqual({ topPad: String(16 << 20), trimThreshold: String(64 << 20) });
    const plain = spawnSync(process.execPath, ['bin/rfo.cjs', 'solve'], { cwd: root, input: problems, encoding: 'utf8', timeout: 120_000, env });
    expect(usage(plain.stderr)).toMatchObject({ nodeOptions: [], malloc: { topPad: null, trimThreshold: null } });
    expect(direct.stdout).toBe(plain.stdout);
    // every rfo command of package.json's scripts starts node the same way
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const cmd of ['solve', 'optimize', 'design', 'sensitivity', 'command', 'firing', 'report']) {
      expect(scripts[cmd]).toBe(`node --v8-pool-size=1 bin/rfo.cjs ${cmd}`);
    }
  });

  it('runs solve from one script with a V8 code cache: written by a run without one, the same bytes with it, a cache V8 refuses replaced', () => {
    const cache = join(root, 'dist-cli/solve.cjs.cache');
    const problems = JSON.stringify([hp, rocket, { ...hp, p: -1 }]);
    rmSync(cache, { force: true });
    const first = run([], problems);
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(cache)).toBe(true);
    expect(run([], problems).stdout).toBe(first.stdout);
    writeFileSync(`${cache}.tmp`, 'not a code cache');
    renameSync(`${cache}.tmp`, cache); // (moved into place whole: other test files run solve meanwhile)
    const refused = run([], problems);
    expect(refused.stdout).toBe(first.stdout);
    expect(readFileSync(cache, 'utf8')).not.toBe('not a code cache');
  });

  it('runs built JavaScript: the tools in dist-cli/ are plain .mjs modules', () => {
    for (const f of ['solve.mjs', 'solve.cjs', 'solve-worker.mjs', 'optimize.mjs']) {
      const text = readFileSync(join(root, 'dist-cli', f), 'utf8');
      expect(text).not.toMatch(/\.ts["']/); // no import of a TypeScript source
    }
  });
});

describe('solve CLI: worker threads (RFO_THREADS) give the same text as one thread', () => {
  const threaded = (threads: number, args: string[], input: string) =>
    spawnSync(process.execPath, ['bin/rfo.cjs', 'solve', ...args], { cwd: root, input, encoding: 'utf8', timeout: 300_000, env: { ...process.env, RFO_THREADS: String(threads) }, maxBuffer: 1 << 28 });
  // long enough (≥ 2000 problems) for the worker pool; hp states are quick to solve
  const problems: unknown[] = Array.from({ length: 2150 }, (_, i) => (i % 500 === 7 ? rp1(1.8 + (i % 7) * 0.2, 1e6 + i * 1e3) : { ...hp, p: 1e5 + 1e3 * i, of: 4 + (i % 50) * 0.1 }));
  problems[2100] = { ...hp, p: 0 };

  it('array mode', () => {
    const text = JSON.stringify(problems);
    const one = threaded(1, [], text);
    const two = threaded(2, [], text);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const out = JSON.parse(two.stdout);
    expect(out).toHaveLength(problems.length);
    expect(out[2100]).toEqual({ ok: false, error: expect.objectContaining({ field: 'p' }) });
  }, 300_000);

  it('from a file large enough to start the threads before it is read: the same text with 3 threads; a large file of one problem or of bad JSON is answered as with one', () => {
    // strings with quotes, backslashes, commas and brackets: the threads get slices of the text
    const odd = problems.map((p, i) => (i % 300 === 11 ? { ...(p as object), note: `a "quoted", [bracketed] \\ {note} ${i}` } : p));
    const file = join(tmp, 'threads.json');
    writeFileSync(file, JSON.stringify(odd, null, 1));
    const fromFile = (threads: number, f: string) =>
      spawnSync(process.execPath, ['bin/rfo.cjs', 'solve', f], { cwd: root, encoding: 'utf8', timeout: 300_000, env: { ...process.env, RFO_THREADS: String(threads) }, maxBuffer: 1 << 28 });
    const one = fromFile(1, file);
    const three = fromFile(3, file);
    expect(one.status, one.stderr).toBe(0);
    expect(three.status, three.stderr).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(threaded(1, [], JSON.stringify(problems)).stdout);
    const single = join(tmp, 'single.json');
    writeFileSync(single, JSON.stringify({ ...hp, note: 'x'.repeat(300_000) }));
    expect(fromFile(2, single).stdout).toBe(fromFile(1, single).stdout);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify(odd).slice(0, -1));
    const b = fromFile(2, bad);
    expect(b.status).toBe(2);
    expect(b.stdout).toBe('');
    expect(b.stderr).toMatch(/^solve: input is not valid JSON: /);
    // bad JSON in the first chunk, with the threads started: nothing is written, and the error is
    // the input's
    const mid = join(tmp, 'mid-bad.json');
    writeFileSync(mid, `${JSON.stringify(odd.slice(0, 150)).slice(0, -1)},,${JSON.stringify(odd.slice(150)).slice(1)}`);
    const m = fromFile(2, mid);
    expect(m.status).toBe(2);
    expect(m.stdout).toBe('');
    expect(m.stderr).toMatch(/^solve: input is not valid JSON: /);
    // a file large enough to start the threads, of an array too short for them: they are stopped,
    // and the text is the one-thread text
    const short = join(tmp, 'short.json');
    writeFileSync(short, JSON.stringify(problems.slice(0, 450).map((p) => ({ ...(p as object), note: 'x'.repeat(600) }))));
    const s2 = fromFile(2, short);
    expect(s2.status, s2.stderr).toBe(0);
    expect(s2.stdout).toBe(fromFile(1, short).stdout);
    expect(JSON.parse(s2.stdout)).toHaveLength(450);
  }, 300_000);

  it('a large input (checked by the kernel, then decoded a chunk of elements at a time, json-file.ts), from a file or stdin, answers as runs of its chunks read whole do, UTF-8 names included', () => {
    // non-ASCII reactant names come back in the messages: the chunks are decoded as UTF-8
    const named = problems.slice(0, 1200).map((p, i) => (i % 97 === 5 ? { ...hp, reactants: [{ name: `Öl-ß€ ${i}`, role: 'fuel', massFraction: 1 }, hp.reactants[1]] } : p));
    const text = JSON.stringify(named, null, 2);
    expect(text.length).toBeGreaterThan(256 * 1024); // (the size from which the command reads a file in pieces)
    const file = join(tmp, 'named.json');
    writeFileSync(file, text);
    const fromFile = spawnSync(process.execPath, ['bin/rfo.cjs', 'solve', file], { cwd: root, encoding: 'utf8', timeout: 300_000, env: { ...process.env, RFO_THREADS: '1' }, maxBuffer: 1 << 28 });
    expect(fromFile.status, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toBe(threaded(1, [], text).stdout);
    // each chunk of 200 starts cold wherever it is solved: runs of one chunk each (inputs small
    // enough to be read whole, as a string) give the same values
    const parts: unknown[] = [];
    for (let i = 0; i < named.length; i += 200) {
      const part = JSON.stringify(named.slice(i, i + 200), null, 2);
      expect(part.length).toBeLessThan(256 * 1024);
      const r = threaded(1, [], part);
      expect(r.status, r.stderr).toBe(0);
      parts.push(...(JSON.parse(r.stdout) as unknown[]));
    }
    expect(JSON.parse(fromFile.stdout)).toEqual(parts);
    expect(JSON.parse(fromFile.stdout)[5].error.message).toContain('Öl-ß€ 5');
  }, 300_000);

  it('threads of the built command load its script with a code cache of their own: written by a run without one, the same text with it', () => {
    const cache = join(root, 'dist-cli/solve.cjs.thread-cache');
    const text = JSON.stringify(problems);
    rmSync(cache, { force: true });
    const first = threaded(2, [], text);
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(cache)).toBe(true);
    const again = threaded(2, [], text);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stdout).toBe(threaded(1, [], text).stdout);
  }, 300_000);

  it('--lines, with a bad line past the switch to threads still named by its number', () => {
    const lines = problems.map((p) => JSON.stringify(p));
    lines[2120] = '{"problem": "hp",';
    const one = threaded(1, ['--lines', '--compact'], lines.join('\n') + '\n');
    const two = threaded(2, ['--lines', '--compact'], lines.join('\n') + '\n');
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const out = two.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(problems.length);
    expect(out[2120].error).toEqual(expect.objectContaining({ code: 'bad-json', field: 'line 2121' }));
  }, 300_000);
});

describe('solve CLI: threads chosen by the command when RFO_THREADS is not set', () => {
  it('threadPlan: RFO_THREADS decides when set (runs of 2,000 or more); unset, one per core up to 8 for runs of 14,000 or more', () => {
    expect(threadPlan('3', 2)).toEqual({ threads: 3, from: 2000, earlyBytes: 200_000 });
    expect(threadPlan('1', 16).threads).toBe(1);
    expect(threadPlan('100', 4).threads).toBe(8); // at most twice the cores
    expect(threadPlan('two', 4).threads).toBe(1); // not a count: one thread, as before
    expect(threadPlan('0', 4).threads).toBe(1);
    for (const unset of [undefined, '', ' ']) {
      expect(threadPlan(unset, 2)).toEqual({ threads: 2, from: 14_000, earlyBytes: 3_700_000 });
      expect(threadPlan(unset, 1).threads).toBe(1);
      expect(threadPlan(unset, 0).threads).toBe(1);
      expect(threadPlan(unset, 64).threads).toBe(8);
    }
  });

  it('a run of 20,000 problems without RFO_THREADS (threads where the machine has two cores) gives the one-thread text', () => {
    // hp states of several systems' worth of pressures: quick, and long enough for the pool
    const many = Array.from({ length: 20_100 }, (_, i) => ({ ...hp, p: 1e5 + 50 * i, of: 4 + (i % 80) * 0.05 }));
    const text = JSON.stringify(many);
    const env = { ...process.env };
    delete env.RFO_THREADS;
    const auto = spawnSync(process.execPath, ['bin/rfo.cjs', 'solve', '--compact'], { cwd: root, input: text, encoding: 'utf8', timeout: 300_000, env, maxBuffer: 1 << 28 });
    const one = spawnSync(process.execPath, ['bin/rfo.cjs', 'solve', '--compact'], { cwd: root, input: text, encoding: 'utf8', timeout: 300_000, env: { ...env, RFO_THREADS: '1' }, maxBuffer: 1 << 28 });
    expect(auto.status, auto.stderr).toBe(0);
    expect(one.status, one.stderr).toBe(0);
    expect(auto.stdout).toBe(one.stdout);
    expect(JSON.parse(auto.stdout)).toHaveLength(many.length);
  }, 300_000);
});

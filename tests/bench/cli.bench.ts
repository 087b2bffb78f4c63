// The command line end to end, as a user runs it: the bin itself, `bin/rfo.cjs solve …`, through its
// #! line (as `npx rfo solve` runs it: node with one V8 platform thread, glibc's allocator keeping the
// memory it frees), on the 10,000-point LOX/RP-1 grid (pc 5–200 bar × O/F 1.8–3.4, exits at
// ε 10, 40, 100), default output written to a file; as one array and as --lines, the array also as
// `npm run solve` starts it (`node --v8-pool-size=1 bin/rfo.cjs`, npmScriptSeconds) and as plain
// `node bin/rfo.cjs` (plainNodeSeconds). Also its start-up (one tiny problem) and its peak memory
// on a long --lines run (RFO_BENCH_LINES points, default 200,000, against 20,000).
// Wall times depend on the machine's load; cpuSeconds (the child's user + system time) is steadier.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench } from '../../scripts/bench.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The grid, row by row: n × n points (pc outer, O/F inner). */
export function gridProblems(n: number, extra = 0): unknown[] {
  const out: unknown[] = [];
  const reactants = [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }];
  const exits = [{ areaRatio: 10 }, { areaRatio: 40 }, { areaRatio: 100 }];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out.push({ problem: 'rocket', reactants, of: 1.8 + 1.6 * j / (n - 1), pc: 5e5 + (200e5 - 5e5) * i / (n - 1), exits });
    }
  }
  for (let k = 0; k < extra; k++) out.push(out[k % out.length]);
  return out;
}

interface Run { seconds: number; cpuSeconds: number; peakMemory_MB: number; outputBytes: number }

/** How the command is started: its #! line (npx rfo), package.json's script (npm run solve), plain node. */
type Start = 'bin' | 'npm-script' | 'plain-node';

function rfo(args: string[], inputFile: string | null, outputFile: string | null, start: Start = 'bin'): Run {
  const out = outputFile ? openSync(outputFile, 'w') : 'ignore';
  const inp = inputFile ? openSync(inputFile, 'r') : 'ignore';
  const bin = join(root, 'bin/rfo.cjs');
  const [cmd, argv] = start === 'bin' && process.platform !== 'win32' ? [bin, args]
    : [process.execPath, [...(start === 'plain-node' ? [] : ['--v8-pool-size=1']), bin, ...args]];
  const env: NodeJS.ProcessEnv = { ...process.env, RFO_REPORT_USAGE: '1' };
  delete env.MALLOC_TOP_PAD_; // (the #! line sets them; the other ways of starting go without)
  delete env.MALLOC_TRIM_THRESHOLD_;
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: root, stdio: [inp, out, 'pipe'], encoding: 'utf8', env, maxBuffer: 1 << 24 });
  const seconds = (performance.now() - t0) / 1000;
  if (typeof out === 'number') closeSync(out);
  if (typeof inp === 'number') closeSync(inp);
  if (r.status !== 0) throw new Error(`rfo ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  const m = /rfo-usage (\{.*\})/.exec(r.stderr);
  if (!m) throw new Error(`rfo reported no usage: ${r.stderr}`);
  const u = JSON.parse(m[1]) as { maxRSS_MB: number; cpu_s: number };
  return { seconds, cpuSeconds: u.cpu_s, peakMemory_MB: u.maxRSS_MB, outputBytes: outputFile ? statSync(outputFile).size : 0 };
}

let dir: string | null = null;
function files() {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'rfo-bench-'));
    const grid = gridProblems(100);
    writeFileSync(join(dir, 'grid.json'), JSON.stringify(grid));
    writeFileSync(join(dir, 'grid.jsonl'), grid.map((p) => JSON.stringify(p)).join('\n') + '\n');
    spawnSync(process.execPath, [join(root, 'bin/rfo.cjs'), 'solve'], { cwd: root, input: '[]' }); // builds dist-cli/ when stale, outside the timed runs
    process.on('exit', () => rmSync(dir!, { recursive: true, force: true }));
  }
  return { array: join(dir, 'grid.json'), lines: join(dir, 'grid.jsonl'), out: join(dir, 'out.json'), dir };
}

// Best of `times` runs (the least disturbed by other work on the machine).
function best(times: number, f: () => Run): Run {
  let b: Run | null = null;
  for (let i = 0; i < times; i++) {
    const r = f();
    if (!b || r.seconds < b.seconds) b = r;
  }
  return b!;
}

function gridBench(name: string, lines: boolean): Bench {
  return {
    name,
    async run() {
      const f = files();
      const r = best(3, () => (lines ? rfo(['solve', '--lines', f.lines], null, f.out) : rfo(['solve', f.array], null, f.out)));
      const npm = lines ? null : best(3, () => rfo(['solve', f.array], null, f.out, 'npm-script'));
      const plain = lines ? null : best(3, () => rfo(['solve', f.array], null, f.out, 'plain-node'));
      return {
        points: 10_000, seconds: +r.seconds.toFixed(3), pointsPerSecond: Math.round(10_000 / r.seconds),
        cpuSeconds: +r.cpuSeconds.toFixed(3), cpuPointsPerSecond: Math.round(10_000 / r.cpuSeconds),
        peakMemory_MB: r.peakMemory_MB, output_MB: +(r.outputBytes / 1e6).toFixed(1),
        ...(npm && plain ? { npmScriptSeconds: +npm.seconds.toFixed(3), plainNodeSeconds: +plain.seconds.toFixed(3) } : {}),
      };
    },
  };
}

export const benches: Bench[] = [
  {
    name: 'cli-startup',
    async run() {
      const f = files();
      const tiny = join(f.dir, 'tiny.json');
      writeFileSync(tiny, JSON.stringify({ problem: 'hp', reactants: [{ name: 'H2', role: 'fuel', massFraction: 1 }, { name: 'O2', role: 'oxidizer', massFraction: 1 }], of: 8, p: 1e6 }));
      const r = best(7, () => rfo(['solve', tiny], null, f.out));
      const node = best(7, () => {
        const t0 = performance.now();
        spawnSync(process.execPath, ['-e', '0']);
        return { seconds: (performance.now() - t0) / 1000, cpuSeconds: 0, peakMemory_MB: 0, outputBytes: 0 };
      });
      return { ms: Math.round(r.seconds * 1000), cpuMs: Math.round(r.cpuSeconds * 1000), bareNodeMs: Math.round(node.seconds * 1000), peakMemory_MB: r.peakMemory_MB };
    },
  },
  gridBench('cli-solve-grid-array', false),
  gridBench('cli-solve-grid-lines', true),
  {
    name: 'cli-solve-peak-memory',
    async run() {
      const f = files();
      const big = Number(process.env.RFO_BENCH_LINES ?? 200_000);
      const small = 20_000;
      const sizes = [small, big];
      const mem: number[] = [];
      const secs: number[] = [];
      for (const n of sizes) {
        const p = join(f.dir, `lines-${n}.jsonl`);
        const grid = gridProblems(100, n - 10_000).map((q) => JSON.stringify(q));
        writeFileSync(p, grid.slice(0, n).join('\n') + '\n');
        const r = rfo(['solve', '--lines', p], null, '/dev/null');
        rmSync(p);
        mem.push(r.peakMemory_MB);
        secs.push(r.seconds);
      }
      return {
        points: big, peakMemory_MB: mem[1], seconds: +secs[1].toFixed(1), [`peakMemoryAt${small}_MB`]: mem[0],
        extraMBPer100kPoints: +((mem[1] - mem[0]) / ((big - small) / 1e5)).toFixed(1),
      };
    },
  },
];

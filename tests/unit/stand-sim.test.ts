// The test-stand simulator: a synthetic firing over a WebSocket on 127.0.0.1, read by the same
// streaming parser as a file, analysed to the scenario's flag.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { main, startStandSim } from '../../scripts/stand-sim.ts';
import { FiringStreamParser } from '../../app/domain/firing/protocol.ts';
import { analyseFiring, seriesFromBuffer } from '../../app/domain/firing/analyse.ts';
import { SYNTH } from '../../app/domain/firing/synthetic.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Reads a whole firing from the URL through the streaming parser; resolves when the server closes. */
function record(url: string): Promise<{ parser: FiringStreamParser; messages: number; code: number }> {
  return new Promise((resolve, reject) => {
    const parser = new FiringStreamParser();
    let messages = 0;
    const ws = new WebSocket(url);
    ws.on('message', (data) => {
      messages++;
      parser.push(String(data));
    });
    ws.on('close', (code) => {
      parser.end();
      resolve({ parser, messages, code });
    });
    ws.on('error', reject);
  });
}

describe('stand simulator', () => {
  it('streams a chugging firing in protocol lines, in many messages, every sample, then closes', async () => {
    const sim = await startStandSim({ scenario: 'chugging', frequency: 70, speed: 10, seed: 3 });
    try {
      expect(sim.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
      const { parser, messages, code } = await record(sim.url);
      expect(code).toBe(1000);
      expect(parser.errorCount).toBe(0);
      expect(parser.buffer!.length).toBe(Math.round(SYNTH.duration * 1000) + 1);
      expect(messages).toBeGreaterThan(5); // streamed, not sent at once (a message every 10 ms over 0.45 s, fewer on a busy machine)
      const a = analyseFiring(seriesFromBuffer(parser.header!, parser.buffer!));
      expect(a.ok).toBe(true);
      if (!a.ok) return;
      expect(a.value.flags.map((f) => f.kind)).toEqual(['chugging']);
      expect(a.value.flags[0].frequency).toBeCloseTo(70, 0);
      expect(Math.abs(a.value.flags[0].time - SYNTH.oscillationFrom)).toBeLessThan(0.03);
    } finally {
      await sim.close();
    }
  }, 60_000);

  it('two clients each get the whole firing from the start', async () => {
    const sim = await startStandSim({ scenario: 'nominal', speed: 20, rate: 500 });
    try {
      const [a, b] = await Promise.all([record(sim.url), record(sim.url)]);
      expect(a.parser.buffer!.length).toBe(2251);
      expect(b.parser.buffer!.columns()).toEqual(a.parser.buffer!.columns());
    } finally {
      await sim.close();
    }
  }, 60_000);

  it('refuses bad options with exit status 2', async () => {
    const err = console.error;
    console.error = () => {};
    try {
      expect(await main(['--scenario', 'kaboom'])).toBe(2);
      expect(await main(['--rate', 'fast'])).toBe(2);
      expect(await main(['--port', '70000'])).toBe(2);
      expect(await main(['--wat'])).toBe(2);
    } finally {
      console.error = err;
    }
  });

  it('runs as users run it (npm run stand:sim), printing its URL, and serves the dropout scenario', async () => {
    const child = spawn('npm', ['run', '--silent', 'stand:sim', '--', '--port', '0', '--scenario', 'dropout', '--speed', '20'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += String(d);
          const m = /stand-sim: dropout at (ws:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (c) => reject(new Error(`stand-sim exited with ${c}`)));
      });
      const { parser } = await record(url);
      const a = analyseFiring(seriesFromBuffer(parser.header!, parser.buffer!));
      expect(a.ok && a.value.flags.map((f) => [f.kind, +f.time.toFixed(3)])).toEqual([['dropout', SYNTH.dropoutFrom]]);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 90_000);
});

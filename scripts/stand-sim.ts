// Test-stand simulator: `npm run stand:sim -- --port N --scenario NAME [--rate HZ] [--frequency HZ]
// [--speed X] [--noise F] [--seed S]` serves a synthetic firing (app/domain/firing/synthetic.ts)
// over a WebSocket on 127.0.0.1 in the stand's line protocol (README "Test stand: line
// protocol"), for demonstrations and tests. Every connection gets its own firing from t = 0: the
// header line, then the samples in real time (× speed), a message every 10 ms holding the lines
// due by then; the server closes the connection (code 1000) after the last sample. Prints
// `stand-sim: <scenario> at ws://127.0.0.1:<port>/` once listening (port 0 picks a free one).
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { SCENARIOS, SYNTH_HEADER, synthLine, synthesize, type Scenario, type SynthOptions } from '../app/domain/firing/synthetic.ts';
import { isMainModule } from './cli-engine.ts';

export interface StandSimOptions extends SynthOptions {
  port?: number;
  /** Playback speed: 1 = real time. */
  speed?: number;
}

export interface StandSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the simulator; resolves once it listens. */
export function startStandSim(o: StandSimOptions = {}): Promise<StandSim> {
  const trace = synthesize({ noise: 0.005, ...o });
  const rate = 1 / (trace.t[1] - trace.t[0]);
  const speed = o.speed ?? 1;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: o.port ?? 0 });
  const timers = new Set<ReturnType<typeof setInterval>>();
  wss.on('connection', (ws: WebSocket) => {
    ws.send(SYNTH_HEADER + '\n');
    const start = performance.now();
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.min(trace.t.length, Math.floor(((performance.now() - start) / 1000) * rate * speed) + 1);
      if (due > sent) {
        const lines: string[] = [];
        for (; sent < due; sent++) lines.push(synthLine(trace, sent));
        ws.send(lines.join('\n') + '\n');
      }
      if (sent >= trace.t.length) {
        clearInterval(timer);
        timers.delete(timer);
        ws.close(1000, 'end of firing');
      }
    }, 10);
    timers.add(timer);
    ws.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  return new Promise((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => {
      const port = (wss.address() as AddressInfo).port;
      resolve({
        url: `ws://127.0.0.1:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const t of timers) clearInterval(t);
            for (const c of wss.clients) c.terminate();
            wss.close(() => done());
          }),
      });
    });
  });
}

const USAGE = `usage: npm run stand:sim -- [--port N] [--scenario ${SCENARIOS.join('|')}] [--rate HZ] [--frequency HZ] [--speed X] [--noise F] [--seed S]`;

/** Parses the options and serves until killed; resolves to 2 on bad options. */
export async function main(args: string[]): Promise<number> {
  const o: StandSimOptions = {};
  const num = (name: string, v: string | undefined, min: number, integer = false): number | null => {
    const x = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(x) || x < min || (integer && !Number.isInteger(x))) {
      console.error(`stand-sim: ${name} must be ${integer ? 'a whole number' : 'a number'} ≥ ${min} (got ${JSON.stringify(v ?? null)})\n${USAGE}`);
      return null;
    }
    return x;
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = () => inline ?? args[++i];
    let x: number | null;
    switch (flag) {
      case '--port':
        if ((x = num('--port', value(), 0, true)) === null) return 2;
        if (x > 65535) {
          console.error(`stand-sim: --port must be ≤ 65535 (got ${x})`);
          return 2;
        }
        o.port = x;
        break;
      case '--scenario': {
        const s = value();
        if (!(SCENARIOS as readonly string[]).includes(s)) {
          console.error(`stand-sim: unknown scenario ${JSON.stringify(s ?? null)} (one of ${SCENARIOS.join(', ')})`);
          return 2;
        }
        o.scenario = s as Scenario;
        break;
      }
      case '--rate':
        if ((x = num('--rate', value(), 10)) === null) return 2;
        o.rate = x;
        break;
      case '--frequency':
        if ((x = num('--frequency', value(), 0.1)) === null) return 2;
        o.frequency = x;
        break;
      case '--speed':
        if ((x = num('--speed', value(), 0.01)) === null) return 2;
        o.speed = x;
        break;
      case '--noise':
        if ((x = num('--noise', value(), 0)) === null) return 2;
        o.noise = x;
        break;
      case '--seed':
        if ((x = num('--seed', value(), 0, true)) === null) return 2;
        o.seed = x;
        break;
      case '--help':
      case '-h':
        console.error(USAGE);
        return 0;
      default:
        console.error(`stand-sim: unknown option ${JSON.stringify(args[i])}\n${USAGE}`);
        return 2;
    }
  }
  let sim: StandSim;
  try {
    sim = await startStandSim(o);
  } catch (e) {
    console.error(`stand-sim: cannot listen on 127.0.0.1:${o.port ?? 0}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  console.log(`stand-sim: ${o.scenario ?? 'nominal'} at ${sim.url}`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {}); // serves until killed
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));

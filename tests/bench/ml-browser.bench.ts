// ML in the production build in Chromium, per TensorFlow.js backend the ML worker can start there
// (webgpu on the software adapter that --enable-unsafe-webgpu gives, webgl where a GL context
// exists, cpu): training throughput (samples·epochs per second) of the default 32×32 surrogate
// network, and ensemble prediction latency for 10,000 points. The page talks to the built
// ml.worker directly (Comlink's message format), so engine sampling and UI are not timed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withBuiltApp } from './serve-dist.ts';
import type { Bench } from '../../scripts/bench.ts';


const SAMPLES = 1000;
const EPOCHS = 20;
const POINTS = 10_000;

// Runs in the page (a string: tsx would wrap named functions in a helper the page lacks). Returns
// per backend { trainSeconds, trainRows, predictMilliseconds } or an error.
const PAGE_SCRIPT = (workerUrl: string) => `(async () => {
  const w = new Worker(${JSON.stringify(workerUrl)}, { type: 'module' });
  let next = 0;
  const call = (name, input) => new Promise((resolve, reject) => {
    const id = 'b' + (next++);
    const on = (ev) => {
      if (ev.data?.id !== id) return;
      w.removeEventListener('message', on);
      if (ev.data.type === 'HANDLER' && ev.data.name === 'throw') reject(new Error(JSON.stringify(ev.data.value)));
      else resolve(ev.data.value);
    };
    w.addEventListener('message', on);
    w.postMessage({ id, type: 'APPLY', path: [name], argumentList: [{ type: 'RAW', value: input }] });
  });
  const unwrap = (r) => { if (!r.ok) throw new Error(r.error.message); return r.value; };
  // Seeded inputs in the Learn box (O/F, pc, ε) and a smooth Isp-like output (as in ml.bench.ts).
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const row = () => [1.5 + 2 * rnd(), 1e5 * Math.pow(250, rnd()), 5 * Math.pow(30, rnd())];
  const f = (x) => 3000 + 300 * Math.log(x[2] / 5) / Math.log(30) - 150 * (x[0] - 2.6) ** 2 + 20 * Math.log10(x[1] / 1e5);
  const x = Array.from({ length: ${SAMPLES} }, row);
  const y = x.map((r) => [f(r)]);
  const pts = Array.from({ length: ${POINTS} }, row);
  const base = { inputs: [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }], outputs: [{ name: 'Isp' }], x, y, testFraction: 0, valFraction: 0.1, seed: 1 };
  const available = unwrap(await call('getBackend')).available;
  const out = {};
  for (const b of available) {
    try {
      unwrap(await call('setBackend', { name: b }));
      // Warm-up (shader compilation, kernel registration), then the timed run.
      unwrap(await call('trainSurrogate', { ...base, members: 1, hyper: { epochs: 2, patience: 0, evalEvery: 10 } }));
      let t0 = performance.now();
      const trained = unwrap(await call('trainSurrogate', { ...base, members: 1, hyper: { epochs: ${EPOCHS}, patience: 0, evalEvery: 10 } }));
      const trainSeconds = (performance.now() - t0) / 1000;
      const five = unwrap(await call('trainSurrogate', { ...base, members: 5, hyper: { epochs: 1, patience: 0, evalEvery: 10 } }));
      unwrap(await call('predict', { model: five.model, x: pts.slice(0, 100) }));
      t0 = performance.now();
      const p = unwrap(await call('predict', { model: five.model, x: pts }));
      const predictMilliseconds = performance.now() - t0;
      if (!Number.isFinite(p.mean[0][0])) throw new Error('non-finite prediction');
      out[b] = { trainSeconds, trainRows: trained.model.nTrain, predictMilliseconds };
    } catch (e) {
      out[b] = { error: String(e && e.message || e) };
    }
  }
  w.terminate();
  return out;
})()`;

const mlBrowser: Bench = {
  name: 'ml-browser',
  run: () => withBuiltApp(async (page, url, dist) => {
    const workerFile = readdirSync(join(dist, 'assets')).find((f) => /^ml\.worker-.*\.js$/.test(f));
    if (!workerFile) throw new Error(`no ml.worker-*.js in ${dist}/assets (rebuild)`);
    await page.goto(`${url}#/`);
    const res = (await page.evaluate(PAGE_SCRIPT(`${url}assets/${workerFile}`))) as Record<string, { trainSeconds?: number; trainRows?: number; predictMilliseconds?: number; error?: string }>;
    const figures: Record<string, unknown> = { network: '3-32-32-1 tanh, batch 64', samples: SAMPLES, epochs: EPOCHS, predictPoints: POINTS, predictMembers: 5 };
    for (const [b, r] of Object.entries(res)) {
      if (r.error) figures[`${b}Error`] = r.error;
      else {
        figures[`${b}SamplesEpochsPerSecond`] = Math.round((r.trainRows! * 0.9 * EPOCHS) / r.trainSeconds!);
        figures[`${b}Predict10kMilliseconds`] = +r.predictMilliseconds!.toFixed(1);
      }
    }
    return figures;
  }, ['--enable-unsafe-webgpu']),
};

export const benches: Bench[] = [mlBrowser];

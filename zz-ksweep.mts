import { readFileSync } from 'node:fs';
import { instantiateCore } from '/work/main/wasm-core/index.ts';
import { makeEngineApi } from '/work/main/workers/engine-api.ts';
const thermo = JSON.parse(readFileSync('/work/main/wasm-core/data/thermo.json', 'utf8'));
const core = await instantiateCore(readFileSync(process.argv[2] ?? '/work/main/wasm-core/build/core.wasm'));
const api = makeEngineApi(core, thermo);
const s = { reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }], of: [1.5, 3.5] };
const pts: any[] = [];
for (let i = 0; i < 100; i++) for (let j0 = 0; j0 < 100; j0++) { const j = i % 2 ? 99 - j0 : j0; pts.push({ of: s.of[0] + (s.of[1] - s.of[0]) * j / 99, pc: 1e6 * 20 ** (i / 99) }); }
const problem = { problem: 'rocket', reactants: s.reactants, of: 2, pc: 7e6, exits: [{ pcOverPe: 68.05 }, { areaRatio: 10 }, { areaRatio: 40 }] };
api.runSweep({ problem, points: pts.slice(0, 2000), warm: true });
for (let r = 0; r < 5; r++) { const t0 = performance.now(); api.runSweep({ problem, points: pts, warm: true }); console.log((1e7 / (performance.now() - t0)).toFixed(0), 'pts/s'); }
{ (globalThis as any).KT = 0; const t0 = performance.now(); api.runSweep({ problem, points: pts, warm: true }); const tot = performance.now() - t0; console.log('total', tot.toFixed(1), 'kernel', (globalThis as any).KT.toFixed(1)); }
(globalThis as any).STUB = true;
for (let r = 0; r < 4; r++) { const t0 = performance.now(); api.runSweep({ problem, points: pts, warm: true }); console.log('stubbed kernel: total', (performance.now() - t0).toFixed(1)); }

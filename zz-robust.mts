// Random FAC / transport / rocket problems over the reference systems: failures by code.
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '/work/main/wasm-core/loader-node.ts';
import { makeThermoSolver } from '/work/main/wasm-core/thermo.ts';
import { makeSpeciesDb } from '/work/main/app/domain/thermo-problem.ts';
import { makeTransportDb } from '/work/main/wasm-core/transport.ts';
const db = makeSpeciesDb(JSON.parse(readFileSync('/work/main/wasm-core/data/thermo.json', 'utf8')));
const trans = makeTransportDb(JSON.parse(readFileSync('/work/main/wasm-core/data/trans.json', 'utf8')));
const solver = makeThermoSolver(await loadCoreNode(), db, trans);
const fx = JSON.parse(readFileSync('/work/main/tests/fixtures/cea-reference-fac-trimmed.json', 'utf8'));
const systems = new Map<string, any>();
for (const c of fx.cases) systems.set(JSON.stringify(c.problem.reactants), c.problem);
const ofRange: Record<string, [number, number]> = { 'RP-1': [1.6, 3.6], 'H2(L)': [3, 8], 'CH4(L)': [2.4, 4], 'CH6N2(L)': [1.2, 3], 'C2H5OH(L)': [2.5, 7], };
let s = Number(process.argv[2] ?? 1);
const r = () => (s = (s * 48271) % 2147483647) / 2147483647;
const lu = (a: number, b: number) => a * Math.exp(Math.log(b / a) * r());
const counts = new Map<string, number>(); const examples = new Map<string, string>();
let n = 0;
for (const base of systems.values()) {
  for (let k = 0; k < Number(process.argv[3] ?? 60); k++) {
    const p: any = { problem: 'rocket', reactants: base.reactants };
    const f = base.reactants[0].name;
    if (base.of !== undefined) { const [a, b] = ofRange[f] ?? [base.of * 0.6, base.of * 1.5]; p.of = a + (b - a) * r(); }
    p.pc = lu(3e5, 2.5e7);
    const cr = 1.2 + 6 * r();
    p.combustor = r() < 0.7 ? { contractionRatio: cr } : { massFlux: lu(300, 12000) };
    p.exits = [{ pcOverPe: p.pc / 101325 > 1.5 ? p.pc / 101325 : 2 }, { areaRatio: lu(1.5, 200) }];
    if ('contractionRatio' in p.combustor && r() < 0.5) p.exits.push({ subsonicAreaRatio: 1 + (cr - 1) * (0.05 + 0.9 * r()) });
    if (r() < 0.3) { p.chemistry = 'frozen'; p.freezeAt = 'throat'; }
    if (r() < 0.5) p.transport = true;
    if (r() < 0.3) delete p.combustor;
    const res: any = solver.solve(p, false);
    n++;
    const errs: string[] = [];
    if (!res.ok) errs.push('point:' + res.error.code + ':' + (res.error.field ?? ''));
    else for (const e of res.exits) if (e.ok === false) errs.push('exit:' + e.error.code);
    for (const e of errs) { counts.set(f + ' ' + e, (counts.get(f + ' ' + e) ?? 0) + 1); if (!examples.has(f + ' ' + e)) examples.set(f + ' ' + e, JSON.stringify(p) + ' => ' + JSON.stringify(res.error ?? res.exits.find((x: any) => x.ok === false)).slice(0, 300)); }
  }
}
console.log(n, 'problems');
for (const [k, v] of counts) console.log(v, k, '\n   ', examples.get(k));

// Seeded fuzz tests of every import path a file or a link reaches (issue 11): share links, workspace
// backups, CEA decks and test-fire CSVs. Random and adversarial inputs — truncated or garbled
// base64, wrong envelope versions, huge numbers, deeply nested JSON, wrong types, duplicate ids,
// unknown fields, a BOM, CRLF, decimal commas, empty files, enormous rows. Every case must end
// without a throw in either an ok value whose numbers are all finite, or ok:false with a code and
// a message. Deterministic: one seed per suite, so a failure names the case that reproduces it.
import { describe, it, expect } from 'vitest';
import { createRng, type Rng } from '../../app/domain/ml-random.ts';
import { decodeShare, encodeShare, toBase64Url, SHARE_ENVELOPE_VERSION } from '../../app/domain/share-link.ts';
import { exportWorkspace, importWorkspace, type StoredResult } from '../../app/domain/backup.ts';
import { parseCeaDeck, toCeaDeck } from '../../app/domain/cea-deck.ts';
import { parseTestFireCsv, csvHeaders, guessMapping, TESTFIRE_FIELDS, type TestFireField } from '../../app/domain/testfire-csv.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import type { Experiment } from '../../app/domain/experiment.ts';

const AT = '2025-04-01T08:00:00.000Z';

// ---- what every outcome must look like ----

/** Paths of numbers that are not finite anywhere inside v (typed arrays excepted: see backups). */
function nonFinite(v: unknown, path = '', out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.push(`${path || '(value)'} = ${v}`);
  } else if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer) && !seen.has(v)) {
    seen.add(v);
    for (const [k, x] of Object.entries(v)) nonFinite(x, path ? `${path}.${k}` : k, out, seen);
  }
  return out;
}

type Outcome = { ok: true } | { ok: false; error: { code: string; message: string } };

/** Checks one outcome; returns a description of what is wrong, or null. */
function judge(r: Outcome, value: unknown): string | null {
  if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') return `not a result value: ${String(r)}`;
  if (!r.ok) {
    const e = r.error;
    if (!e || typeof e.code !== 'string' || !e.code || typeof e.message !== 'string' || !e.message) return `error without code and message: ${JSON.stringify(e)}`;
    // a raw value leaking into a message (quoted text the user wrote, like "NaN", is fine)
    if (/(^|[^"])\b(NaN|undefined)\b(?!")|\[object /.test(e.message)) return `error message shows a raw value: ${e.message}`;
    return null;
  }
  const bad = nonFinite(value);
  return bad.length ? `ok with non-finite numbers: ${bad.slice(0, 3).join(', ')}` : null;
}

function run<T>(name: string, n: number, make: (rng: Rng, i: number) => T | Promise<T>, check: (input: T) => string | null | Promise<string | null>, seed: number) {
  it(`${name}: ${n} seeded cases (seed ${seed})`, async () => {
    const rng = createRng(seed);
    const failures: string[] = [];
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < n; i++) {
      const input = await make(rng, i);
      let why: string | null;
      try {
        why = await check(input);
      } catch (e) {
        why = `threw ${e instanceof Error ? e.stack : String(e)}`;
      }
      if (why === 'ok' || why === 'error') outcomes[why]++;
      else if (why) failures.push(`case ${i}: ${why}\n  input: ${String(typeof input === 'string' ? input : JSON.stringify(input)).slice(0, 300)}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // the generators reach both outcomes, so the fuzz tests more than the first check
    expect(outcomes.ok).toBeGreaterThan(n / 20);
    expect(outcomes.error).toBeGreaterThan(n / 20);
  });
}

/** judge() plus which outcome it was, for run()'s counts. */
const verdict = (r: Outcome, value: unknown) => judge(r, value) ?? (r.ok ? 'ok' : 'error');

// ---- adversarial values and mutations ----

const NASTY: unknown[] = [
  0, -0, -1, 1e-320, 1e308, -1e308, 2 ** 53 + 1, 1e21, 0.1, '', ' ', 'x', '1e400', 'NaN', '__proto__', 'constructor', '\u0000', '\ufeff', '<img src=x>', 'é'.repeat(50),
  null, true, false, [], {}, [null], { __proto__: { polluted: 1 } }, { constructor: 1 }, [1, 2, 3], { a: { b: { c: {} } } }, 'x'.repeat(5000),
];
const HUGE_NUMBERS = ['1e400', '-1e400', '1e309', '9'.repeat(400), '1e-400', '-0', '0.0000000000000000000000001'];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)];
}

function nested(depth: number, array: boolean): string {
  return array ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Every path (as keys) inside a JSON value, for mutation. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      paths(x, p, out);
    }
  }
  return out;
}

/** A copy of a JSON value with a few random edits: a field replaced by a nasty value, deleted, duplicated into a list, or an unknown field added. */
function mutate(rng: Rng, v: unknown, edits = 1 + rng.int(4)): unknown {
  const doc = JSON.parse(JSON.stringify(v));
  for (let e = 0; e < edits; e++) {
    const ps = paths(doc);
    if (!ps.length) break;
    const p = pick(rng, ps);
    let parent = doc;
    for (const k of p.slice(0, -1)) parent = parent[k];
    const key = p[p.length - 1];
    const what = rng.int(5);
    if (what === 0) delete parent[key];
    else if (what === 1 && Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(parent[key as number] ?? null)));
    else if (what === 2 && typeof parent === 'object') parent[`unknown${rng.int(100)}`] = pick(rng, NASTY);
    else parent[key] = JSON.parse(JSON.stringify(pick(rng, NASTY)) ?? 'null');
  }
  return doc;
}

/** JSON text with a few tokens swapped for what JSON.parse turns into Infinity, or a BOM/CRLF. */
function textTricks(rng: Rng, json: string): string {
  let t = json;
  const trick = rng.int(6);
  if (trick === 0) t = t.replace(/(":)(\d+(\.\d+)?)/, `$1${pick(rng, HUGE_NUMBERS)}`);
  else if (trick === 1) t = '\ufeff' + t;
  else if (trick === 2) t = t.replace(/,/g, ',\r\n');
  else if (trick === 3) t = t.slice(0, rng.int(t.length));
  return t;
}

const templateExperiment = (rng: Rng, id = `e${rng.int(5)}`): Experiment => experimentFromTemplate(pick(rng, TEMPLATES), rng.next() < 0.5 ? 'SI' : 'US', { now: () => AT, newId: () => id });

// ---- share links ----

async function deflateToLink(text: string): Promise<string> {
  const s = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(s).arrayBuffer()));
}

async function shareCase(rng: Rng, i: number): Promise<string> {
  const kind = i % 8;
  const valid = await encodeShare(templateExperiment(rng));
  if (kind === 0) return valid;
  if (kind === 1) return valid.slice(0, 2 + rng.int(valid.length - 2)); // truncated
  if (kind === 2) {
    // garbled: a few characters replaced, some outside base64url
    const c = valid.split('');
    for (let k = 0; k < 1 + rng.int(4); k++) c[2 + rng.int(c.length - 2)] = pick(rng, ['A', '_', '-', '+', '/', '=', '%', ' ', 'é']);
    return c.join('');
  }
  if (kind === 3) return `${pick(rng, ['0', '2', '99', '9999', '-1', '1.5', 'x', '', '00001'])}.${valid.slice(valid.indexOf('.') + 1)}`;
  if (kind === 4) return `${SHARE_ENVELOPE_VERSION}.${await deflateToLink(textTricks(rng, JSON.stringify(mutate(rng, templateExperiment(rng)))))}`;
  if (kind === 5) return `${SHARE_ENVELOPE_VERSION}.${await deflateToLink(pick(rng, [nested(20_000, true), nested(5_000, false), '"just text"', '[]', 'null', '12', '{"inputs":' + nested(3000, false) + '}']))}`;
  if (kind === 6) return `${SHARE_ENVELOPE_VERSION}.${await deflateToLink(JSON.stringify({ name: 'big', inputs: { problem: { pc: 1e308 * 10, of: pick(rng, [1e308, -1, 0]), reactants: Array.from({ length: 5 + rng.int(40) }, (_, k) => ({ name: `R${k}`, massFraction: pick(rng, [1e308, -0, 0.5, 'x']) })), exits: Array.from({ length: rng.int(60) }, () => ({ areaRatio: pick(rng, [1e308, 0.5, 2, null]) })) } } }))}`;
  return pick(rng, ['', '#x=', 'x=1.', '1.', '#x=1.' + 'A'.repeat(40_000), '#x=1.AAAA', '1.' + 'AAAA'.repeat(10)]);
}

describe('fuzz: share links', () => {
  run('decodeShare', 240, shareCase, async (link) => {
    const r = await decodeShare(link, { now: () => AT, newId: () => 'shared' });
    return verdict(r as Outcome, r.ok ? r.experiment : null);
  }, 11);
});

// ---- workspace backups ----

function backupText(rng: Rng): string {
  const experiments = Array.from({ length: 1 + rng.int(3) }, (_, k) => templateExperiment(rng, `e${k}`));
  const results: StoredResult[] = experiments.map((e, k) => ({ id: `r${k}`, experimentId: e.id, studyId: 's1', createdAt: AT, columns: { of: new Float64Array([2, NaN, 3]), n: new Int32Array([1, 2]) }, meta: { kind: 'sweep', units: 'SI' } }));
  const text = exportWorkspace({ experiments, results, models: [], propellants: [], settings: { units: 'SI' } }, AT);
  return text;
}

function backupCase(rng: Rng, i: number): string {
  const kind = i % 7;
  const text = backupText(rng);
  if (kind === 0) return text;
  const doc = JSON.parse(text);
  if (kind === 1) return JSON.stringify(mutate(rng, doc, 1 + rng.int(6)));
  if (kind === 2) return textTricks(rng, text);
  if (kind === 3) {
    // duplicate ids and colliding references
    doc.experiments.push({ ...doc.experiments[0], name: 'dup' });
    doc.results.push({ ...doc.results[0] });
    doc.propellants = [{ id: 'p', name: 'P', role: 'fuel', components: [{ name: 'P', massFraction: 1, formula: { C: 1 }, enthalpy_J_mol: 0 }], density_kg_m3: 1, storageT_K: 300, cost_per_kg: 1 }, { id: 'p' }];
    return JSON.stringify(doc);
  }
  if (kind === 4) {
    doc.version = pick(rng, [0, -1, 1.5, '2', null, 3, 999, 1]);
    doc.type = pick(rng, ['rocket-fuel-optimizer/workspace', 'rocket-fuel-optimizer/experiment', 'other', 5]);
    return JSON.stringify(doc);
  }
  if (kind === 5) {
    // garbled typed-array base64 and wrong dtypes
    const col = doc.results[0].columns.of;
    col.data = pick(rng, [col.data.slice(0, -1), col.data + '!', '', 'AAAA', 123]);
    col.dtype = pick(rng, ['float64', 'float16', '__proto__', 'int32']);
    return JSON.stringify(doc);
  }
  return pick(rng, ['', ' ', '{', '[]', 'null', '"text"', nested(50_000, true), `{"type":"rocket-fuel-optimizer/workspace","version":2,"experiments":${nested(10_000, true)}}`, '{"type":"rocket-fuel-optimizer/workspace","version":2,"settings":' + nested(1000, false) + '}']);
}

describe('fuzz: workspace backups', () => {
  // Result columns keep NaN on purpose (a sweep's failed points travel bit for bit): typed arrays
  // are left out of the finiteness check, every other number is in it.
  run('importWorkspace', 300, backupCase, (text) => {
    const r = importWorkspace(text);
    if (r.ok) for (const res of r.value.workspace.results) for (const c of Object.values(res.columns)) if (!ArrayBuffer.isView(c)) return `column is not a typed array: ${String(c)}`;
    return verdict(r as Outcome, r.ok ? r.value : null);
  }, 22);
});

// ---- CEA decks ----

const SPECIES = ['RP-1', 'O2(L)', 'H2(L)', 'N2O4(L)', 'CH6N2(L)', 'NH4CLO4(I)', 'AL(cr)', 'XYZ', ''];
const NUMBERS = ['1', '2.6', '70', '1e400', '-5', '0', '.5', '1d3', '1E+2', 'abc', '', '1,2', '-0', '1e-400', '300', '9'.repeat(320)];

function deckCase(rng: Rng, i: number): string {
  const kind = i % 6;
  const nl = rng.next() < 0.3 ? '\r\n' : '\n';
  if (kind === 0) return toCeaDeck(templateExperiment(rng).inputs.problem, 'fz');
  if (kind === 1 || kind === 2) {
    const reac = ['reac'];
    for (let k = 0; k < 1 + rng.int(4); k++) {
      const role = pick(rng, ['fuel', 'oxid', 'name', 'fu', 'ox', 'na', 'wt%']);
      reac.push(`  ${role} ${pick(rng, SPECIES)} wt%=${pick(rng, NUMBERS)} ${pick(rng, ['t,k', 't,c', 't,f', 't,r', 'h,kj', 'mol', 'rho'])}=${pick(rng, NUMBERS)}${rng.next() < 0.2 ? ` C ${pick(rng, NUMBERS)} H ${pick(rng, NUMBERS)}` : ''}`);
    }
    const keys = ['p,bar', 'p,psia', 'p,atm', 'p,mmh', 'p,pa', 'o/f', 'f/o', '%fuel', 'phi', 'pi/p', 'supar', 'subar', 'nfz', 'case', 'constructor', '__proto__', 't,k', 'fac'];
    const prob = ['prob', pick(rng, ['rocket', 'ro', 'hp', '']), pick(rng, ['eq', 'fz', 'frozen', 'equilibrium', 'ions', ''])];
    for (let k = 0; k < 1 + rng.int(6); k++) prob.push(`${pick(rng, keys)}=${Array.from({ length: 1 + rng.int(3) }, () => pick(rng, NUMBERS)).join(',')}`);
    return (rng.next() < 0.2 ? '\ufeff' : '') + [...reac, prob.join('  '), 'output siunits', 'end'].join(nl);
  }
  if (kind === 3) {
    const good = `reac${nl}  fuel RP-1 wt%=100 t,k=298.15${nl}  oxid O2(L) wt%=100 t,k=90.17${nl}prob rocket p,bar=${pick(rng, NUMBERS)} o/f=${pick(rng, NUMBERS)} supar=${pick(rng, NUMBERS)}${nl}end${nl}`;
    return rng.next() < 0.5 ? good : '\ufeff' + good;
  }
  if (kind === 4) return pick(rng, ['', ' ', 'end', 'reac', 'prob rocket', '\ufeff', nested(100, true), 'reac fuel ' + 'X '.repeat(60_000), 'x'.repeat(250_000), 'reac\n fuel RP-1\n oxid O2(L)\nprob rocket p,bar=70 o/f=2 supar=' + '10,'.repeat(5000) + '10\nend']);
  // random bytes of deck-ish characters
  const chars = 'reacprobfueloxidnamewt%=t,kp,bar o/f supar 0123456789.eE+-\n\r\t#!';
  return Array.from({ length: rng.int(400) }, () => chars[rng.int(chars.length)]).join('');
}

describe('fuzz: CEA decks', () => {
  run('parseCeaDeck', 400, deckCase, (text) => {
    const r = parseCeaDeck(text);
    if (r.ok) {
      const p = r.value.problem;
      // within what the engine accepts (app/domain/thermo-problem.ts)
      if (!(p.pc > 0 && p.pc <= 1e10)) return `pc out of the engine's range: ${p.pc}`;
      if (p.of !== undefined && !(p.of > 0 && p.of <= 1e4)) return `o/f out of the engine's range: ${p.of}`;
      if (p.reactants.some((x) => !(x.massFraction >= 0 && x.massFraction <= 1))) return `mass fraction outside 0–1: ${JSON.stringify(p.reactants)}`;
    }
    return verdict(r as Outcome, r.ok ? r.value : null);
  }, 33);
});

// ---- test-fire CSVs ----

const CELLS = ['2.6', '2,6', '70', '1e400', '-1e400', '1e308', '-5', '0', '', ' ', 'abc', '"3,5"', '"a""b"', '1 234,5', '1,234.5', 'NaN', 'Infinity', '0x10', '1e-400', '3.5e6', '\u00a0', '"', '1.2.3'];

function csvCase(rng: Rng, i: number): { text: string; decimal: '.' | ','; units: Record<string, string>; mapping?: Record<string, number> } {
  const kind = i % 5;
  const delimiter = pick(rng, [',', ';', '\t']);
  const nl = pick(rng, ['\n', '\r\n', '\r']);
  const header = ['Test', 'O/F', 'Pc (bar)', 'Thrust', 'mdot', 'Isp', 'eps', 'pamb'];
  const cols = kind === 4 ? 1000 + rng.int(1000) : header.length;
  const row = (k: number) => Array.from({ length: cols }, (_, c) => (c === 0 ? `T${k}` : kind === 0 ? pick(rng, ['2.6', '70', '10000', '3.5', '300', '40', '1']) : pick(rng, CELLS))).join(delimiter);
  let text = [header.concat(Array.from({ length: cols - header.length }, (_, c) => `x${c}`)).join(delimiter), ...Array.from({ length: 1 + rng.int(30) }, (_, k) => row(k))].join(nl);
  if (kind === 1 && rng.next() < 0.5) text = '\ufeff' + text;
  if (kind === 2) text = pick(rng, ['', '\ufeff', 'O/F', 'O/F\n', '\n\n\n', nested(50, true), text.slice(0, rng.int(text.length))]);
  const units: Record<string, string> = {};
  for (const f of Object.keys(TESTFIRE_FIELDS) as TestFireField[]) {
    const u = Object.keys(TESTFIRE_FIELDS[f].units);
    if (u.length > 1) units[f] = rng.next() < 0.08 ? pick(rng, ['furlongs', 'constructor', '__proto__', 'toString']) : pick(rng, u);
  }
  const mapping = kind === 3 ? { of: pick(rng, [1, -1, 99, 1.5]), pc: 2 } : undefined;
  return { text, decimal: rng.next() < 0.3 ? ',' : '.', units, mapping };
}

describe('fuzz: test-fire CSVs', () => {
  run('parseTestFireCsv', 200, csvCase, ({ text, decimal, units, mapping }) => {
    const r = parseTestFireCsv(text, { mapping: mapping ?? guessMapping(csvHeaders(text)), units, decimal });
    if (r.ok) {
      for (const e of r.value.errors) if (!(e.line >= 1 && e.message.startsWith(`row ${e.line}, column`))) return `bad cell without row and column: ${JSON.stringify(e)}`;
      for (const row of r.value.rows) {
        if (!(row.of > 0 && row.of <= 1e4 && row.pc > 0 && row.pc <= 1e10)) return `row outside physical limits: ${JSON.stringify(row)}`;
      }
    }
    return verdict(r as Outcome, r.ok ? r.value.rows : null);
  }, 44);
});

// Copies the figures the coexistence accuracy test needs out of CEA's two-phase reference file
// (cea-reference-coexistence-public.json, kept outside this repository) into
// tests/fixtures/cea-reference-coexistence.json, problems rewritten in the solve format. Numbers are
// copied unchanged. Run once when the reference file changes:
//   npx tsx scripts/trim-cea-coexistence.ts <path to cea-reference-coexistence-public.json>
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const STATION_FIELDS = [
  'T_K', 'p_Pa', 'rho_kg_m3', 'h_J_kg', 's_J_kgK', 'M_kg_kmol', 'MW_kg_kmol', 'dlnV_dlnP_T', 'dlnV_dlnT_P',
  'cp_J_kgK', 'gamma_s', 'sonic_velocity_m_s', 'mach', 'Ae_At', 'cstar_m_s', 'Cf', 'Isp_vac_m_s', 'Isp_m_s',
];

type Json = Record<string, unknown>;

function station(s: Json, x: Json | undefined): Json {
  const out: Json = {};
  for (const f of STATION_FIELDS) if (typeof s[f] === 'number') out[f] = s[f];
  const amb = (s.derived as Json | undefined)?.Isp_amb_1atm_m_s;
  if (typeof amb === 'number') out.Isp_amb_1atm_m_s = amb;
  if (x) out.x = x;
  return out;
}

function problem(c: Json): Json {
  const inp = c.inputs as Json;
  const reactants = (inp.reactants as Json[]).map((r) => {
    const spec: Json = { name: r.name };
    if (r.role === 'fuel' || r.role === 'oxidizer') {
      spec.role = r.role;
      spec.massFraction = r.mass_fraction_within_role;
    } else spec.massFraction = r.mass_fraction_in_propellant;
    spec.T = r.T_K;
    if (r.formula) { spec.formula = r.formula; spec.enthalpy = r.hf_J_per_mol; }
    return spec;
  });
  const exits = (inp.exits_requested as Json[]).map((e) =>
    e.type === 'pressure_ratio' ? { pcOverPe: e.pc_over_pe } : { areaRatio: e.Ae_At });
  const p: Json = { problem: 'rocket', reactants, pc: inp.pc_Pa, exits, chemistry: 'equilibrium' };
  if (typeof inp.o_f === 'number') p.of = inp.o_f;
  return p;
}

const src = process.argv[2];
if (!src) { console.error('usage: tsx scripts/trim-cea-coexistence.ts <cea-reference-coexistence-public.json>'); process.exit(2); }
const text = readFileSync(src, 'utf8');
const ref = JSON.parse(text) as Json;
const cases = (ref.cases as Json[]).map((c) => ({
  id: c.id,
  problem: problem(c),
  chamber: station(c.chamber as Json, c.chamber_mole_fractions as Json),
  throat: station(c.throat as Json, (c.throat as Json)['mole_fractions_gt_1e-3'] as Json),
  exits: (c.exits as Json[]).map((e) => station(e, e['mole_fractions_gt_1e-3'] as Json)),
  coexistence: (c.coexistence as Json[]).map((k) => ({ station: k.station, T_K: k.T_K, species: k.species })),
  derivativeFallback: c.cea_derivative_fallback_stations ?? [],
}));
const out = {
  type: 'cea-reference-coexistence-trimmed',
  version: 1,
  provenance: {
    description: "Figures copied unchanged from the CEA2 two-phase coexistence reference file (public set) of the team's shared reference folder (not part of this repository), trimmed to the fields the accuracy test uses; problems rewritten in the solve format. 'coexistence' lists the stations at a condensed species' transition temperature (both phases present; CEA prints Cp = 0, (dLV/dLT)p = 0, GAMMAs = -1/(dLV/dLP)t there); 'derivativeFallback' the stations where CEA printed DERIVATIVE MATRIX SINGULAR and frozen derivatives.",
    source: { file: 'cea-reference-coexistence-public.json', sha256: createHash('sha256').update(text).digest('hex') },
    generator: ref.generator,
    fields: 'station fields as in the reference README (SI, unit in the name); Isp_amb_1atm_m_s from derived (attached-flow Isp at 1 atm, where pe/pa >= 0.25); x = mole fractions > 1e-3 (chamber: chamber_mole_fractions)',
  },
  rocket: cases,
};
writeFileSync(new URL('../tests/fixtures/cea-reference-coexistence.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log(`${cases.length} cases written`);

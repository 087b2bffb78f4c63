// Read-only views of an engine problem and its rocket result, in the chosen unit system.
// Everything is rendered as text nodes: names from a shared link can never become markup.
import { For, Show } from 'solid-js';
import type { RocketProblem, RocketResult, Station } from '../../domain/problem.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import { toDisplay, unitLabel, type Quantity } from '../../domain/units.ts';
import { findPropellantBySpecies } from '../../domain/propellants.ts';
import { formatSig } from '../../domain/number-text.ts';
import { isStation } from '../../domain/point-result.ts';
import { exitText } from '../../domain/exits.ts';
import { ambientIsp, SEPARATION_CRITERION } from '../../domain/separation.ts';
import { STATION_TERMS, type TermId } from '../../domain/glossary.ts';
import { Term } from './Term.tsx';

export const show = (q: Quantity, si: number | undefined, u: UnitSystem, digits = 5) =>
  si === undefined || !Number.isFinite(si) ? '–' : `${formatSig(toDisplay(q, si, u), digits)} ${unitLabel(q, u)}`.replace(/ –$/, '');

export { exitText };

export function reactantLabel(name: string): string {
  const p = findPropellantBySpecies(name);
  return p && !p.name.includes(name) ? `${p.name} (${name})` : p?.name ?? name;
}

/** Rows of [label, text] describing a problem: used by the view, the compare table and the diff. */
export function problemRows(p: RocketProblem, u: UnitSystem): [string, string][] {
  const rows: [string, string][] = [];
  for (const r of p.reactants) {
    const role = r.role ?? 'propellant';
    const extra = r.formula ? ` · ${Object.entries(r.formula).map(([e, n]) => `${e}${n}`).join(' ')}, h = ${show('molarEnthalpy', r.enthalpy, u)}` : '';
    rows.push([`${role}: ${reactantLabel(r.name)}`, `${formatSig(r.massFraction * 100, 4)} % by mass${r.T !== undefined ? ` at ${show('temperature', r.T, u)}` : ''}${extra}`]);
  }
  if (p.of !== undefined) rows.push(['O/F (mass)', formatSig(p.of, 5)]);
  if (p.phi !== undefined) rows.push(['Equivalence ratio φ', formatSig(p.phi, 5)]);
  const c = p.combustor;
  rows.push([c ? 'Injector pressure' : 'Chamber pressure', show('pressure', p.pc, u)]);
  if (c) rows.push(['Combustor', 'contractionRatio' in c ? `finite area, Ac/At = ${formatSig(c.contractionRatio, 5)}` : `finite area, ṁ/Ac = ${formatSig(c.massFlux, 5)} kg/(s·m²)`]);
  (p.exits ?? []).forEach((e, i) => rows.push([`Exit ${i + 1}`, exitText(e)]));
  rows.push(['Chemistry', p.chemistry === 'frozen' ? `frozen at the ${p.freezeAt ?? 'chamber'}` : 'shifting equilibrium']);
  if (p.pamb !== undefined) rows.push(['Ambient pressure', show('pressure', p.pamb, u)]);
  return rows;
}

/** The glossary term a row of `problemRows` names, if any. */
export function problemRowTerm(label: string, text: string): TermId | undefined {
  if (label === 'Chemistry') return text.startsWith('frozen') ? 'frozen' : 'shifting';
  if (label.startsWith('Exit ')) return text.startsWith('pc/pe') ? 'pressureRatio' : 'areaRatio';
  const byLabel: Record<string, TermId> = { 'O/F (mass)': 'of', 'Equivalence ratio φ': 'phi', 'Chamber pressure': 'pc', 'Injector pressure': 'pc', 'Ambient pressure': 'pamb', Combustor: 'contractionRatio' };
  return byLabel[label];
}

export function ProblemView(props: { problem: RocketProblem; units: UnitSystem; label?: string }) {
  return (
    <table class="results-table problem-view" aria-label={props.label ?? 'Inputs'}>
      <tbody>
        <For each={problemRows(props.problem, props.units)}>
          {([k, v]) => (
            <tr>
              <th scope="row"><Term id={problemRowTerm(k, v)}>{k}</Term></th>
              <td>{v}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

// `nozzle`: defined from the throat on (the engine reports 0 in the chamber).
const RESULT_ROWS: { label: string; q: Quantity; get: (s: Station) => number | undefined; key: string; nozzle?: boolean }[] = [
  { key: 'p', label: 'Pressure', q: 'pressure', get: (s) => s.p },
  { key: 'T', label: 'Temperature', q: 'temperature', get: (s) => s.T },
  { key: 'M', label: 'Molar mass M', q: 'molarMass', get: (s) => s.M },
  { key: 'gammaS', label: 'γs', q: 'dimensionless', get: (s) => s.gammaS },
  { key: 'mach', label: 'Mach', q: 'dimensionless', get: (s) => s.mach },
  { key: 'areaRatio', label: 'Ae/At', q: 'dimensionless', get: (s) => s.areaRatio, nozzle: true },
  { key: 'cstar', label: 'c*', q: 'velocity', get: (s) => s.cstar },
  { key: 'cf', label: 'Cf', q: 'dimensionless', get: (s) => s.cf, nozzle: true },
  { key: 'ispVac', label: 'Isp, vacuum', q: 'specificImpulse', get: (s) => s.ispVac, nozzle: true },
  { key: 'isp', label: 'Isp (pamb = pe)', q: 'specificImpulse', get: (s) => s.isp, nozzle: true },
  { key: 'ispAmb', label: 'Isp at ambient', q: 'specificImpulse', get: (s) => s.ispAmb, nozzle: true },
];

/** A station's ambient-Isp cell: the value, or why a full-flowing nozzle's value does not apply. */
function ambientCell(st: Station, pamb: number | undefined, u: UnitSystem): string {
  if (pamb === undefined || st.ispAmb === undefined) return show('specificImpulse', st.ispAmb, u);
  const a = ambientIsp(st, pamb);
  return a.kind === 'separated' ? `n/a: flow separates (${SEPARATION_CRITERION})` : a.kind === 'no-thrust' ? 'n/a: no thrust' : show('specificImpulse', a.isp_m_s, u);
}

/** `pamb`: the problem's ambient pressure (Pa), to tell an exit whose flow separates there. */
export function RocketResultView(props: { result: RocketResult; units: UnitSystem; pamb?: number }) {
  const stations = () => {
    const list: { name: string; s: Station | null; error?: string }[] = [
      { name: 'Chamber', s: props.result.chamber },
      { name: 'Throat', s: props.result.throat },
    ];
    props.result.exits.forEach((e, i) => list.push(isStation(e) ? { name: `Exit ${i + 1}`, s: e } : { name: `Exit ${i + 1}`, s: null, error: e.error.message }));
    return list;
  };
  return (
    <div class="table-scroll">
      <table class="results-table" aria-label="Rocket performance">
        <thead>
          <tr>
            <th scope="col">Quantity</th>
            <For each={stations()}>{(st) => <th scope="col"><Term id={st.name === 'Throat' ? 'throat' : undefined}>{st.name}</Term></th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={RESULT_ROWS}>
            {(row) => (
              <tr>
                <th scope="row"><Term id={STATION_TERMS[row.key]}>{row.label}</Term></th>
                <For each={stations()}>
                  {(st) => (
                    <td class="num" data-testid={`res-${row.key}-${st.name.toLowerCase().replace(' ', '')}`}>
                      {st.s && !(row.nozzle && st.name === 'Chamber') ? (row.key === 'ispAmb' ? ambientCell(st.s, props.pamb, props.units) : show(row.q, row.get(st.s), props.units)) : '–'}
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <For each={stations().filter((s) => s.error)}>{(s) => <p class="error">{s.name}: {s.error}</p>}</For>
      <Show when={props.result.warnings.length}>
        <ul class="muted">
          <For each={props.result.warnings}>{(w) => <li>{w}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}

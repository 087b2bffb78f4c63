// Side-by-side comparison of 2–4 experiments: inputs (differences marked), key results, and the
// Isp-vs-O/F curves overlaid when the engine is there to compute them.
import { For, Show, createMemo, createResource } from 'solid-js';
import type { TopLevelSpec } from 'vega-lite';
import type { Experiment, UnitSystem } from '../../domain/experiment.ts';
import type { RocketProblem, Station } from '../../domain/problem.ts';
import { toDisplay, unitLabel } from '../../domain/units.ts';
import { solvePoint } from '../../state/point.ts';
import { summarise } from '../../domain/point-result.ts';
import { problemRowTerm, problemRows, show } from './ProblemView.tsx';
import { VegaChart } from './VegaChart.tsx';
import { ambientIsp, SEPARATION_CRITERION } from '../../domain/separation.ts';
import { Term } from './Term.tsx';
import type { TermId } from '../../domain/glossary.ts';

const SUMMARY: { key: string; label: string; q: 'temperature' | 'velocity' | 'specificImpulse' | 'dimensionless'; term: TermId }[] = [
  { key: 'Tc_K', label: 'Chamber temperature', q: 'temperature', term: 'tc' },
  { key: 'cstar_m_s', label: 'c*', q: 'velocity', term: 'cstar' },
  { key: 'ispVac_m_s', label: 'Isp, vacuum (exit 1)', q: 'specificImpulse', term: 'ispVac' },
  { key: 'isp_m_s', label: 'Isp, pamb = pe (exit 1)', q: 'specificImpulse', term: 'ispMatched' },
  { key: 'ispAmb_m_s', label: 'Isp at ambient (exit 1)', q: 'specificImpulse', term: 'ispAmb' },
];

/** A summary's ambient Isp: the value, or why a full-flowing nozzle's value does not apply at the experiment's pamb. */
function ambientText(sm: Record<string, number>, pamb: number | undefined, u: UnitSystem): string {
  const isp = sm.ispAmb_m_s;
  if (pamb === undefined || sm.pe_Pa === undefined || sm.machExit === undefined) {
    // older summaries lack pe and the exit Mach number: a value ≤ 0 is no Isp, whatever the cause
    return isp > 0 ? show('specificImpulse', isp, u) : 'n/a: no thrust or flow separates (compute again to tell)';
  }
  const a = ambientIsp({ p: sm.pe_Pa, mach: sm.machExit, ispAmb: isp, isp: sm.isp_m_s }, pamb);
  return a.kind === 'separated' ? `n/a: flow separates (${SEPARATION_CRITERION})` : a.kind === 'no-thrust' ? 'n/a: no thrust' : show('specificImpulse', a.isp_m_s, u);
}

async function ofCurve(p: RocketProblem): Promise<{ of: number; isp: number }[]> {
  if (p.of === undefined) return [];
  const out: { of: number; isp: number }[] = [];
  const exit = p.exits?.[0];
  for (let k = 0; k < 15; k++) {
    const of = (p.of / 2) * Math.pow(4, k / 14); // of/2 … 2·of
    const r = await solvePoint({ ...p, of, exits: exit ? [exit] : [] });
    const e = r.ok ? r.value.exits[0] : undefined;
    if (e && !('ok' in e)) out.push({ of, isp: (e as Station).ispVac });
  }
  return out;
}

export function ExperimentCompare(props: { experiments: Experiment[]; units: UnitSystem }) {
  const rows = createMemo(() => {
    const per = props.experiments.map((e) => new Map(problemRows(e.inputs.problem, props.units)));
    const labels: string[] = [];
    for (const m of per) for (const k of m.keys()) if (!labels.includes(k)) labels.push(k);
    return [['System', props.experiments.map((e) => e.inputs.system)] as const, ...labels.map((k) => [k, per.map((m) => m.get(k) ?? '–')] as const)].map(([label, values]) => ({
      label,
      values: [...values],
      differs: new Set(values).size > 1,
    }));
  });
  const stored = () => props.experiments.map((e) => e.studies.find((s) => s.kind === 'point')?.summary);
  // An experiment never computed (made from a template, imported, or opened in Explore without a
  // save) is computed here for the comparison, in the engine worker, and marked as such; nothing is
  // written to it. A problem the engine refuses says why in its column.
  const [fresh] = createResource(
    () => props.experiments.map((e, i) => (stored()[i] ? null : e.inputs.problem)),
    (problems) => Promise.all(problems.map(async (p) => {
      if (!p) return null;
      const r = await solvePoint(p);
      return r.ok ? { ok: true as const, summary: summarise(r.value) } : { ok: false as const, message: r.error.message };
    })),
  );
  const summaries = () => props.experiments.map((_, i) => stored()[i] ?? (fresh()?.[i]?.ok ? fresh()![i]!.summary : undefined));
  const missing = (i: number): string => {
    const f = fresh()?.[i];
    return fresh.loading ? 'computing…' : f && !f.ok ? `not computed: ${f.message}` : 'not computed';
  };
  const computedHere = () => props.experiments.filter((_, i) => !stored()[i] && fresh()?.[i]?.ok).map((e) => e.name);
  const [curves] = createResource(
    () => props.experiments.map((e) => e.inputs.problem),
    async (problems) => (await Promise.all(problems.map(ofCurve))).map((pts, i) => pts.map((p) => ({ ...p, name: props.experiments[i].name }))).flat(),
  );
  const spec = (): TopLevelSpec => ({
    data: { values: (curves() ?? []).map((d) => ({ ...d, isp: toDisplay('specificImpulse', d.isp, props.units) })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'of', type: 'quantitative', title: 'O/F' },
      y: { field: 'isp', type: 'quantitative', title: `Isp, vacuum [${unitLabel('specificImpulse', props.units)}]`, scale: { zero: false } },
      color: { field: 'name', type: 'nominal', title: 'Experiment' },
    },
    height: 260,
  });

  return (
    <section class="card compare" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare {props.experiments.length} experiments</h2>
      <div class="table-scroll">
        <table class="results-table" aria-label="Comparison">
          <thead>
            <tr>
              <th scope="col">Input</th>
              <For each={props.experiments}>{(e) => <th scope="col">{e.name}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr classList={{ differs: r.differs }}>
                  <th scope="row"><Term id={problemRowTerm(r.label, r.values[0] ?? '')}>{r.label}</Term>{r.differs ? ' ≠' : ''}</th>
                  <For each={r.values}>{(v) => <td>{v}</td>}</For>
                </tr>
              )}
            </For>
            <For each={SUMMARY}>
              {(s) => (
                <tr class="result-row">
                  <th scope="row"><Term id={s.term}>{s.label}</Term></th>
                  <For each={summaries()}>{(sm, i) => <td class="num">{sm && sm[s.key] !== undefined ? (s.key === 'ispAmb_m_s' ? ambientText(sm, props.experiments[i()].inputs.problem.pamb, props.units) : show(s.q, sm[s.key], props.units)) : missing(i())}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={computedHere().length}>
        <p class="muted" data-testid="compare-computed-now">Results of {computedHere().join(', ')} computed now for this comparison (not saved: open {computedHere().length > 1 ? 'them' : 'it'} in Explore and save to keep them).</p>
      </Show>
      <Show when={(curves() ?? []).length} fallback={<p class="muted">{curves.loading ? 'Computing Isp curves…' : 'Isp-vs-O/F curves need bipropellant experiments and the engine.'}</p>}>
        <VegaChart spec={spec()} label="Vacuum Isp versus O/F for the compared experiments" />
      </Show>
    </section>
  );
}

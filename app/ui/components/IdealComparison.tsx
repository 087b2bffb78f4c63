// The ideal rocket beside the equilibrium result: the same chamber (T, M, γs, pc) and nozzle, with
// constant γ and frozen composition — what the textbook model gets right and what it misses.
import { Show, createEffect, createSignal } from 'solid-js';
import type { IdealRocketResult } from '../../domain/ideal-rocket.ts';
import { engine } from '../../bridge/engine.ts';
import { latest } from '../../domain/latest.ts';
import type { Station } from '../../domain/problem.ts';
import { formatSig } from '../../domain/number-text.ts';
import { G0, toDisplay, unitLabel, type Quantity } from '../../domain/units.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import type { TermId } from '../../domain/glossary.ts';
import { Term } from './Term.tsx';


export function IdealComparison(props: { chamber: Station; exit: Station; pc: number; pamb: number; units: UnitSystem }) {
  // A signal, not a resource: a resource read under the app's Suspense would hold every navigation
  // (router transitions wait for pending resources) while the engine is busy.
  const [ideal, setIdeal] = createSignal<IdealRocketResult | null>(null);
  const calls = latest();
  createEffect(() => {
    const input = { gamma: props.chamber.gammaS, molarMass_kg_kmol: props.chamber.M, Tc_K: props.chamber.T, pc_Pa: props.pc, nozzle: { kind: 'areaRatio' as const, areaRatio: props.exit.areaRatio }, pamb_Pa: props.pamb };
    const current = calls.next();
    void engine().call('idealRocket', input).then((r) => { if (current()) setIdeal(r.ok ? r.value : null); });
  });

  const diff = (a: number, b: number) => `${a >= b ? '+' : ''}${formatSig((100 * (a - b)) / b, 2)} %`;
  const row = (label: string, q: Quantity, eq: number, id: number, testId: string, term?: TermId) => (
    <tr>
      <th scope="row"><Term id={term}>{label}</Term> ({q === 'time' ? (props.units === 'US' ? 'lbf·s/lbm' : 's') : unitLabel(q, props.units)})</th>
      <td class="num" data-testid={`${testId}-eq`}>{formatSig(toDisplay(q, eq, props.units), 5)}</td>
      <td class="num" data-testid={`${testId}-ideal`}>{formatSig(toDisplay(q, id, props.units), 5)}</td>
      <td class="num">{diff(id, eq)}</td>
    </tr>
  );
  return (
    <section class="card" aria-label="Ideal rocket comparison">
      <h2>Beside the <Term id="idealRocket">ideal rocket</Term></h2>
      <p class="hint">Ideal rocket with this chamber's T, M and γs, at the same area ratio: constant γ, frozen composition.</p>
      <Show when={ideal()} fallback={<p class="muted">Computing…</p>}>
        {(i) => (
          <div class="table-scroll">
            <table class="results-table" aria-label="Equilibrium and ideal rocket">
              <thead><tr><th scope="col">Quantity</th><th scope="col">Equilibrium</th><th scope="col">Ideal (constant γ)</th><th scope="col">Ideal − equilibrium</th></tr></thead>
              <tbody>
                {row('Isp vacuum', 'time', props.exit.ispVac / G0, i().ispVac_s, 'cmp-isp', 'ispVac')}
                {row('c*', 'velocity', props.exit.cstar, i().cstar_m_s, 'cmp-cstar', 'cstar')}
                {row('Exit temperature', 'temperature', props.exit.T, i().Te_K, 'cmp-te')}
                {row('Exit pressure', 'pressure', props.exit.p, i().pe_Pa, 'cmp-pe', 'pe')}
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </section>
  );
}

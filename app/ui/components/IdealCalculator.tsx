// The ideal-rocket calculator (constant γ, frozen, perfect gas): Explore's teaching mode, computed
// live in the engine worker.
import { Show, For } from 'solid-js';
import { createIdealStore } from '../../state/ideal-store.ts';
import { NumberField } from './NumberField.tsx';
import { formatSig } from '../../domain/number-text.ts';
import type { IdealRocketResult } from '../../domain/ideal-rocket.ts';
import type { TermId } from '../../domain/glossary.ts';
import { Term } from './Term.tsx';
import { workspace } from '../../state/workspace.ts';
import { engine } from '../../bridge/engine.ts';
import { ATM, toDisplay, unitLabel, type Quantity } from '../../domain/units.ts';

/** Rows of the results table; a row with a quantity is shown in the workspace's units (Isp in s stays in s). */
const ROWS: { key: keyof IdealRocketResult; label: string; unit?: string; quantity?: Quantity; digits?: number; term?: TermId }[] = [
  { key: 'ispVac_s', label: 'Isp, vacuum', unit: 's', term: 'ispVac' },
  { key: 'ispAmb_s', label: 'Isp, at ambient', unit: 's', term: 'ispAmb' },
  { key: 'ispVac_m_s', label: 'Isp, vacuum', quantity: 'velocity', term: 'ispVac' },
  { key: 'ispAmb_m_s', label: 'Isp, at ambient', quantity: 'velocity', term: 'ispAmb' },
  { key: 'cstar_m_s', label: 'c*', quantity: 'velocity', term: 'cstar' },
  { key: 'cfVac', label: 'Cf, vacuum', unit: '–', term: 'cf' },
  { key: 'cfAmb', label: 'Cf, at ambient', unit: '–', term: 'cf' },
  { key: 'exitMach', label: 'Exit Mach', unit: '–', term: 'mach' },
  { key: 'pe_Pa', label: 'Exit pressure', quantity: 'pressure', term: 'pe' },
  { key: 'Te_K', label: 'Exit temperature', quantity: 'temperature' },
  { key: 'areaRatio', label: 'Area ratio Ae/At', unit: '–', term: 'areaRatio' },
  { key: 'pcOverPe', label: 'Pressure ratio pc/pe', unit: '–', term: 'pressureRatio' },
  { key: 'exitVelocity_m_s', label: 'Exit velocity', quantity: 'velocity' },
];

export function IdealCalculator() {
  const ws = workspace();
  const sys = () => ws.units();
  const s = createIdealStore({ engine: engine(), units: sys });
  const u = (q: Quantity) => unitLabel(q, sys());
  const shown = (row: (typeof ROWS)[number], v: number) => formatSig(row.quantity ? toDisplay(row.quantity, v, sys()) : v, row.digits ?? 5);
  const field = (name: 'gamma' | 'molarMass' | 'Tc' | 'pc' | 'areaRatio' | 'pcOverPe' | 'pamb', label: string, unit?: () => string, hint?: () => string) => (
    // units and hint are read inside NumberField (reactive props), not in this call: a unit change
    // relabels the field instead of drawing a new one under the user's cursor
    <NumberField name={name} label={label} unit={unit?.()} hint={hint?.()} value={s.form[name]} error={s.errors[name]} onInput={(t) => s.setForm(name, t)} />
  );
  return (
    <>
      <p class="lead">
        Ideal rocket (constant γ, frozen, perfect gas): the textbook model, for teaching and quick estimates.
        Results update as you type and are computed in a WebAssembly worker.
      </p>
      <div class="explore-grid">
        <form class="card" aria-label="Ideal rocket inputs" onSubmit={(e) => e.preventDefault()}>
          <h2>Inputs</h2>
          {field('gamma', 'Ratio of specific heats γ', () => '–', () => 'between 1 and 3, e.g. 1.2 for combustion gases')}
          {field('molarMass', 'Molar mass of the gas', () => u('molarMass'))}
          {field('Tc', 'Chamber temperature', () => u('temperature'))}
          {field('pc', 'Chamber pressure', () => u('pressure'))}
          <fieldset class="nozzle">
            <legend>Nozzle given by</legend>
            <label class="radio">
              <input type="radio" name="nozzleKind" value="areaRatio" checked={s.form.nozzleKind === 'areaRatio'} onChange={() => s.setForm('nozzleKind', 'areaRatio')} />
              area ratio
            </label>
            <label class="radio">
              <input type="radio" name="nozzleKind" value="pressureRatio" checked={s.form.nozzleKind === 'pressureRatio'} onChange={() => s.setForm('nozzleKind', 'pressureRatio')} />
              pressure ratio
            </label>
          </fieldset>
          <Show when={s.form.nozzleKind === 'areaRatio'} fallback={field('pcOverPe', 'Pressure ratio pc/pe', () => '–')}>
            {field('areaRatio', 'Area ratio Ae/At', () => '–')}
          </Show>
          {field('pamb', 'Ambient pressure', () => u('pressure'), () => `0 for vacuum, ${formatSig(toDisplay('pressure', ATM, sys()), 6)} at sea level`)}
        </form>
        <div class="card results" aria-busy={s.busy()}>
          <h2>Results</h2>
          {/* Screen readers hear one short line per change, not thirteen unlabelled numbers. */}
          <p class="sr-only" aria-live="polite">
            {s.result() ? `Isp ${formatSig(s.result()!.ispVac_s)} s in vacuum, ${formatSig(s.result()!.ispAmb_s)} s at ambient.` : 'No results until the inputs are corrected.'}
          </p>
          <Show when={s.result()} fallback={<p class="muted">Correct the highlighted inputs to see results.</p>}>
            {(r) => (
              <table class="results-table" aria-label="Ideal rocket results">
                <tbody>
                  <For each={ROWS}>
                    {(row) => (
                      <tr data-key={row.key}>
                        <th scope="row"><Term id={row.term}>{row.label}</Term></th>
                        <td class="num" data-testid={`ideal-${row.key}`}>{shown(row, r()[row.key])}</td>
                        <td class="unit">{row.quantity ? u(row.quantity) : row.unit}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            )}
          </Show>
        </div>
      </div>
    </>
  );
}

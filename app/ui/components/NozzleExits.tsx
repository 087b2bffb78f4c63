// Explore's nozzle exits: every exit of the design (area ratio, exit pressure, or a subsonic area
// ratio read from a CEA deck), each editable and removable (one always stays), and a button to add
// one. What is listed here is exactly the problem's `exits`, so exactly what the station table, the
// CEA deck, the PDF, Compare and share links carry.
import { Index, Show } from 'solid-js';
import type { ExitSpec, RocketProblem } from '../../domain/problem.ts';
import { exitKind } from '../../domain/problem.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import { MAX_EXIT_AREA_RATIO, nextExit } from '../../domain/exits.ts';
import { QuantityField } from './QuantityField.tsx';

export function NozzleExits(props: { problem: RocketProblem; system: UnitSystem; setExits: (exits: ExitSpec[]) => void }) {
  const exits = () => props.problem.exits ?? [];
  // an exit is replaced whole: a store would merge the old kind's key into the new one
  const setExit = (i: number, e: ExitSpec) => props.setExits(exits().map((x, k) => (k === i ? e : x)));
  const remove = (i: number) => props.setExits(exits().filter((_, k) => k !== i));
  // Exit 1 keeps the short names it always had; the others say which exit they belong to.
  const name = (i: number, what: string) => (i === 0 ? what : `Exit ${i + 1}: ${what}`);
  return (
    <div class="exits" data-testid="nozzle-exits">
      <Index each={exits()}>
        {(e, i) => (
          <div class="exit" data-testid={`exit-${i + 1}`}>
            <fieldset class="nozzle">
              <legend>{exits().length > 1 ? `Exit ${i + 1} given by` : 'Nozzle exit given by'}</legend>
              <label class="radio"><input type="radio" name={i === 0 ? 'x-exit' : `x-exit-${i + 1}`} aria-label={i === 0 ? undefined : name(i, 'area ratio')} checked={exitKind(e()) === 'areaRatio'} onChange={() => setExit(i, { areaRatio: 40 })} /> area ratio</label>
              <label class="radio"><input type="radio" name={i === 0 ? 'x-exit' : `x-exit-${i + 1}`} aria-label={i === 0 ? undefined : name(i, 'exit pressure')} checked={exitKind(e()) === 'pcOverPe'} onChange={() => setExit(i, { pcOverPe: props.problem.pc / 101325 })} /> exit pressure</label>
              <Show when={exitKind(e()) === 'subsonicAreaRatio'}>
                <label class="radio"><input type="radio" name={i === 0 ? 'x-exit' : `x-exit-${i + 1}`} aria-label={i === 0 ? undefined : name(i, 'subsonic area ratio')} checked /> subsonic area ratio</label>
              </Show>
              <button type="button" class="secondary icon" aria-label={`Remove exit ${i + 1}`} title={exits().length <= 1 ? 'A design keeps at least one exit' : `Remove exit ${i + 1}`}
                disabled={exits().length <= 1} onClick={() => remove(i)}>✕</button>
            </fieldset>
            <Show when={exitKind(e()) === 'pcOverPe'}>
              <QuantityField id={i === 0 ? 'x-pe' : `x-pe-${i + 1}`} label={i === 0 ? 'Exit pressure' : `Exit ${i + 1} pressure`} term="pe" quantity="pressure" system={props.system}
                value={props.problem.pc / (e() as { pcOverPe: number }).pcOverPe} min={0.1} max={props.problem.pc} maxExclusive onValue={(v) => setExit(i, { pcOverPe: props.problem.pc / v })}
                hint={props.system === 'US' ? '14.696 psia = matched at sea level' : '1.01325 bar = matched at sea level'} />
            </Show>
            <Show when={exitKind(e()) === 'areaRatio'}>
              <QuantityField id={i === 0 ? 'x-eps' : `x-eps-${i + 1}`} label={i === 0 ? 'Area ratio Ae/At' : `Exit ${i + 1} Ae/At`} term="areaRatio" quantity="dimensionless" system={props.system}
                value={(e() as { areaRatio: number }).areaRatio} min={1} max={MAX_EXIT_AREA_RATIO} onValue={(v) => setExit(i, { areaRatio: v })} />
            </Show>
            <Show when={exitKind(e()) === 'subsonicAreaRatio'}>
              <QuantityField id={i === 0 ? 'x-subar' : `x-subar-${i + 1}`} label={i === 0 ? 'Subsonic area ratio A/At' : `Exit ${i + 1} subsonic A/At`} quantity="dimensionless" system={props.system}
                value={(e() as { subsonicAreaRatio: number }).subsonicAreaRatio} min={1} max={10000} onValue={(v) => setExit(i, { subsonicAreaRatio: v })} hint="a station in the converging part, before the throat" />
            </Show>
          </div>
        )}
      </Index>
      <Show when={!exits().length}><p class="hint" role="note">No nozzle exit: only the chamber and the throat are computed.</p></Show>
      <button type="button" class="secondary" data-testid="add-exit" onClick={() => props.setExits([...exits(), nextExit(exits())])}>Add exit</button>
    </div>
  );
}

// Propellants: the built-in library and the user's own propellants (formula + enthalpy + density),
// searchable, with editable costs; densities and temperatures in the chosen units.
import { For, Show, createMemo, createSignal } from 'solid-js';
import { workspace } from '../../state/workspace.ts';
import { searchPropellants, formatFormula, type Hazard, type Propellant } from '../../domain/propellants.ts';
import type { Role } from '../../domain/problem.ts';
import { toDisplay, unitLabel } from '../../domain/units.ts';
import { formatSig } from '../../domain/number-text.ts';
import { checkFieldText, type FieldSpec } from '../../domain/field-check.ts';
import { CheckedInput } from '../components/CheckedInput.tsx';
import { WorkspaceNotice } from '../components/WorkspaceNotice.tsx';

const HAZARDS: Hazard[] = ['cryogenic', 'toxic', 'hypergolic', 'corrosive', 'oxidiser', 'energetic', 'flammable'];

function composition(p: Propellant): string {
  return p.components
    .map((c) => `${p.components.length > 1 ? `${formatSig(c.massFraction * 100, 3)} % ` : ''}${c.formula ? formatFormula(c.formula) : c.name}`)
    .join(' + ');
}

function CustomForm() {
  const ws = workspace();
  const u = () => ws.units();
  const [f, setF] = createSignal({ name: '', role: 'fuel' as Role | 'either', formula: '', enthalpy: '', density: '', T: '298.15', cost: '0', notes: '' });
  const [hazards, setHazards] = createSignal<Hazard[]>([]);
  const [error, setError] = createSignal<{ field?: string; message: string } | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const set = (k: keyof ReturnType<typeof f>, v: string) => setF({ ...f(), [k]: v });
  // The numeric fields, checked the shared way (limits in SI as addPropellant has them, messages in the units shown).
  const SPECS: Partial<Record<keyof ReturnType<typeof f>, FieldSpec>> = {
    enthalpy: { label: 'Enthalpy of formation', quantity: 'molarEnthalpy', min: -1e8, max: 1e8 },
    density: { label: 'Density', quantity: 'density', min: 0, minExclusive: true, max: 25000 },
    T: { label: 'Storage temperature', quantity: 'temperature', min: 0, minExclusive: true, max: 6000 },
    cost: { label: 'Cost', quantity: 'costPerMass', min: 0, max: 1e9 },
  };
  const check = (k: keyof ReturnType<typeof f>) => {
    const spec = SPECS[k];
    return spec ? checkFieldText(f()[k], { ...spec, system: u() }) : null;
  };
  // A field's message shows once it has been typed into, or after a refused submit.
  const [touched, setTouched] = createSignal<Set<string>>(new Set());
  const fieldError = (k: keyof ReturnType<typeof f>) => {
    const r = touched().has(k) ? check(k) : null;
    return r && !r.ok ? r.message : null;
  };
  const si = (k: keyof ReturnType<typeof f>) => {
    const r = check(k);
    return r && r.ok ? r.si : NaN;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setSaved(null);
    const x = f();
    setTouched(new Set(Object.keys(SPECS)));
    const refused = (Object.keys(SPECS) as (keyof typeof x)[]).filter((k) => fieldError(k));
    if (refused.length) return setError({ field: refused[0], message: `Fix the marked field${refused.length > 1 ? 's' : ''} first` });
    const r = await ws.addPropellant({
      name: x.name,
      role: x.role,
      formula: x.formula,
      enthalpy_J_mol: si('enthalpy'),
      density_kg_m3: si('density'),
      storageT_K: si('T'),
      cost_per_kg: si('cost'),
      notes: x.notes,
      hazards: hazards(),
    });
    if (!r.ok) setError(r.error);
    else {
      setError(null);
      setSaved(`Added ${r.value.name}.`);
      setF({ ...f(), name: '', formula: '', enthalpy: '', density: '', notes: '' });
      setTouched(new Set<string>());
    }
  }

  // `unit` is read inside the label only: a unit-system change relabels the field and keeps the
  // element (read in the call's arguments, it made the call reactive, so a settings load drew the
  // inputs anew and a keystroke in flight went to a detached element and was lost).
  const field = (k: keyof ReturnType<typeof f>, id: string, label: string, unit: () => string, errField: string, hint?: string) => {
    const bad = () => !!fieldError(k) || error()?.field === errField;
    return (
      <div class="field" classList={{ invalid: bad() }}>
        <label for={id}>{label}<Show when={unit()}><span class="unit"> ({unit()})</span></Show></label>
        <input id={id} name={id} value={f()[k]} inputmode={SPECS[k] ? 'decimal' : undefined}
          onInput={(e) => { set(k, e.currentTarget.value); if (SPECS[k]) setTouched(new Set([...touched(), k])); }}
          aria-invalid={bad() ? 'true' : 'false'} aria-describedby={fieldError(k) ? `${id}-err` : undefined} />
        <Show when={hint}><small class="hint">{hint}</small></Show>
        <Show when={fieldError(k)}>{(m) => <small id={`${id}-err`} class="error" role="alert" data-testid={`${id}-error`}>{m()}</small>}</Show>
      </div>
    );
  };

  return (
    <form class="card" aria-label="New custom propellant" onSubmit={(e) => void submit(e)}>
      <h2>Add a propellant</h2>
      {field('name', 'cp-name', 'Name', () => '', 'name')}
      <div class="field">
        <label for="cp-role">Role</label>
        <select id="cp-role" value={f().role} onChange={(e) => set('role', e.currentTarget.value)}>
          <option value="fuel">fuel</option>
          <option value="oxidizer">oxidizer</option>
          <option value="either">either / solid component</option>
        </select>
      </div>
      {field('formula', 'cp-formula', 'Formula', () => '', 'formula', 'e.g. C32H66 or C 7.3165 H 10.336 O 0.1063')}
      {field('enthalpy', 'cp-h', 'Enthalpy of formation', () => unitLabel('molarEnthalpy', u()), 'enthalpy_J_mol', 'at the storage temperature, per formula unit')}
      {field('density', 'cp-rho', 'Density', () => unitLabel('density', u()), 'density_kg_m3')}
      {field('T', 'cp-T', 'Storage temperature', () => unitLabel('temperature', u()), 'storageT_K')}
      {field('cost', 'cp-cost', 'Cost', () => unitLabel('costPerMass', u()), 'cost_per_kg')}
      {field('notes', 'cp-notes', 'Notes', () => '', 'notes')}
      <fieldset class="hazards">
        <legend>Hazards</legend>
        <For each={HAZARDS}>
          {(h) => (
            <label class="radio">
              <input type="checkbox" checked={hazards().includes(h)} onChange={(e) => setHazards(e.currentTarget.checked ? [...hazards(), h] : hazards().filter((x) => x !== h))} /> {h}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={error()}><p class="error" role="alert">{error()!.message}</p></Show>
      <Show when={saved()}><p role="status">{saved()}</p></Show>
      <button type="submit">Add propellant</button>
    </form>
  );
}

export default function Propellants() {
  const ws = workspace();
  const [q, setQ] = createSignal('');
  const list = createMemo(() => searchPropellants(q(), ws.library()));
  const u = () => ws.units();
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Propellants</h1>
      <p class="lead">The built-in library (NASA thermo data names, handbook densities) and your own propellants. Costs are indicative: edit them for your trade studies.</p>
      <div class="field">
        <label for="prop-search">Search</label>
        <input id="prop-search" type="search" value={q()} placeholder="name, formula, hazard…" onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      <div class="table-scroll">
        <table class="results-table" aria-label="Propellant library">
          <thead>
            <tr>
              <th scope="col">Propellant</th>
              <th scope="col">Engine species / formula</th>
              <th scope="col">Density ({unitLabel('density', u())})</th>
              <th scope="col">Storage T ({unitLabel('temperature', u())})</th>
              <th scope="col">Cost ({unitLabel('costPerMass', u())})</th>
              <th scope="col">Notes</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {(p) => (
                <tr data-testid={`propellant-${p.id}`}>
                  <th scope="row">{p.name}<Show when={!p.builtIn}> <span class="chip">custom</span></Show></th>
                  <td>{composition(p)}</td>
                  <td class="num">{formatSig(toDisplay('density', p.density_kg_m3, u()), 4)}</td>
                  <td class="num">{formatSig(toDisplay('temperature', p.storageT_K, u()), 5)}</td>
                  <td class="num">
                    <CheckedInput id={`cost-${p.id}`} class="cost" ariaLabel={`Cost of ${p.name}`} digits={4} commitOnChange value={p.cost_per_kg}
                      spec={{ label: `Cost of ${p.name}`, quantity: 'costPerMass', system: u(), min: 0, max: 1e9 }} onValue={(v) => void ws.setPropellantCost(p.id, v)} />
                  </td>
                  <td>
                    <For each={p.hazards}>{(h) => <span class="chip">{h}</span>}</For> {p.notes}
                  </td>
                  <td>
                    <Show when={!p.builtIn}>
                      <button type="button" class="link" onClick={() => void ws.removePropellant(p.id)}>Delete</button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <CustomForm />
      <WorkspaceNotice ws={ws} />
    </section>
  );
}

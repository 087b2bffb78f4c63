// Optimize: multi-objective rocket design (NSGA-II in WebAssembly, evaluated by the equilibrium
// engine in a worker). Pick propellants, ranges, objectives and constraints; the Pareto front
// updates each generation; hover a point for its design, click it (or a table row) to open it in
// Explore; sort the table and export it as CSV.
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import type { TopLevelSpec } from 'vega-lite';
import { VegaChart } from '../components/VegaChart.tsx';
import { designStore } from '../../state/design.ts';
import { optimizeStore } from '../../state/optimize-store.ts';
import { BUILT_IN_PROPELLANTS } from '../../domain/propellants.ts';
import {
  OBJECTIVE_QUANTITIES, QUANTITY_INFO, designProblem, objectiveQuantity, resolveOptimizeSpec,
  type EvaluatedDesign, type Objective, type ObjectiveQuantity, type VariableRange,
} from '../../domain/optimize-spec.ts';
import { toCsv, type CsvColumn } from '../../domain/csv.ts';
import { FT, LBF, toDisplay } from '../../domain/units.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import { workspace } from '../../state/workspace.ts';

const LIQUIDS = BUILT_IN_PROPELLANTS.filter((p) => ['rp1', 'lch4', 'lh2', 'ethanol', 'mmh', 'udmh', 'a50', 'lox', 'n2o4', 'htp90', 'n2o'].includes(p.id));
const specName = (id: string) => {
  const p = BUILT_IN_PROPELLANTS.find((x) => x.id === id)!;
  return p.components.length === 1 ? p.components[0].name : p.id;
};

// Each column in SI, and in US units when the workspace shows them (conversion only here, at the edge).
type Column = { key: keyof EvaluatedDesign; label: string; scale?: number; digits: number; us?: { label: string; scale: number; digits?: number } };
const COLUMNS: Column[] = [
  { key: 'fuel', label: 'Fuel', digits: 0 },
  { key: 'oxidizer', label: 'Oxidizer', digits: 0 },
  { key: 'of', label: 'O/F', digits: 3 },
  { key: 'pc', label: 'pc (MPa)', scale: 1e-6, digits: 2, us: { label: 'pc (psia)', scale: toDisplay('pressure', 1, 'US'), digits: 0 } },
  { key: 'areaRatio', label: 'Ae/At', digits: 1 },
  { key: 'ispVac', label: 'Isp vac (m/s)', digits: 1, us: { label: 'Isp vac (s)', scale: toDisplay('specificImpulse', 1, 'US') } },
  { key: 'ispAmb', label: 'Isp amb (m/s)', digits: 1, us: { label: 'Isp amb (s)', scale: toDisplay('specificImpulse', 1, 'US') } },
  { key: 'densityIsp', label: 'ρ·Isp (kN·s/m³)', scale: 1e-3, digits: 0, us: { label: 'ρ·Isp (lbf·s/ft³)', scale: (FT * FT * FT) / LBF, digits: 1 } },
  { key: 'cstar', label: 'c* (m/s)', digits: 1, us: { label: 'c* (ft/s)', scale: toDisplay('velocity', 1, 'US') } },
  { key: 'Tc', label: 'Tc (K)', digits: 0, us: { label: 'Tc (°R)', scale: toDisplay('temperature', 1, 'US') } },
  { key: 'costPerImpulse', label: 'cost (USD/kN·s)', scale: 1e3, digits: 4, us: { label: 'cost (USD/klbf·s)', scale: 1e3 * LBF, digits: 4 } },
];
const shown = (c: Column, system: UnitSystem): Column => (system === 'US' && c.us ? { ...c, label: c.us.label, scale: c.us.scale, digits: c.us.digits ?? c.digits } : c);

function fmt(v: unknown, scale = 1, digits = 3): string {
  return typeof v === 'number' ? (v * scale).toFixed(digits) : String(v ?? '');
}

function RangeField(props: { label: string; value: VariableRange; scale?: number; onChange: (v: [number, number]) => void; id: string }) {
  const s = () => props.scale ?? 1;
  const pair = (): [number, number] => (typeof props.value === 'number' ? [props.value, props.value] : props.value);
  const set = (i: 0 | 1, text: string) => {
    const v: [number, number] = [...pair()];
    v[i] = Number(text) / s();
    props.onChange(v);
  };
  return (
    <fieldset class="range">
      <legend>{props.label}</legend>
      <label>from <input type="number" step="any" data-testid={`${props.id}-lo`} value={pair()[0] * s()} onChange={(e) => set(0, e.currentTarget.value)} /></label>
      <label>to <input type="number" step="any" data-testid={`${props.id}-hi`} value={pair()[1] * s()} onChange={(e) => set(1, e.currentTarget.value)} /></label>
    </fieldset>
  );
}

export default function Optimize() {
  const s = optimizeStore();
  const navigate = useNavigate();
  const [sortKey, setSortKey] = createSignal<keyof EvaluatedDesign>('ispVac');
  const [sortDesc, setSortDesc] = createSignal(true);
  const [saved, setSaved] = createSignal<{ id: string; name: string } | null>(null);
  const [saving, setSaving] = createSignal(false);
  const saveTarget = () => {
    const o = designStore().origin();
    return o.kind === 'experiment' ? `“${o.name}”` : 'a new experiment';
  };
  const save = async () => {
    setSaving(true);
    const e = await s.saveToExperiment();
    setSaving(false);
    setSaved(e && { id: e.id, name: e.name });
  };

  const toggle = (list: 'fuels' | 'oxidizers', name: string, on: boolean) => {
    const cur = s.spec[list];
    s.setSpec(list, on ? [...cur.filter((n) => n !== name), name] : cur.filter((n) => n !== name));
  };
  const setObjective = (i: number, o: Objective | null) => {
    const list = [...s.spec.objectives];
    if (o) list[i] = o;
    else list.splice(i, 1);
    s.setSpec('objectives', list);
  };
  const columns = () => COLUMNS.map((c) => shown(c, workspace().units()));
  const bound = (q: 'Tc' | 'peOverPamb', side: 'min' | 'max') => s.spec.constraints?.find((c) => c.quantity === q)?.[side];
  const setBound = (q: 'Tc' | 'peOverPamb', side: 'min' | 'max', v: number | undefined) => {
    const rest = (s.spec.constraints ?? []).filter((c) => c.quantity !== q);
    s.setSpec('constraints', v === undefined ? rest : [...rest, { quantity: q, [side]: v }]);
  };
  const tcMax = () => bound('Tc', 'max');
  const setTcMax = (v: number | undefined) => setBound('Tc', 'max', v);
  const peMin = () => bound('peOverPamb', 'min');

  const progressText = () => {
    const p = s.progress();
    return p ? `Generation ${p.generation} of ${p.generations} · ${p.evaluations.toLocaleString('en')} evaluations · ${s.front().length} designs on the front${p.generation === p.generations && !s.running() ? ' · done' : ''}` : '';
  };
  const objectives = () => (s.ranSpec() ?? s.spec).objectives;
  const sorted = createMemo(() => {
    const k = sortKey();
    const dir = sortDesc() ? -1 : 1;
    return [...s.front()].sort((a, b) => {
      const [x, y] = [a[k], b[k]];
      return dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
  });

  const open = (d: EvaluatedDesign) => {
    const ran = s.ranSpec();
    const r = ran && resolveOptimizeSpec(ran);
    if (!r || !r.ok) return;
    designStore().openPoint(designProblem(r.value, d), `Pareto design (${d.fuel} / ${d.oxidizer}, O/F ${d.of.toPrecision(4)})`);
    navigate('/explore');
  };

  const chartSpec = createMemo((): TopLevelSpec => {
    const objs = objectives().map(objectiveQuantity);
    const field = (q: ObjectiveQuantity) => ({ field: q, type: 'quantitative' as const, title: `${QUANTITY_INFO[q].label}${QUANTITY_INFO[q].unit ? ` (${QUANTITY_INFO[q].unit})` : ''}`, scale: { zero: false } });
    const color = objs[2] ? { ...field(objs[2]), scale: { scheme: 'viridis' } } : { field: 'fuel', type: 'nominal' as const, title: 'fuel' };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      height: 320,
      data: { values: s.front().map((d, i) => ({ ...d, _i: i })) },
      mark: { type: 'point', filled: true, size: 70, cursor: 'pointer' },
      encoding: {
        x: field(objs[0]),
        y: objs[1] ? field(objs[1]) : { field: 'of', type: 'quantitative', title: 'O/F' },
        color,
        shape: { field: 'oxidizer', type: 'nominal' },
        tooltip: [{ field: 'fuel', type: 'nominal' }, { field: 'oxidizer', type: 'nominal' }, { field: 'of', format: '.3f' }, { field: 'pc', format: '.3~s', title: 'pc (Pa)' }, { field: 'areaRatio', format: '.1f' },
          { field: 'ispVac', format: '.1f' }, { field: 'densityIsp', format: '.4~s' }, { field: 'Tc', format: '.0f' }],
      },
    } as TopLevelSpec;
  });

  const exportCsv = () => {
    const cols: CsvColumn<EvaluatedDesign>[] = [...COLUMNS.map((c) => ({ label: c.label, get: (d: EvaluatedDesign) => { const v = d[c.key]; return typeof v === 'number' ? v * (c.scale ?? 1) : v; } })),
      { label: 'pe (Pa)', get: (d) => d.pe }, { label: 'bulk density (kg/m³)', get: (d) => d.bulkDensity }];
    const blob = new Blob([toCsv(sorted(), cols, 'SI')], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'pareto.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const objectiveSelect = (i: number) => (
    <div class="field">
      <label for={`objective-${i}`}>Objective {i + 1}</label>
      <select id={`objective-${i}`} data-testid={`objective-${i}`}
        value={s.spec.objectives[i] ? `${'maximize' in s.spec.objectives[i] ? 'maximize' : 'minimize'}:${objectiveQuantity(s.spec.objectives[i])}` : ''}
        onChange={(e) => {
          const [dir, q] = e.currentTarget.value.split(':') as ['maximize' | 'minimize', ObjectiveQuantity];
          setObjective(i, e.currentTarget.value ? (dir === 'maximize' ? { maximize: q } : { minimize: q }) : null);
        }}>
        <Show when={i === 2}><option value="">none</option></Show>
        <For each={OBJECTIVE_QUANTITIES}>
          {(q) => (
            <>
              <option value={`maximize:${q}`}>maximise {QUANTITY_INFO[q].label}</option>
              <option value={`minimize:${q}`}>minimise {QUANTITY_INFO[q].label}</option>
            </>
          )}
        </For>
      </select>
    </div>
  );

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Optimize</h1>
      <p class="lead">Pareto fronts of rocket designs by NSGA-II (seeded: the same settings give the same front), each design solved by the equilibrium engine in a background worker.</p>
      <div class="card">
        <div class="row">
          <fieldset>
            <legend>Fuels (the optimiser chooses)</legend>
            <For each={LIQUIDS.filter((p) => p.role === 'fuel')}>
              {(p) => (
                <label><input type="checkbox" checked={s.spec.fuels.includes(specName(p.id))} onChange={(e) => toggle('fuels', specName(p.id), e.currentTarget.checked)} /> {p.name}</label>
              )}
            </For>
          </fieldset>
          <fieldset>
            <legend>Oxidizers</legend>
            <For each={LIQUIDS.filter((p) => p.role === 'oxidizer')}>
              {(p) => (
                <label><input type="checkbox" checked={s.spec.oxidizers.includes(specName(p.id))} onChange={(e) => toggle('oxidizers', specName(p.id), e.currentTarget.checked)} /> {p.name}</label>
              )}
            </For>
          </fieldset>
        </div>
        <div class="row">
          <RangeField id="of" label="O/F" value={s.spec.variables.of} onChange={(v) => s.setSpec('variables', 'of', v)} />
          <RangeField id="pc" label="Chamber pressure (MPa)" scale={1e-6} value={s.spec.variables.pc} onChange={(v) => s.setSpec('variables', 'pc', v)} />
          <RangeField id="eps" label="Area ratio Ae/At" value={s.spec.variables.areaRatio} onChange={(v) => s.setSpec('variables', 'areaRatio', v)} />
        </div>
        <div class="row">
          {objectiveSelect(0)}
          {objectiveSelect(1)}
          {objectiveSelect(2)}
        </div>
        <div class="row">
          <div class="field">
            <label><input type="checkbox" checked={tcMax() !== undefined} onChange={(e) => setTcMax(e.currentTarget.checked ? 3600 : undefined)} /> Chamber temperature ≤ (K)</label>
            <input type="number" data-testid="tc-max" value={tcMax() ?? 3600} disabled={tcMax() === undefined} onChange={(e) => setTcMax(Number(e.currentTarget.value))} />
          </div>
          <div class="field">
            <label title="Exit pressure at least this fraction of the ambient pressure (a guard against flow separation at sea level)">
              <input type="checkbox" data-testid="pe-min-on" checked={peMin() !== undefined} onChange={(e) => setBound('peOverPamb', 'min', e.currentTarget.checked ? 0.4 : undefined)} /> Exit pressure ≥ fraction of ambient
            </label>
            <input type="number" step="any" data-testid="pe-min" value={peMin() ?? 0.4} disabled={peMin() === undefined} onChange={(e) => setBound('peOverPamb', 'min', Number(e.currentTarget.value))} />
          </div>
          <div class="field"><label for="opt-pop">Population</label><input id="opt-pop" data-testid="population" type="number" step="2" value={s.spec.population} onChange={(e) => s.setSpec('population', Number(e.currentTarget.value))} /></div>
          <div class="field"><label for="opt-gen">Generations</label><input id="opt-gen" data-testid="generations" type="number" value={s.spec.generations} onChange={(e) => s.setSpec('generations', Number(e.currentTarget.value))} /></div>
          <div class="field"><label for="opt-seed">Seed</label><input id="opt-seed" data-testid="seed" type="number" value={s.spec.seed} onChange={(e) => s.setSpec('seed', Number(e.currentTarget.value))} /></div>
        </div>
        <div class="row">
          <button type="button" data-testid="optimize-run" disabled={s.running()} onClick={() => void s.run()}>Run</button>
          <Show when={s.running()}><button type="button" class="secondary" onClick={() => s.cancel()}>Cancel</button></Show>
          <span class="muted" aria-live="polite" data-testid="optimize-progress">
            {progressText()}
          </span>
        </div>
        <Show when={s.error()}><p class="error" role="alert">{s.error()}</p></Show>
      </div>
      <Show when={s.front().length > 0}>
        <div class="card">
          <VegaChart spec={chartSpec()} label="Pareto front of the designs" onPick={(d) => { const i = d._i; if (typeof i === 'number') open(s.front()[i]); }} />
          <p class="hint">Hover a point for its design; click it to open it in Explore.</p>
        </div>
        <div class="card">
          <div class="row">
            <button type="button" class="secondary" onClick={exportCsv}>Export CSV</button>
            <button type="button" class="secondary" data-testid="optimize-save" disabled={s.running() || saving() || !s.ranSpec()}
              title={`Keep the spec, seed and this Pareto set as a study of ${saveTarget()}`} onClick={() => void save()}>
              Save to experiment
            </button>
            <Show when={saved()}>
              {(e) => <span role="status" data-testid="optimize-saved">Saved to <A href={`/experiments/${encodeURIComponent(e().id)}`}>{e().name}</A>.</span>}
            </Show>
          </div>
          <div class="table-scroll">
            <table data-testid="pareto-table">
              <thead>
                <tr>
                  <For each={columns()}>
                    {(c) => (
                      <th aria-sort={sortKey() === c.key ? (sortDesc() ? 'descending' : 'ascending') : 'none'}>
                        <button type="button" class="link" onClick={() => { if (sortKey() === c.key) setSortDesc(!sortDesc()); else { setSortKey(c.key); setSortDesc(true); } }}>{c.label}</button>
                      </th>
                    )}
                  </For>
                </tr>
              </thead>
              <tbody>
                <For each={sorted()}>
                  {(d) => (
                    <tr onClick={() => open(d)} title="Open in Explore">
                      <For each={columns()}>{(c) => <td>{fmt(d[c.key], c.scale, c.digits)}</td>}</For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </div>
      </Show>
    </section>
  );
}

// Optimize: multi-objective rocket design (NSGA-II in WebAssembly, evaluated by the equilibrium
// engine in a worker). Pick propellants, ranges, objectives and constraints; the Pareto front
// updates each generation; hover a point for its design, click it (or a table row) to open it in
// Explore; sort the table and export it as CSV. With exactly two fuels (or oxidizers) the role can
// be blended instead of chosen: the mass fraction of the second becomes a decision variable.
import { For, Show, batch, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import type { TopLevelSpec } from 'vega-lite';
import { VegaChart } from '../components/VegaChart.tsx';
import { designStore } from '../../state/design.ts';
import { optimizeStore } from '../../state/app-stores.ts';
import { BUILT_IN_PROPELLANTS } from '../../domain/propellants.ts';
import {
  OBJECTIVE_QUANTITIES, QUANTITY_INFO, designProblem, objectiveQuantity, resolveOptimizeSpec,
  RANGE_LIMITS, type EvaluatedDesign, type Objective, type ObjectiveQuantity, type SeparationMode, type VariableRange,
} from '../../domain/optimize-spec.ts';
import { checkFieldRange, checkFieldText, fieldUnit, toShown, type FieldLimits, type FieldSpec } from '../../domain/field-check.ts';
import { CheckedInput } from '../components/CheckedInput.tsx';
import { ENGINE_LIMITS } from '../../domain/problem.ts';
import { SEPARATION_CRITERION, SEPARATION_CRITERION_FORMULA } from '../../domain/separation.ts';
import { cellValue, displayRow, paretoColumn, paretoColumns, paretoCsv, SEPARATED_AMBIENT_TEXT } from '../../domain/pareto-table.ts';
import { unitLabel, type Quantity } from '../../domain/units.ts';
import { workspace } from '../../state/workspace.ts';
import type { TermId } from '../../domain/glossary.ts';
import { Term } from '../components/Term.tsx';
import { explainPareto } from '../../domain/explain-pareto.ts';
import { createPdfDownload, fileStem } from '../components/file-io.ts';
import { ClaimList } from '../components/ClaimList.tsx';
import { BayesOnModel } from '../components/BayesOnModel.tsx';

/** The glossary term of each objective and Pareto column. */
const TERMS: Partial<Record<string, TermId>> = { of: 'of', pc: 'pc', areaRatio: 'areaRatio', ispVac: 'ispVac', ispAmb: 'ispAmb', densityIsp: 'densityIsp', cstar: 'cstar', Tc: 'tc', costPerImpulse: 'costPerImpulse', pe: 'pe' };

const LIQUIDS = BUILT_IN_PROPELLANTS.filter((p) => ['rp1', 'lch4', 'lh2', 'ethanol', 'mmh', 'udmh', 'a50', 'lox', 'n2o4', 'htp90', 'n2o'].includes(p.id));
const specName = (id: string) => {
  const p = BUILT_IN_PROPELLANTS.find((x) => x.id === id)!;
  return p.components.length === 1 ? p.components[0].name : p.id;
};

// Converted values to 8 significant figures (290.07548 psia, not 290.0754798…); untouched fields keep the exact SI value.
const shownValue = (v: number) => +v.toPrecision(8);

type Role = 'fuel' | 'oxidizer';
const BLEND = { fuel: 'fuelBlend', oxidizer: 'oxidizerBlend' } as const;
const LIST = { fuel: 'fuels', oxidizer: 'oxidizers' } as const;

function fmt(v: unknown, digits: number): string {
  return typeof v === 'number' ? v.toFixed(digits) : String(v ?? '');
}

/** The limits of a range's ends (SI, as the spec's validation has them) for the shared field check. */
const rangeLimits = (key: keyof typeof RANGE_LIMITS): FieldLimits => {
  const l = RANGE_LIMITS[key];
  return l.gt !== undefined ? { min: l.gt, minExclusive: true, max: l.le } : { min: l.ge, max: l.le };
};

function RangeField(props: { label: string; term?: TermId; value: VariableRange; quantity?: Quantity; limits: FieldLimits; onChange: (v: [number, number]) => void; id: string; onValidity: (id: string, message: string | null) => void }) {
  const spec = (bound?: 'from' | 'to'): FieldSpec => ({ ...props.limits, label: bound ? `${props.label} “${bound}”` : props.label, quantity: props.quantity, system: workspace().units() });
  const unit = () => fieldUnit(spec());
  const pair = (): [number, number] => (typeof props.value === 'number' ? [props.value, props.value] : props.value);
  // Checked here the shared way (limits in SI, messages in the units shown); the spec's own
  // validation (in SI) stays the backstop when the run starts.
  const [errors, setErrors] = createSignal<[string | null, string | null, string | null]>([null, null, null]);
  const error = () => errors().find((m) => m) ?? null;
  const put = (k: 0 | 1 | 2, m: string | null) => {
    const next = [...errors()] as [string | null, string | null, string | null];
    next[k] = m;
    setErrors(next);
    props.onValidity(props.id, next.find((x) => x) ?? null);
  };
  onCleanup(() => props.onValidity(props.id, null));
  // Both ends are read from their inputs, so a reversed pair waits for either end to be fixed.
  const inputs: HTMLInputElement[] = [];
  const set = (i: 0 | 1) => {
    const r = ([0, 1] as const).map((k) => checkFieldText(inputs[k].value, spec(k === 0 ? 'from' : 'to')));
    put(i, r[i].ok ? null : r[i].message);
    const [lo, hi] = r;
    if (!lo.ok || !hi.ok) return put(2, null);
    const reversed = checkFieldRange(lo.si, hi.si, spec());
    put(2, reversed);
    if (!reversed) props.onChange([lo.si, hi.si]);
  };
  return (
    <fieldset class="range" aria-invalid={error() ? 'true' : 'false'}>
      <legend>{props.label}{unit() ? ` (${unit()})` : ''}<Term id={props.term} /></legend>
      <label>from <input type="text" inputmode="decimal" autocomplete="off" data-testid={`${props.id}-lo`} value={shownValue(toShown(pair()[0], spec()))} aria-invalid={errors()[0] || errors()[2] ? 'true' : 'false'} aria-describedby={error() ? `${props.id}-err` : undefined} ref={(el) => (inputs[0] = el)} onChange={() => set(0)} /></label>
      <label>to <input type="text" inputmode="decimal" autocomplete="off" data-testid={`${props.id}-hi`} value={shownValue(toShown(pair()[1], spec()))} aria-invalid={errors()[1] || errors()[2] ? 'true' : 'false'} aria-describedby={error() ? `${props.id}-err` : undefined} ref={(el) => (inputs[1] = el)} onChange={() => set(1)} /></label>
      <Show when={error()}>{(m) => <p class="error" role="alert" id={`${props.id}-err`} data-testid={`${props.id}-error`}>{m()}</p>}</Show>
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
  // Fields holding a value they refused (by id): the run waits until they are fixed.
  const [invalid, setInvalid] = createSignal<Record<string, string>>({});
  const onValidity = (id: string, message: string | null) => setInvalid((m) => {
    const { [id]: _drop, ...rest } = m;
    return message ? { ...rest, [id]: message } : rest;
  });
  const [blocked, setBlocked] = createSignal<string | null>(null);
  const runNow = () => {
    const bad = Object.values(invalid());
    if (bad.length) return setBlocked(`Fix the marked field${bad.length > 1 ? 's' : ''} first: ${bad.join('; ')}`);
    setBlocked(null);
    void s.run();
  };
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

  const units = () => workspace().units();
  const toggle = (role: Role, name: string, on: boolean) => {
    const cur = s.spec[LIST[role]];
    const next = on ? [...cur.filter((n) => n !== name), name] : cur.filter((n) => n !== name);
    batch(() => {
      s.setSpec(LIST[role], next);
      // A blend is of exactly two: with one or three it would only be a validation error.
      if (next.length !== 2) s.setSpec('variables', BLEND[role], undefined);
    });
  };
  const blended = (role: Role) => s.spec.variables[BLEND[role]] !== undefined;
  const setObjective = (i: number, o: Objective | null) => {
    const list = [...s.spec.objectives];
    if (o) list[i] = o;
    else list.splice(i, 1);
    s.setSpec('objectives', list);
  };
  // The columns of the front shown (its blends), in the workspace's units; the CSV has pe and bulk density too.
  const allColumns = () => paretoColumns(s.ranSpec() ?? s.spec, units());
  const columns = () => allColumns().filter((c) => !c.csvOnly);
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
    if (s.queued()) return 'Queued: waits for the job ahead of it (see Jobs)';
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
    const blend = (x: number | undefined, second: string) => (x === undefined ? '' : `, ${second} ${x.toFixed(3)}`);
    designStore().openPoint(designProblem(r.value, d),
      `Pareto design (${d.fuel} / ${d.oxidizer}${blend(d.fuelBlend, ran.fuels[1])}${blend(d.oxidizerBlend, ran.oxidizers[1])}, O/F ${d.of.toPrecision(4)})`);
    navigate('/explore');
  };

  /** How many separated designs the chart leaves out (ambient Isp on an axis or the colour), or null for none. */
  const separatedOffChart = createMemo(() => {
    const objs = objectives().map(objectiveQuantity);
    const n = objs.slice(0, 3).includes('ispAmb') ? s.front().filter((d) => d.separated).length : 0;
    return n || null;
  });

  const chartSpec = createMemo((): TopLevelSpec => {
    const cols = allColumns();
    const objs = objectives().map(objectiveQuantity);
    // Axes in the table's units and headers (the data converted to match).
    const field = (q: ObjectiveQuantity | keyof EvaluatedDesign) => ({ field: q, type: 'quantitative' as const, title: paretoColumn(cols, q)?.label ?? q, scale: { zero: false } });
    const blendKey = (['fuelBlend', 'oxidizerBlend'] as const).find((k) => paretoColumn(cols, k));
    const color = objs[2] ? { ...field(objs[2]), scale: { scheme: 'viridis' } }
      : blendKey ? { ...field(blendKey), scale: { scheme: 'viridis', domain: [0, 1] } }
        : { field: 'fuel', type: 'nominal' as const, title: 'fuel' };
    const tipKeys: (keyof EvaluatedDesign)[] = ['fuel', 'fuelBlend', 'oxidizer', 'oxidizerBlend', 'of', 'pc', 'areaRatio', 'ispVac', 'densityIsp', 'Tc'];
    const tooltip: { field: string; type: 'nominal' | 'quantitative'; title: string; format?: string }[] = tipKeys.flatMap((k) => {
      const c = paretoColumn(cols, k);
      if (!c) return [];
      return [k === 'fuel' || k === 'oxidizer' ? { field: k, type: 'nominal' as const, title: c.label } : { field: k, type: 'quantitative' as const, title: c.label, format: `.${c.digits}f` }];
    });
    // a design marked as separated says so instead of a (meaningless, often negative) ambient Isp
    if (s.front().some((d) => d.separated)) tooltip.push({ field: 'flow', type: 'nominal' as const, title: `Nozzle flow (${SEPARATION_CRITERION})` });
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      height: 320,
      // a separated design has no ambient Isp to place or colour it by: left out (the note under the chart says so)
      data: { values: s.front().flatMap((d, i) => (d.separated && objs.slice(0, 3).includes('ispAmb') ? [] : [{ ...displayRow(d, cols), _i: i }])) },
      mark: { type: 'point', filled: true, size: 70, cursor: 'pointer' },
      encoding: {
        x: field(objs[0]),
        y: field(objs[1] ?? 'of'),
        color,
        shape: { field: 'oxidizer', type: 'nominal' },
        tooltip,
      },
    } as TopLevelSpec;
  });

  // What the front's ends trade: computed from the finished front (not at every generation of a run).
  const claims = createMemo(() => {
    const spec = s.ranSpec();
    return spec && !s.running() ? explainPareto(spec, s.front(), units()) : [];
  });
  const pdf = createPdfDownload(async () => {
    const spec = s.ranSpec();
    if (!spec) return null;
    const [{ reportPdf }, { optimizeReport }] = await Promise.all([import('../components/pdf-report.ts'), import('../../domain/report-studies.ts')]);
    const name = `Optimisation: ${spec.fuels.join(', ')} with ${spec.oxidizers.join(', ')}`;
    const blob = await reportPdf(optimizeReport(name, spec, s.front(), units(), new Date().toISOString().slice(0, 10), {
      explanations: claims().map((c) => c.text),
      provenance: { appVersion: __APP_VERSION__, thermoSha256: __THERMO_SHA256__ },
    }));
    return { name: `${fileStem('pareto')}.pdf`, blob };
  });

  const exportCsv = () => {
    const blob = new Blob([paretoCsv(sorted(), allColumns())], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'pareto.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const propellantPicker = (role: Role) => {
    const list = () => s.spec[LIST[role]];
    const none = () => (list().length ? null : `Choose at least one ${role}: the optimiser picks among the ones ticked`);
    createEffect(() => onValidity(LIST[role], none()));
    return (
      <fieldset aria-invalid={none() ? 'true' : 'false'} aria-describedby={none() ? `${LIST[role]}-err` : undefined}>
        <legend>{role === 'fuel' ? 'Fuels' : 'Oxidizers'} ({blended(role) ? 'blended' : 'the optimiser chooses'})</legend>
        <For each={LIQUIDS.filter((p) => p.role === role)}>
          {(p) => (
            <label><input type="checkbox" checked={list().includes(specName(p.id))} onChange={(e) => toggle(role, specName(p.id), e.currentTarget.checked)} /> {p.name}</label>
          )}
        </For>
        <Show when={list().length === 2}>
          <label title={`The mass fraction of ${list()[1]} in the ${role} becomes a design variable, between the bounds set below`}>
            <input type="checkbox" data-testid={`${BLEND[role]}-on`} checked={blended(role)}
              onChange={(e) => s.setSpec('variables', BLEND[role], e.currentTarget.checked ? [0, 1] : undefined)} /> Blend {list()[0]} with {list()[1]} instead of choosing
          </label>
        </Show>
        <Show when={none()}>{(m) => <p class="error" role="alert" id={`${LIST[role]}-err`} data-testid={`${LIST[role]}-error`}>{m()}</p>}</Show>
      </fieldset>
    );
  };

  const objectiveSelect = (i: number) => (
    <div class="field">
      <label for={`objective-${i}`}>Objective {i + 1}</label>
      <Term id={s.spec.objectives[i] ? TERMS[objectiveQuantity(s.spec.objectives[i])] : undefined} />
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
      <p class="lead"><Term id="paretoFront">Pareto fronts</Term> of rocket designs by <Term id="nsga">NSGA-II</Term> (seeded: the same settings give the same front), each design solved by the equilibrium engine in a background worker.</p>
      <div class="card">
        <div class="row">
          {propellantPicker('fuel')}
          {propellantPicker('oxidizer')}
        </div>
        <div class="row">
          <RangeField onValidity={onValidity} id="of" label="O/F" term="of" limits={rangeLimits('of')} value={s.spec.variables.of} onChange={(v) => s.setSpec('variables', 'of', v)} />
          <RangeField onValidity={onValidity} id="pc" term="pc" label="Chamber pressure" quantity="pressure" limits={rangeLimits('pc')} value={s.spec.variables.pc} onChange={(v) => s.setSpec('variables', 'pc', v)} />
          <RangeField onValidity={onValidity} id="eps" label="Area ratio Ae/At" term="areaRatio" limits={rangeLimits('areaRatio')} value={s.spec.variables.areaRatio} onChange={(v) => s.setSpec('variables', 'areaRatio', v)} />
          <For each={(['fuel', 'oxidizer'] as const).filter(blended)}>
            {(role) => (
              <RangeField onValidity={onValidity} id={BLEND[role]} label={`Mass fraction of ${s.spec[LIST[role]][1]} in the ${role} (0–1)`} limits={rangeLimits(BLEND[role])}
                value={s.spec.variables[BLEND[role]] ?? [0, 1]} onChange={(v) => s.setSpec('variables', BLEND[role], v)} />
            )}
          </For>
        </div>
        <div class="row">
          {objectiveSelect(0)}
          {objectiveSelect(1)}
          {objectiveSelect(2)}
        </div>
        <div class="row">
          <div class="field">
            <label><input type="checkbox" checked={tcMax() !== undefined} onChange={(e) => setTcMax(e.currentTarget.checked ? 3600 : undefined)} /> Chamber temperature ≤ ({unitLabel('temperature', units())})</label>
            <CheckedInput id="tc-max" testId="tc-max" ariaLabel={`Chamber temperature limit (${unitLabel('temperature', units())})`} value={tcMax() ?? 3600} disabled={tcMax() === undefined} onValidity={onValidity}
              spec={{ label: 'Chamber temperature limit', quantity: 'temperature', system: units(), min: 0, minExclusive: true, max: ENGINE_LIMITS.T_K.le }} onValue={setTcMax} />
          </div>
          <div class="field">
            <label title="Exit pressure at least this fraction of the ambient pressure (a guard against flow separation at sea level)">
              <input type="checkbox" data-testid="pe-min-on" checked={peMin() !== undefined} onChange={(e) => setBound('peOverPamb', 'min', e.currentTarget.checked ? 0.4 : undefined)} /> Exit pressure ≥ fraction of ambient
            </label>
            <CheckedInput id="pe-min" testId="pe-min" ariaLabel="Least exit pressure, as a fraction of ambient" value={peMin() ?? 0.4} disabled={peMin() === undefined} onValidity={onValidity}
              spec={{ label: 'Least exit pressure (fraction of ambient)', min: 0 }} onValue={(v) => setBound('peOverPamb', 'min', v)} />
          </div>
          <div class="field">
            <label for="opt-sep" title={`A nozzle whose exit pressure is far below ambient separates (${SEPARATION_CRITERION}: ${SEPARATION_CRITERION_FORMULA}); its ambient Isp would be meaningless`}>Designs whose nozzle flow separates at ambient</label><Term id="separation" />
            <select id="opt-sep" data-testid="separation" value={s.spec.separation ?? 'exclude'} onChange={(e) => s.setSpec('separation', e.currentTarget.value as SeparationMode)}>
              <option value="exclude">Leave off the front</option>
              <option value="mark">Keep and mark</option>
            </select>
          </div>
          <div class="field"><label for="opt-pop">Population</label><CheckedInput id="opt-pop" testId="population" value={s.spec.population} onValidity={onValidity} spec={{ label: 'Population', even: true, min: 4, max: 2000 }} onValue={(v) => s.setSpec('population', v)} /></div>
          <div class="field"><label for="opt-gen">Generations</label><CheckedInput id="opt-gen" testId="generations" value={s.spec.generations} onValidity={onValidity} spec={{ label: 'Generations', integer: true, min: 1, max: 100000 }} onValue={(v) => s.setSpec('generations', v)} /></div>
          <div class="field"><label for="opt-seed">Seed</label><CheckedInput id="opt-seed" testId="seed" value={s.spec.seed} onValidity={onValidity} spec={{ label: 'Seed', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }} onValue={(v) => s.setSpec('seed', v)} /></div>
        </div>
        <div class="row">
          <button type="button" data-testid="optimize-run" disabled={s.running()} onClick={runNow}>Run</button>
          <Show when={s.running()}><button type="button" class="secondary" onClick={() => s.cancel()}>Cancel</button></Show>
          <span class="muted" aria-live="polite" data-testid="optimize-progress">
            {progressText()}
          </span>
        </div>
        <Show when={blocked() && Object.keys(invalid()).length > 0}><p class="error" data-testid="optimize-blocked">{blocked()}</p></Show>
        <Show when={s.error()}><p class="error" role="alert">{s.error()}</p></Show>
      </div>
      <BayesOnModel variables={() => ({ of: s.spec.variables.of, pc: s.spec.variables.pc, areaRatio: s.spec.variables.areaRatio })} seed={() => s.spec.seed} />
      <Show when={s.front().length > 0}>
        <div class="card">
          <VegaChart spec={chartSpec()} label="Pareto front of the designs" onPick={(d) => { const i = d._i; if (typeof i === 'number') open(s.front()[i]); }} />
          <p class="hint">Hover a point for its design; click it to open it in Explore.</p>
          <Show when={separatedOffChart()}>{(n) => <p class="hint" role="note" data-testid="separated-off-chart">{n()} {n() === 1 ? 'design whose nozzle flow separates' : 'designs whose nozzle flow separates'} at ambient ({SEPARATION_CRITERION}) {n() === 1 ? 'is' : 'are'} not plotted: {n() === 1 ? 'it has' : 'they have'} no meaningful ambient Isp. The table lists {n() === 1 ? 'it' : 'them'}, marked “{SEPARATED_AMBIENT_TEXT}”.</p>}</Show>
        </div>
        <Show when={claims().length}>
          <section class="card" aria-label="Explanations of the front">
            <h2>What the front trades</h2>
            <ClaimList claims={claims()} testId="optimize-explanations" />
          </section>
        </Show>
        <div class="card">
          <div class="row">
            <button type="button" class="secondary" onClick={exportCsv}>Export CSV</button>
            <button type="button" class="secondary" data-testid="optimize-pdf" disabled={s.running() || pdf.busy() || !s.ranSpec()} onClick={() => void pdf.run()}>PDF report</button>
            <button type="button" class="secondary" data-testid="optimize-save" disabled={s.running() || saving() || !s.ranSpec()}
              title={`Keep the spec, seed and this Pareto set as a study of ${saveTarget()}`} onClick={() => void save()}>
              Save to experiment
            </button>
            <Show when={pdf.error()}>{(m) => <p class="error" role="alert" data-testid="optimize-pdf-error">{m()}</p>}</Show>
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
                      <th scope="col" aria-sort={sortKey() === c.key ? (sortDesc() ? 'descending' : 'ascending') : 'none'}>
                        <button type="button" class="link" onClick={() => { if (sortKey() === c.key) setSortDesc(!sortDesc()); else { setSortKey(c.key); setSortDesc(true); } }}>{c.label}</button><Term id={TERMS[c.key]} />
                      </th>
                    )}
                  </For>
                  <th scope="col">Explore</th>
                </tr>
              </thead>
              <tbody>
                <For each={sorted()}>
                  {(d, i) => (
                    <tr onClick={() => open(d)} title={d.separated ? `Open in Explore. The nozzle flow separates at ambient (${SEPARATION_CRITERION})` : 'Open in Explore'}
                      classList={{ separated: d.separated === true }} data-separated={d.separated ? 'true' : undefined}>
                      <For each={columns()}>{(c) => <td>{c.key === 'ispAmb' && d.separated ? <span class="sep-mark" data-testid="separated-mark">{SEPARATED_AMBIENT_TEXT}</span> : fmt(cellValue(d, c), c.digits)}</td>}</For>
                      {/* The row click is a mouse shortcut; this button is the keyboard's way in. */}
                      <td><button type="button" class="link" onClick={(e) => { e.stopPropagation(); open(d); }} aria-label={`Open design ${i() + 1} in Explore`}>Open</button></td>
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

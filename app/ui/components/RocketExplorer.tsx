// Explore with the equilibrium engine: edit a design point (propellants, O/F, chamber pressure,
// nozzle, ambient pressure, chemistry) and read its performance live, computed in the engine worker.
import { For, Show, Suspense, batch, createEffect, createMemo, createSignal, lazy, untrack } from 'solid-js';
import type { TopLevelSpec } from 'vega-lite';
import type { ExploreStore, ExploreOptimumQuantity } from '../../state/explore-store.ts';
import { curveDensityIsp, isStation } from '../../state/explore-store.ts';
import { findPropellantBySpecies, propellantReactants, propellantDensity } from '../../domain/propellants.ts';
import type { CombustorSpec, ReactantSpec, Station } from '../../domain/problem.ts';
import { formatSig } from '../../domain/number-text.ts';
import { QuantityField } from './QuantityField.tsx';
import { CheckedInput } from './CheckedInput.tsx';
import { NozzleExits } from './NozzleExits.tsx';
import { formatIsp, type IspUnit } from './format-isp.ts';
import { downloadBlob, downloadText, fileStem, pdfFailureText } from './file-io.ts';
import { rocketResultCsv } from '../../domain/csv.ts';
import { hasTransport, TRANSPORT_ROWS } from '../../domain/transport-rows.ts';
import { designStore } from '../../state/design.ts';
import { clearPendingExport, pendingExport } from '../../state/pending-export.ts';
import { createExplanations } from '../../state/explain-store.ts';
import type { RocketResult } from '../../domain/problem.ts';
import { workspace } from '../../state/workspace.ts';
import { engine } from '../../bridge/engine.ts';
import { G0, toDisplay, unitLabel, type Quantity } from '../../domain/units.ts';
import { Term } from './Term.tsx';
import { STATION_TERMS } from '../../domain/glossary.ts';
import { ambientIsp, SEPARATION_CRITERION, SEPARATION_CRITERION_FORMULA, type AmbientIsp } from '../../domain/separation.ts';
import { ClaimList } from './ClaimList.tsx';

// Shown only with a result, so loaded with it: a first visit on a slow network sees its first
// numbers without waiting for them.
const VegaChart = lazy(() => import('./VegaChart.tsx').then((m) => ({ default: m.VegaChart })));
const IdealComparison = lazy(() => import('./IdealComparison.tsx').then((m) => ({ default: m.IdealComparison })));
// The assistant's button (issue 16): loaded with the explanations, not in Explore's first load.
const AiExplain = lazy(() => import('./AiExplain.tsx').then((m) => ({ default: m.AiExplain })));
const ModelPrediction = lazy(() => import('./ModelPrediction.tsx').then((m) => ({ default: m.ModelPrediction })));
// Each sits in a Suspense of its own, so the page around it stays while its code loads.

/** Nozzle quantities that have no meaning in the (infinite-area) chamber; CEA leaves them blank too. */
const CHAMBER_BLANK = new Set(['mach', 'areaRatio', 'cf', 'ispVac', 'isp', 'ispAmb']);
const AT_REST = new Set(['Chamber', 'Injector']);

function reactantLabel(r: ReactantSpec): string {
  const p = findPropellantBySpecies(r.name);
  return p ? `${p.name}` : r.name;
}

export function RocketExplorer(props: { store: ExploreStore }) {
  const s = props.store;
  const ws = workspace();
  const sys = () => ws.units();
  const claims = createExplanations(s, sys, engine());
  const fmt = (q: Quantity, si: number, digits = 5) => formatSig(toDisplay(q, si, sys()), digits);
  const u = (q: Quantity) => unitLabel(q, sys());
  const p = s.problem;
  /** The headline's Isp unit (a workspace setting): seconds, or the effective exhaust velocity's unit. */
  const ispUnit = (): IspUnit => (ws.settings().ispUnit === 'velocity' ? 'velocity' : 's');
  const ispMain = (v: number) => formatIsp(v, ispUnit(), sys());
  const ispOther = (v: number) => formatIsp(v, ispUnit() === 's' ? 'velocity' : 's', sys());
  const bipropellant = () => p.reactants.some((r) => r.role);
  const [addId, setAddId] = createSignal('rp1');
  const [addRole, setAddRole] = createSignal<'fuel' | 'oxidizer' | ''>('fuel');

  const combustorKind = () => (p.combustor === undefined ? 'infinite' : 'contractionRatio' in p.combustor ? 'contractionRatio' : 'massFlux');
  // replaced whole: a store merges objects, and a combustor has exactly one of its two keys
  const setCombustor = (c: CombustorSpec | undefined) => batch(() => {
    s.setProblem('combustor', undefined);
    if (c) s.setProblem('combustor', c);
    // a finite chamber freezes only after the throat
    if (c && p.chemistry === 'frozen' && p.freezeAt !== 'throat') s.setProblem('freezeAt', 'throat');
  });

  const addReactant = () => {
    const prop = ws.library().find((x) => x.id === addId());
    if (!prop) return;
    const role = addRole() || undefined;
    const same = p.reactants.filter((r) => r.role === role);
    const rs = propellantReactants(prop, same.length ? 0 : 1, role);
    s.setProblem('reactants', [...p.reactants, ...rs]);
  };

  const station = createMemo(() => {
    const sol = s.solution();
    const e = sol?.exits[0];
    return sol && e && isStation(e) ? e : null;
  });
  // The model prediction's design and exit: the solved problem with its own exit, and only while it is
  // the design in the form. Between an edit (or an experiment opened) and its solution the last
  // solution answers another design, and a prediction from the new inputs and the old exit's ideal Isp
  // would be neither design's.
  const predicted = createMemo(() => {
    const x = s.solved();
    const e = x?.solution.exits[0];
    return x && e && isStation(e) && JSON.stringify(x.problem) === JSON.stringify(s.problem) ? { problem: x.problem, exit: e } : null;
  });

  /** Each reactant's library density (kg/m³), the user's propellants included; null if one is unknown. */
  const densities = createMemo(() => s.densitiesOf(p.reactants));
  /**
   * Bulk density of the propellant (volumes add) of the design the shown solution answers (its O/F,
   * not an edit still being solved: the headline multiplies it by that solution's Isp); null without
   * every density.
   */
  const density = createMemo(() => {
    const q = s.solved()?.problem ?? p;
    const d = s.densitiesOf(q.reactants);
    return d && d.length ? propellantDensity(q.reactants, d, q.of ?? 0) : null;
  });

  const warnings = createMemo(() => {
    const out = [...(s.solution()?.warnings ?? [])];
    for (const [i, x] of (s.solution()?.exits ?? []).entries()) {
      if (i > 0 && isStation(x) && ambientIsp(x, p.pamb ?? 101325).kind === 'separated') out.push(`Exit ${i + 1}: the flow separates in the nozzle at this ambient pressure (${SEPARATION_CRITERION}); its ambient Isp does not apply.`);
    }
    const cond = Object.keys(s.solution()?.chamber.moleFractions ?? {}).filter((n) => /\((cr|L|s|a|b|c|I|II)\)/.test(n));
    if (cond.length) out.push(`Condensed products in the chamber: ${cond.join(', ')} (two-phase flow losses are not modelled).`);
    for (const [i, x] of (s.solution()?.exits ?? []).entries()) if (!isStation(x)) out.push(`Exit ${i + 1} not computed: ${x.error.message}`);
    return out;
  });

  /** The curve shows density-Isp when the optimum maximises it (and every density is known). */
  /** The headline's ambient Isp: a number, or why a full-flowing nozzle's value would mislead. */
  const ambient = createMemo<AmbientIsp | null>(() => {
    const e = station();
    return e ? ambientIsp(e, p.pamb ?? 101325) : null;
  });
  const ambientNote = (a: AmbientIsp, e: Station): string => {
    const pa = `${fmt('pressure', p.pamb ?? 101325, 4)} ${u('pressure')}`;
    if (a.kind === 'separated') {
      return `Flow separates in the nozzle at this ambient pressure (pe/pa = ${formatSig(a.check.peOverPamb, 2)} < ${formatSig(a.check.limit, 2)}, ${SEPARATION_CRITERION} ${SEPARATION_CRITERION_FORMULA} at exit Mach ${formatSig(a.mach, 3)}; exit pressure ${fmt('pressure', e.p, 3)} ${u('pressure')} against ${pa}): the ambient Isp of a full-flowing nozzle does not apply. Use a smaller area ratio or a higher chamber pressure.`;
    }
    if (a.kind === 'no-thrust') return `No thrust at ${pa}: the ambient pressure on the exit outweighs the jet (a full-flowing nozzle would give ${formatSig(a.isp_m_s / G0, 4)} s), so there is no ambient Isp to show.`;
    return '';
  };
  /** The station table's ambient-Isp cell of an exit: the value, or why it does not apply. */
  const ambientCell = (st: Station): string => {
    const a = ambientIsp(st, p.pamb ?? 101325);
    return a.kind === 'separated' ? 'n/a: flow separates' : a.kind === 'no-thrust' ? 'n/a: no thrust' : fmt('specificImpulse', a.isp_m_s);
  };

  const curveDensity = createMemo(() => (s.optimumQuantity() === 'densityIsp' ? curveDensityIsp(s.curve(), p.reactants, densities()) : null));
  /** What the optimum maximises, and its value in the workspace's units. */
  const optimumText = (o: { value: number; quantity: ExploreOptimumQuantity }) => o.quantity === 'densityIsp'
    ? { what: 'density-Isp', value: `${fmt('densityImpulse', o.value, 5)} ${u('densityImpulse')}` }
    : { what: 'vacuum Isp', value: ispMain(o.value) }; // in the headline's Isp unit

  const curveSpec = createMemo<TopLevelSpec | null>(() => {
    const c = s.curve();
    if (c.length < 3) return null;
    const opt = s.optimum();
    const tc = `Tc (${u('temperature')})`;
    const rhoIsp = curveDensity();
    const yName = rhoIsp ? `Density-Isp (${u('densityImpulse')})` : 'Isp vacuum (s)';
    const data = c.map((d, k) => ({ of: d.of, [yName]: rhoIsp ? toDisplay('densityImpulse', rhoIsp[k], sys()) : d.ispVac / G0, [tc]: toDisplay('temperature', d.Tc, sys()) }));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      height: 220,
      data: { values: data },
      encoding: { x: { field: 'of', type: 'quantitative', title: 'O/F (mass)', scale: { zero: false } } },
      layer: [
        { mark: { type: 'line', color: '#1d5fd1', point: true }, encoding: { y: { field: yName, type: 'quantitative', scale: { zero: false }, axis: { titleColor: '#1d5fd1' } }, tooltip: [{ field: 'of', format: '.3f' }, { field: yName, format: rhoIsp ? '.4~s' : '.1f' }, { field: tc, format: '.0f' }] } },
        { mark: { type: 'line', color: '#d9480f', strokeDash: [4, 3] }, encoding: { y: { field: tc, type: 'quantitative', scale: { zero: false }, axis: { titleColor: '#d9480f' } } } },
        ...(opt ? [{ data: { values: [{ of: opt.of }] }, mark: { type: 'rule' as const, color: '#2b8a3e', strokeWidth: 2 }, encoding: { x: { field: 'of', type: 'quantitative' as const } } }] : []),
        ...(p.of ? [{ data: { values: [{ of: p.of }] }, mark: { type: 'rule' as const, color: '#555', strokeDash: [2, 2] }, encoding: { x: { field: 'of', type: 'quantitative' as const } } }] : []),
      ],
      resolve: { scale: { y: 'independent' } },
    } as TopLevelSpec;
  });

  const compositionSpec = createMemo<TopLevelSpec | null>(() => {
    const sol = s.solution();
    if (!sol) return null;
    const rows: { species: string; station: string; x: number }[] = [];
    const add = (name: string, st: Station) => {
      for (const [k, v] of Object.entries(st.moleFractions)) if (v >= 0.005) rows.push({ species: k, station: name, x: v });
    };
    add('chamber', sol.chamber);
    const e = station();
    if (e) add('exit', e);
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      // 14 px per bar (two per species) and room for the mole-fraction axis, given as a number: the
      // page keeps the chart's room free until the chart worker's drawing arrives, and the drawing is
      // fitted to it (VegaChart.reservedHeight), so nothing jumps when it comes
      height: 2 * 14 * Math.max(1, new Set(rows.map((r) => r.species)).size) + 40,
      data: { values: rows },
      mark: 'bar',
      encoding: {
        y: { field: 'species', type: 'nominal', sort: '-x', title: null },
        yOffset: { field: 'station' },
        x: { field: 'x', type: 'quantitative', title: 'mole fraction' },
        color: { field: 'station', type: 'nominal', scale: { range: ['#1d5fd1', '#f59f00'] } },
        tooltip: [{ field: 'species' }, { field: 'station' }, { field: 'x', format: '.5f' }],
      },
    } as TopLevelSpec;
  });

  const stem = () => fileStem(designStore().origin().name);
  const asResult = (x: NonNullable<ReturnType<typeof s.solution>>): RocketResult => ({ ok: true, ...x });
  // a PDF that cannot be made is said under the export buttons
  const [pdfError, setPdfError] = createSignal<string | null>(null);
  const exportPdf = async (r: RocketResult) => {
    setPdfError(null);
    try {
      const [{ reportPdf }, { designReport, ofCharts }] = await Promise.all([import('./pdf-report.ts'), import('../../domain/report.ts')]);
      const problem = s.snapshot();
      // the explanations "Why these numbers" shows, computed for this design
      const explanations = claims().map((c) => c.text);
      const blob = await reportPdf(designReport(designStore().origin().name, problem, r, sys(), new Date().toISOString().slice(0, 10), {
        charts: ofCharts(s.curve(), problem.of, sys()),
        explanations,
        provenance: { appVersion: __APP_VERSION__, thermoSha256: __THERMO_SHA256__, transSha256: __TRANS_SHA256__ },
      }));
      downloadBlob(`${stem()}.pdf`, blob);
    } catch (e) {
      setPdfError(pdfFailureText(e));
    }
  };

  /** The CEA deck of the design; its writer loads on the first export (a result does not need it). */
  const exportCeaDeck = async () => {
    const problem = s.snapshot();
    const name = stem();
    const { toCeaDeck } = await import('../../domain/cea-deck.ts');
    downloadText(`${name}.inp`, toCeaDeck(problem, name), 'text/plain');
  };

  // An export asked for in the command bar: done once the design's result is there.
  createEffect(() => {
    const f = pendingExport();
    const sol = s.solution();
    if (!f || !sol || s.busy()) return;
    clearPendingExport();
    untrack(() => {
      if (f === 'csv') downloadText(`${stem()}.csv`, rocketResultCsv(asResult(sol), sys()), 'text/csv');
      else if (f === 'pdf') void exportPdf(asResult(sol));
      else if (f === 'cea') void exportCeaDeck();
      else {
        const o = designStore().origin();
        if (o.kind === 'experiment') void workspace().exportOne(o.id).then((r) => r.ok && downloadText(`${stem()}.json`, r.value));
      }
    });
  });

  const STATION_ROWS: { key: keyof Station; label: string; q: Quantity }[] = [
    { key: 'p', label: 'Pressure', q: 'pressure' },
    { key: 'T', label: 'Temperature', q: 'temperature' },
    { key: 'rho', label: 'Density', q: 'density' },
    { key: 'h', label: 'Enthalpy', q: 'specificEnthalpy' },
    { key: 's', label: 'Entropy', q: 'specificHeat' },
    { key: 'M', label: 'Molar mass M', q: 'molarMass' },
    { key: 'cp', label: 'cp', q: 'specificHeat' },
    { key: 'gammaS', label: 'γs', q: 'dimensionless' },
    { key: 'a', label: 'Sound speed', q: 'velocity' },
    { key: 'mach', label: 'Mach', q: 'dimensionless' },
    { key: 'areaRatio', label: 'Ae/At', q: 'dimensionless' },
    { key: 'cstar', label: 'c*', q: 'velocity' },
    { key: 'cf', label: 'Cf', q: 'dimensionless' },
    { key: 'ispVac', label: 'Isp vacuum', q: 'specificImpulse' },
    { key: 'isp', label: 'Isp (pa = pe)', q: 'specificImpulse' },
    { key: 'ispAmb', label: 'Isp at ambient', q: 'specificImpulse' },
  ];
  /** The station rows, with the transport rows when the design asked for them. */
  const stationRows = createMemo(() => {
    const sol = s.solution();
    return sol && hasTransport(sol) ? [...STATION_ROWS, ...TRANSPORT_ROWS.map(([key, label, q]) => ({ key, label, q }))] : STATION_ROWS;
  });


  const columns = createMemo(() => {
    const sol = s.solution();
    if (!sol) return [] as { name: string; st: Station }[];
    const cols = sol.combustorEnd
      ? [{ name: 'Injector', st: sol.chamber }, { name: 'Combustor end', st: sol.combustorEnd }, { name: 'Throat', st: sol.throat }]
      : [{ name: 'Chamber', st: sol.chamber }, { name: 'Throat', st: sol.throat }];
    sol.exits.forEach((e, i) => { if (isStation(e)) cols.push({ name: `Exit ${i + 1}`, st: e }); });
    return cols;
  });

  return (
    <div class="explore-grid">
      <form class="card" aria-label="Design point" onSubmit={(e) => e.preventDefault()}>
        <h2>Propellants</h2>
        <table class="reactants" aria-label="Reactants">
          <thead><tr><th scope="col">Reactant</th><th scope="col">Role</th><th scope="col">Mass %</th><th scope="col"><span class="sr-only">Remove</span></th></tr></thead>
          <tbody>
            <For each={p.reactants}>
              {(r, i) => (
                <tr>
                  <td><span title={`${r.name} at ${r.T ?? 298.15} K`}>{reactantLabel(r)}</span><br /><small class="muted">{r.name}, {fmt('temperature', r.T ?? 298.15)} {u('temperature')}</small></td>
                  <td>
                    <select aria-label={`Role of ${reactantLabel(r)}`} value={r.role ?? ''} onChange={(e) => s.setProblem('reactants', i(), 'role', (e.currentTarget.value || undefined) as ReactantSpec['role'])}>
                      <option value="fuel">fuel</option>
                      <option value="oxidizer">oxidizer</option>
                      <option value="">propellant</option>
                    </select>
                  </td>
                  <td>
                    <CheckedInput id={`x-mass-${i()}`} class="pct" ariaLabel={`Mass % of ${reactantLabel(r)}`} testId={`x-mass-${i()}`} digits={6}
                      spec={{ label: `Mass % of ${reactantLabel(r)}`, unitText: '%', min: 0, max: 100 }} value={r.massFraction * 100}
                      onValue={(v) => s.setProblem('reactants', i(), 'massFraction', v / 100)} />
                  </td>
                  <td><button type="button" class="secondary icon" aria-label={`Remove ${reactantLabel(r)}`} disabled={p.reactants.length <= 1} onClick={() => s.setProblem('reactants', p.reactants.filter((_, k) => k !== i()))}>✕</button></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <div class="add-reactant">
          <label>Add <select aria-label="Propellant to add" value={addId()} onChange={(e) => setAddId(e.currentTarget.value)}>
            <For each={ws.library()}>{(x) => <option value={x.id}>{x.name}{x.builtIn ? '' : ' (custom)'}</option>}</For>
          </select></label>
          <label>as <select aria-label="Role of the added propellant" value={addRole()} onChange={(e) => setAddRole(e.currentTarget.value as 'fuel' | 'oxidizer' | '')}>
            <option value="fuel">fuel</option><option value="oxidizer">oxidizer</option><option value="">propellant</option>
          </select></label>
          <button type="button" class="secondary" onClick={addReactant}>Add</button>
        </div>
        <p class="hint">Mass % is within the role (fuel, oxidizer), or of the whole propellant for solids and monopropellants.</p>

        <h2>Conditions</h2>
        <Show when={bipropellant()}>
          <QuantityField id="x-of" label="Mixture ratio O/F" term="of" quantity="dimensionless" unitText="mass" system={sys()} value={p.of} min={0.001} max={100} onValue={(v) => { s.setProblem('of', v); s.setProblem('phi', undefined); }} />
        </Show>
        <QuantityField id="x-pc" label={p.combustor ? 'Injector pressure' : 'Chamber pressure'} term="pc" quantity="pressure" system={sys()} value={p.pc} min={1e3} max={5e8} onValue={(v) => s.setProblem('pc', v)} />
        <div class="field">
          <label for="x-combustor">Combustor</label>
          <select id="x-combustor" value={combustorKind()} onChange={(e) => {
            const v = e.currentTarget.value;
            // defaults: Ac/At 3, or about the mass flux that gives it (ṁ/Ac ≈ pc/(c*·Ac/At), c* ~ 1500 m/s)
            setCombustor(v === 'contractionRatio' ? { contractionRatio: 3 } : v === 'massFlux' ? { massFlux: Math.round(p.pc / 4500) } : undefined);
          }}>
            <option value="infinite">Infinite area</option>
            <option value="contractionRatio">Finite area, contraction ratio Ac/At</option>
            <option value="massFlux">Finite area, mass flux ṁ/Ac</option>
          </select>
        </div>
        <Show when={combustorKind() === 'contractionRatio'}>
          <QuantityField id="x-acat" label="Contraction ratio Ac/At" term="contractionRatio" quantity="dimensionless" system={sys()} value={(p.combustor as { contractionRatio: number }).contractionRatio} min={1.001} max={10000} onValue={(v) => setCombustor({ contractionRatio: v })} hint="the chamber's cross-section over the throat's" />
        </Show>
        <Show when={combustorKind() === 'massFlux'}>
          <QuantityField id="x-ma" label="Mass flux ṁ/Ac" term="massFlux" quantity="dimensionless" unitText="kg/(s·m²)" system={sys()} value={(p.combustor as { massFlux: number }).massFlux} min={0.001} max={1e7} onValue={(v) => setCombustor({ massFlux: v })} hint="mass flow per chamber cross-section" />
        </Show>
        <NozzleExits problem={p} system={sys()} setExits={(e) => s.setProblem('exits', e)} />
        <QuantityField id="x-pamb" label="Ambient pressure" term="pamb" quantity="pressure" system={sys()} value={p.pamb ?? 101325} min={0} max={1e8} onValue={(v) => s.setProblem('pamb', v)} hint="0 for vacuum" />
        <div class="field">
          <label for="x-chem">Chemistry</label><Term id="shifting" /><Term id="frozen" />
          <select id="x-chem" value={p.chemistry === 'frozen' ? `frozen-${p.freezeAt ?? 'chamber'}` : 'equilibrium'} onChange={(e) => {
            const v = e.currentTarget.value;
            if (v === 'equilibrium') { s.setProblem('chemistry', 'equilibrium'); s.setProblem('freezeAt', undefined); }
            else { s.setProblem('chemistry', 'frozen'); s.setProblem('freezeAt', v === 'frozen-throat' ? 'throat' : 'chamber'); }
          }}>
            <option value="equilibrium">Shifting equilibrium</option>
            <option value="frozen-chamber" disabled={p.combustor !== undefined}>Frozen at the chamber</option>
            <option value="frozen-throat">Frozen at the throat</option>
          </select>
        </div>
        <label class="radio"><input type="checkbox" data-testid="x-transport" checked={p.transport === true} onChange={(e) => s.setProblem('transport', e.currentTarget.checked ? true : undefined)} /> Transport properties (viscosity, conductivity, Prandtl number of the gas)</label>
      </form>

      <div class="results-col" aria-live="polite" aria-busy={s.busy()}>
        <Show when={s.error()}>
          {(e) => <p class="error card" role="alert" data-testid="engine-error">{e().message}</p>}
        </Show>
        <Show when={s.solution()} fallback={<Show when={!s.error()}><p class="muted card">Computing…</p></Show>}>
          {(sol) => (
            <>
              <section class="card" aria-label="Performance summary">
                <div class="row">
                  <h2>Performance</h2>
                  <label>Isp in <select aria-label="Isp unit" data-testid="isp-unit" value={ispUnit()} onChange={(e) => void ws.setSetting('ispUnit', e.currentTarget.value === 'velocity' ? 'velocity' : 's')}>
                    <option value="s">s</option>
                    <option value="velocity">{u('velocity')}</option>
                  </select></label>
                </div>
                <dl class="summary" data-testid="summary">
                  <Show when={station()}>
                    {(e) => (
                      <>
                        <div><dt><Term id="ispVac">Isp vacuum</Term></dt><dd data-testid="isp-vac-s">{ispMain(e().ispVac)}</dd><dd class="muted">{ispOther(e().ispVac)}</dd></div>
                        <Show when={ambient()?.kind === 'ok' ? ambient() as { isp_m_s: number } : null}
                          fallback={<div class="ambient-note"><dt><Term id="ispAmb">Isp at {fmt('pressure', p.pamb ?? 101325, 4)} {u('pressure')}</Term></dt><dd data-testid="isp-amb-na">{ambient()?.kind === 'separated' ? <>Not applicable: flow separates<Term id="separation" /></> : 'Not applicable: no thrust'}</dd><dd class="muted" role="note" data-testid="isp-amb-note">{ambientNote(ambient()!, e())}</dd></div>}>
                          {(a) => <div><dt><Term id="ispAmb">Isp at {fmt('pressure', p.pamb ?? 101325, 4)} {u('pressure')}</Term></dt><dd data-testid="isp-amb-s">{ispMain(a().isp_m_s)}</dd><dd class="muted">{ispOther(a().isp_m_s)}</dd></div>}
                        </Show>
                        <div><dt><Term id="cf">Cf vacuum</Term></dt><dd>{formatSig(e().ispVac / e().cstar, 4)}</dd></div>
                        <Show when={density()}>{(rho) => <div><dt><Term id="densityIsp">Density-Isp</Term></dt><dd data-testid="density-isp">{fmt('densityImpulse', e().ispVac * rho(), 5)} {u('densityImpulse')}</dd><dd class="muted">ρ = {fmt('density', rho(), 4)} {u('density')}</dd></div>}</Show>
                      </>
                    )}
                  </Show>
                  <div><dt><Term id="cstar">c*</Term></dt><dd data-testid="cstar">{fmt('velocity', sol().throat.cstar)} {u('velocity')}</dd></div>
                  <div><dt><Term id="tc">{sol().combustorEnd ? 'Injector temperature' : 'Chamber temperature'}</Term></dt><dd data-testid="tc">{fmt('temperature', sol().chamber.T)} {u('temperature')}</dd></div>
                  <Show when={sol().combustorEnd}>{(end) => (
                    <>
                      <div><dt><Term id="pinf">Stagnation pressure p∞</Term></dt><dd data-testid="pinf">{fmt('pressure', sol().pInf ?? NaN)} {u('pressure')}</dd><dd class="muted">p_inj/p∞ = {formatSig(p.pc / (sol().pInf ?? NaN), 5)}</dd></div>
                      <div><dt>Combustor end</dt><dd data-testid="combustor-end-mach">Mach {formatSig(end().mach, 3)}</dd><dd class="muted">Ac/At = {formatSig(end().areaRatio, 5)}</dd></div>
                    </>
                  )}</Show>
                  <div><dt><Term id="gammaS">γs (chamber)</Term></dt><dd>{formatSig(sol().chamber.gammaS, 4)}</dd></div>
                  <div><dt><Term id="molarMass">M (chamber)</Term></dt><dd>{fmt('molarMass', sol().chamber.M, 4)} {u('molarMass')}</dd></div>
                </dl>
                <Show when={station()}><Suspense><ModelPrediction problem={predicted()?.problem ?? p} exit={predicted()?.exit ?? null} units={sys()} ispUnit={ispUnit()} /></Suspense></Show>
                <Show when={warnings().length}>
                  <ul class="warnings" aria-label="Warnings"><For each={warnings()}>{(w) => <li>{w}</li>}</For></ul>
                </Show>
                <div class="row export-row">
                  <span class="muted">Export:</span>
                  <button type="button" class="secondary" onClick={() => downloadText(`${stem()}.csv`, rocketResultCsv(asResult(sol()), sys()), 'text/csv')}>CSV</button>
                  <button type="button" class="secondary" onClick={() => void exportPdf(asResult(sol()))}>PDF report</button>
                  <button type="button" class="secondary" onClick={() => void exportCeaDeck()}>CEA input deck</button>
                </div>
                <Show when={pdfError()}>{(m) => <p class="error" role="alert" data-testid="explore-pdf-error">{m()}</p>}</Show>
              </section>
              <Show when={claims().length}>
                <section class="card" aria-label="Explanations">
                  <h2>Why these numbers</h2>
                  <ClaimList claims={claims()} />
                  <Suspense>
                    <AiExplain solved={() => { const x = s.solved(); return x ? { problem: x.problem, result: asResult(x.solution) } : null; }}
                      claims={() => claims().map((c) => c.text)} units={sys} library={ws.library} />
                  </Suspense>
                </section>
              </Show>
              <section class="card" aria-label="Stations">
                <h2>Stations</h2>
                <div class="table-scroll">
                  <table class="results-table stations" aria-label="Station properties">
                    <thead><tr><th scope="col">Property</th><For each={columns()}>{(c) => <th scope="col"><Term id={c.name === 'Throat' ? 'throat' : undefined}>{c.name}</Term></th>}</For><th scope="col">Unit</th></tr></thead>
                    <tbody>
                      <For each={stationRows()}>{(row) => (
                        <tr><th scope="row"><Term id={STATION_TERMS[row.key]}>{row.label}</Term></th><For each={columns()}>{(c) => <td class="num" data-testid={row.key === 'ispAmb' ? `station-ispAmb-${c.name.toLowerCase().replace(' ', '')}` : undefined}>{(AT_REST.has(c.name) && CHAMBER_BLANK.has(row.key)) || c.st[row.key] === undefined ? '' : row.key === 'ispAmb' ? ambientCell(c.st) : fmt(row.q, c.st[row.key] as number)}</td>}</For><td class="unit">{u(row.q)}</td></tr>
                      )}</For>
                    </tbody>
                  </table>
                </div>
              </section>
              <Show when={!sol().combustorEnd && station()}>
                {(e) => <Suspense><IdealComparison chamber={sol().chamber} exit={e()} pc={p.pc} pamb={p.pamb ?? 101325} units={sys()} /></Suspense>}
              </Show>
              <Show when={curveSpec()}>
                {(spec) => (
                  <section class="card" aria-label={`${curveDensity() ? 'Density-Isp' : 'Isp'} and Tc versus O/F`}>
                    <h2>{curveDensity() ? 'Density-Isp' : 'Isp'} and Tc versus O/F</h2>
                    <div class="row">
                      <label>Optimum O/F maximises <select aria-label="Optimum O/F maximises" value={s.optimumQuantity()} onChange={(e) => s.setOptimumQuantity(e.currentTarget.value as ExploreOptimumQuantity)}>
                        <option value="ispVac">vacuum Isp</option>
                        <option value="densityIsp" disabled={!densities()}>density-Isp (Isp × bulk density)</option>
                      </select></label>
                      <Show when={!densities()}><span class="muted">Density-Isp needs a library density for every reactant.</span></Show>
                    </div>
                    <Show when={s.optimum()}>{(o) => <p data-testid="optimum-of">Optimum O/F for {optimumText(o()).what} ≈ <strong>{formatSig(o().of, 4)}</strong> ({optimumText(o()).value}) at this pressure and nozzle.</p>}</Show>
                    <Suspense><VegaChart spec={spec()} label={`${curveDensity() ? 'Density-Isp' : 'Vacuum Isp'} and chamber temperature versus O/F, with the optimum marked`} onPick={(d) => typeof d.of === 'number' && s.setProblem('of', d.of)} /></Suspense>
                  </section>
                )}
              </Show>
              <Show when={compositionSpec()}>
                {(spec) => (
                  <section class="card" aria-label="Composition">
                    <h2>Products (<Term id="moleFraction">mole fractions</Term> ≥ 0.005)</h2>
                    <Suspense><VegaChart spec={spec()} label="Mole fractions of the products in the chamber and at the exit" /></Suspense>
                  </section>
                )}
              </Show>
            </>
          )}
        </Show>
      </div>
    </div>
  );
}

// Sweep: map performance over grids of one to three inputs, run as a background job, with
// charts (line families, carpet, heat map), a sortable table, CSV export and click-to-Explore;
// with an O/F axis, the optimum O/F along each curve.
import { For, Show, createEffect, createMemo, createSignal, on, onCleanup, onMount } from 'solid-js';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import type { TopLevelSpec } from 'vega-lite';
import { takePendingSweep } from '../../state/command.ts';
import { createSweepStore, type SweepOptima, type SweepOptimumQuantity, type SweepTable } from '../../state/sweep-store.ts';
import { designStore } from '../../state/design.ts';
import { jobQueue, jobsState } from '../../jobs/app-queue.ts';
import { enginePool } from '../../bridge/engine-pool.ts';
import { openDraftStore } from '../../data/drafts.ts';
import { VegaChart, preloadCharts } from '../components/VegaChart.tsx';
import { BatchSweep } from '../components/BatchSweep.tsx';
import { workspace } from '../../state/workspace.ts';
import { G0, toDisplay, unitLabel, type Quantity } from '../../domain/units.ts';
import { VARIABLE_INFO, VARIABLE_QUANTITY, COLUMN_INFO, SWEEP_COLUMNS, MAX_SWEEP_POINTS, pointIndices, problemAt, onStride, stridedPoints, sweepCsv, type SweepAxis, type SweepColumn, type SweepSpec, type SweepVariable } from '../../domain/sweep.ts';
import { formatSig } from '../../domain/number-text.ts';
import { checkFieldText, type FieldSpec } from '../../domain/field-check.ts';
import { reactantDensities } from '../../domain/propellants.ts';
import type { TermId } from '../../domain/glossary.ts';
import { Term } from '../components/Term.tsx';
import { explainSweep } from '../../domain/explain-sweep.ts';
import { createPdfDownload, fileStem } from '../components/file-io.ts';
import { ClaimList } from '../components/ClaimList.tsx';



/** Display unit and scale of a quantity in the chosen unit system (all our conversions are linear);
 * specific impulse is shown in seconds (lbf·s/lbm in US units: the same number). */
function display(q: Quantity): { unit: string; scale: number } {
  const sys = workspace().units();
  if (q === 'specificImpulse') return { unit: sys === 'US' ? 'lbf·s/lbm' : 's', scale: 1 / G0 };
  return { unit: unitLabel(q, sys), scale: toDisplay(q, 1, sys) };
}
const varDisplay = (v: SweepVariable) => display(VARIABLE_QUANTITY[v]);
const outDisplay = (c: SweepColumn) => ({ label: COLUMN_INFO[c].label, ...display(COLUMN_INFO[c].quantity) });
/** The glossary term of each swept input and output. */
const TERMS: Partial<Record<SweepVariable | SweepColumn | SweepOptimumQuantity, TermId>> = { of: 'of', pc: 'pc', areaRatio: 'areaRatio', pe: 'pe', pamb: 'pamb', ispVac: 'ispVac', isp: 'ispMatched', ispAmb: 'ispAmb', cstar: 'cstar', cf: 'cf', Tc: 'tc', gammaS: 'gammaS', M: 'molarMass', densityIsp: 'densityIsp' };
const OPTIMUM_QUANTITIES: SweepOptimumQuantity[] = ['ispVac', 'ispAmb', 'cstar', 'densityIsp'];
const optimumDisplay = (q: SweepOptimumQuantity) => (q === 'densityIsp' ? { label: 'Density-Isp', ...display('densityImpulse') } : outDisplay(q));
/** An axis's name in the chart and the optimum table: "chamber pressure (bar)". */
const axisName = (a: SweepAxis) => `${VARIABLE_INFO[a.variable].label}${varDisplay(a.variable).unit !== '–' ? ` (${varDisplay(a.variable).unit})` : ''}`;

function AxisEditor(props: { axis: SweepAxis; index: number; onChange: (a: Partial<SweepAxis>) => void; onRemove?: () => void; onValidity: (id: string, message: string | null) => void }) {
  const d = () => varDisplay(props.axis.variable);
  // Checked the shared way (limits in SI, messages in the units shown); refused text stays in the field, unsaved.
  const [errs, setErrs] = createSignal<Partial<Record<'from' | 'to' | 'count', string>>>({});
  const setErr = (key: 'from' | 'to' | 'count', m: string | null) => {
    setErrs((x) => ({ ...x, [key]: m ?? undefined }));
    props.onValidity(`axis-${props.index}-${key}`, m);
  };
  onCleanup(() => (['from', 'to', 'count'] as const).forEach((k) => props.onValidity(`axis-${props.index}-${k}`, null)));
  const spec = (key: 'from' | 'to' | 'count', label: string): FieldSpec => {
    const info = VARIABLE_INFO[props.axis.variable];
    if (key === 'count') return { label: `Axis ${props.index + 1} points`, integer: true, min: 1, max: MAX_SWEEP_POINTS };
    const q = VARIABLE_QUANTITY[props.axis.variable];
    return { label: `Axis ${props.index + 1} ${label.toLowerCase()} (${info.label})`, quantity: q, system: workspace().units(), min: info.min, max: info.max, minExclusive: props.axis.spacing === 'log' && info.min <= 0 };
  };
  const num = (key: 'from' | 'to' | 'count', label: string, scaled: boolean) => {
    const err = () => errs()[key] ?? null;
    const id = `axis-${props.index}-${key}`;
    return (
      <div class="field" classList={{ invalid: !!err() }}>
        <label for={id}>{label}{scaled && d().unit !== '–' ? ` (${d().unit})` : ''}</label>
        <input id={id} type="text" inputmode="decimal" value={String(+(props.axis[key] * (scaled ? d().scale : 1)).toPrecision(8))}
          aria-invalid={err() ? 'true' : 'false'} aria-describedby={err() ? `${id}-err` : undefined}
          onChange={(e) => {
            const r = checkFieldText(e.currentTarget.value, spec(key, label));
            if (!r.ok) return setErr(key, r.message);
            setErr(key, null);
            props.onChange({ [key]: r.si });
          }} />
        <Show when={err()}><small id={`${id}-err`} class="error" role="alert" data-testid={`${id}-error`}>{err()}</small></Show>
      </div>
    );
  };
  return (
    <fieldset class="axis">
      <legend>Axis {props.index + 1}</legend>
      <div class="field">
        <label for={`axis-${props.index}-var`}>Variable</label>
        <select id={`axis-${props.index}-var`} value={props.axis.variable} onChange={(e) => {
          const v = e.currentTarget.value as SweepVariable;
          const defaults: Record<SweepVariable, [number, number, 'linear' | 'log']> = {
            of: [1.5, 4, 'linear'], pc: [1e6, 2e7, 'log'], areaRatio: [5, 100, 'log'], pe: [1e4, 1e5, 'log'], pamb: [0, 101325, 'linear'], blend: [0, 1, 'linear'],
          };
          const [from, to, spacing] = defaults[v];
          (['from', 'to', 'count'] as const).forEach((k) => setErr(k, null));
          props.onChange({ variable: v, from, to, spacing, reactant: v === 'blend' ? 0 : undefined });
        }}>
          <For each={Object.keys(VARIABLE_INFO) as SweepVariable[]}>{(v) => <option value={v}>{VARIABLE_INFO[v].label}</option>}</For>
        </select>
      </div>
      {num('from', 'From', true)}
      {num('to', 'To', true)}
      {num('count', 'Points', false)}
      <div class="field">
        <label for={`axis-${props.index}-spacing`}>Spacing</label>
        <select id={`axis-${props.index}-spacing`} value={props.axis.spacing} onChange={(e) => props.onChange({ spacing: e.currentTarget.value as 'linear' | 'log' })}>
          <option value="linear">linear</option>
          <option value="log">logarithmic</option>
        </select>
      </div>
      <Show when={props.onRemove}><button type="button" class="secondary" onClick={() => props.onRemove!()}>Remove axis {props.index + 1}</button></Show>
    </fieldset>
  );
}

/** Most values drawn along each axis (x, colour or y, dash or facet): the browser draws an SVG chart of
 * ~1,000 marks in a few tens of milliseconds, one of 10,000 (and a legend of 100 lines) in over a second. */
const CHART_LIMITS = { lines: [200, 10, 4], heatmap: [50, 50, 4] };
/** Above this many marks the chart is drawn on a canvas: Chromium takes hundreds of milliseconds to lay
 * out and paint an SVG of 2,000 points, a canvas a few. */
const CANVAS_FROM = 500;
/** Rows of the results table on one page: laying out 200 rows took the browser longer than a frame. */
export const TABLE_PAGE = 50;
/** Rows of a page added per task: building a page's 50 rows at once, then styling and laying them
 * out, was one main-thread task of 55–90 ms at a sweep's first table fill. */
const ROWS_PER_TASK = 10;

/** Every k-th value of each axis drawn in the chart (1 = all); the table and the CSV keep every point. */
export function chartStrides(axes: SweepAxis[], kind: 'lines' | 'heatmap'): number[] {
  const limits = CHART_LIMITS[kind === 'heatmap' && axes.length >= 2 ? 'heatmap' : 'lines'];
  return axes.map((a, k) => Math.max(1, Math.ceil((a.count - 1) / Math.max(1, limits[k] - 1))));
}


function chartSpec(t: SweepTable, out: SweepColumn, kind: 'lines' | 'heatmap', optima: SweepOptima | null): TopLevelSpec {
  const axes = t.spec.axes;
  const o = outDisplay(out);
  const names = axes.map(axisName);
  const yName = `${o.label} (${o.unit})`;
  const values: Record<string, number>[] = [];
  const strides = chartStrides(axes, kind);
  const scales = axes.map((a) => varDisplay(a.variable).scale);
  const column = t.columns[out];
  // Only the points drawn are visited (1,000 of a 10,000-point grid), in point order.
  for (const i of stridedPoints(axes, strides)) {
    const y = column[i];
    if (!Number.isFinite(y)) continue;
    const row: Record<string, number> = { point: i, [yName]: y * o.scale };
    for (let k = 0; k < axes.length; k++) row[names[k]] = t.axes[k][i] * scales[k];
    values.push(row);
  }
  // Above the canvas threshold the lines are drawn without a symbol at every point: the symbols
  // (each with its tooltip) took vega most of its time, and 100 points a line touch each other
  // anyway; a click or a hover still finds the nearest point of a line.
  const symbols = values.length <= CANVAS_FROM;
  const scaleOf = (k: number) => ({ type: axes[k].spacing === 'log' ? 'log' : 'linear', zero: false });
  const tooltip = [...names.map((f) => ({ field: f, type: 'quantitative', format: '.4~g' })), { field: yName, type: 'quantitative', format: '.5~g' }];
  if (kind === 'heatmap' && axes.length >= 2) {
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      height: 320, data: { values },
      mark: { type: 'rect', tooltip: true },
      encoding: {
        // Up to 50 values per axis: labels drawn level, and every one that would overlap its neighbour
        // left out (vega measures them at the width drawn). The legend goes below, so a phone's
        // width is the map's.
        x: { field: names[0], type: 'ordinal', axis: { format: '.3~g', labelAngle: 0, labelOverlap: 'greedy', labelSeparation: 6 } },
        y: { field: names[1], type: 'ordinal', sort: 'descending', axis: { format: '.3~g', labelOverlap: 'greedy', labelSeparation: 2 } },
        color: { field: yName, type: 'quantitative', scale: { scheme: 'viridis' }, legend: { orient: 'bottom', gradientLength: 200 } },
        ...(axes.length === 3 ? { facet: { field: names[2], type: 'ordinal', columns: 2 } } : {}),
        tooltip,
      },
    } as TopLevelSpec;
  }
  const color = axes.length >= 2 ? { color: { field: names[1], type: 'ordinal', legend: { format: '.4~g' } } } : {};
  const lines = {
    params: [{ name: 'zoom', select: 'interval', bind: 'scales' }],
    mark: { type: 'line', point: symbols, tooltip: true },
    encoding: {
      x: { field: names[0], type: 'quantitative', scale: scaleOf(0) },
      y: { field: yName, type: 'quantitative', scale: { zero: false } },
      ...color,
      ...(axes.length === 3 ? { strokeDash: { field: names[2], type: 'ordinal', legend: { format: '.4~g' } } } : {}),
      tooltip,
    },
  };
  // The optimum O/F of each drawn curve (O/F on x): a rule, and a diamond on the curve when it shows the optimised quantity.
  const marks: Record<string, number>[] = [];
  const q = optima?.quantity;
  for (const row of optima?.ofAxis === 0 ? optima.rows : []) {
    if (!row.result?.ok) continue;
    const idx = pointIndices(t.spec, row.point);
    if (strides.some((k, a) => !onStride(idx[a], k, axes[a].count))) continue;
    const m: Record<string, number> = { [names[0]]: row.result.value.of };
    for (const { axis, value } of row.at) m[names[axis]] = value * varDisplay(axes[axis].variable).scale;
    if (q === out) m[yName] = row.result.value.value * o.scale;
    marks.push(m);
  }
  if (!marks.length) return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', height: 320, data: { values }, ...lines } as TopLevelSpec;
  const x = { field: names[0], type: 'quantitative' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    height: 320, data: { values },
    layer: [
      lines,
      { data: { values: marks }, mark: { type: 'rule', strokeDash: [6, 3], strokeWidth: 1.5 }, encoding: { x, ...color, tooltip: [{ field: names[0], type: 'quantitative', format: '.5~g', title: 'optimum O/F' }] } },
      ...(q === out ? [{ data: { values: marks }, mark: { type: 'point', shape: 'diamond', size: 150, filled: true, stroke: '#000', strokeWidth: 1, opacity: 1 }, encoding: { x, y: { field: yName, type: 'quantitative' }, ...color, tooltip: [{ field: names[0], type: 'quantitative', format: '.5~g', title: 'optimum O/F' }, { field: yName, type: 'quantitative', format: '.5~g' }] } }] : []),
    ],
  } as TopLevelSpec;
}

/** The optimum O/F along each O/F curve of a finished sweep, with the quantity it maximises. */
function OptimumTable(props: { optima: SweepOptima; spec: SweepSpec; quantity: SweepOptimumQuantity; onQuantity: (q: SweepOptimumQuantity) => void }) {
  const d = () => optimumDisplay(props.optima.quantity);
  const others = () => props.spec.axes.filter((a) => a.variable !== 'of');
  const densitiesKnown = () => !!reactantDensities(props.spec.base.reactants, workspace().library());
  return (
    <div class="card lazy-layout">
      <h2 id="sweep-optima-title">Optimum O/F along each curve</h2>
      <div class="row">
        <label>Maximise <select aria-label="Quantity the optimum O/F maximises" value={props.quantity} onChange={(e) => props.onQuantity(e.currentTarget.value as SweepOptimumQuantity)}>
          <For each={OPTIMUM_QUANTITIES}>{(q) => <option value={q} disabled={q === 'densityIsp' && !densitiesKnown()}>{optimumDisplay(q).label}</option>}</For>
        </select></label>
        <Show when={!densitiesKnown()}><span class="muted">Density-Isp needs a library density for every reactant.</span></Show>
      </div>
      <p class="hint">
        Bracketing and Brent search in the engine worker over the sweep's O/F range ({formatSig(props.optima.range[0], 4)} to {formatSig(props.optima.range[1], 4)}), to 1e-4 relative in O/F.
        <Show when={props.optima.total > props.optima.rows.length}> Showing the first {props.optima.rows.length} of {props.optima.total} curves.</Show>
        {props.optima.ofAxis === 0 ? ' The optima are marked on the line chart.' : ' They are marked on the line chart when O/F is axis 1.'}
      </p>
      <div class="table-scroll">
        <table class="results-table" aria-labelledby="sweep-optima-title">
          <thead>
            <tr>
              <For each={others()}>{(a) => <th scope="col"><Term id={TERMS[a.variable]}>{axisName(a)}</Term></th>}</For>
              <th scope="col"><Term id="of">Optimum O/F</Term></th>
              <th scope="col"><Term id={TERMS[props.optima.quantity]}>{d().label} ({d().unit})</Term></th>
            </tr>
          </thead>
          <tbody>
            <For each={props.optima.rows}>
              {(row) => (
                <tr>
                  <For each={row.at}>{(x) => <td class="num">{formatSig(x.value * varDisplay(props.spec.axes[x.axis].variable).scale, 5)}</td>}</For>
                  <Show when={row.result} fallback={<td colSpan={2} class="muted">searching…</td>}>
                    {(r) => {
                      const res = r();
                      return res.ok
                        ? <><td class="num">{formatSig(res.value.of, 5)}</td><td class="num">{formatSig(res.value.value * d().scale, 5)}</td></>
                        : <td colSpan={2} class="error">{res.error.message}</td>;
                    }}
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Follows `value` one task later when it turns true (at once when false): what hangs on it is
 * built in a task of its own, not in the one that changed `value`. */
function nextTask(value: () => boolean): () => boolean {
  const [later, setLater] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const v = value();
    clearTimeout(timer);
    if (!v) setLater(false);
    else timer = setTimeout(() => setLater(true), 0);
  });
  onCleanup(() => clearTimeout(timer));
  return later;
}

/** The first `step` items of `items`, then `step` more every task until all are there; back to
 * `step` when `restart` changes. A page of rows is built in several tasks, not one long one. */
function inSteps<T>(items: () => T[], step: number, restart: () => unknown): () => T[] {
  const [limit, setLimit] = createSignal(step);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(on(restart, () => setLimit(step), { defer: true }));
  createEffect(() => {
    clearTimeout(timer);
    if (items().length > limit()) timer = setTimeout(() => setLimit((l) => l + step), 0);
  });
  onCleanup(() => clearTimeout(timer));
  return createMemo(() => items().slice(0, limit()));
}

/** Longest the optimum searches wait for the chart to be drawn. */
const OPTIMA_WAIT_MS = 3000;

export default function Sweep() {
  // The optimum searches of a finished sweep start once its chart is on the page: run at the same
  // time they share the processor, and the chart took several times longer to appear.
  let chartDrawn: (() => void) | null = null;
  /** The spec of the chart to draw (set below), and the last one drawn. */
  let wantedSpec = (): TopLevelSpec | undefined => undefined;
  let drawnSpec: TopLevelSpec | null = null;
  const afterChart = () => new Promise<void>((resolve) => {
    const spec = wantedSpec();
    if (!spec || spec === drawnSpec) return resolve();
    const timer = setTimeout(done, OPTIMA_WAIT_MS);
    function done() {
      clearTimeout(timer);
      chartDrawn = null;
      resolve();
    }
    chartDrawn = done;
  });
  const design = designStore();
  const s = createSweepStore({
    engine: enginePool(),
    densitiesOf: (rs) => reactantDensities(rs, workspace().library()),
    drafts: openDraftStore(),
    jobs: jobsState.jobs,
    queue: jobQueue(),
    origin: () => design.origin(),
    beforeOptima: afterChart,
    // At Run only the start-up (a worker warmed on the page's design already is not held up by more solves).
    warm: () => enginePool().warm(),
  });
  const navigate = useNavigate();
  const [output, setOutput] = createSignal<SweepColumn>('ispVac');
  const [kind, setKind] = createSignal<'lines' | 'heatmap'>('lines');
  const [sortCol, setSortCol] = createSignal<string>('point');
  const [sortDesc, setSortDesc] = createSignal(false);
  const [tablePage, setTablePage] = createSignal(0);
  const total = createMemo(() => s.axes.reduce((n, a) => n * a.count, 1));
  // Axis fields holding text they refused (by id): the sweep does not run until they are fixed.
  const [invalid, setInvalid] = createSignal<Record<string, string>>({});
  const onValidity = (id: string, message: string | null) => setInvalid((m) => {
    const { [id]: _drop, ...rest } = m;
    return message ? { ...rest, [id]: message } : rest;
  });
  const invalidCount = () => Object.keys(invalid()).length;
  const [params] = useSearchParams();
  // `?experiment=ID&study=SID`: show a sweep saved with an experiment, with its design in Explore.
  onMount(preloadCharts);
  // The sweep runner's code loads with the page, not in the tasks right after Run (adding its
  // chunks' preload links there made one of them long).
  onMount(() => void import('../../jobs/sweep-runner.ts'));
  // The pool's workers start while the grid is set up: a 10,000-point sweep's first chunk waited
  // ~0.2 s for a worker's engine to load (benchmark sweep-browser).
  onMount(() => enginePool().warm(design.snapshot()));
  // A sweep asked for in the command bar: its grid, run on the design at once.
  onMount(() => {
    const axes = takePendingSweep();
    if (!axes) return;
    s.setAxes(axes);
    void s.run(design.snapshot());
  });
  onMount(async () => {
    if (!params.experiment || !params.study) return;
    const ws = workspace();
    await ws.whenReady();
    const e = ws.byId(params.experiment as string);
    const study = e?.studies.find((x) => x.id === params.study && x.kind === 'sweep');
    if (!e || !study) return;
    const spec = study.spec as unknown as SweepSpec;
    design.openExperiment(e);
    design.load(spec.base);
    const stored = (await ws.resultsOf(e.id)).find((r) => r.id === study.resultsRef);
    s.showStored(study.id, spec, (stored?.columns ?? {}) as Record<string, Float64Array>);
  });

  // Drawing thousands of marks takes longer than a frame: the chart waits for the job to stop, and
  // marks the optima once all of them are in (not at each one).
  const chartOptima = createMemo(() => {
    const o = s.optima();
    return o && o.rows.every((r) => r.result) ? o : null;
  });
  const running = () => s.job()?.status === 'running' || s.job()?.status === 'queued';

  const rows = createMemo(() => {
    const t = s.table();
    if (!t) return [] as number[];
    // Rebuilt at every publish of a running sweep: a plain loop, and no sort for the point order.
    const { ispVac, Tc } = t.columns;
    const idx: number[] = [];
    for (let i = 0; i < ispVac.length; i++) if (Number.isFinite(ispVac[i]) || Number.isFinite(Tc[i])) idx.push(i);
    const c = sortCol();
    const sign = sortDesc() ? -1 : 1;
    if (c === 'point') return sign > 0 ? idx : idx.reverse();
    const key = c.startsWith('axis') ? t.axes[+c.slice(4)] : t.columns[c as SweepColumn];
    idx.sort((a, b) => (key[a] - key[b]) * sign);
    return idx;
  });

  /** Which values the chart leaves out on a large grid, in words, or null when it draws every point. */
  const thinned = () => {
    const t = s.table();
    if (!t) return null;
    const strides = chartStrides(t.spec.axes, kind());
    const parts = t.spec.axes.flatMap((a, k) => {
      if (strides[k] === 1) return [];
      const drawn = Array.from({ length: a.count }, (_, i) => i).filter((i) => onStride(i, strides[k], a.count)).length;
      return [`${drawn} of the ${a.count} ${VARIABLE_INFO[a.variable].label} values`];
    });
    return parts.length ? parts.join(', ') : null;
  };

  const openInExplore = (i: number) => {
    const t = s.table();
    if (!t) return;
    design.openPoint(problemAt(t.spec, i), `Sweep point ${i + 1}`);
    navigate('/explore');
  };

  const download = () => {
    const t = s.table();
    if (!t) return;
    const blob = new Blob([sweepCsv(t.spec, t.axes, t.columns, workspace().units())], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'sweep.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  // What the numbers say: computed from the finished table and the optimum searches once all are in.
  // In a task after the chart's data (the first explanation reads the whole table).
  const explainable = nextTask(s.settled);
  const claims = createMemo(() => {
    const t = s.table();
    if (!t || !explainable()) return [];
    return explainSweep(t, chartOptima(), workspace().units());
  });
  const pdf = createPdfDownload(async () => {
    const t = s.table();
    if (!t) return null;
    const [{ reportPdf }, { sweepReport }] = await Promise.all([import('../components/pdf-report.ts'), import('../../domain/report-studies.ts')]);
    const name = `Sweep of ${design.origin().name}`;
    const blob = await reportPdf(sweepReport(name, t, chartOptima(), workspace().units(), new Date().toISOString().slice(0, 10), {
      explanations: claims().map((c) => c.text),
      provenance: { appVersion: __APP_VERSION__, thermoSha256: __THERMO_SHA256__ },
    }));
    return { name: `${fileStem(name)}.pdf`, blob };
  });

  const sortBy = (c: string) => {
    if (sortCol() === c) setSortDesc(!sortDesc());
    else { setSortCol(c); setSortDesc(false); }
    setTablePage(0);
  };
  const pages = () => Math.max(1, Math.ceil(rows().length / TABLE_PAGE));
  /** The page shown, kept within the rows there are (a new, smaller sweep starts again at the first). */
  const page = () => Math.min(tablePage(), pages() - 1);
  const pageRows = createMemo(() => rows().slice(page() * TABLE_PAGE, (page() + 1) * TABLE_PAGE));
  const shownRows = inSteps(pageRows, ROWS_PER_TASK, () => [page(), sortCol(), sortDesc()]);
  // Run shows the results cards: the chart's card a task after the table appears, the results
  // card a task after that (built with the table's first rows in the task that showed it, they
  // made one long task).
  const cardsShown = nextTask(() => !!s.table());
  const resultsShown = nextTask(cardsShown);
  const chart = createMemo(() => {
    const t = s.table();
    // Built a task after "Done" is shown (see the store's `settled`).
    if (!t || !s.settled()) return null;
    const spec = chartSpec(t, output(), kind(), chartOptima());
    const marks = (spec as { data?: { values?: unknown[] } }).data?.values?.length ?? 0;
    return { spec, renderer: marks > CANVAS_FROM ? 'canvas' as const : 'svg' as const };
  });
  wantedSpec = () => chart()?.spec;

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Sweep</h1>
      <p class="lead">Map the performance of the design point in Explore over ranges of one to three inputs. Sweeps run as background jobs on all but one of your processor cores; you can keep working, cancel, or resume after a reload.</p>
      <p><A href="/analyze" class="back-link" data-testid="to-analyze">Which input matters most? Sensitivity analysis (Sobol, Morris) →</A></p>
      <div class="card">
        <h2>Grid</h2>
        <div class="axes">
          <For each={s.axes}>
            {(a, i) => <AxisEditor axis={a} index={i()} onValidity={onValidity} onChange={(ch) => s.setAxes(i(), ch)} onRemove={s.axes.length > 1 ? () => s.setAxes(s.axes.filter((_, k) => k !== i())) : undefined} />}
          </For>
        </div>
        <div class="row">
          <Show when={s.axes.length < 3}>
            <button type="button" class="secondary" onClick={() => s.setAxes([...s.axes, { variable: 'areaRatio', from: 10, to: 100, count: 3, spacing: 'log' }])}>Add an axis</button>
          </Show>
          <span class="muted" data-testid="sweep-total">{total().toLocaleString('en')} points{total() > MAX_SWEEP_POINTS ? ` — at most ${MAX_SWEEP_POINTS.toLocaleString('en')}` : ''}</span>
          <button type="button" data-testid="sweep-run" disabled={invalidCount() > 0} aria-describedby={invalidCount() ? 'sweep-invalid' : undefined} onClick={() => void s.run(design.snapshot())}>Run sweep</button>
          <Show when={s.job() && (s.job()!.status === 'running' || s.job()!.status === 'queued')}>
            <button type="button" class="secondary" onClick={() => void jobQueue().cancel(s.jobId()!)}>Cancel</button>
          </Show>
        </div>
        <Show when={invalidCount()}><p class="error" id="sweep-invalid" data-testid="sweep-invalid">Fix the marked field{invalidCount() > 1 ? 's' : ''} to run the sweep.</p></Show>
        <Show when={s.submitError()}><p class="error" role="alert">{s.submitError()}</p></Show>
        <BatchSweep run={s.runBatch} />
        {/* The bar is there, unseen, before the first run: nothing below moves when Run shows it, and
            the browser's first layout of a progress element (~9 ms) is not part of the click's task. */}
        <div class="sweep-progress" aria-live="polite">
          <progress max={s.job()?.pointsTotal ?? 1} value={s.job()?.pointsDone ?? 0} aria-label="Sweep progress" style={{ visibility: s.job() ? 'visible' : 'hidden' }} />
          <Show when={s.job()}>
            {(j) => <span data-testid="sweep-status">{j().status === 'done' ? 'Done' : j().status === 'running' ? 'Running' : j().status}: {j().pointsDone.toLocaleString('en')} / {j().pointsTotal.toLocaleString('en')} points{j().failureCount ? `, ${j().failureCount} failed` : ''}</span>}
          </Show>
        </div>
      </div>
      <Show when={cardsShown() && s.table()}>
        {(t) => (
          <>
            <div class="card">
              <div class="row">
                <label>Show <select aria-label="Output to chart" value={output()} onChange={(e) => setOutput(e.currentTarget.value as SweepColumn)}>
                  <For each={SWEEP_COLUMNS as unknown as SweepColumn[]}>{(c) => <option value={c}>{outDisplay(c).label}</option>}</For>
                </select></label><Term id={TERMS[output()]} />
                <Show when={t().spec.axes.length >= 2}>
                  <label>as <select aria-label="Chart type" value={kind()} onChange={(e) => setKind(e.currentTarget.value as 'lines' | 'heatmap')}>
                    <option value="lines">line family (carpet)</option>
                    <option value="heatmap">heat map</option>
                  </select></label>
                </Show>
              </div>
              <Show when={!running()} fallback={<p class="muted">The chart is drawn when the sweep ends; the table below fills in as it runs.</p>}>
                <Show when={chart()}>{(c) => <VegaChart spec={c().spec} renderer={c().renderer} onDrawn={(drawn) => { drawnSpec = drawn; if (drawn === chart()?.spec) chartDrawn?.(); }} label={`${outDisplay(output()).label} over the sweep`} onPick={(d) => typeof d.point === 'number' && openInExplore(d.point)} />}</Show>
                <p class="hint">Click a point to open it in Explore. Drag or scroll on the chart to zoom.<Show when={thinned()}>{(note) => <> The chart draws {note()}; the table and the CSV have every point.</>}</Show></p>
              </Show>
            </div>
            <Show when={claims().length}>
              <section class="card lazy-layout" aria-label="Explanations of the sweep">
                <h2>What the numbers say</h2>
                <ClaimList claims={claims()} testId="sweep-explanations" />
              </section>
            </Show>
            <Show when={s.optima()}>{(o) => <OptimumTable optima={o()} spec={t().spec} quantity={s.optimumQuantity()} onQuantity={s.setOptimumQuantity} />}</Show>
            <Show when={resultsShown()}>
              <div class="card lazy-layout">
                <div class="row">
                  <h2>Results</h2>
                  <button type="button" class="secondary" onClick={download}>Export CSV</button>
                  <button type="button" class="secondary" data-testid="sweep-pdf" disabled={running() || pdf.busy()} onClick={() => void pdf.run()}>PDF report</button>
                </div>
                <Show when={pdf.error()}>{(m) => <p class="error" role="alert" data-testid="sweep-pdf-error">{m()}</p>}</Show>
                <div class="table-scroll sweep-table-box">
                  <table class="results-table sweep-table" aria-label="Sweep results">
                    <thead>
                      <tr>
                        <th scope="col"><button type="button" class="link" onClick={() => sortBy('point')}>#</button></th>
                        <For each={t().spec.axes}>{(a, k) => <th scope="col" aria-sort={sortCol() === `axis${k()}` ? (sortDesc() ? 'descending' : 'ascending') : 'none'}><button type="button" class="link" onClick={() => sortBy(`axis${k()}`)}>{VARIABLE_INFO[a.variable].label} ({varDisplay(a.variable).unit})</button><Term id={TERMS[a.variable]} /></th>}</For>
                        <For each={['ispVac', 'ispAmb', 'cstar', 'Tc'] as SweepColumn[]}>{(c) => <th scope="col" aria-sort={sortCol() === c ? (sortDesc() ? 'descending' : 'ascending') : 'none'}><button type="button" class="link" onClick={() => sortBy(c)}>{outDisplay(c).label} ({outDisplay(c).unit})</button><Term id={TERMS[c]} /></th>}</For>
                        <th scope="col"><span class="sr-only">Open</span></th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={shownRows()}>
                        {(i) => (
                          <tr>
                            <td>{i + 1}</td>
                            <For each={t().spec.axes}>{(a, k) => <td class="num">{formatSig(t().axes[k()][i] * varDisplay(a.variable).scale, 5)}</td>}</For>
                            <For each={['ispVac', 'ispAmb', 'cstar', 'Tc'] as SweepColumn[]}>{(c) => <td class="num">{formatSig(t().columns[c][i] * outDisplay(c).scale, 5)}</td>}</For>
                            <td><button type="button" class="link" onClick={() => openInExplore(i)} aria-label={`Open point ${i + 1} in Explore`}>Open</button></td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <Show when={rows().length > TABLE_PAGE}>
                  <div class="row">
                    <button type="button" class="secondary" disabled={page() === 0} onClick={() => setTablePage(page() - 1)}>Previous rows</button>
                    <p class="muted" data-testid="sweep-rows">Showing rows {(page() * TABLE_PAGE + 1).toLocaleString('en')}–{Math.min(rows().length, (page() + 1) * TABLE_PAGE).toLocaleString('en')} of {rows().length.toLocaleString('en')}; the CSV has all of them.</p>
                    <button type="button" class="secondary" disabled={page() === pages() - 1} onClick={() => setTablePage(page() + 1)}>Next rows</button>
                  </div>
                </Show>
              </div>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

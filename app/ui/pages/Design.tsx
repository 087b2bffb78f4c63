// Design: from a thrust requirement to a drawn thrust chamber with its wall heat flux. The engine
// worker sizes it (app/domain/design via workers/design-api.ts); this page edits the inputs, draws
// the half-section with its dimensions, charts the flow and the heat flux along the axis and
// exports the contour (CSV, DXF) and the wall (STL).
import { createMemo, createSignal, For, lazy, onMount, Show, Suspense } from 'solid-js';
import type { TopLevelSpec } from 'vega-lite';
import { createChamberStore, type ChamberStoreIo } from '../../state/chamber-store.ts';
import { workspace } from '../../state/workspace.ts';
import { designStore } from '../../state/design.ts';
import { engine } from '../../bridge/engine.ts';
import type { KernelError, Result } from '../../domain/result.ts';
import type { JsonValue } from '../../domain/json-clean.ts';
import { TEMPLATES } from '../../domain/templates.ts';
import { toDisplay, unitLabel, withUnit, type Quantity } from '../../domain/units.ts';
import { formatSig } from '../../domain/number-text.ts';
import { contourCsv, contourDxf, wallStl } from '../../domain/design/export.ts';
import type { DesignResult } from '../../domain/design/design.ts';
import type { ChamberNozzle } from '../../domain/design/inputs.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import { QuantityField } from '../components/QuantityField.tsx';
import { VegaChart } from '../components/VegaChart.tsx';
import { downloadBlob, downloadText } from '../components/file-io.ts';
import type { ColourBy } from '../components/Chamber3d.tsx';
import { explainDesign } from '../../domain/design/explain.ts';
import { ClaimList } from '../components/ClaimList.tsx';

// three.js comes with this component only, fetched when the Design section first shows a design
const Chamber3d = lazy(() => import('../components/Chamber3d.tsx'));

const AXIS_QUANTITIES: { key: 'r' | 'mach' | 'p' | 'T' | 'q'; label: string; quantity?: Quantity; unit?: string; scale?: number }[] = [
  { key: 'r', label: 'Radius', quantity: 'length' },
  { key: 'mach', label: 'Mach number' },
  { key: 'p', label: 'Pressure', quantity: 'pressure' },
  { key: 'T', label: 'Temperature', quantity: 'temperature' },
  { key: 'q', label: 'Heat flux', unit: 'MW/m²', scale: 1e-6 },
];

/** The half-section drawn mirrored about the axis, with its main dimensions, in an SVG (mm). */
function ChamberDrawing(props: { d: DesignResult; system: UnitSystem }) {
  const geo = createMemo(() => {
    const c = props.d.contour;
    const x0 = c[0].x;
    const x1 = c[c.length - 1].x;
    const rMax = Math.max(...c.map((p) => p.r));
    const L = x1 - x0;
    const pad = 0.12 * Math.max(L, 2 * rMax);
    const top = c.map((p) => `${(p.x - x0) * 1000},${-p.r * 1000}`).join(' ');
    const bottom = c.map((p) => `${(p.x - x0) * 1000},${p.r * 1000}`).join(' ');
    return { x0, x1, rMax, L, pad, top, bottom };
  });
  const len = (m: number) => `${formatSig(toDisplay('length', m, props.system) * (props.system === 'SI' ? 1000 : 12), 4)} ${props.system === 'SI' ? 'mm' : 'in'}`;
  const mm = (v: number) => v * 1000;
  return (
    <svg role="img" aria-label={`Thrust chamber drawing: throat diameter ${len(props.d.throatDiameter)}, exit diameter ${len(props.d.exitDiameter)}, chamber diameter ${len(props.d.chamberDiameter)}, nozzle length ${len(props.d.nozzleLength)}`}
      data-testid="chamber-drawing" class="chamber-drawing" style={{ width: '100%', 'max-height': '420px' }}
      viewBox={`${mm(-geo().pad)} ${mm(-geo().rMax - 1.6 * geo().pad)} ${mm(geo().L + 2 * geo().pad)} ${mm(2 * geo().rMax + 3.2 * geo().pad)}`}>
      <defs>
        <marker id="dim-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
        </marker>
      </defs>
      <g fill="none" stroke="currentColor" vector-effect="non-scaling-stroke">
        <line x1={mm(-geo().pad / 2)} y1="0" x2={mm(geo().L + geo().pad / 2)} y2="0" stroke-dasharray="8 4 2 4" stroke-width="1" vector-effect="non-scaling-stroke" opacity="0.6" />
        <polyline points={geo().top} stroke-width="2" vector-effect="non-scaling-stroke" />
        <polyline points={geo().bottom} stroke-width="2" vector-effect="non-scaling-stroke" />
      </g>
      <g class="dims" fill="currentColor" stroke="currentColor" font-size={mm(0.035 * Math.max(geo().L, 2 * geo().rMax))}>
        {(() => {
          const g = geo();
          const xt = mm(-g.x0);
          const xe = mm(g.L);
          const rt = mm(props.d.throatDiameter / 2);
          const re = mm(props.d.exitDiameter / 2);
          const rc = mm(props.d.chamberDiameter / 2);
          const yLow = mm(g.rMax + 0.8 * g.pad);
          const yHigh = -mm(g.rMax + 0.8 * g.pad);
          const dim = (x1: number, y1: number, x2: number, y2: number) => (
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke-width="1" vector-effect="non-scaling-stroke" marker-start="url(#dim-arrow)" marker-end="url(#dim-arrow)" />
          );
          return (
            <>
              {dim(xt, -rt, xt, rt)}
              <text x={xt + mm(0.01 * g.L)} y={-rt - mm(0.02 * g.L)} stroke="none">Dt {len(props.d.throatDiameter)}</text>
              {dim(xe, -re, xe, re)}
              <text x={xe} y={-re - mm(0.03 * g.L)} stroke="none" text-anchor="end">De {len(props.d.exitDiameter)}</text>
              {dim(0, -rc, 0, rc)}
              <text x={mm(0.01 * g.L)} y={-rc - mm(0.02 * g.L)} stroke="none">Dc {len(props.d.chamberDiameter)}</text>
              {dim(0, yLow, xt, yLow)}
              <text x={xt / 2} y={yLow - mm(0.02 * g.L)} stroke="none" text-anchor="middle">injector–throat {len(props.d.injectorToThroat)}</text>
              {dim(xt, yHigh, xe, yHigh)}
              <text x={(xt + xe) / 2} y={yHigh - mm(0.02 * g.L)} stroke="none" text-anchor="middle">nozzle {len(props.d.nozzleLength)}</text>
            </>
          );
        })()}
      </g>
    </svg>
  );
}

/** The chamber store's I/O in the app: the engine worker, this browser's settings, Explore's design
 * and the experiment it was opened from. */
const chamberIo = (): ChamberStoreIo => {
  const ws = workspace();
  return {
    design: (spec) => engine().call('designChamber', spec) as Promise<Result<DesignResult, KernelError>>,
    explore: () => {
      const d = designStore();
      return { problem: d.snapshot(), name: d.origin().name };
    },
    // the design store first: its restore (the origin of Explore's design) runs before this one's
    loadInputs: () => {
      designStore();
      return ws.whenReady().then(() => ws.settings().chamberDesign);
    },
    saveInputs: (doc) => void ws.setSetting('chamberDesign', doc as unknown as JsonValue),
    experiment: () => {
      const o = designStore().origin();
      if (o.kind !== 'experiment') return null;
      const e = ws.experiments().find((x) => x.id === o.id);
      return e ? { id: e.id, name: e.name, chamber: e.inputs.chamber } : null;
    },
    saveToExperiment: (id, doc) => ws.update(id, (e) => ({ ...e, inputs: { ...e.inputs, chamber: { ...doc } } })),
  };
};

export default function Design() {
  const ws = workspace();
  const s = createChamberStore(chamberIo());
  const sys = () => ws.units();
  const i = () => s.inputs();
  const [colourBy, setColourBy] = createSignal<ColourBy>('q');
  const legend = () => {
    const c = colourBy();
    if (c === 'q') return { title: 'heat flux [MW/m²]', shown: (v: number) => formatSig(v / 1e6, 3) };
    if (c === 'mach') return { title: 'Mach number', shown: (v: number) => formatSig(v, 3) };
    return { title: `pressure [${unitLabel('pressure', sys())}]`, shown: (v: number) => formatSig(toDisplay('pressure', v, sys()), 3) };
  };
  const [axisKey, setAxisKey] = createSignal<(typeof AXIS_QUANTITIES)[number]['key']>('q');
  const [invalid, setInvalid] = createSignal<Record<string, string | null>>({});
  const onValidity = (id: string, m: string | null) => setInvalid({ ...invalid(), [id]: m });
  const hasInvalid = () => Object.values(invalid()).some((m) => m);
  onMount(() => void s.ready.then(() => s.run()));

  const axisSpec = createMemo((): TopLevelSpec | null => {
    const d = s.result();
    if (!d) return null;
    const a = AXIS_QUANTITIES.find((q) => q.key === axisKey())!;
    const values = d.heatFlux.map((row) => ({
      x: toDisplay('length', row.x, sys()),
      y: a.quantity ? toDisplay(a.quantity, row[a.key], sys()) : row[a.key] * (a.scale ?? 1),
    }));
    const yTitle = a.quantity ? withUnit(a.label, a.quantity, sys()) : a.unit ? `${a.label} [${a.unit}]` : a.label;
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      height: 220,
      data: { values },
      mark: { type: 'line', point: false, tooltip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: withUnit('Axial position from the throat', 'length', sys()) },
        y: { field: 'y', type: 'quantitative', title: yTitle },
      },
    } as TopLevelSpec;
  });

  const stem = () => `chamber-${s.source().name.replace(/[^\w.-]+/g, '-').toLowerCase()}`;
  const summary = (d: DesignResult): { label: string; value: string; testid: string }[] => {
    const q = (v: number, quantity: Quantity) => `${formatSig(toDisplay(quantity, v, sys()), 5)} ${unitLabel(quantity, sys())}`;
    const lenMm = (v: number) => (sys() === 'SI' ? `${formatSig(v * 1000, 5)} mm` : `${formatSig(v / 0.0254, 5)} in`);
    return [
      { label: 'Thrust', value: q(d.thrust, 'force'), testid: 'd-thrust' },
      { label: 'Mass flow', value: q(d.massFlow, 'massFlow'), testid: 'd-massflow' },
      { label: 'Delivered Isp', value: `${formatSig(d.ispDelivered / 9.80665, 5)} s`, testid: 'd-isp' },
      { label: 'Throat diameter', value: lenMm(d.throatDiameter), testid: 'd-dt' },
      { label: 'Exit diameter', value: lenMm(d.exitDiameter), testid: 'd-de' },
      { label: 'Chamber diameter', value: lenMm(d.chamberDiameter), testid: 'd-dc' },
      { label: 'Chamber (cylinder) length', value: lenMm(d.chamberLength), testid: 'd-lc' },
      { label: 'Nozzle length (throat to exit)', value: lenMm(d.nozzleLength), testid: 'd-ln' },
      { label: 'Area ratio Ae/At', value: formatSig(d.areaRatio, 5), testid: 'd-eps-out' },
      { label: 'Divergence efficiency λ', value: formatSig(d.divergenceEfficiency, 5), testid: 'd-lambda' },
      ...(d.thetaE !== undefined ? [{ label: 'θn / θe', value: `${formatSig(d.thetaN!, 4)}° / ${formatSig(d.thetaE, 4)}°`, testid: 'd-angles' }] : []),
      { label: 'Peak heat flux', value: `${formatSig(d.maxHeatFlux / 1e6, 4)} MW/m²`, testid: 'd-qmax' },
      { label: 'Heat load (chamber + nozzle)', value: `${formatSig(d.heatLoad / 1e6, 4)} MW`, testid: 'd-heatload' },
    ];
  };

  const pdfSheet = async (d: DesignResult) => {
    const { designPdf, pdfText: plain } = await import('../components/design-pdf.ts');
    const inp = i();
    const inputs: [string, string][] = [
      ['Propellants', s.source().name],
      ['Thrust', `${formatSig(toDisplay('force', inp.thrust, sys()), 6)} ${unitLabel('force', sys())}`],
      ['Ambient pressure', `${formatSig(toDisplay('pressure', inp.pamb, sys()), 6)} ${unitLabel('pressure', sys())}`],
      inp.exitBy === 'pe'
        ? ['Exit pressure', `${formatSig(toDisplay('pressure', inp.pe, sys()), 6)} ${unitLabel('pressure', sys())} (Ae/At ${formatSig(d.areaRatio ?? NaN, 5)})`]
        : ['Area ratio Ae/At', formatSig(inp.areaRatio, 6)],
      ['Nozzle', inp.nozzle === 'bell' ? `Rao bell, ${formatSig(inp.lengthFraction * 100, 4)} % of a 15 deg cone` : inp.nozzle === 'conical' ? `cone, half-angle ${inp.halfAngle} deg` : 'method of characteristics'],
      ['Contraction ratio Ac/At', formatSig(inp.contractionRatio, 6)],
      ['L*', `${formatSig(toDisplay('length', inp.lStar, sys()), 6)} ${unitLabel('length', sys())}`],
      ['Wall temperature', `${formatSig(toDisplay('temperature', inp.wallTemperature, sys()), 6)} ${unitLabel('temperature', sys()).replace('°', 'deg ')}`],
      ['c* efficiency', formatSig(inp.cstarEfficiency, 4)],
    ];
    const results = summary(d).map((r) => [plain(r.label), plain(r.value)] as [string, string]);
    const lenText = (m: number) => (sys() === 'SI' ? `${formatSig(m * 1000, 4)} mm` : `${formatSig(m / 0.0254, 4)} in`);
    const blob = await designPdf({ title: 'Thrust chamber design sheet', subtitle: plain(`${s.source().name} - Rocket Fuel Optimizer`), inputs: inputs.map(([k, v]) => [plain(k), plain(v)]), results, design: d, len: lenText, explanations: explainDesign(d, sys()).map((c) => c.text) });
    downloadBlob(`${stem()}-design.pdf`, blob);
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Design</h1>
      <p class="lead">Size a thrust chamber for a thrust: mass flow, throat, exit and chamber, the nozzle contour (cone, Rao bell or method of characteristics) and the gas-side wall heat flux by Bartz. The engine solves the propellants with a finite-area combustor and transport properties.</p>
      <div class="explore-grid">
        <form class="card" aria-label="Design inputs" onSubmit={(e) => { e.preventDefault(); if (!hasInvalid()) void s.run(); }}>
          <div class="field">
            <label for="d-source">Propellants</label>
            <select id="d-source" value={i().source} onChange={(e) => s.set('source', e.currentTarget.value)}>
              <option value="explore">Explore's design</option>
              <For each={TEMPLATES}>{(t) => <option value={t.id}>Template: {t.title}</option>}</For>
            </select>
            <small class="hint" data-testid="d-source-name">{s.source().name}</small>
          </div>
          <QuantityField id="d-thrust" label="Thrust" quantity="force" system={sys()} value={i().thrust} min={0.001} max={1e10} minExclusive onValue={(v) => s.set('thrust', v)} onValidity={onValidity} />
          <QuantityField id="d-pamb" label="Ambient pressure" quantity="pressure" system={sys()} value={i().pamb} min={0} max={1e8} onValue={(v) => s.set('pamb', v)} onValidity={onValidity} hint="0 for vacuum" />
          <div class="field">
            <label for="d-exit-by">Nozzle exit given by</label>
            <select id="d-exit-by" value={i().exitBy} onChange={(e) => {
              const by = e.currentTarget.value === 'pe' ? 'pe' : 'areaRatio';
              // the field put away no longer holds the Design button
              onValidity(by === 'pe' ? 'd-eps' : 'd-pe', null);
              s.set('exitBy', by);
            }}>
              <option value="areaRatio">area ratio Ae/At</option>
              <option value="pe">exit pressure</option>
            </select>
          </div>
          <Show when={i().exitBy === 'pe'} fallback={
            <QuantityField id="d-eps" label="Area ratio Ae/At" quantity="dimensionless" system={sys()} value={i().areaRatio} min={1} minExclusive max={10000} onValue={(v) => s.set('areaRatio', v)} onValidity={onValidity} />
          }>
            <QuantityField id="d-pe" label="Exit pressure" quantity="pressure" system={sys()} value={i().pe} min={0} minExclusive max={1e9} onValue={(v) => s.set('pe', v)} onValidity={onValidity} hint="below the chamber pressure; the area ratio follows" />
          </Show>
          <div class="field">
            <label for="d-nozzle">Nozzle</label>
            <select id="d-nozzle" value={i().nozzle} onChange={(e) => s.set('nozzle', e.currentTarget.value as ChamberNozzle)}>
              <option value="bell">Rao thrust-optimised bell</option>
              <option value="conical">Cone</option>
              <option value="moc">Method of characteristics (minimum length)</option>
            </select>
          </div>
          <Show when={i().nozzle === 'bell'}>
            <QuantityField id="d-frac" label="Bell length, fraction of a 15° cone" quantity="dimensionless" system={sys()} value={i().lengthFraction} min={0.6} max={1} onValue={(v) => s.set('lengthFraction', v)} onValidity={onValidity} />
          </Show>
          <Show when={i().nozzle === 'conical'}>
            <QuantityField id="d-alpha" label="Cone half-angle" quantity="dimensionless" unitText="°" system={sys()} value={i().halfAngle} min={1} max={45} onValue={(v) => s.set('halfAngle', v)} onValidity={onValidity} />
          </Show>
          <QuantityField id="d-cr" label="Contraction ratio Ac/At" quantity="dimensionless" system={sys()} value={i().contractionRatio} min={1} minExclusive max={400} onValue={(v) => s.set('contractionRatio', v)} onValidity={onValidity} />
          <QuantityField id="d-lstar" label="Characteristic length L*" quantity="length" system={sys()} value={i().lStar} min={0} minExclusive max={100} onValue={(v) => s.set('lStar', v)} onValidity={onValidity} />
          <QuantityField id="d-tw" label="Wall temperature (gas side)" quantity="temperature" system={sys()} value={i().wallTemperature} min={0} minExclusive max={5000} onValue={(v) => s.set('wallTemperature', v)} onValidity={onValidity} />
          <QuantityField id="d-eta" label="c* efficiency" quantity="dimensionless" system={sys()} value={i().cstarEfficiency} min={0.5} max={1} onValue={(v) => s.set('cstarEfficiency', v)} onValidity={onValidity} />
          <button type="submit" disabled={s.running() || hasInvalid()}>{s.running() ? 'Designing…' : 'Design'}</button>
          <Show when={s.experiment()}>
            {(e) => (
              <p>
                <button type="button" disabled={hasInvalid()} onClick={() => void s.saveToExperiment()}>Save inputs in “{e().name}”</button>
                <Show when={s.saved()}>{(m) => <span role="status"> {m()}</span>}</Show>
              </p>
            )}
          </Show>
        </form>
        <div class="card results" aria-busy={s.running()}>
          <Show when={s.error()}>{(e) => <p class="error" role="alert" data-testid="d-error">{e().message}{e().field ? ` (${e().field})` : ''}</p>}</Show>
          <Show when={s.result()} fallback={<p class="muted">{s.running() ? 'Designing…' : 'Press Design to size the chamber.'}</p>}>
            {(d) => (
              <>
                <table class="results-table" aria-label="Design results">
                  <tbody>
                    <For each={summary(d())}>{(row) => <tr><th scope="row">{row.label}</th><td class="num" data-testid={row.testid}>{row.value}</td></tr>}</For>
                  </tbody>
                </table>
                <Show when={d().warnings.length}>
                  <ul class="warnings" aria-label="Warnings"><For each={d().warnings}>{(w) => <li>{w}</li>}</For></ul>
                </Show>
              </>
            )}
          </Show>
        </div>
      </div>
      <Show when={s.result()}>
        {(d) => (
          <>
            <section class="card" aria-label="Explanations of the design">
              <h2>What sets the size</h2>
              <ClaimList claims={explainDesign(d(), sys())} testId="design-explanations" />
            </section>
            <section class="card" aria-label="Drawing">
              <h2>Half-section</h2>
              <ChamberDrawing d={d()} system={sys()} />
            </section>
            <section class="card" aria-label="3-D view">
              <h2>3-D view</h2>
              <div class="field">
                <label for="d-colour">Colour by</label>
                <select id="d-colour" value={colourBy()} onChange={(e) => setColourBy(e.currentTarget.value as ColourBy)}>
                  <option value="q">Heat flux</option>
                  <option value="mach">Mach number</option>
                  <option value="p">Pressure</option>
                </select>
              </div>
              <Suspense fallback={<p class="loading" role="status">Loading the 3-D view…</p>}>
                <Chamber3d contour={d().contour} rows={d().heatFlux} colourBy={colourBy()} legend={legend()} />
              </Suspense>
            </section>
            <section class="card" aria-label="Along the axis">
              <h2>Along the axis</h2>
              <div class="field">
                <label for="d-axis">Quantity</label>
                <select id="d-axis" value={axisKey()} onChange={(e) => setAxisKey(e.currentTarget.value as typeof axisKey extends () => infer K ? K : never)}>
                  <For each={AXIS_QUANTITIES}>{(a) => <option value={a.key}>{a.label}</option>}</For>
                </select>
              </div>
              <Show when={axisSpec()}>{(spec) => <VegaChart spec={spec()} label={`${AXIS_QUANTITIES.find((a) => a.key === axisKey())!.label} along the chamber axis`} />}</Show>
            </section>
            <section class="card" aria-label="Exports">
              <h2>Export</h2>
              <QuantityField id="d-thick" label="Wall thickness for the STL" quantity="length" system={sys()} value={i().wallThickness} min={0} minExclusive max={1} onValue={(v) => s.set('wallThickness', v)} onValidity={onValidity} />
              <div class="actions">
                <button type="button" onClick={() => downloadText(`${stem()}-contour.csv`, contourCsv(d().heatFlux, sys()), 'text/csv')}>Contour CSV</button>
                <button type="button" onClick={() => downloadText(`${stem()}.dxf`, contourDxf(d().contour), 'application/dxf')}>DXF</button>
                <button type="button" onClick={() => void pdfSheet(d())}>PDF design sheet</button>
                <button type="button" disabled={hasInvalid()} onClick={() => downloadBlob(`${stem()}.stl`, new Blob([wallStl(d().contour, i().wallThickness)], { type: 'model/stl' }))}>STL</button>
              </div>
            </section>
            <details class="card">
              <summary>Model and assumptions</summary>
              <dl>
                <For each={Object.entries(d().model)}>{([k, v]) => <><dt>{k}</dt><dd>{String(v)}</dd></>}</For>
              </dl>
            </details>
          </>
        )}
      </Show>
    </section>
  );
}

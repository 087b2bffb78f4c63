// Learn: train surrogates of the engine and learn delivered/ideal efficiency from test firings,
// in the ML worker (TensorFlow.js loads only when this page trains or asks for the backend).
import { For, Show, onMount, createMemo, createSignal } from 'solid-js';
import type { TopLevelSpec } from 'vega-lite';
import { learnStore } from '../../state/learn-app-store.ts';
import { NumberField } from '../components/NumberField.tsx';
import { VegaChart } from '../components/VegaChart.tsx';
import { formatSig } from '../../domain/number-text.ts';
import { MAX_LISTED_ERRORS, MAX_PICKER_COLUMNS, TESTFIRE_FIELDS, fieldUnitFromHeader, needsUnit, pickerColumns, type TestFireField } from '../../domain/testfire-csv.ts';
import { G0, fromDisplay, ispScale, toDisplay, unitLabel } from '../../domain/units.ts';
import { parseNumberText } from '../../domain/number-text.ts';
import { workspace } from '../../state/workspace.ts';
import { listHead } from '../../domain/list-head.ts';
import type { MlBackend } from '../../domain/ml-contract.ts';
import type { SuggestMethod } from '../../state/learn-model-store.ts';
import { downloadText } from '../components/file-io.ts';
import { A, useSearchParams } from '@solidjs/router';
import { modelFileName } from '../../domain/model-study.ts';
import { datasetInfo, describeDataset } from '../../domain/learn-dataset.ts';
import { learnFormErrors, type LearnNumberField } from '../../domain/learn-form.ts';
import { Term } from '../components/Term.tsx';

/** Option value of a kept dataset: its experiment and study. */
const keptKey = (experimentId: string, studyId: string) => JSON.stringify([experimentId, studyId]);

export default function Learn() {
  const s = learnStore();
  const [params] = useSearchParams();
  onMount(() => {
    void s.refreshBackend();
    // "Open in Learn" from an experiment's models list
    if (typeof params.model === 'string') void s.openSaved(params.model);
    // "Train in Learn" from an experiment's datasets list
    if (typeof params.experiment === 'string' && typeof params.dataset === 'string') void s.pickStored(params.experiment, params.dataset);
  });
  // Every field checked the shared way, its message beside it; Train waits until none is left.
  const units = () => workspace().units();
  const errors = createMemo(() => learnFormErrors(s.form, units()));
  const errorCount = () => Object.keys(errors()).length;
  const num = (name: LearnNumberField, label: string, unit?: string) => (
    <NumberField name={name} label={label} unit={unit} value={s.form[name]} error={errors()[name]} onInput={(t) => s.setForm(name, t)} />
  );
  /** A chamber-pressure field in the workspace's unit; the form keeps bar text (typed junk as typed, so its message shows). */
  const pressure = (name: 'pcMin_bar' | 'pcMax_bar', label: string) => {
    const [typed, setTyped] = createSignal<string | null>(null);
    const toBarText = (t: string) => {
      const v = parseNumberText(t);
      return v === null ? t : String(+(fromDisplay('pressure', v, 'US') / 1e5).toPrecision(12));
    };
    const shown = () => {
      if (units() === 'SI') return s.form[name];
      // the text as typed while it still says what the form holds (a CSV may have set the range since)
      const t = typed();
      if (t !== null && toBarText(t) === s.form[name]) return t;
      const bar = parseNumberText(s.form[name]);
      return bar === null ? s.form[name] : String(+toDisplay('pressure', bar * 1e5, 'US').toPrecision(8));
    };
    const onInput = (t: string) => {
      if (units() === 'SI') return s.setForm(name, t);
      setTyped(t);
      s.setForm(name, toBarText(t));
    };
    return <NumberField name={name} label={label} unit={unitLabel('pressure', units())} value={shown()} error={errors()[name]} onInput={onInput} />;
  };
  const lossSpec = createMemo((): TopLevelSpec => ({
    data: { values: s.curve().flatMap((c) => [{ step: c.step, kind: 'training', loss: c.loss }, ...(c.valLoss !== null ? [{ step: c.step, kind: 'validation', loss: c.valLoss }] : [])]) },
    mark: 'line',
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'evaluation' },
      y: { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: 'loss (scaled MSE)' },
      color: { field: 'kind', type: 'nominal' },
    },
    height: 180,
  }));
  // Isp, its errors and residuals in the Isp unit chosen in Explore (s, or m/s / ft/s)
  const isp = () => ispScale(workspace().settings().ispUnit === 'velocity' ? 'velocity' : 's', units());
  const heldOut = createMemo(() => {
    const r = s.result();
    if (!r) return [];
    const k = isp().perMs;
    return r.heldOut.truth.map((t, i) => ({ truth: t[0] * k, predicted: r.heldOut.mean[i][0] * k, residual: (r.heldOut.mean[i][0] - t[0]) * k }));
  });
  const parity = createMemo((): TopLevelSpec => ({
    data: { values: heldOut() },
    mark: { type: 'point', filled: true },
    encoding: { x: { field: 'truth', type: 'quantitative', scale: { zero: false }, title: `engine / measured Isp (${isp().unit})` }, y: { field: 'predicted', type: 'quantitative', scale: { zero: false }, title: `predicted (${isp().unit})` } },
    height: 220,
  }));
  const residuals = createMemo((): TopLevelSpec => ({
    data: { values: heldOut() },
    mark: { type: 'point', filled: true },
    encoding: { x: { field: 'predicted', type: 'quantitative', scale: { zero: false }, title: `predicted (${isp().unit})` }, y: { field: 'residual', type: 'quantitative', title: `residual (${isp().unit})` } },
    height: 220,
  }));

  function onFile(e: Event) {
    const f = (e.currentTarget as HTMLInputElement).files?.[0];
    if (f) void f.text().then((t) => s.loadCsv(f.name, t));
  }

  function download() {
    const m = s.exportModel();
    if (m) downloadText(modelFileName(m), JSON.stringify(m));
  }

  function onPickStored(value: string) {
    if (!value) return;
    const [experimentId, studyId] = JSON.parse(value) as [string, string];
    void s.pickStored(experimentId, studyId);
  }

  function onModelFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const f = input.files?.[0];
    if (f) void f.text().then((t) => s.importModel(f.name, t)).finally(() => (input.value = ''));
  }

  return (
    <section class="page learn" aria-labelledby="page-title">
      <h1 id="page-title">Learn</h1>
      <p class="lead">Neural-network <Term id="surrogate">surrogates</Term> of the engine (LOX/RP-1 vacuum Isp over O/F, chamber pressure and area ratio), and the <Term id="efficiency">delivered/ideal efficiency</Term> learned from your test firings, with <Term id="predictionInterval">95 % intervals</Term>.</p>
      <div class="card learn-backend">
        <label>
          Compute backend{' '}
          <select data-testid="learn-backend" value={s.backend()?.active ?? ''} onChange={(e) => void s.chooseBackend(e.currentTarget.value as MlBackend)} disabled={s.busy()}>
            <For each={s.backend()?.available ?? []}>{(b) => <option value={b}>{b}</option>}</For>
          </select>
        </label>
        <span class="muted" data-testid="learn-backend-active">{s.backend() ? `active: ${s.backend()!.active}` : 'starting…'}</span>
        <Show when={s.backend()?.notice}>{(n) => <p class="warnings" role="status" data-testid="learn-backend-notice">{n()}</p>}</Show>
        <Show when={s.backend()?.hint}>{(h) => <p class="muted" data-testid="learn-backend-hint">{h()}</p>}</Show>
        <label>
          Import a model file{' '}
          <input type="file" accept=".json,application/json" data-testid="learn-import" onChange={onModelFile} />
        </label>
      </div>
      <div class="learn-grid">
        <form class="card" aria-label="Dataset and training" onSubmit={(e) => { e.preventDefault(); void s.train(); }}>
          <fieldset>
            <legend>Dataset</legend>
            <label class="radio"><input type="radio" name="source" checked={s.form.source === 'simulated'} onChange={() => s.setForm('source', 'simulated')} /> simulated (Latin hypercube through the engine)</label>
            <label class="radio"><input type="radio" name="source" checked={s.form.source === 'csv'} onChange={() => s.setForm('source', 'csv')} /> test firings (CSV)</label>
            <label class="radio"><input type="radio" name="source" checked={s.form.source === 'stored'} onChange={() => s.setForm('source', 'stored')} /> kept in an experiment</label>
          </fieldset>
          <Show when={s.form.source === 'stored'}>
            <div class="field">
              <label for="learn-stored">Datasets in your experiments</label>
              <select id="learn-stored" data-testid="learn-stored" value={s.stored() ? keptKey(s.stored()!.keptIn.experimentId, s.stored()!.keptIn.studyId) : ''} onChange={(e) => onPickStored(e.currentTarget.value)}>
                <option value="">— choose a dataset —</option>
                <For each={s.keptDatasets()}>
                  {(d) => <option value={keptKey(d.experimentId, d.studyId)}>{d.info.name}: {describeDataset(d.info)} — in “{d.experimentName}”</option>}
                </For>
              </select>
            </div>
            <Show when={!s.keptDatasets().length}>
              <p class="muted">No datasets kept yet: a model saved to an experiment keeps the data it was trained on there.</p>
            </Show>
            <p data-testid="learn-stored-summary">{s.stored() ? `${s.stored()!.dataset.name}: ${describeDataset(datasetInfo(s.stored()!.dataset))}` : ''}</p>
          </Show>
          {num('ofMin', 'O/F from')}{num('ofMax', 'O/F to')}
          {pressure('pcMin_bar', 'Chamber pressure from')}{pressure('pcMax_bar', 'Chamber pressure to')}
          {num('epsMin', 'Area ratio from')}{num('epsMax', 'Area ratio to')}
          <Show when={s.form.source === 'simulated'}>{num('samples', 'Samples')}</Show>
          <Show when={s.form.source === 'csv'}>
            <div class="field">
              <label for="learn-csv">Test-fire CSV</label>
              <input id="learn-csv" data-testid="learn-csv" type="file" accept=".csv,text/csv,text/plain" onChange={onFile} />
            </div>
            <label>Decimal mark <select value={s.form.decimal} onChange={(e) => { s.setForm('decimal', e.currentTarget.value as '.' | ','); s.parseCsvNow(); }}><option value=".">.</option><option value=",">,</option></select></label>
            {num('csvEps', 'Area ratio when the file has none')}
            <NumberField name="csvAt_cm2" label="Throat area for the c* check when the file has none" unit="cm²" value={s.form.csvAt_cm2} error={errors().csvAt_cm2} onInput={(t) => { s.setForm('csvAt_cm2', t); s.parseCsvNow(); }} />
            <Show when={s.csv()}>
              {(c) => (
                <table class="learn-mapping" aria-label="Column mapping">
                  <thead>
                    <tr><th scope="col">Quantity</th><th scope="col">Column in the file</th><th scope="col">Unit</th><th scope="col">The header says</th></tr>
                  </thead>
                  <tbody>
                    <For each={Object.keys(TESTFIRE_FIELDS) as TestFireField[]}>
                      {(f) => {
                        const header = () => (c().mapping[f] === undefined ? null : c().headers[c().mapping[f]!] ?? null);
                        const said = () => { const h = header(); return h === null ? null : fieldUnitFromHeader(f, h); };
                        return (
                          <tr data-testid={`learn-map-${f}`}>
                            <th scope="row">{TESTFIRE_FIELDS[f].label}{TESTFIRE_FIELDS[f].required ? ' *' : ''}</th>
                            <td>
                              <select aria-label={`column for ${TESTFIRE_FIELDS[f].label}`} value={c().mapping[f] ?? ''} onChange={(e) => s.setMapping(f, e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}>
                                <option value="">—</option>
                                <For each={pickerColumns(c().headers, c().mapping)}>{(i) => <option value={i}>{c().headers[i]}</option>}</For>
                              </select>
                            </td>
                            <td>
                              <Show when={needsUnit(f)}>
                                <select aria-label={`unit of ${TESTFIRE_FIELDS[f].label}`} value={s.units[f] ?? ''} onChange={(e) => s.setUnits(f, e.currentTarget.value)}>
                                  <option value="">— choose —</option>
                                  <For each={Object.keys(TESTFIRE_FIELDS[f].units)}>{(u) => <option value={u}>{u}</option>}</For>
                                </select>
                              </Show>
                            </td>
                            <td class="muted" data-testid={`learn-map-${f}-header`}>
                              <Show when={said() && needsUnit(f)}>
                                {said()!.unit ? said()!.unit : said()!.raw === null ? 'no unit: choose one' : `“${said()!.raw}”: not a unit of ${TESTFIRE_FIELDS[f].label}, choose one`}
                              </Show>
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
              )}
            </Show>
            <Show when={(s.csv()?.headers.length ?? 0) > MAX_PICKER_COLUMNS}>
              <p class="muted" data-testid="learn-csv-columns-note">The column lists offer the first {MAX_PICKER_COLUMNS} of the file's {s.csv()!.headers.length} columns.</p>
            </Show>
            <p data-testid="learn-csv-summary">{!s.csv() ? '' : s.csvConfirmed()
              ? `${s.csvRows().length} firings accepted, ${s.csvErrors().length} problems${s.csvWarnings().length ? `, ${s.csvWarnings().length} warnings` : ''}`
              : `${s.csvRows().length} firings read, ${s.csvErrors().length} problems, ${s.csvWarnings().length} warnings: check the columns and units, then confirm`}</p>
            <Show when={s.csvWarnings().length}>
              <ul class="learn-csv-warnings warnings" role="status" data-testid="learn-csv-warnings">
                <For each={listHead(s.csvWarnings(), MAX_LISTED_ERRORS).shown}>{(w) => <li>{w.message}</li>}</For>
                <Show when={s.csvWarnings().length > MAX_LISTED_ERRORS}><li class="muted">and {s.csvWarnings().length - MAX_LISTED_ERRORS} more</li></Show>
              </ul>
            </Show>
            <Show when={s.csvRows().length}>
              <div class="table-scroll">{/* seven columns: scrolls in its own box on a phone */}
              <table class="results-table learn-csv-preview" data-testid="learn-csv-preview" aria-label="First firings as read">
                <caption>First firings as read (converted)</caption>
                <thead>
                  <tr><th scope="col">Row</th><th scope="col">Test</th><th scope="col"><Term id="of">O/F</Term></th><th scope="col">pc [{unitLabel('pressure', units())}]</th><th scope="col">Thrust [{unitLabel('force', units())}]</th><th scope="col">ṁ [{unitLabel('massFlow', units())}]</th><th scope="col"><Term id="isp">Isp [s]</Term></th></tr>
                </thead>
                <tbody>
                  <For each={s.csvRows().slice(0, 5)}>
                    {(r) => (
                      <tr>
                        <td class="num">{r.line}</td><td>{r.testId}</td><td class="num">{formatSig(r.of, 4)}</td><td class="num">{formatSig(toDisplay('pressure', r.pc, units()), 4)}</td>
                        <td class="num">{r.thrust === undefined ? '' : formatSig(toDisplay('force', r.thrust, units()), 4)}</td><td class="num">{r.mdot === undefined ? '' : formatSig(toDisplay('massFlow', r.mdot, units()), 4)}</td>
                        <td class="num">{r.isp === undefined ? '' : formatSig(r.isp / G0, 4)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              </div>
            </Show>
            <Show when={s.csv() && !s.csvConfirmed() && s.csvRows().length}>
              <button type="button" data-testid="learn-csv-confirm" onClick={() => s.confirmCsv()}>Use these columns and units</button>
            </Show>
            <Show when={s.csvErrors().length}>
              <ul class="learn-csv-errors" role="alert" data-testid="learn-csv-errors">
                <For each={listHead(s.csvErrors(), MAX_LISTED_ERRORS).shown}>{(e) => <li>{e.message}</li>}</For>
                <Show when={s.csvErrors().length > MAX_LISTED_ERRORS}><li class="muted">and {s.csvErrors().length - MAX_LISTED_ERRORS} more</li></Show>
              </ul>
            </Show>
          </Show>
          {num('members', 'Ensemble members')}{num('epochs', 'Epochs')}{num('seed', 'Seed')}
          <label class="radio"><input type="checkbox" data-testid="learn-search" checked={s.form.search} onChange={(e) => s.setForm('search', e.currentTarget.checked)} /> search layers, width and learning rate first</label>
          <button type="submit" disabled={s.busy() || errorCount() > 0} aria-describedby={errorCount() ? 'learn-invalid' : undefined} data-testid="learn-train">{s.busy() ? 'Training…' : 'Train'}</button>
          <Show when={errorCount()}><p class="error" id="learn-invalid" data-testid="learn-invalid">Fix the marked field{errorCount() > 1 ? 's' : ''} to train.</p></Show>
          <Show when={s.busy()}>
            <button type="button" class="secondary" data-testid="learn-cancel" onClick={() => s.cancel()}>Cancel</button>
          </Show>
          <p class="muted" role="status" data-testid="learn-status">{s.status()}</p>
          <Show when={s.error()}><p class="error" role="alert" data-testid="learn-error">{s.error()}</p></Show>
        </form>
        <div class="card">
          <h2>Learning curve</h2>
          <Show when={s.curve().length} fallback={<p class="muted">Train a model to see its loss.</p>}>
            <VegaChart spec={lossSpec()} label="Training and validation loss by evaluation" />
          </Show>
          <Show when={s.result()}>
            {(r) => (
              <>
                <h2>Held-out quality</h2>
                <For each={r().model.metrics ?? []}>
                  {(m) => (
                    <table class="results-table" data-testid="learn-metrics">
                      <tbody>
                        <tr><th scope="row">R²</th><td class="num" data-testid="learn-r2">{formatSig(m.r2, 6)}</td></tr>
                        <tr><th scope="row">RMSE</th><td class="num" data-testid="learn-rmse">{formatSig(m.rmse * isp().perMs, 4)} {isp().unit}</td></tr>
                        <tr><th scope="row">Max abs. error</th><td class="num">{formatSig(m.maxAbsError * isp().perMs, 4)} {isp().unit}</td></tr>
                        <tr><th scope="row">Max rel. error</th><td class="num">{formatSig(m.maxRelError * 100, 3)} %</td></tr>
                        <tr><th scope="row"><Term id="predictionInterval">95 % interval coverage</Term></th><td class="num">{formatSig((m.coverage95 ?? 0) * 100, 3)} %</td></tr>
                      </tbody>
                    </table>
                  )}
                </For>
                <VegaChart spec={parity()} label="Parity plot: predicted against true Isp on held-out points" />
                <VegaChart spec={residuals()} label="Residuals against prediction on held-out points" />
                <div class="learn-actions">
                  <label>Suggest with <select aria-label="Suggest with" value={s.suggestMethod()} onChange={(e) => s.setSuggestMethod(e.currentTarget.value as SuggestMethod)}>
                    <option value="ensemble">the ensemble (expected improvement)</option>
                    <option value="gp">a Gaussian process of the data (batch of 3)</option>
                  </select></label>
                  <button type="button" onClick={() => void s.suggest('expected-improvement')}>Suggest next test (best Isp)</button><Term id="expectedImprovement" />
                  <button type="button" onClick={() => void s.suggest('uncertainty', 'ensemble')}>Suggest next test (most uncertain)</button>
                  <button type="button" onClick={() => void s.compareBackends()} data-testid="learn-compare">Check backends agree</button>
                  <button type="button" onClick={download} data-testid="learn-export">Export model</button>
                  <button type="button" onClick={() => void s.saveToExperiment()} data-testid="learn-save">Save model to experiment</button>
                </div>
                <Show when={s.saved()}>
                  {(e) => <p role="status" data-testid="learn-saved">Saved with <A href={`/experiments/${encodeURIComponent(e().id)}`}>{e().name}</A>.</p>}
                </Show>
                <Show when={s.comparison()}><p data-testid="learn-comparison">{s.comparison()}</p></Show>
                <ol class="learn-suggestions" data-testid="learn-suggestions">
                  <For each={s.suggestions()}>
                    {(g) => <li>O/F {formatSig(g.x[0], 3)}, pc {formatSig(toDisplay('pressure', g.x[1], units()), 3)} {unitLabel('pressure', units())}, ε {formatSig(g.x[2], 3)}: {g.reason}</li>}
                  </For>
                </ol>
              </>
            )}
          </Show>
        </div>
      </div>
    </section>
  );
}

// Analyze: "which input matters most?" and "how sure is this number?" — Sobol indices, Morris
// screening or uncertainty propagation of a rocket output over O/F, chamber pressure, nozzle area
// ratio, ambient pressure, reactant temperatures (gaseous propellants) and efficiencies, run as a
// job on the engine pool. Shows the indices as bars with their bootstrap
// intervals, Morris's μ*–σ plot, or the output's histogram and percentiles (in the user's units),
// and says the result in sentences computed from its numbers; the share link carries the spec and
// the seed (never results), so opening it and running gives the same numbers.
import { For, Show, createEffect, createMemo, createSignal, on, onMount } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import type { TopLevelSpec } from 'vega-lite';
import { VegaChart } from '../components/VegaChart.tsx';
import { createAnalyzeStore } from '../../state/analyze-store.ts';
import { analyzeAppIO } from '../../state/analyze-app-io.ts';
import { workspace } from '../../state/workspace.ts';
import {
  analyzeInputsFor, ANALYZE_SYSTEMS, analyzeShown, TOLERANCE_TYPES, analyzeLinkQuery, inputIdPart, analyzeSpec, histogramChartSpec, modelUsed, morrisChartSpec, readAnalyzeLink, sobolChartSpec,
  type AnalyzeMethod, type ToleranceType,
} from '../../domain/analysis/analyze-form.ts';
import { explainAnalysis, fmtValue, outputShown } from '../../domain/analysis/analysis-explain.ts';
import { ROCKET_OUTPUT_INFO, ROCKET_OUTPUTS, rocketInputLabel, type RocketOutput } from '../../domain/analysis/rocket-model.ts';
import { resolveAnalysisSpec } from '../../domain/analysis/analysis-spec.ts';
import { analysisModelNote, sobolSentence } from '../../domain/analysis/run-analysis.ts';
import type { AnalysisOutput, MorrisOutput, SobolOutput, UncertaintyOutput } from '../../domain/analysis/run-analysis.ts';
import { createPdfDownload, fileStem } from '../components/file-io.ts';


function NumberBox(props: { id: string; label: string; value: number; scale?: number; onValue: (v: number) => void; onBad: (m: string | null) => void }) {
  const [text, setText] = createSignal<string | null>(null);
  const shown = () => text() ?? String(+(props.value / (props.scale ?? 1)).toPrecision(8));
  return (
    <input id={props.id} type="text" inputmode="decimal" autocomplete="off" aria-label={props.label} value={shown()}
      onInput={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        const v = Number(t.trim());
        if (t.trim() === '' || !Number.isFinite(v)) {
          props.onBad(`${props.label} must be a number (got ${JSON.stringify(t)})`);
          return;
        }
        props.onBad(null);
        props.onValue(v * (props.scale ?? 1));
      }}
      onBlur={() => {
        const t = text();
        if (t !== null && t.trim() !== '' && Number.isFinite(Number(t))) setText(null);
      }} />
  );
}

export default function Analyze() {
  const s = createAnalyzeStore(analyzeAppIO);
  const [params] = useSearchParams();
  const [bad, setBad] = createSignal<Record<string, string>>({});
  const [copied, setCopied] = createSignal(false);
  const markBad = (id: string) => (m: string | null) => setBad((b) => {
    const n = { ...b };
    if (m) n[id] = m;
    else delete n[id];
    return n;
  });
  onMount(() => void s.refreshModels());
  onMount(async () => {
    // `?experiment=ID&study=SID`: an analysis kept with an experiment, reopened with its result
    if (typeof params.experiment === 'string' && typeof params.study === 'string') {
      await s.openSaved(params.experiment, params.study);
      return;
    }
    if (typeof params.x !== 'string' && typeof params.spec !== 'string') return;
    const r = await readAnalyzeLink(params);
    if (r.ok) s.setForm(r.form);
    else s.setError(r.error);
  });
  // the link follows the form; packing is asynchronous (CompressionStream), so it is a signal
  const [shareLink, setShareLink] = createSignal('');
  createEffect(on(() => JSON.stringify(analyzeSpec(s.form)), (json) => {
    void analyzeLinkQuery(JSON.parse(json)).then((q) => {
      if (JSON.stringify(analyzeSpec(s.form)) === json) setShareLink(`${location.origin}${location.pathname}#/analyze?${q}`);
    });
  }));
  const running = () => s.status() === 'running' || s.status() === 'queued';
  const progress = () => {
    const j = s.latest()?.job;
    const what = (j?.spec as { model?: unknown } | undefined)?.model === 'surrogate' ? 'model predictions' : 'engine evaluations';
    return j ? `${j.pointsDone.toLocaleString('en-US')} of ${j.pointsTotal.toLocaleString('en-US')} ${what} (${j.status})` : '';
  };
  const sobol = () => {
    const o = s.result()?.output;
    return o && o.method === 'sobol' ? (o as SobolOutput) : null;
  };
  const morris = () => {
    const o = s.result()?.output;
    return o && o.method === 'morris' ? (o as MorrisOutput) : null;
  };
  const uncertainty = () => {
    const o = s.result()?.output;
    return o && o.method === 'uncertainty' ? (o as UncertaintyOutput) : null;
  };
  const shown = (o: AnalysisOutput) => outputShown(o.output, workspace().units());
  const claims = createMemo(() => {
    const o = s.result()?.output;
    return o ? explainAnalysis(o, workspace().units()) : [];
  });
  const firstBad = () => Object.values(bad())[0];
  // "N engine evaluations" or "N predictions of the Learn model “X”"
  const evaluations = (o: AnalysisOutput) => `${o.evaluations.toLocaleString('en-US')} ${o.surrogate ? `predictions of ${modelUsed(o.surrogate)}` : 'engine evaluations'}`;
  // the sentence after the claims' first, for a result on a Learn model: which model, and where it extrapolates
  const resolved = () => resolveAnalysisSpec(s.result()?.spec);
  const modelNote = () => {
    const r = resolved();
    const note = r.ok ? analysisModelNote(r.value, workspace().units()) : null;
    return note ? ` ${note}` : '';
  };
  // a Sobol result's sentence, with the model's note in the user's units (the stored summary has it in SI)
  const sobolSaid = (o: SobolOutput) => {
    const r = resolved();
    return r.ok ? sobolSentence(r.value, o, workspace().units()) : o.summary;
  };
  const offered = () => s.offers().filter((o) => !o.why);
  const notOffered = () => s.offers().filter((o) => o.why);
  // The PDF report of the result shown (jsPDF and the layout loaded only now); a failure is said on the page.
  const pdf = createPdfDownload(async () => {
    const r = s.result();
    if (!r?.output) return null;
    const [{ reportPdf }, { analysisReport }] = await Promise.all([import('../components/pdf-report.ts'), import('../../domain/report-analysis.ts')]);
    const name = `Analysis of ${shown(r.output).label}`;
    const blob = await reportPdf(analysisReport(name, r.spec, r.output, workspace().units(), new Date().toISOString().slice(0, 10), {
      provenance: { appVersion: __APP_VERSION__, thermoSha256: __THERMO_SHA256__ },
    }));
    return { name: `${fileStem(name)}.pdf`, blob };
  });
  // the claims after the first (which the page shows as its sentence, in the user's units)
  const Explanations = (props: { from: number }) => (
    <Show when={claims().length > props.from}>
      <h2>What the numbers say</h2>
      <ul data-testid="analyze-claims">
        <For each={claims().slice(props.from)}>{(c) => <li data-claim={c.id}>{c.text}</li>}</For>
      </ul>
    </Show>
  );

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Analyze</h1>
      <p><A href="/sweep" class="back-link">← Sweep</A></p>
      <p class="lead">Which input matters most? Sobol indices say what share of an output's variance each input explains, alone (first order) and with its interactions (total); Morris screening ranks inputs cheaply. How sure is this number? Uncertainty propagation gives the spread of an output from tolerances on its inputs. Runs in the background on the engine; seeded, so the same settings give the same numbers.</p>
      <div class="card">
        <div class="row">
          <div class="field">
            <label for="an-system">Propellants</label>
            <select id="an-system" value={s.form.system} onChange={(e) => s.setForm('system', e.currentTarget.value)}>
              <For each={ANALYZE_SYSTEMS}>{(x) => <option value={x.id}>{x.label}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="an-output">Output</label>
            <select id="an-output" value={s.form.output} onChange={(e) => s.setForm('output', e.currentTarget.value as RocketOutput)}>
              <For each={ROCKET_OUTPUTS.filter((o) => o !== 'densityIsp')}>{(o) => <option value={o}>{ROCKET_OUTPUT_INFO[o].label}{ROCKET_OUTPUT_INFO[o].unit ? ` (${ROCKET_OUTPUT_INFO[o].unit})` : ''}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="an-method">Method</label>
            <select id="an-method" value={s.form.method} onChange={(e) => s.setForm('method', e.currentTarget.value as AnalyzeMethod)}>
              <option value="sobol">Sobol indices</option>
              <option value="morris">Morris screening</option>
              <option value="uncertainty">Uncertainty propagation</option>
            </select>
          </div>
        </div>
        <div class="row">
          <div class="field">
            <label for="an-model">Model</label>
            <select id="an-model" value={s.form.surrogate?.modelId ?? 'engine'} onChange={(e) => s.chooseModel(e.currentTarget.value === 'engine' ? null : e.currentTarget.value)}>
              <option value="engine">Engine (equilibrium thermochemistry)</option>
              {/* `selected` as well as the select's value: the saved models arrive after the form (from a link) chose one */}
              <For each={offered()}>{(o) => <option value={o.model.id} selected={s.form.surrogate?.modelId === o.model.id}>Learn model: {o.model.doc.name}</option>}</For>
              <Show when={s.form.surrogate && !offered().some((o) => o.model.id === s.form.surrogate!.modelId)}>
                <option value={s.form.surrogate!.modelId} selected>Learn model: {s.form.surrogate!.name} (not usable)</option>
              </Show>
            </select>
          </div>
        </div>
        <p class="hint">A Learn model answers in a fraction of the engine's time, but only as well as it learned: the analysis then runs on its predictions (in the background, in batches) and the result says so.</p>
        <Show when={notOffered().length}>
          <ul class="hint" data-testid="analyze-models-not-offered">
            <For each={notOffered()}>{(o) => <li>Learn model “{o.model.doc.name}” is not offered: {o.why}.</li>}</For>
          </ul>
        </Show>
        <Show when={s.modelProblem()}>{(e) => <p class="error" role="alert" data-testid="analyze-model-problem">{e().message}</p>}</Show>
        <Show when={!analyzeInputsFor(s.form.system).includes('T:fuel')}>
          <p class="hint">Reactant temperatures can vary for gaseous propellants only: the engine's data for these liquids hold one temperature each (as NASA CEA's do).</p>
        </Show>
        <For each={analyzeInputsFor(s.form.system)}>
          {(n) => {
            const u = () => analyzeShown(workspace().units())[n];
            return (
              <fieldset class="range">
                <legend>{u().label}{u().unit ? ` (${u().unit})` : ''}</legend>
                <label class="radio"><input type="checkbox" checked={s.form.vary[n]} onChange={(e) => s.setForm('vary', n, e.currentTarget.checked)} /> vary</label>
                <Show when={s.form.method === 'uncertainty'} fallback={<>
                  <label>from <NumberBox id={`an-${inputIdPart(n)}-lo`} label={`${u().label} from`} scale={u().scale} value={s.form.ranges[n][0]} onBad={markBad(`${n}-lo`)} onValue={(v) => s.setForm('ranges', n, 0, v)} /></label>
                  <label>to <NumberBox id={`an-${inputIdPart(n)}-hi`} label={`${u().label} to`} scale={u().scale} value={s.form.ranges[n][1]} onBad={markBad(`${n}-hi`)} onValue={(v) => s.setForm('ranges', n, 1, v)} /></label>
                </>}>
                  <label>distribution <select aria-label={`${u().label} distribution`} value={s.form.tolerances[n].type} onChange={(e) => s.setForm('tolerances', n, 'type', e.currentTarget.value as ToleranceType)}>
                    <For each={TOLERANCE_TYPES}>{(t) => <option value={t}>{t}</option>}</For>
                  </select></label>
                  <label>± % <NumberBox id={`an-${inputIdPart(n)}-tol`} label={`${u().label} tolerance ± %`} value={s.form.tolerances[n].percent} onBad={markBad(`${n}-tol`)} onValue={(v) => s.setForm('tolerances', n, 'percent', v)} /></label>
                </Show>
                <label>{s.form.method === 'uncertainty' ? 'around' : 'fixed at'} <NumberBox id={`an-${inputIdPart(n)}-fixed`} label={`${u().label} fixed value`} scale={u().scale} value={s.form.nominal[n]} onBad={markBad(`${n}-fixed`)} onValue={(v) => s.setForm('nominal', n, v)} /></label>
              </fieldset>
            );
          }}
        </For>
        <div class="row">
          <Show when={s.form.method === 'morris'}>
            <div class="field"><label for="an-traj">Trajectories</label><NumberBox id="an-traj" label="Trajectories" value={s.form.trajectories} onBad={markBad('traj')} onValue={(v) => s.setForm('trajectories', v)} /></div>
          </Show>
          <Show when={s.form.method === 'sobol'}>
            <div class="field"><label for="an-samples">Base samples N</label><NumberBox id="an-samples" label="Base samples N" value={s.form.samples} onBad={markBad('samples')} onValue={(v) => s.setForm('samples', v)} /></div>
          </Show>
          <Show when={s.form.method === 'uncertainty'}>
            <div class="field"><label for="an-runs">Runs</label><NumberBox id="an-runs" label="Runs" value={s.form.samples} onBad={markBad('samples')} onValue={(v) => s.setForm('samples', v)} /></div>
          </Show>
          <div class="field"><label for="an-seed">Seed</label><NumberBox id="an-seed" label="Seed" value={s.form.seed} onBad={markBad('seed')} onValue={(v) => s.setForm('seed', v)} /></div>
        </div>
        <Show when={s.experiment()}>
          {(e) => <label class="radio"><input type="checkbox" checked={s.keep()} onChange={(ev) => s.setKeep(ev.currentTarget.checked)} /> Keep the result with the experiment “{e().name}” (open in Explore)</label>}
        </Show>
        <div class="row">
          <button type="button" data-testid="analyze-run" disabled={running() || !!firstBad()} onClick={() => void s.run()}>Run analysis</button>
          <span class="muted" aria-live="polite" data-testid="analyze-progress">{progress()}</span>
        </div>
        <Show when={firstBad()}>{(m) => <p class="error" role="alert">{m()}</p>}</Show>
        <Show when={s.error()}>{(e) => <p class="error" role="alert" data-testid="analyze-error">{e().message}</p>}</Show>
        <div class="row">
          <div class="field"><label for="an-link">Share link (settings and seed)</label><input id="an-link" type="text" readonly value={shareLink()} data-testid="analyze-link" /></div>
          <button type="button" class="secondary" onClick={() => void navigator.clipboard?.writeText(shareLink()).then(() => setCopied(true), () => setCopied(false))}>Copy link</button>
          <Show when={copied()}><span class="muted">Copied.</span></Show>
        </div>
      </div>
      <Show when={s.result()?.saved}>
        <p class="hint" data-testid="analyze-saved">Reopened from an experiment: computed again from its stored values. Run the analysis to start a new one.</p>
      </Show>
      <Show when={s.result()?.error}>{(m) => <div class="card"><p class="error" role="alert" data-testid="analyze-error">{m()}</p></div>}</Show>
      <Show when={s.result()?.output}>
        <div class="row">
          <button type="button" class="secondary" data-testid="analyze-pdf" disabled={pdf.busy()} onClick={() => void pdf.run()}>PDF report</button>
          <Show when={pdf.error()}>{(m) => <p class="error" role="alert" data-testid="analyze-pdf-error">{m()}</p>}</Show>
        </div>
      </Show>
      <Show when={sobol()}>
        {(o) => (
          <div class="card">
            <p data-testid="analyze-sentence">{sobolSaid(o())}</p>
            <VegaChart spec={sobolChartSpec(o()) as unknown as TopLevelSpec} label={`Sobol indices of ${ROCKET_OUTPUT_INFO[o().output as RocketOutput]?.label ?? o().output} with their intervals, on ${modelUsed(o().surrogate)}`} />
            <div class="table-scroll"><table data-testid="analyze-indices">
              <thead><tr><th scope="col">Input</th><th scope="col">First order</th><th scope="col">Total</th><th scope="col">Total, {Math.round(o().confidence * 100)} % interval</th></tr></thead>
              <tbody>
                <For each={o().indices}>
                  {(i) => <tr><th scope="row">{rocketInputLabel(i.input)}</th><td>{i.first.toFixed(3)}</td><td>{i.total.toFixed(3)}</td><td>{i.totalInterval[0].toFixed(3)} – {i.totalInterval[1].toFixed(3)}</td></tr>}
                </For>
              </tbody>
            </table></div>
            <p class="hint">{evaluations(o())}, seed {o().seed}.</p>
            <Explanations from={0} />
          </div>
        )}
      </Show>
      <Show when={morris()}>
        {(o) => (
          <div class="card">
            <p data-testid="analyze-sentence">{claims()[0]?.text}{modelNote()}</p>
            <VegaChart spec={morrisChartSpec(o(), shown(o())) as unknown as TopLevelSpec} label={`Morris μ* against σ of ${shown(o()).label}, one labelled point per input, on ${modelUsed(o().surrogate)}`} />
            <table data-testid="analyze-effects">
              <thead><tr><th scope="col">Rank</th><th scope="col">Input</th><th scope="col">μ*</th><th scope="col">σ</th></tr></thead>
              <tbody>
                <For each={o().effects.slice().sort((a, b) => a.rank - b.rank)}>
                  {(e) => <tr><td>{e.rank}</td><th scope="row">{rocketInputLabel(e.input)}</th><td>{fmtValue(e.muStar, shown(o()))}</td><td>{fmtValue(e.sigma, shown(o()))}</td></tr>}
                </For>
              </tbody>
            </table>
            <p class="hint">μ* and σ in {shown(o()).unit || 'units of the output'} across each input's range; {evaluations(o())}, seed {o().seed}.</p>
            <Explanations from={1} />
          </div>
        )}
      </Show>
      <Show when={uncertainty()}>
        {(o) => {
          const u = () => shown(o());
          const unit = () => (u().unit ? ` ${u().unit}` : '');
          return (
            <div class="card">
              <p data-testid="analyze-sentence">{claims()[0]?.text}{modelNote()}</p>
              <div class="table-scroll"><table data-testid="analyze-figures">
                <caption>{u().label.charAt(0).toUpperCase() + u().label.slice(1)}{unit()}</caption>
                <tbody>
                  <tr><th scope="row">Mean</th><td>{fmtValue(o().mean, u())}</td></tr>
                  <tr><th scope="row">Standard deviation</th><td>{fmtValue(o().sd, u())}</td></tr>
                  <tr><th scope="row">5 % percentile</th><td>{fmtValue(o().percentiles['5'], u())}</td></tr>
                  <tr><th scope="row">Median (50 %)</th><td>{fmtValue(o().percentiles['50'], u())}</td></tr>
                  <tr><th scope="row">95 % percentile</th><td>{fmtValue(o().percentiles['95'], u())}</td></tr>
                </tbody>
              </table></div>
              <VegaChart spec={histogramChartSpec(o(), u()) as unknown as TopLevelSpec} label={`Histogram of ${u().label} with its 5, 50 and 95 % percentiles, on ${modelUsed(o().surrogate)}`} />
              <div class="table-scroll"><table data-testid="analyze-drivers">
                <thead><tr><th scope="col">Input</th><th scope="col">Rank correlation</th><th scope="col">Share of the spread</th></tr></thead>
                <tbody>
                  <For each={o().drivers.slice().sort((a, b) => b.share - a.share)}>
                    {(d) => <tr><th scope="row">{rocketInputLabel(d.input)}</th><td>{d.rankCorrelation.toFixed(2)}</td><td>{Math.round(d.share * 100)} %</td></tr>}
                  </For>
                </tbody>
              </table></div>
              <p class="hint">{evaluations(o())}, seed {o().seed}; the share of the spread is each input's squared rank correlation with the output over their sum.</p>
              <Explanations from={1} />
            </div>
          );
        }}
      </Show>
    </section>
  );
}

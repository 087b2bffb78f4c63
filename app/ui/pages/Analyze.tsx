// Analyze: "which input matters most?" — Sobol indices (or Morris screening) of a rocket output over
// O/F, chamber pressure and nozzle area ratio, run as a job on the engine pool. Shows the indices as
// bars with their bootstrap intervals and says the result in a sentence; the share link carries
// the spec and the seed (never results), so opening it and running gives the same numbers.
import { For, Show, createMemo, createSignal, onMount } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import type { TopLevelSpec } from 'vega-lite';
import { VegaChart } from '../components/VegaChart.tsx';
import { createAnalyzeStore } from '../../state/analyze-store.ts';
import {
  ANALYZE_INPUTS, ANALYZE_SHOWN, ANALYZE_SYSTEMS, analyzeSpec, decodeAnalyzeSpec, encodeAnalyzeSpec, formFromSpec, sobolChartSpec,
} from '../../domain/analysis/analyze-form.ts';
import { ROCKET_OUTPUT_INFO, ROCKET_OUTPUTS, rocketInputLabel, type RocketOutput } from '../../domain/analysis/rocket-model.ts';
import type { MorrisOutput, SobolOutput } from '../../domain/analysis/run-analysis.ts';

const SHOWN = ANALYZE_SHOWN;

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
  const s = createAnalyzeStore();
  const [params] = useSearchParams();
  const [bad, setBad] = createSignal<Record<string, string>>({});
  const [copied, setCopied] = createSignal(false);
  const markBad = (id: string) => (m: string | null) => setBad((b) => {
    const n = { ...b };
    if (m) n[id] = m;
    else delete n[id];
    return n;
  });
  onMount(() => {
    const text = params.spec;
    if (typeof text !== 'string') return;
    const f = formFromSpec(decodeAnalyzeSpec(text));
    if (f) s.setForm(f);
    else s.setError({ code: 'bad-link', message: 'the link does not hold an analysis this page can show', field: 'spec' });
  });
  const shareLink = createMemo(() => `${location.origin}${location.pathname}#/analyze?spec=${encodeAnalyzeSpec(analyzeSpec(s.form))}`);
  const running = () => s.status() === 'running' || s.status() === 'queued';
  const progress = () => {
    const j = s.latest()?.job;
    return j ? `${j.pointsDone.toLocaleString('en-US')} of ${j.pointsTotal.toLocaleString('en-US')} engine evaluations (${j.status})` : '';
  };
  const sobol = () => {
    const o = s.result()?.output;
    return o && o.method === 'sobol' ? (o as SobolOutput) : null;
  };
  const morris = () => {
    const o = s.result()?.output;
    return o && o.method === 'morris' ? (o as MorrisOutput) : null;
  };
  const firstBad = () => Object.values(bad())[0];

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Analyze</h1>
      <p><A href="/sweep" class="back-link">← Sweep</A></p>
      <p class="lead">Which input matters most? Sobol indices say what share of an output's variance each input explains, alone (first order) and with its interactions (total); Morris screening ranks inputs cheaply. Runs in the background on the engine; seeded, so the same settings give the same numbers.</p>
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
            <select id="an-method" value={s.form.method} onChange={(e) => s.setForm('method', e.currentTarget.value as 'sobol' | 'morris')}>
              <option value="sobol">Sobol indices</option>
              <option value="morris">Morris screening</option>
            </select>
          </div>
        </div>
        <For each={ANALYZE_INPUTS}>
          {(n) => {
            const u = SHOWN[n];
            return (
              <fieldset class="range">
                <legend>{u.label}{u.unit ? ` (${u.unit})` : ''}</legend>
                <label class="radio"><input type="checkbox" checked={s.form.vary[n]} onChange={(e) => s.setForm('vary', n, e.currentTarget.checked)} /> vary</label>
                <label>from <NumberBox id={`an-${n}-lo`} label={`${u.label} from`} scale={u.scale} value={s.form.ranges[n][0]} onBad={markBad(`${n}-lo`)} onValue={(v) => s.setForm('ranges', n, 0, v)} /></label>
                <label>to <NumberBox id={`an-${n}-hi`} label={`${u.label} to`} scale={u.scale} value={s.form.ranges[n][1]} onBad={markBad(`${n}-hi`)} onValue={(v) => s.setForm('ranges', n, 1, v)} /></label>
                <label>fixed at <NumberBox id={`an-${n}-fixed`} label={`${u.label} fixed value`} scale={u.scale} value={s.form.nominal[n]} onBad={markBad(`${n}-fixed`)} onValue={(v) => s.setForm('nominal', n, v)} /></label>
              </fieldset>
            );
          }}
        </For>
        <div class="row">
          <Show when={s.form.method === 'sobol'} fallback={
            <div class="field"><label for="an-traj">Trajectories</label><NumberBox id="an-traj" label="Trajectories" value={s.form.trajectories} onBad={markBad('traj')} onValue={(v) => s.setForm('trajectories', v)} /></div>
          }>
            <div class="field"><label for="an-samples">Base samples N</label><NumberBox id="an-samples" label="Base samples N" value={s.form.samples} onBad={markBad('samples')} onValue={(v) => s.setForm('samples', v)} /></div>
          </Show>
          <div class="field"><label for="an-seed">Seed</label><NumberBox id="an-seed" label="Seed" value={s.form.seed} onBad={markBad('seed')} onValue={(v) => s.setForm('seed', v)} /></div>
        </div>
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
      <Show when={s.result()?.error}>{(m) => <div class="card"><p class="error" role="alert" data-testid="analyze-error">{m()}</p></div>}</Show>
      <Show when={sobol()}>
        {(o) => (
          <div class="card">
            <p data-testid="analyze-sentence">{o().summary}</p>
            <VegaChart spec={sobolChartSpec(o()) as unknown as TopLevelSpec} label={`Sobol indices of ${ROCKET_OUTPUT_INFO[o().output as RocketOutput]?.label ?? o().output} with their intervals`} />
            <div class="table-scroll"><table data-testid="analyze-indices">
              <thead><tr><th scope="col">Input</th><th scope="col">First order</th><th scope="col">Total</th><th scope="col">Total, {Math.round(o().confidence * 100)} % interval</th></tr></thead>
              <tbody>
                <For each={o().indices}>
                  {(i) => <tr><th scope="row">{rocketInputLabel(i.input)}</th><td>{i.first.toFixed(3)}</td><td>{i.total.toFixed(3)}</td><td>{i.totalInterval[0].toFixed(3)} – {i.totalInterval[1].toFixed(3)}</td></tr>}
                </For>
              </tbody>
            </table></div>
            <p class="hint">{o().evaluations.toLocaleString('en-US')} engine evaluations, seed {o().seed}.</p>
          </div>
        )}
      </Show>
      <Show when={morris()}>
        {(o) => (
          <div class="card">
            <p data-testid="analyze-sentence">{o().summary}</p>
            <table data-testid="analyze-effects">
              <thead><tr><th scope="col">Rank</th><th scope="col">Input</th><th scope="col">μ*</th><th scope="col">σ</th></tr></thead>
              <tbody>
                <For each={o().effects.slice().sort((a, b) => a.rank - b.rank)}>
                  {(e) => <tr><td>{e.rank}</td><th scope="row">{rocketInputLabel(e.input)}</th><td>{e.muStar.toPrecision(4)}</td><td>{e.sigma.toPrecision(4)}</td></tr>}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </section>
  );
}

// Test stand: watch a firing live (WebSocket, serial port, or a recorded file replayed), with the
// running figures in big numbers, thrust and chamber pressure against time, and the anomaly flags
// as they appear. Parsing, buffering and analysis run in a worker; samples are stored as they come.
import { For, Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { createStandStore, engineIdealIsp, type CampaignTrace } from '../../state/stand-store.ts';
import { openStandStream } from '../../bridge/stand.ts';
import { engine } from '../../bridge/engine.ts';
import * as standDb from '../../data/stand-db.ts';
import { workspace } from '../../state/workspace.ts';
import type { Polyline, StandView } from '../../domain/firing/live.ts';
import type { ExpectedFiring } from '../../domain/firing/design.ts';
import { toDisplay, unitLabel, type Quantity } from '../../domain/units.ts';
import { flagLine, flagMessageIn } from '../../domain/firing/flag-text.ts';

const fmt = (v: number | undefined, digits = 4) => (v === undefined || !Number.isFinite(v) ? '–' : Number(v.toPrecision(digits)).toLocaleString('en'));

const THRUST_COLOR = '#1f5fbf';
const PC_COLOR = '#c2410c';
const CAMPAIGN_COLORS = ['#1f5fbf', '#c2410c', '#15803d', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4b5563'];

function setupCanvas(canvas: HTMLCanvasElement): { g: CanvasRenderingContext2D; w: number; h: number } | null {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.scale(dpr, dpr);
  g.clearRect(0, 0, w, h);
  return { g, w, h };
}

/** Firings of one campaign: thrust against time from each burn start, one colour each. */
function drawCampaign(canvas: HTMLCanvasElement, traces: CampaignTrace[]) {
  const c = setupCanvas(canvas);
  if (!c || !traces.length) return;
  const { g, w, h } = c;
  let tMin = Infinity;
  let tMax = -Infinity;
  let max = 0;
  for (const tr of traces) {
    const { t, y } = tr.thrust;
    if (t.length) {
      tMin = Math.min(tMin, t[0]);
      tMax = Math.max(tMax, t[t.length - 1]);
    }
    for (const v of y) if (v > max) max = v;
  }
  if (!(tMax > tMin) || !(max > 0)) return;
  const pad = { l: 8, r: 8, t: 8, b: 18 };
  traces.forEach((tr, k) => {
    g.strokeStyle = CAMPAIGN_COLORS[k % CAMPAIGN_COLORS.length];
    g.lineWidth = 1.5;
    g.beginPath();
    const { t, y } = tr.thrust;
    for (let i = 0; i < t.length; i++) {
      const x = pad.l + ((t[i] - tMin) / (tMax - tMin)) * (w - pad.l - pad.r);
      const yy = h - pad.b - (y[i] / (max * 1.1)) * (h - pad.t - pad.b);
      if (i === 0) g.moveTo(x, yy);
      else g.lineTo(x, yy);
    }
    g.stroke();
  });
  g.fillStyle = '#555';
  g.font = '12px system-ui, sans-serif';
  g.fillText(`${tMin.toFixed(2)} s`, pad.l, h - 4);
  const end = `${tMax.toFixed(2)} s from burn start`;
  g.fillText(end, w - pad.r - g.measureText(end).width, h - 4);
}

function drawChart(canvas: HTMLCanvasElement, view: StandView | undefined, expected: ExpectedFiring) {
  const c = setupCanvas(canvas);
  if (!c) return;
  const { g, w, h } = c;
  if (!view || view.thrust.t.length < 2) return;
  const t = view.thrust.t;
  const tMin = t[0];
  const tMax = Math.max(t[t.length - 1], tMin + 1e-3);
  const pad = { l: 8, r: 8, t: 8, b: 18 };
  // each series on its own scale, its expected value (dashed) on the same one
  const line = ({ t: xs, y: ys }: Polyline, color: string, expect: number | undefined) => {
    let max = expect ?? 0;
    for (const y of ys) if (y > max) max = y;
    if (max <= 0) max = 1;
    const yOf = (v: number) => h - pad.b - (v / (max * 1.1)) * (h - pad.t - pad.b);
    g.strokeStyle = color;
    g.lineWidth = 1.5;
    g.setLineDash([]);
    g.beginPath();
    for (let i = 0; i < xs.length; i++) {
      const x = pad.l + ((xs[i] - tMin) / (tMax - tMin)) * (w - pad.l - pad.r);
      if (i === 0) g.moveTo(x, yOf(ys[i]));
      else g.lineTo(x, yOf(ys[i]));
    }
    g.stroke();
    if (expect !== undefined) {
      g.setLineDash([6, 4]);
      g.beginPath();
      g.moveTo(pad.l, yOf(expect));
      g.lineTo(w - pad.r, yOf(expect));
      g.stroke();
      g.setLineDash([]);
    }
  };
  line(view.thrust, THRUST_COLOR, expected.thrust);
  if (view.pc) line(view.pc, PC_COLOR, expected.pc);
  g.fillStyle = '#555';
  g.font = '12px system-ui, sans-serif';
  g.fillText(`${tMin.toFixed(2)} s`, pad.l, h - 4);
  const end = `${tMax.toFixed(2)} s`;
  g.fillText(end, w - pad.r - g.measureText(end).width, h - 4);
}

export default function Stand() {
  const store = createStandStore({ openStream: openStandStream, db: standDb, webSocket: (url) => new WebSocket(url), workspace, idealIsp: engineIdealIsp(engine()) });
  const [url, setUrl] = createSignal('ws://127.0.0.1:8090/');
  const [speed, setSpeed] = createSignal(1);
  const [baud, setBaud] = createSignal(115200);
  const hasSerial = typeof navigator !== 'undefined' && 'serial' in navigator;
  let canvas!: HTMLCanvasElement;
  let campaignCanvas: HTMLCanvasElement | undefined;
  let fileInput!: HTMLInputElement;
  const units = () => workspace().units();
  /** A figure in the workspace's unit system. */
  const shown = (q: Quantity, v: number | undefined) => (v === undefined ? undefined : toDisplay(q, v, units()));

  // Experiments' "Open on the Stand": ?experiment=ID shows that experiment's campaign (nothing is
  // written: no firing is read back yet), ?firing=STUDY marks that firing's row
  const [params] = useSearchParams<{ experiment?: string; firing?: string }>();
  onMount(() => {
    if (params.experiment) store.link(params.experiment);
    void store.recover();
  });
  createEffect(() => {
    if (!params.firing || !store.campaign().length) return;
    queueMicrotask(() => document.querySelector(`tr[data-study-id="${CSS.escape(params.firing!)}"]`)?.scrollIntoView({ block: 'center' }));
  });
  onCleanup(() => store.dispose());
  createEffect(() => {
    const u = store.update();
    drawChart(canvas, u?.view, store.expected());
  });
  createEffect(() => {
    const traces = store.campaignTraces()?.traces ?? [];
    if (campaignCanvas) drawCampaign(campaignCanvas, traces);
  });

  const a = () => store.update()?.analysis ?? null;
  const busy = () => ['connecting', 'live', 'replaying'].includes(store.status());
  const statusText = () => {
    const s = store.status();
    const n = store.update()?.samples ?? store.stored();
    const label = { idle: 'Not connected', connecting: 'Connecting…', live: 'Live', replaying: 'Replaying', ended: 'Ended', recovered: 'Stored firing', error: 'Error' }[s];
    return `${label}: ${n.toLocaleString('en')} samples`;
  };

  return (
    <section class="page stand" aria-labelledby="page-title">
      <h1 id="page-title">Test stand</h1>
      <p class="lead">Watch a firing live against what it should do: thrust and chamber pressure as they arrive, the burn figures as they build up, and anomaly flags the moment they show. Samples are stored in this browser as they come, so a closed tab loses at most a second.</p>

      <div class="card">
        <h2>Design to compare with</h2>
        <div class="row">
          <div class="field" style={{ flex: '1 1 260px' }}>
            <label for="stand-experiment">Experiment</label>
            <select id="stand-experiment" value={store.linkedId() ?? ''} onChange={(e) => store.link(e.currentTarget.value || null)}>
              <option value="">none</option>
              {/* `selected` on the option too: the experiments may load after the firing's link is read back */}
              <For each={workspace().experiments()}>{(e) => <option value={e.id} selected={e.id === store.linkedId()}>{e.name}</option>}</For>
            </select>
          </div>
        </div>
        <Show when={store.linked()} fallback={<p class="muted">Link the firing to an experiment to draw its design as the expected line, flag chamber pressure drifting from it, and save the firing with it.</p>}>
          <p data-testid="stand-expected">
            Expected (dashed): chamber pressure {fmt(shown('pressure', store.expected().pc))} {unitLabel('pressure', units())}
            <Show when={store.expected().thrust !== undefined} fallback={<>; no expected thrust (compute the design in Explore and give its throat, or set a thrust in Design)</>}>
              , thrust {fmt(shown('force', store.expected().thrust))} {unitLabel('force', units())} ({store.expected().thrustBasis})
            </Show>.
          </p>
        </Show>
      </div>

      <div class="card">
        <h2>Source</h2>
        <div class="row">
          <div class="field" style={{ flex: '1 1 260px' }}>
            <label for="stand-url">WebSocket URL</label>
            <input id="stand-url" type="url" value={url()} onInput={(e) => setUrl(e.currentTarget.value)} disabled={busy()} />
          </div>
          <button type="button" onClick={() => void store.connectWebSocket(url())} disabled={busy()}>Connect</button>
          <Show when={busy()}>
            <button type="button" onClick={() => store.stop()}>Stop</button>
          </Show>
        </div>
        <div class="row">
          <div class="field">
            <label for="stand-file">Replay a recorded trace (CSV)</label>
            <input id="stand-file" type="file" accept=".csv,.txt,text/csv,text/plain" ref={fileInput} disabled={busy()} onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void store.replayFile(f, speed());
              e.currentTarget.value = '';
            }} />
          </div>
          <div class="field">
            <label for="stand-speed">Replay speed</label>
            <select id="stand-speed" value={String(speed())} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
              <option value="1">real time</option>
              <option value="5">5 ×</option>
              <option value="20">20 ×</option>
            </select>
          </div>
        </div>
        <Show when={hasSerial}>
          <div class="row">
            <div class="field">
              <label for="stand-baud">Serial baud rate</label>
              <input id="stand-baud" type="number" min="300" step="1" value={baud()} onInput={(e) => setBaud(Number(e.currentTarget.value))} />
            </div>
            <button type="button" onClick={() => void store.connectSerial(baud())} disabled={busy() || !(baud() >= 300)}>Connect a serial port</button>
          </div>
        </Show>
        <p role="status" data-testid="stand-status">{statusText()}</p>
        <Show when={store.message()}>
          <p data-testid="stand-message" classList={{ error: store.status() === 'error' }}>{store.message()}</p>
        </Show>
        <Show when={store.update()?.failed}>{(m) => <p class="error">{m()}</p>}</Show>
        <Show when={(store.update()?.errorCount ?? 0) > 0}>
          <p class="error">{store.update()!.errorCount} line(s) refused, e.g. {store.update()!.errors[0]}</p>
        </Show>
      </div>

      <div class="stand-figures" aria-label="Running figures">
        <For each={[
          ['Burn time', () => a()?.burnTime, 'time', 'fig-burn'],
          ['Total impulse', () => a()?.totalImpulse, 'impulse', 'fig-impulse'],
          ['Average thrust', () => a()?.averageThrust, 'force', 'fig-average'],
          ['Peak thrust', () => a()?.peakThrust, 'force', 'fig-peak'],
          ['Delivered c*', () => a()?.cstar, 'velocity', 'fig-cstar'],
          ['Delivered Isp', () => a()?.isp, 'specificImpulse', 'fig-isp'],
        ] as const}>
          {([label, value, q, id]) => (
            <div class="stand-figure card">
              <div class="muted">{label}</div>
              <div class="stand-number" data-testid={id}>{fmt(shown(q, value()))}</div>
              <div class="muted" data-testid={`${id}-unit`}>{unitLabel(q, units())}</div>
            </div>
          )}
        </For>
      </div>
      <Show when={store.update()?.waiting}>{(w) => <p class="muted">{w()}</p>}</Show>

      <div class="card">
        <h2>Thrust <span style={{ color: THRUST_COLOR }}>━</span> and chamber pressure <span style={{ color: PC_COLOR }}>━</span><Show when={store.linked()}> (expected: dashed)</Show></h2>
        <canvas ref={canvas} class="stand-chart" role="img" aria-label="Thrust and chamber pressure against time" />
      </div>

      <div class="card">
        <h2>Flags</h2>
        <Show when={(a()?.flags.length ?? 0) > 0} fallback={<p class="muted" data-testid="no-flags">No anomaly so far.</p>}>
          <ul aria-label="Flags" class="stand-flags">
            <For each={a()?.flags}>
              {(f) => (
                <li data-kind={f.kind}>
                  <strong>{f.kind}</strong> at {f.time.toFixed(3)} s{f.frequency !== undefined ? `, ${f.frequency.toPrecision(4)} Hz` : ''}: {flagMessageIn(f.message, units())}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>

      <Show when={a() && !busy()}>
        <div class="card">
          <h2>After the firing</h2>
          <div class="row">
            <button type="button" disabled={!store.linked() || store.saving() || store.savedAs()?.experimentId === store.linkedId()} onClick={() => void store.saveToExperiment()}>Save to experiment</button>
            <button type="button" disabled={!store.linked() || store.saving()} onClick={() => void store.addToLearn()}>Add to Learn's test firings</button>
          </div>
          <Show when={!store.linked()}>
            <p class="muted">Choose an experiment above to save this firing with it.</p>
          </Show>
          <Show when={store.afterMessage()}>{(m) => <p data-testid="stand-after" classList={{ error: m().error }}>{m().text}</p>}</Show>
        </div>
      </Show>

      <Show when={store.campaign().length > 0}>
        <section class="card" aria-labelledby="stand-campaign">
          <h2 id="stand-campaign">Firings of “{store.linked()?.name}”</h2>
          <canvas ref={campaignCanvas} class="stand-chart" role="img" aria-label="Thrust of the saved firings against time from burn start" />
          <For each={store.campaignTraces()?.unreadable ?? []}>{(m) => <p class="error">Not drawn: {m}</p>}</For>
          <table aria-label="Saved firings">
            <thead>
              <tr>
                <th scope="col">Firing</th>
                <th scope="col">Started</th>
                <th scope="col">Burn time [s]</th>
                <th scope="col">Total impulse [{unitLabel('impulse', units())}]</th>
                <th scope="col">Average thrust [{unitLabel('force', units())}]</th>
                <th scope="col">Peak thrust [{unitLabel('force', units())}]</th>
                <th scope="col">Isp [{unitLabel('specificImpulse', units())}]</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody>
              <For each={store.campaign()}>
                {(f, i) => (
                  <tr data-study-id={f.studyId} classList={{ current: f.studyId === params.firing }} aria-current={f.studyId === params.firing ? 'true' : undefined}>
                    <td><span style={{ color: CAMPAIGN_COLORS[i() % CAMPAIGN_COLORS.length] }}>━</span> {f.name}</td>
                    <td>{new Date(f.startedAt).toLocaleString()}</td>
                    <td class="num">{fmt(f.summary.burnTime_s)}</td>
                    <td class="num">{fmt(shown('impulse', f.summary.totalImpulse_Ns))}</td>
                    <td class="num">{fmt(shown('force', f.summary.averageThrust_N))}</td>
                    <td class="num">{fmt(shown('force', f.summary.peakThrust_N))}</td>
                    <td class="num">{fmt(shown('specificImpulse', f.summary.isp_m_s))}</td>
                    <td title={f.flags.map((x) => flagLine(x, units())).join('\n')}>{f.flags.length ? f.flags.map((x) => x.kind).join(', ') : 'none'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
    </section>
  );
}

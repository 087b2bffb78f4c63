// Test stand: watch a firing live (WebSocket, serial port, or a recorded file replayed), with the
// running figures in big numbers, thrust and chamber pressure against time, and the anomaly flags
// as they appear. Parsing, buffering and analysis run in a worker; samples are stored as they come.
import { For, Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import { createStandStore } from '../../state/stand-store.ts';
import type { StandView } from '../../domain/firing/live.ts';

const fmt = (v: number | undefined, digits = 4) => (v === undefined || !Number.isFinite(v) ? '–' : Number(v.toPrecision(digits)).toLocaleString('en'));

function drawChart(canvas: HTMLCanvasElement, view: StandView | undefined) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const g = canvas.getContext('2d');
  if (!g) return;
  g.scale(dpr, dpr);
  g.clearRect(0, 0, w, h);
  if (!view || view.thrust.t.length < 2) return;
  const t = view.thrust.t;
  const tMin = t[0];
  const tMax = Math.max(t[t.length - 1], tMin + 1e-3);
  const pad = { l: 8, r: 8, t: 8, b: 18 };
  const line = (xs: Float64Array, ys: Float64Array, color: string) => {
    let max = 0;
    for (const y of ys) if (y > max) max = y;
    if (max <= 0) max = 1;
    g.strokeStyle = color;
    g.lineWidth = 1.5;
    g.beginPath();
    for (let i = 0; i < xs.length; i++) {
      const x = pad.l + ((xs[i] - tMin) / (tMax - tMin)) * (w - pad.l - pad.r);
      const y = h - pad.b - (ys[i] / (max * 1.1)) * (h - pad.t - pad.b);
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    }
    g.stroke();
  };
  line(view.thrust.t, view.thrust.y, '#1f5fbf');
  if (view.pc) line(view.pc.t, view.pc.y, '#c2410c');
  g.fillStyle = '#555';
  g.font = '12px system-ui, sans-serif';
  g.fillText(`${tMin.toFixed(2)} s`, pad.l, h - 4);
  const end = `${tMax.toFixed(2)} s`;
  g.fillText(end, w - pad.r - g.measureText(end).width, h - 4);
}

export default function Stand() {
  const store = createStandStore();
  const [url, setUrl] = createSignal('ws://127.0.0.1:8090/');
  const [speed, setSpeed] = createSignal(1);
  const [baud, setBaud] = createSignal(115200);
  const hasSerial = typeof navigator !== 'undefined' && 'serial' in navigator;
  let canvas!: HTMLCanvasElement;
  let fileInput!: HTMLInputElement;

  onMount(() => void store.recover());
  onCleanup(() => store.dispose());
  createEffect(() => {
    const u = store.update();
    drawChart(canvas, u?.view);
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
          ['Burn time', () => fmt(a()?.burnTime), 's', 'fig-burn'],
          ['Total impulse', () => fmt(a()?.totalImpulse), 'N·s', 'fig-impulse'],
          ['Average thrust', () => fmt(a()?.averageThrust), 'N', 'fig-average'],
          ['Peak thrust', () => fmt(a()?.peakThrust), 'N', 'fig-peak'],
          ['Delivered c*', () => fmt(a()?.cstar), 'm/s', 'fig-cstar'],
          ['Delivered Isp', () => fmt(a()?.isp), 'm/s', 'fig-isp'],
        ] as const}>
          {([label, value, unit, id]) => (
            <div class="stand-figure card">
              <div class="muted">{label}</div>
              <div class="stand-number" data-testid={id}>{value()}</div>
              <div class="muted">{unit}</div>
            </div>
          )}
        </For>
      </div>
      <Show when={store.update()?.waiting}>{(w) => <p class="muted">{w()}</p>}</Show>

      <div class="card">
        <h2>Thrust <span style={{ color: '#1f5fbf' }}>━</span> and chamber pressure <span style={{ color: '#c2410c' }}>━</span></h2>
        <canvas ref={canvas} class="stand-chart" role="img" aria-label="Thrust and chamber pressure against time" />
      </div>

      <div class="card">
        <h2>Flags</h2>
        <Show when={(a()?.flags.length ?? 0) > 0} fallback={<p class="muted" data-testid="no-flags">No anomaly so far.</p>}>
          <ul aria-label="Flags" class="stand-flags">
            <For each={a()?.flags}>
              {(f) => (
                <li data-kind={f.kind}>
                  <strong>{f.kind}</strong> at {f.time.toFixed(3)} s{f.frequency !== undefined ? `, ${f.frequency.toPrecision(4)} Hz` : ''}: {f.message}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </section>
  );
}

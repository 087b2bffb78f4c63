// Settings: unit system, the machine-learning backend, sync with a team workspace, the optional AI assistant, and what this browser keeps for us (usage,
// quota, persistence).
import { For, Show, createSignal, onMount } from 'solid-js';
import { A } from '@solidjs/router';
import { ML_BACKEND_CHOICES, mlBackendPreference, setMlBackendPreference, type MlBackendPreference } from '../../state/ml-backend.ts';
import { workspace } from '../../state/workspace.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import { WorkspaceNotice } from '../components/WorkspaceNotice.tsx';
import { SyncPanel } from '../components/SyncPanel.tsx';
import { AssistantPanel } from '../components/AssistantPanel.tsx';

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(b < 10 * 1024 * 1024 ? 2 : 0)} MB`;

export default function Settings() {
  const ws = workspace();
  onMount(() => void ws.refreshStorage());
  const pick = (u: UnitSystem) => void ws.setUnits(u);
  const [mlMessage, setMlMessage] = createSignal<string | null>(null);
  const pickBackend = async (p: MlBackendPreference) => setMlMessage(await setMlBackendPreference(p));
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Settings</h1>
      <div class="stack">
        <fieldset class="card">
          <legend>Units</legend>
          <p class="muted">Values are kept in SI; this choice sets how lists, tables and new experiments show them.</p>
          <label class="radio">
            <input type="radio" name="units" value="SI" checked={ws.units() === 'SI'} onChange={() => pick('SI')} /> SI (bar, K, m/s, kg/m³)
          </label>
          <label class="radio">
            <input type="radio" name="units" value="US" checked={ws.units() === 'US'} onChange={() => pick('US')} /> US customary (psia, °R, lbf·s/lbm, lbm/ft³)
          </label>
        </fieldset>
        <fieldset class="card">
          <legend>Machine learning</legend>
          <p class="muted">Where Learn trains and predicts. Automatic uses WebGPU on a hardware GPU, else WebGL, else the CPU; it skips a software-only WebGPU adapter, which is slower than the CPU for these small networks.</p>
          <label>
            Compute backend{' '}
            <select data-testid="settings-ml-backend" value={mlBackendPreference()} onChange={(e) => void pickBackend(e.currentTarget.value as MlBackendPreference)}>
              <For each={ML_BACKEND_CHOICES}>{(c) => <option value={c.value}>{c.label}</option>}</For>
            </select>
          </label>
          <Show when={mlMessage()}>{(m) => <p class="warnings" role="alert">{m()}</p>}</Show>
        </fieldset>
        <SyncPanel />
        <AssistantPanel />
        <section class="card" aria-labelledby="help-title">
          <h2 id="help-title">Help</h2>
          <p><A href="/glossary">Glossary</A>: what c*, Cf, γs, density-Isp, frozen and shifting flow and the other terms mean, with formulas and units. The small “i” buttons beside labels explain each one where it appears.</p>
        </section>
        <section class="card" aria-labelledby="storage-title">
          <h2 id="storage-title">Storage</h2>
          <p>{ws.experiments().length} experiments, {ws.customPropellants().length} custom propellants.</p>
          <Show when={ws.storage()} fallback={<p class="muted">This browser does not report storage use.</p>}>
            {(s) => (
              <>
                <p data-testid="storage-usage">
                  Using {mb(s().usage_bytes)} of {mb(s().quota_bytes)} available to this app
                  ({s().quota_bytes ? ((100 * s().usage_bytes) / s().quota_bytes).toFixed(2) : '0'} %).
                </p>
                <meter min={0} max={s().quota_bytes || 1} value={s().usage_bytes} aria-label="Storage used" />
                <p>
                  {s().persisted
                    ? 'Storage is persistent: the browser will not clear it to free space.'
                    : 'Storage is not persistent yet: under storage pressure the browser may clear it. Export backups, or ask for persistence.'}
                </p>
                <Show when={!s().persisted}>
                  <button type="button" class="secondary" onClick={() => void ws.requestPersistence()}>Ask to keep my data</button>
                </Show>
              </>
            )}
          </Show>
        </section>
      </div>
      <WorkspaceNotice ws={ws} />
    </section>
  );
}

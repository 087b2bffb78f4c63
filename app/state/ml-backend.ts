// The machine-learning backend preference (Settings → Machine learning): 'auto' or one backend,
// kept in the workspace settings and applied once, when the ML worker is first used — so choosing
// it never loads TensorFlow.js by itself.
import { ml } from '../bridge/ml.ts';
import { workspace } from './workspace.ts';
import type { MlBackend } from '../domain/ml-contract.ts';

export type MlBackendPreference = 'auto' | MlBackend;
export const ML_BACKEND_CHOICES: { value: MlBackendPreference; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'cpu', label: 'CPU' },
];
const SETTING = 'mlBackend';

/** The saved preference ('auto' when unset or unreadable). */
export function mlBackendPreference(): MlBackendPreference {
  const v = workspace().settings()[SETTING];
  return ML_BACKEND_CHOICES.some((c) => c.value === v) ? (v as MlBackendPreference) : 'auto';
}

let applied: Promise<string | null> | null = null;

/**
 * Applies the preference to the ML worker the first time it is called (later calls wait for that
 * one). Resolves to null, or to why the preferred backend could not be used (the worker then keeps
 * its automatic choice).
 */
export function applyMlBackendPreference(): Promise<string | null> {
  applied ??= (async () => {
    await workspace().whenReady();
    const pref = mlBackendPreference();
    if (pref === 'auto') return null;
    const r = await ml().call('setBackend', { name: pref });
    return r.ok ? null : `Settings ask for ${pref}, but ${r.error.message}`;
  })();
  return applied;
}

/** Saves the preference and, when the ML worker is already running, switches it now. */
export async function setMlBackendPreference(p: MlBackendPreference): Promise<string | null> {
  if (!(await workspace().setSetting(SETTING, p))) return 'the setting could not be saved';
  if (!applied) return null; // applied when the worker is first used
  const r = await ml().call('setBackend', { name: p });
  applied = Promise.resolve(r.ok ? null : r.error.message);
  return r.ok ? null : r.error.message;
}

/** The ML worker was terminated (a cancelled training): its successor gets the preference on its first use. */
export function forgetAppliedMlBackend(): void {
  applied = null;
}

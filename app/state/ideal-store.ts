// Store for the ideal-rocket calculator: form text, debounced computation in the engine worker,
// the latest result and per-field errors.
import { createSignal, createEffect, onCleanup, batch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { engine as sharedEngine, type EngineBridge } from '../bridge/engine.ts';
import { latest } from '../domain/latest.ts';
import { checkFieldText, formatPlain } from '../domain/field-check.ts';
import { DEFAULT_IDEAL_INPUT, type IdealRocketInput, type IdealRocketResult } from '../domain/ideal-rocket.ts';

export interface IdealForm {
  gamma: string;
  molarMass: string;
  Tc: string;
  pc_bar: string;
  nozzleKind: 'areaRatio' | 'pressureRatio';
  areaRatio: string;
  pcOverPe: string;
  pamb_bar: string;
}

const d = DEFAULT_IDEAL_INPUT;
const defaultForm: IdealForm = {
  gamma: String(d.gamma),
  molarMass: String(d.molarMass_kg_kmol),
  Tc: String(d.Tc_K),
  pc_bar: String(d.pc_Pa / 1e5),
  nozzleKind: 'areaRatio',
  areaRatio: d.nozzle.kind === 'areaRatio' ? String(d.nozzle.areaRatio) : '16',
  pcOverPe: '70',
  pamb_bar: String(d.pamb_Pa / 1e5),
};

/** Maps domain field paths to form fields, so errors appear beside the right input. */
const FIELD_OF: Record<string, keyof IdealForm> = {
  gamma: 'gamma',
  molarMass_kg_kmol: 'molarMass',
  Tc_K: 'Tc',
  pc_Pa: 'pc_bar',
  pamb_Pa: 'pamb_bar',
  'nozzle.areaRatio': 'areaRatio',
  'nozzle.pcOverPe': 'pcOverPe',
};

const LABELS: Record<string, string> = {
  gamma: 'γ', molarMass: 'molar mass', Tc: 'chamber temperature', pc_bar: 'chamber pressure',
  areaRatio: 'area ratio', pcOverPe: 'pressure ratio', pamb_bar: 'ambient pressure',
};

/** A pressure message of the domain (Pa) restated in bar: its limits and the value it got. */
const inBar = (message: string) => message
  .replace(/([-\d.e+]+) Pa/g, (_, x: string) => `${formatPlain(Number(x) / 1e5)} bar`)
  .replace(/\(got ([-\d.e+]+)\)/, (_, x: string) => `(got ${formatPlain(Number(x) / 1e5)} bar)`);

export interface IdealStoreOptions {
  /** The engine worker (a fake in node tests). */
  engine?: EngineBridge;
  debounceMs?: number;
}

export function createIdealStore(opts: IdealStoreOptions = {}) {
  const engine = opts.engine ?? sharedEngine();
  const debounceMs = opts.debounceMs ?? 150;
  const [form, setForm] = createStore<IdealForm>({ ...defaultForm });
  const [errors, setErrors] = createStore<Partial<Record<keyof IdealForm, string>>>({});
  const [result, setResult] = createSignal<IdealRocketResult | null>(null);
  const [busy, setBusy] = createSignal(false);
  // A point takes microseconds: stale replies are dropped rather than aborted (abort restarts the worker).
  const calls = latest();

  function toInput(): IdealRocketInput | null {
    const parsed: Partial<Record<keyof IdealForm, number>> = {};
    const fieldErrors: Partial<Record<keyof IdealForm, string>> = {};
    const keys: (keyof IdealForm)[] = ['gamma', 'molarMass', 'Tc', 'pc_bar', 'pamb_bar', form.nozzleKind === 'areaRatio' ? 'areaRatio' : 'pcOverPe'];
    for (const k of keys) {
      // the domain checks the limits; here only empty and junk, the shared way
      const r = checkFieldText(form[k] as string, { label: LABELS[k], unitText: k === 'pc_bar' || k === 'pamb_bar' ? 'bar' : undefined });
      if (!r.ok) fieldErrors[k] = r.message;
      else parsed[k] = r.si;
    }
    setErrors((prev) => {
      const next: typeof prev = {};
      for (const k of Object.keys(prev) as (keyof IdealForm)[]) next[k] = undefined;
      return { ...next, ...fieldErrors };
    });
    if (Object.keys(fieldErrors).length) return null;
    return {
      gamma: parsed.gamma!,
      molarMass_kg_kmol: parsed.molarMass!,
      Tc_K: parsed.Tc!,
      pc_Pa: parsed.pc_bar! * 1e5,
      pamb_Pa: parsed.pamb_bar! * 1e5,
      nozzle: form.nozzleKind === 'areaRatio'
        ? { kind: 'areaRatio', areaRatio: parsed.areaRatio! }
        : { kind: 'pressureRatio', pcOverPe: parsed.pcOverPe! },
    };
  }

  async function compute() {
    const current = calls.next();
    const input = toInput();
    if (!input) {
      setResult(null);
      return;
    }
    setBusy(true);
    const r = await engine.call('idealRocket', input);
    if (!current()) return;
    batch(() => {
      setBusy(false);
      if (r.ok) {
        setResult(r.value);
      } else {
        setResult(null);
        const f = r.error.field ? FIELD_OF[r.error.field] : undefined;
        // Domain messages are in SI; the form shows bar, so restate pressures in the form's unit.
        setErrors(f ?? 'gamma', f === 'pc_bar' || f === 'pamb_bar' ? inBar(r.error.message) : r.error.message);
      }
    });
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    // Track every field.
    void [form.gamma, form.molarMass, form.Tc, form.pc_bar, form.nozzleKind, form.areaRatio, form.pcOverPe, form.pamb_bar];
    clearTimeout(timer);
    timer = setTimeout(() => void compute(), debounceMs);
  });
  onCleanup(() => {
    clearTimeout(timer);
    calls.cancel();
  });

  return { form, setForm, errors, result, busy };
}

// Store for the ideal-rocket calculator: form text, debounced computation in the engine worker,
// the latest result and per-field errors.
import { createSignal, createEffect, onCleanup, batch, on, untrack } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { EngineBridge } from '../bridge/engine.ts';
import { latest } from '../domain/latest.ts';
import { checkFieldText, formatPlain, fromShown, toShown, type FieldSpec } from '../domain/field-check.ts';
import { parseNumberText } from '../domain/number-text.ts';
import type { UnitSystem } from '../domain/experiment.ts';
import { DEFAULT_IDEAL_INPUT, type IdealRocketInput, type IdealRocketResult } from '../domain/ideal-rocket.ts';

export interface IdealForm {
  gamma: string;
  molarMass: string;
  /** Chamber temperature in the workspace's unit (K or °R). */
  Tc: string;
  /** Chamber pressure in the workspace's unit (bar or psia). */
  pc: string;
  nozzleKind: 'areaRatio' | 'pressureRatio';
  areaRatio: string;
  pcOverPe: string;
  /** Ambient pressure in the workspace's unit (bar or psia). */
  pamb: string;
}

type NumericField = Exclude<keyof IdealForm, 'nozzleKind'>;

/** Each field's check, limits in SI (the same as validateIdealRocketInput's), so a message names the
 * limit and the typed value in the unit the field shows. */
const SPECS: Record<NumericField, FieldSpec> = {
  gamma: { label: 'γ', min: 1, minExclusive: true, max: 3, maxExclusive: true },
  molarMass: { label: 'molar mass', quantity: 'molarMass', min: 0, minExclusive: true, max: 1000 },
  Tc: { label: 'chamber temperature', quantity: 'temperature', min: 0, minExclusive: true, max: 20000 },
  pc: { label: 'chamber pressure', quantity: 'pressure', min: 0, minExclusive: true },
  areaRatio: { label: 'area ratio', min: 1, max: 1e5 },
  pcOverPe: { label: 'pressure ratio', min: 1, max: 1e9 },
  pamb: { label: 'ambient pressure', quantity: 'pressure', min: 0 },
};

const CONVERTED: NumericField[] = ['molarMass', 'Tc', 'pc', 'pamb'];

const d = DEFAULT_IDEAL_INPUT;
/** The default design point, written in `system`'s units. */
function defaultForm(system: UnitSystem): IdealForm {
  const shown = (k: NumericField, si: number) => formatPlain(toShown(si, { ...SPECS[k], system }));
  return {
    gamma: String(d.gamma),
    molarMass: shown('molarMass', d.molarMass_kg_kmol),
    Tc: shown('Tc', d.Tc_K),
    pc: shown('pc', d.pc_Pa),
    nozzleKind: 'areaRatio',
    areaRatio: d.nozzle.kind === 'areaRatio' ? String(d.nozzle.areaRatio) : '16',
    pcOverPe: '70',
    pamb: shown('pamb', d.pamb_Pa),
  };
}

/** Maps domain field paths to form fields, so errors appear beside the right input. */
const FIELD_OF: Record<string, keyof IdealForm> = {
  gamma: 'gamma',
  molarMass_kg_kmol: 'molarMass',
  Tc_K: 'Tc',
  pc_Pa: 'pc',
  pamb_Pa: 'pamb',
  'nozzle.areaRatio': 'areaRatio',
  'nozzle.pcOverPe': 'pcOverPe',
};

export interface IdealStoreOptions {
  /** The engine worker: the caller passes it (the calculator passes the app's, node tests a node bridge). */
  engine: EngineBridge;
  debounceMs?: number;
  /** The workspace's unit system (SI when not given): the form's fields are typed in it. */
  units?: () => UnitSystem;
}

export function createIdealStore(opts: IdealStoreOptions) {
  const engine = opts.engine;
  const debounceMs = opts.debounceMs ?? 150;
  const units = opts.units ?? ((): UnitSystem => 'SI');
  const [form, setForm] = createStore<IdealForm>(defaultForm(untrack(units)));
  const [errors, setErrors] = createStore<Partial<Record<keyof IdealForm, string>>>({});
  const [result, setResult] = createSignal<IdealRocketResult | null>(null);
  const [busy, setBusy] = createSignal(false);
  // A point takes microseconds: stale replies are dropped rather than aborted (abort restarts the worker).
  const calls = latest();

  function toInput(): IdealRocketInput | null {
    const system = units();
    const parsed: Partial<Record<keyof IdealForm, number>> = {};
    const fieldErrors: Partial<Record<keyof IdealForm, string>> = {};
    const keys: NumericField[] = ['gamma', 'molarMass', 'Tc', 'pc', 'pamb', form.nozzleKind === 'areaRatio' ? 'areaRatio' : 'pcOverPe'];
    for (const k of keys) {
      // empty, junk and out of range, the shared way: parsed from the shown unit into SI
      const r = checkFieldText(form[k], { ...SPECS[k], system });
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
      pc_Pa: parsed.pc!,
      pamb_Pa: parsed.pamb!,
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
        // The form's own checks carry the domain's limits, so this is a fallback (its message is in SI).
        setErrors(f ?? 'gamma', r.error.message);
      }
    });
  }

  // When the workspace's unit system changes, the typed numbers are restated in the new units
  // (a text that does not read as a number is left as typed).
  createEffect(on(units, (system, prev) => {
    if (prev === undefined || prev === system) return;
    const next: Partial<IdealForm> = {};
    for (const k of CONVERTED) {
      const shown = parseNumberText(untrack(() => form[k]));
      if (shown === null) continue;
      const si = fromShown(shown, { ...SPECS[k], system: prev });
      next[k] = formatPlain(toShown(si, { ...SPECS[k], system }));
    }
    setForm(next);
  }));

  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    // Track every field and the unit system.
    void [form.gamma, form.molarMass, form.Tc, form.pc, form.nozzleKind, form.areaRatio, form.pcOverPe, form.pamb, units()];
    clearTimeout(timer);
    timer = setTimeout(() => void compute(), debounceMs);
  });
  onCleanup(() => {
    clearTimeout(timer);
    calls.cancel();
  });

  return { form, setForm, errors, result, busy };
}

// A labelled input for a physical quantity: the value is SI, the text is in the user's unit system.
// The input itself is the shared CheckedInput: it keeps refused text with a message beside it.
import { Show, createSignal } from 'solid-js';
import { fieldUnit } from '../../domain/field-check.ts';
import { CheckedInput } from './CheckedInput.tsx';
import type { Quantity } from '../../domain/units.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import type { TermId } from '../../domain/glossary.ts';
import { Term } from './Term.tsx';

export interface QuantityFieldProps {
  id: string;
  label: string;
  quantity: Quantity;
  system: UnitSystem;
  /** SI value. */
  value: number | undefined;
  onValue: (si: number) => void;
  /** Bounds in SI (inclusive unless marked exclusive). */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
  /** Told when the field holds text it refused (a message) and when that is fixed (null), so a form can hold its Run. */
  onValidity?: (id: string, message: string | null) => void;
  hint?: string;
  /** Unit text for dimensionless quantities that still deserve one ("mass" for O/F). */
  unitText?: string;
  /** The glossary term the label names: a toggletip beside the label explains it. */
  term?: TermId;
}

// Unit texts that describe a ratio rather than name a unit: the label shows them, messages do not ("≥ 0.001", not "≥ 0.001 mass").
const DESCRIPTIVE = new Set(['mass', 'mass ratio']);

export function QuantityField(props: QuantityFieldProps) {
  const [err, setErr] = createSignal<string | null>(null);
  const spec = () => ({ label: props.label, quantity: props.quantity, system: props.system, unitText: props.unitText && DESCRIPTIVE.has(props.unitText) ? '' : props.unitText, min: props.min, max: props.max, minExclusive: props.minExclusive, maxExclusive: props.maxExclusive, integer: props.integer });
  const unit = () => props.unitText ?? fieldUnit(spec());
  return (
    <div class="field" classList={{ invalid: !!err() }}>
      <label for={props.id}>
        {props.label}
        <Show when={unit()}><span class="unit"> ({unit()})</span></Show>
      </label>
      <Show when={props.term}>{(t) => <Term id={t()} />}</Show>
      <CheckedInput id={props.id} spec={spec()} value={props.value} onValue={props.onValue} hintId={props.hint ? `${props.id}-hint` : undefined}
        onValidity={(id, m) => { setErr(m); props.onValidity?.(id, m); }} />
      <Show when={props.hint && !err()}><small id={`${props.id}-hint`} class="hint">{props.hint}</small></Show>
    </div>
  );
}

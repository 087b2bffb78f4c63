// A labelled input for a physical quantity: the value is SI, the text is in the user's unit system.
// Keeps the user's text while it is invalid and says why beside the field (naming the value).
import { Show, createSignal, onCleanup } from 'solid-js';
import { checkFieldText, fieldUnit, toShown } from '../../domain/field-check.ts';
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
  const [text, setText] = createSignal<string | null>(null);
  const [err, setErrSig] = createSignal<string | null>(null);
  const setErr = (m: string | null) => {
    setErrSig(m);
    props.onValidity?.(props.id, m);
  };
  onCleanup(() => props.onValidity?.(props.id, null));
  const spec = () => ({ label: props.label, quantity: props.quantity, system: props.system, unitText: props.unitText && DESCRIPTIVE.has(props.unitText) ? '' : props.unitText, min: props.min, max: props.max, minExclusive: props.minExclusive, maxExclusive: props.maxExclusive, integer: props.integer });
  const unit = () => props.unitText ?? fieldUnit(spec());
  const shown = () => text() ?? (props.value === undefined ? '' : String(+toShown(props.value, spec()).toPrecision(8)));
  return (
    <div class="field" classList={{ invalid: !!err() }}>
      <label for={props.id}>
        {props.label}
        <Show when={unit()}><span class="unit"> ({unit()})</span></Show>
      </label>
      <Show when={props.term}>{(t) => <Term id={t()} />}</Show>
      <input
        id={props.id}
        type="text"
        inputmode="decimal"
        autocomplete="off"
        value={shown()}
        aria-invalid={err() ? 'true' : 'false'}
        aria-describedby={err() ? `${props.id}-err` : props.hint ? `${props.id}-hint` : undefined}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          const r = checkFieldText(t, spec());
          if (!r.ok) return setErr(r.message);
          setErr(null);
          props.onValue(r.si);
        }}
        onBlur={() => { if (!err()) setText(null); }}
      />
      <Show when={props.hint && !err()}><small id={`${props.id}-hint`} class="hint">{props.hint}</small></Show>
      <Show when={err()}><small id={`${props.id}-err`} class="error" role="alert" data-testid={`${props.id}-error`}>{err()}</small></Show>
    </div>
  );
}

// A labelled input for a physical quantity: the value is SI, the text is in the user's unit system.
// Keeps the user's text while it is invalid and says why beside the field (naming the value).
import { Show, createSignal } from 'solid-js';
import { parseNumberText } from '../../domain/number-text.ts';
import { fromDisplay, toDisplay, unitLabel, type Quantity } from '../../domain/units.ts';
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
  /** Bounds in SI (inclusive). */
  min?: number;
  max?: number;
  hint?: string;
  /** Unit text for dimensionless quantities that still deserve one ("mass" for O/F). */
  unitText?: string;
  /** The glossary term the label names: a toggletip beside the label explains it. */
  term?: TermId;
}

const nice = (v: number) => String(+v.toPrecision(6));

export function QuantityField(props: QuantityFieldProps) {
  const [text, setText] = createSignal<string | null>(null);
  const [err, setErr] = createSignal<string | null>(null);
  const unit = () => props.unitText ?? (unitLabel(props.quantity, props.system) === '–' ? '' : unitLabel(props.quantity, props.system));
  const show = (si: number) => toDisplay(props.quantity, si, props.system);
  const shown = () => text() ?? (props.value === undefined ? '' : String(+show(props.value).toPrecision(8)));
  const withUnit = (v: number) => `${nice(v)}${unit() ? ' ' + unit() : ''}`;
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
          const v = parseNumberText(t);
          if (v === null) return setErr(`${props.label} must be a number (got "${t}")`);
          const si = fromDisplay(props.quantity, v, props.system);
          if (props.min !== undefined && !(si >= props.min)) return setErr(`${props.label} must be ≥ ${withUnit(show(props.min))} (got ${v})`);
          if (props.max !== undefined && !(si <= props.max)) return setErr(`${props.label} must be ≤ ${withUnit(show(props.max))} (got ${v})`);
          setErr(null);
          props.onValue(si);
        }}
        onBlur={() => { if (!err()) setText(null); }}
      />
      <Show when={props.hint && !err()}><small id={`${props.id}-hint`} class="hint">{props.hint}</small></Show>
      <Show when={err()}><small id={`${props.id}-err`} class="error" role="alert">{err()}</small></Show>
    </div>
  );
}

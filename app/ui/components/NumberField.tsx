// A labelled numeric input with its unit and an error message tied to it for screen readers.
import { Show, createUniqueId } from 'solid-js';

export interface NumberFieldProps {
  label: string;
  unit?: string;
  value: string;
  onInput: (text: string) => void;
  error?: string | null;
  hint?: string;
  name: string;
  step?: string;
}

export function NumberField(props: NumberFieldProps) {
  const id = createUniqueId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  return (
    <div class="field" classList={{ invalid: !!props.error }}>
      <label for={id}>
        {props.label}
        <Show when={props.unit}>
          <span class="unit"> ({props.unit})</span>
        </Show>
      </label>
      <input
        id={id}
        name={props.name}
        type="text"
        inputmode="decimal"
        autocomplete="off"
        spellcheck={false}
        value={props.value}
        aria-invalid={props.error ? 'true' : 'false'}
        aria-describedby={[props.error ? errId : '', props.hint ? hintId : ''].filter(Boolean).join(' ') || undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Show when={props.hint}>
        <small id={hintId} class="hint">{props.hint}</small>
      </Show>
      <Show when={props.error}>
        <small id={errId} class="error" role="alert">{props.error}</small>
      </Show>
    </div>
  );
}

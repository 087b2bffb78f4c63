// A bare number input (in a table cell, beside a checkbox) checked the one shared way
// (domain/field-check.ts): the value is SI, the text is in the field's display unit, refused text
// stays with a message beside it (aria-invalid, aria-describedby, role=alert) until it is fixed.
import { Show, createEffect, createSignal, onCleanup, type JSX } from 'solid-js';
import { checkFieldText, toShown, type FieldSpec } from '../../domain/field-check.ts';

export interface CheckedInputProps {
  id: string;
  spec: FieldSpec;
  /** SI value (none: the field starts empty). */
  value: number | undefined;
  onValue: (si: number) => void;
  /** Told when the text is refused (the message) and when it is fixed (null). */
  onValidity?: (id: string, message: string | null) => void;
  ariaLabel?: string;
  testId?: string;
  class?: string;
  disabled?: boolean;
  /** Shown digits of the stored value (8 by default). */
  digits?: number;
  /** The id of a hint the input is described by while it holds no refused text. */
  hintId?: string;
  /** Hand the value over when the field is left (a stored write), not at each keystroke; the check is still live. */
  commitOnChange?: boolean;
}

export function CheckedInput(props: CheckedInputProps): JSX.Element {
  const [text, setText] = createSignal<string | null>(null);
  const [err, setErrSig] = createSignal<string | null>(null);
  const setErr = (m: string | null) => {
    setErrSig(m);
    props.onValidity?.(props.id, m);
  };
  onCleanup(() => props.onValidity?.(props.id, null));
  // a switched-off field no longer holds anything back
  createEffect(() => { if (props.disabled && err()) { setText(null); setErr(null); } });
  const shown = () => text() ?? (props.value === undefined ? '' : String(+toShown(props.value, props.spec).toPrecision(props.digits ?? 8)));
  return (
    <>
      <input id={props.id} class={props.class} type="text" inputmode="decimal" autocomplete="off" aria-label={props.ariaLabel}
        data-testid={props.testId} value={shown()} disabled={props.disabled}
        aria-invalid={err() ? 'true' : 'false'} aria-describedby={err() ? `${props.id}-err` : props.hintId}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          const r = checkFieldText(t, props.spec);
          if (!r.ok) return setErr(r.message);
          setErr(null);
          if (!props.commitOnChange) props.onValue(r.si);
        }}
        onChange={(e) => {
          if (!props.commitOnChange) return;
          const r = checkFieldText(e.currentTarget.value, props.spec);
          if (r.ok) props.onValue(r.si);
        }}
        onBlur={() => { if (!err()) setText(null); }} />
      <Show when={err()}><small id={`${props.id}-err`} class="error" role="alert" data-testid={`${props.testId ?? props.id}-error`}>{err()}</small></Show>
    </>
  );
}

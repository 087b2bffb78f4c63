// The command bar's dialog (loaded when first opened): a request in everyday words becomes an
// action of the command schema by the offline grammar, shown as a preview the user confirms before
// anything changes; a request the grammar cannot read is refused with what it did not understand —
// or, with an assistant set up (Settings → Assistant), sent to it with the command schema as tools,
// and its tool call checked by the same validators and shown as the same preview.
import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { defaultPressureUnit, parseCommand } from '../../domain/command/parse.ts';
import { describeAction } from '../../domain/command/apply.ts';
import type { CommandAction } from '../../domain/command/schema.ts';
import { executeCommand } from '../../state/command.ts';
import { workspace } from '../../state/workspace.ts';
import { activeAssistant } from '../../state/assistant.ts';

export default function CommandDialog(props: { onClose: () => void }) {
  const ws = workspace();
  const navigate = useNavigate();
  const [text, setText] = createSignal('');
  const [action, setAction] = createSignal<CommandAction | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  /** The model that read the request, when the assistant did (the grammar did not). */
  const [readBy, setReadBy] = createSignal<string | null>(null);
  const [asking, setAsking] = createSignal<AbortController | null>(null);
  let input: HTMLInputElement | undefined;
  onMount(() => input?.focus());
  onCleanup(() => asking()?.abort());

  const preview = async (e: Event) => {
    e.preventDefault();
    asking()?.abort();
    setReadBy(null);
    const sentence = text();
    const r = parseCommand(sentence, { units: ws.units() });
    setAction(r.ok ? r.value : null);
    setMessage(r.ok ? null : r.error.message);
    const cfg = activeAssistant();
    if (r.ok || !cfg || !sentence.trim()) return;
    const ctl = new AbortController();
    setAsking(ctl);
    setMessage(null);
    try {
      const { askForAction } = await import('../../domain/assistant/client.ts');
      const a = await askForAction(cfg, sentence, ws.units(), ws.library(), { signal: ctl.signal });
      if (ctl.signal.aborted || text() !== sentence) return;
      setAction(a.ok ? a.value : null);
      setReadBy(a.ok ? cfg.model : null);
      setMessage(a.ok ? null : `${r.error.message} — ${a.error.message}`);
    } catch (x) {
      setMessage(`${r.error.message} — the assistant could not be loaded: ${x instanceof Error ? x.message : String(x)}`);
    } finally {
      if (asking() === ctl) setAsking(null);
    }
  };
  const confirm = async () => {
    const a = action();
    if (!a || busy()) return;
    setBusy(true);
    const r = await executeCommand(a, navigate);
    setBusy(false);
    if (r.ok) props.onClose();
    else {
      setAction(null);
      setMessage(r.error.message);
    }
  };

  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <section class="card command-dialog" role="dialog" aria-modal="true" aria-labelledby="command-title">
        <h2 id="command-title">What should the app do?</h2>
        <form onSubmit={(e) => void preview(e)}>
          <label for="command-input" class="sr-only">Command</label>
          <input id="command-input" ref={input} type="text" autocomplete="off" spellcheck={false} maxLength={500} value={text()}
            placeholder="LOX and methane at 100 bar, O/F 3.4, expansion 40"
            aria-describedby="command-help" onInput={(e) => { setText(e.currentTarget.value); setAction(null); setMessage(null); asking()?.abort(); }} />
          <button type="submit">Preview</button>
        </form>
        <p id="command-help" class="muted">
          For example: “sweep O/F 2.8 to 3.8 at 50 and 100 bar”, “maximise Isp and density for RP-1 and methane”, “open the hybrid template”, “switch to US units”, “export PDF”. Pressures without a unit are in {defaultPressureUnit(ws.units())}. Nothing changes until you press “Do it”.
        </p>
        <Show when={asking()}>
          {(ctl) => (
            <div class="row">
              <span class="muted" role="status" data-testid="command-asking">The offline grammar did not understand this; asking the assistant ({activeAssistant()?.model})…</span>
              <button type="button" class="secondary" onClick={() => { ctl().abort(); setAsking(null); setMessage('Cancelled: the assistant was not asked to finish.'); }}>Cancel</button>
            </div>
          )}
        </Show>
        <Show when={message()}>
          <p class="error" role="alert" data-testid="command-error">{message()}</p>
        </Show>
        <Show when={action()}>
          {(a) => (
            <div class="command-preview" data-testid="command-preview">
              <Show when={readBy()}>{(m) => <p class="muted" data-testid="command-read-by">Read by the assistant ({m()}) and checked like any command: look it over before doing it.</p>}</Show>
              <p role="status">{describeAction(a(), ws.units(), ws.library())}</p>
              <details>
                <summary>Action (JSON)</summary>
                <pre>{JSON.stringify(a(), null, 1)}</pre>
              </details>
              <div class="row">
                <button type="button" disabled={busy()} onClick={() => void confirm()}>Do it</button>
                <button type="button" class="secondary" onClick={() => { setAction(null); input?.focus(); }}>Change</button>
              </div>
            </div>
          )}
        </Show>
        <div class="row">
          <button type="button" class="secondary" onClick={() => props.onClose()}>Close</button>
        </div>
      </section>
    </div>
  );
}

// "Explain with AI" (beside "Why these numbers"): sends the summary of the design and its results
// to the assistant the user set up, shows exactly what is sent, and streams the answer in as plain
// text (a text node, never HTML), with Cancel. The client loads only when first used.
import { Show, createSignal, onCleanup } from 'solid-js';
import { A } from '@solidjs/router';
import type { RocketProblem, RocketResult } from '../../domain/problem.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import type { Propellant } from '../../domain/propellants.ts';
import { activeAssistant } from '../../state/assistant.ts';

export interface AiExplainProps {
  /** The design and its result the explanation is about (null while none). */
  solved: () => { problem: RocketProblem; result: RocketResult } | null;
  claims: () => string[];
  units: () => UnitSystem;
  library: () => Propellant[];
}

export function AiExplain(props: AiExplainProps) {
  const [answer, setAnswer] = createSignal('');
  const [sent, setSent] = createSignal<{ summary: string; request: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  let controller: AbortController | null = null;
  onCleanup(() => controller?.abort());

  const explain = async () => {
    const cfg = activeAssistant();
    const s = props.solved();
    if (!cfg || !s || busy()) return;
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    setBusy(true);
    setAnswer('');
    setFailure(null);
    try {
      const [{ explainRequest, explainSummary, shownHeaders }, { streamAnswer }] = await Promise.all([
        import('../../domain/assistant/requests.ts'),
        import('../../domain/assistant/client.ts'),
      ]);
      const summary = explainSummary(s.problem, s.result, props.units(), props.claims(), props.library());
      const req = explainRequest(cfg, summary);
      setSent({ summary: JSON.stringify(summary, null, 2), request: JSON.stringify({ url: req.url, headers: shownHeaders(req.headers), body: req.body }, null, 2) });
      const r = await streamAnswer(cfg, req, (piece) => setAnswer((a) => a + piece), { signal: ctl.signal });
      if (!r.ok) setFailure(r.error.message);
      else if (!r.value.trim()) setFailure('The assistant answered with no text.');
    } catch (e) {
      setFailure(`The assistant could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (controller === ctl) {
        controller = null;
        setBusy(false);
      }
    }
  };

  return (
    <Show when={activeAssistant()} fallback={<p class="muted ai-hint">An AI model can add its own explanation: turn it on in <A href="/settings">Settings → Assistant</A>.</p>}>
      {(cfg) => (
        <div class="ai-explain" data-testid="ai-explain">
          <div class="row">
            <button type="button" class="secondary" disabled={busy() || !props.solved()} onClick={() => void explain()}>Explain with AI</button>
            <Show when={busy()}>
              <button type="button" class="secondary" onClick={() => controller?.abort()}>Cancel</button>
              <span class="muted" role="status">Asking {cfg().model}…</span>
            </Show>
          </div>
          <Show when={sent()}>
            {(x) => (
              <details class="ai-sent">
                <summary>What is sent</summary>
                <p class="muted">The model reads this summary of the design and its results, and nothing else from your workspace:</p>
                <pre data-testid="ai-summary">{x().summary}</pre>
                <p class="muted">The exact request that goes from this browser to {cfg().baseUrl} (the key in its header not shown):</p>
                <pre data-testid="ai-sent">{x().request}</pre>
              </details>
            )}
          </Show>
          <Show when={answer()}>
            <p class="ai-answer" data-testid="ai-answer" aria-live="polite">{answer()}</p>
          </Show>
          <Show when={failure()}>{(f) => <p class="error" role="alert" data-testid="ai-error">{f()}</p>}</Show>
        </div>
      )}
    </Show>
  );
}

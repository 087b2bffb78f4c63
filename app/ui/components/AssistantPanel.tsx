// Settings → Assistant: the optional AI model (an OpenAI-compatible endpoint — OpenAI, or a local
// server such as Ollama — or Anthropic), its model name and key. Off by default; kept on this
// device only, never in backups, share links or synced workspaces.
import { For, Show, createSignal } from 'solid-js';
import { ASSISTANT_PROVIDERS, DEFAULT_BASE_URL, PROVIDER_LABEL, type AssistantProvider } from '../../domain/assistant/config.ts';
import { assistantConfig, forgetAssistant, saveAssistant } from '../../state/assistant.ts';

export function AssistantPanel() {
  const c = assistantConfig();
  const [on, setOn] = createSignal(c.on);
  const [provider, setProvider] = createSignal<AssistantProvider>(c.provider);
  const [baseUrl, setBaseUrl] = createSignal(c.baseUrl);
  const [model, setModel] = createSignal(c.model);
  const [key, setKey] = createSignal(c.key);
  const [message, setMessage] = createSignal<{ text: string; field?: string; bad: boolean } | null>(null);

  const pickProvider = (p: AssistantProvider) => {
    // a base URL still at the other provider's default follows the choice
    if (!baseUrl().trim() || baseUrl() === DEFAULT_BASE_URL[provider()]) setBaseUrl(DEFAULT_BASE_URL[p]);
    setProvider(p);
  };
  const save = (e: Event) => {
    e.preventDefault();
    const r = saveAssistant({ on: on(), provider: provider(), baseUrl: baseUrl(), model: model(), key: key() });
    if (!r.ok) setMessage({ text: r.error.message, field: r.error.field, bad: true });
    else {
      setBaseUrl(r.value.baseUrl);
      setMessage({ text: r.value.on ? `Assistant on: ${r.value.model} at ${r.value.baseUrl}.` : 'Saved; the assistant is off.', bad: false });
    }
  };
  const forget = () => {
    forgetAssistant();
    const d = assistantConfig();
    setOn(d.on);
    setProvider(d.provider);
    setBaseUrl(d.baseUrl);
    setModel(d.model);
    setKey(d.key);
    setMessage({ text: 'The assistant settings and key are removed from this device.', bad: false });
  };
  const invalid = (f: string) => (message()?.bad && message()?.field === f ? true : undefined);

  return (
    <section class="card" aria-labelledby="assistant-title">
      <h2 id="assistant-title">Assistant</h2>
      <p class="muted">
        Optional. An AI model can explain a result in Explore (“Explain with AI”) and read command-bar requests the offline grammar does not understand.
        The app sends only the request itself: a summary of the design and its results (shown before the answer), or the sentence typed with the list of commands — nothing else from your workspace.
        The key is kept in this browser only: not in backups, experiment files, share links or synced workspaces. Requests go straight from this browser to the provider.
        A local server must allow this page’s origin (Ollama: <code>OLLAMA_ORIGINS</code>).
      </p>
      <form class="stack" aria-label="Assistant settings" onSubmit={save}>
        <label class="radio">
          <input type="checkbox" data-testid="assistant-on" checked={on()} onChange={(e) => setOn(e.currentTarget.checked)} /> Use an AI assistant
        </label>
        <label class="field">
          Provider{' '}
          <select data-testid="assistant-provider" value={provider()} onChange={(e) => pickProvider(e.currentTarget.value as AssistantProvider)}>
            <For each={[...ASSISTANT_PROVIDERS]}>{(p) => <option value={p}>{PROVIDER_LABEL[p]}</option>}</For>
          </select>
        </label>
        <label class="field">
          Base URL <input data-testid="assistant-base-url" type="url" spellcheck={false} aria-invalid={invalid('baseUrl')} value={baseUrl()} onInput={(e) => setBaseUrl(e.currentTarget.value)} placeholder={DEFAULT_BASE_URL[provider()]} />
        </label>
        <label class="field">
          Model <input data-testid="assistant-model" spellcheck={false} autocomplete="off" aria-invalid={invalid('model')} value={model()} onInput={(e) => setModel(e.currentTarget.value)} placeholder={provider() === 'anthropic' ? 'claude-sonnet-4-5' : 'gpt-4o-mini, llama3.1…'} />
        </label>
        <label class="field">
          API key <input data-testid="assistant-key" type="password" autocomplete="off" spellcheck={false} aria-invalid={invalid('key')} value={key()} onInput={(e) => setKey(e.currentTarget.value)} placeholder={provider() === 'anthropic' ? 'sk-ant-…' : 'sk-… (none for a local server)'} />
        </label>
        <div class="row">
          <button type="submit">Save</button>
          <button type="button" class="secondary" onClick={forget}>Forget key and settings</button>
        </div>
      </form>
      <Show when={message()}>{(m) => <p class={m().bad ? 'error' : 'muted'} role={m().bad ? 'alert' : 'status'} data-testid="assistant-message">{m().text}</p>}</Show>
    </section>
  );
}

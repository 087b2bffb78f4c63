// The optional AI assistant's settings as a signal (Settings → Assistant edits them; Explore's
// "Explain with AI" and the command bar read them). Kept on this device only (app/data/assistant-config.ts).
import { createSignal } from 'solid-js';
import { openAssistantConfigStore } from '../data/assistant-config.ts';
import type { AssistantConfig } from '../domain/assistant/config.ts';
import type { Result } from '../domain/result.ts';

const store = openAssistantConfigStore();
const [config, setConfig] = createSignal<AssistantConfig>(store.load());

/** The settings (off by default). */
export const assistantConfig = config;

/** The settings when the assistant is on and usable, else null. */
export const activeAssistant = (): AssistantConfig | null => {
  const c = config();
  return c.on && c.model ? c : null;
};

export function saveAssistant(c: AssistantConfig): Result<AssistantConfig> {
  const r = store.save(c);
  if (r.ok) setConfig(r.value);
  return r;
}

export function forgetAssistant(): void {
  store.clear();
  setConfig(store.load());
}

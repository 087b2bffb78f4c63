// The optional AI assistant's settings: which provider, where, which model, and the key. Off by
// default. These are device settings, kept by app/data/assistant-config.ts in this browser only —
// never in the workspace settings that backups, share links and sync carry (DEVICE_ONLY_SETTINGS).
import { err, ok, type Result } from '../result.ts';
import { formatValue } from '../validate.ts';

export const ASSISTANT_PROVIDERS = ['openai', 'anthropic'] as const;
export type AssistantProvider = (typeof ASSISTANT_PROVIDERS)[number];

export const PROVIDER_LABEL: Record<AssistantProvider, string> = {
  openai: 'OpenAI-compatible (OpenAI, Ollama, LM Studio, llama.cpp, vLLM…)',
  anthropic: 'Anthropic',
};

export const DEFAULT_BASE_URL: Record<AssistantProvider, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
};

export interface AssistantConfig {
  /** Off by default: nothing is ever sent while off. */
  on: boolean;
  provider: AssistantProvider;
  /** The API's base URL, without the endpoint ("http://127.0.0.1:11434/v1" for Ollama). */
  baseUrl: string;
  model: string;
  /** The API key ('' for a local server that needs none; Anthropic needs one). */
  key: string;
}

export const DEFAULT_ASSISTANT: AssistantConfig = { on: false, provider: 'openai', baseUrl: DEFAULT_BASE_URL.openai, model: '', key: '' };

/**
 * Workspace-setting keys that belong to this device alone. The assistant's settings are not kept
 * among the workspace settings at all; this list makes a backup or an import drop them even if a
 * future change (or a hand-edited file) put them there.
 */
export const isDeviceOnlySetting = (key: string) => /^assistant(?:$|[:._-])|^assistantkey$/i.test(key);

/** A host a plain-http URL may name: this machine or a private network (a local model server). */
function localHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h === '::1') return true;
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/** Checks settings from the form or from storage; messages name the field and the value. */
export function checkAssistantConfig(raw: unknown): Result<AssistantConfig> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return err('bad-input', `assistant settings must be an object (got ${formatValue(raw)})`, 'assistant');
  const r = raw as Record<string, unknown>;
  const provider = r.provider;
  if (typeof provider !== 'string' || !(ASSISTANT_PROVIDERS as readonly string[]).includes(provider)) {
    return err('bad-input', `Provider must be one of ${ASSISTANT_PROVIDERS.join(', ')} (got ${formatValue(provider)})`, 'provider');
  }
  const p = provider as AssistantProvider;
  const base = typeof r.baseUrl === 'string' ? r.baseUrl.trim().replace(/\/+$/, '') : r.baseUrl;
  let url: URL | null = null;
  try {
    url = typeof base === 'string' ? new URL(base) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    return err('bad-input', `Base URL must be an http(s) address such as ${DEFAULT_BASE_URL[p]} (got ${formatValue(r.baseUrl)})`, 'baseUrl');
  }
  if (url.protocol === 'http:' && !localHost(url.hostname)) {
    return err('bad-input', `Base URL must use https for a server outside this machine or network, so the key is not sent in clear (got ${formatValue(base)})`, 'baseUrl');
  }
  const model = typeof r.model === 'string' ? r.model.trim() : r.model;
  if (typeof model !== 'string' || !model || model.length > 200 || /[\s<>"]/.test(model)) {
    return err('bad-input', `Model must be a model name such as ${p === 'anthropic' ? 'claude-sonnet-4-5' : 'gpt-4o-mini or llama3.1'} (got ${formatValue(r.model)})`, 'model');
  }
  const key = typeof r.key === 'string' ? r.key.trim() : r.key;
  // a key goes into an HTTP header: printable characters without spaces only
  if (typeof key !== 'string' || key.length > 1000 || !/^[\x21-\x7e]*$/.test(key)) {
    return err('bad-input', 'API key must be printable characters without spaces (as the provider gives it)', 'key');
  }
  if (p === 'anthropic' && !key) return err('bad-input', 'API key is needed for Anthropic (create one in the Anthropic console)', 'key');
  return ok({ on: r.on === true, provider: p, baseUrl: base as string, model, key });
}

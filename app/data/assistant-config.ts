// The assistant's settings (provider, base URL, model, key), kept on this device only: in the
// browser's localStorage under their own key, apart from the workspace's IndexedDB settings that
// backups, experiment files, share links and team sync are made from — so the key can never travel
// with them. Reading is synchronous (the command bar decides at once whether to ask the assistant).
import { DEFAULT_ASSISTANT, checkAssistantConfig, type AssistantConfig } from '../domain/assistant/config.ts';
import { errorText } from '../domain/jobs.ts';
import { err, ok, type Result } from '../domain/result.ts';

export const ASSISTANT_STORAGE_KEY = 'rfo-device:assistant';

export type AssistantBackend = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface AssistantConfigStore {
  /** The stored settings, or the defaults (off) when none or unreadable. */
  load(): AssistantConfig;
  save(c: AssistantConfig): Result<AssistantConfig>;
  /** Forgets the settings and the key. */
  clear(): void;
}

function defaultBackend(): AssistantBackend | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function openAssistantConfigStore(backend: AssistantBackend | null = defaultBackend()): AssistantConfigStore {
  return {
    load() {
      try {
        const raw = backend?.getItem(ASSISTANT_STORAGE_KEY);
        if (!raw) return { ...DEFAULT_ASSISTANT };
        const doc = JSON.parse(raw) as { type?: unknown; version?: unknown; config?: unknown };
        if (doc?.type !== 'rfo-assistant' || doc.version !== 1) return { ...DEFAULT_ASSISTANT };
        const c = checkAssistantConfig(doc.config);
        return c.ok ? c.value : { ...DEFAULT_ASSISTANT };
      } catch {
        return { ...DEFAULT_ASSISTANT };
      }
    },
    save(c) {
      const checked = checkAssistantConfig(c);
      if (!checked.ok) return checked;
      if (!backend) return err('storage', 'This browser keeps no local settings (storage is off), so the assistant cannot be kept.');
      try {
        backend.setItem(ASSISTANT_STORAGE_KEY, JSON.stringify({ type: 'rfo-assistant', version: 1, config: checked.value }));
        return ok(checked.value);
      } catch (e) {
        return err('storage', `The assistant settings could not be kept: ${errorText(e)}`);
      }
    },
    clear() {
      try {
        backend?.removeItem(ASSISTANT_STORAGE_KEY);
      } catch {
        /* nothing to forget */
      }
    },
  };
}

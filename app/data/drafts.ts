// Form drafts (the Sweep grid, the Optimize spec being edited) kept in the browser's localStorage,
// so unsaved edits survive a reload or a tab the phone killed. localStorage rather than IndexedDB:
// a form reads its draft synchronously when it is built, so it never shows the defaults first and
// then jumps (nor overwrites an edit made meanwhile). Each draft is a self-describing envelope; a
// draft that cannot be read or written is simply not there (a form still works without one).
import { errorText } from '../domain/jobs.ts';
import { err, ok, type Result } from '../domain/result.ts';

/** A stored draft: what the form held, and when it was written (epoch ms). */
export interface Draft {
  savedAt: number;
  value: unknown;
}

interface DraftEnvelope extends Draft {
  type: 'rfo-draft';
  version: 1;
}

export interface DraftStore {
  load(key: string): Draft | null;
  save(key: string, value: unknown): Result<void>;
  clear(key: string): void;
}

/** The part of the Web Storage API a draft store uses (a Map-backed fake in node tests). */
export type DraftBackend = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'rfo-draft:';

/** Drafts in `backend` (the page's localStorage by default; none where there is no storage). */
export function openDraftStore(backend: DraftBackend | null = defaultBackend(), clock: () => number = () => Date.now()): DraftStore {
  return {
    load(key) {
      try {
        const raw = backend?.getItem(PREFIX + key);
        if (!raw) return null;
        const d = JSON.parse(raw) as Partial<DraftEnvelope>;
        if (d?.type !== 'rfo-draft' || d.version !== 1 || typeof d.savedAt !== 'number' || !('value' in d)) return null;
        return { savedAt: d.savedAt, value: d.value };
      } catch {
        return null;
      }
    },
    save(key, value) {
      if (!backend) return err('storage', 'This browser keeps no drafts (no local storage).');
      const doc: DraftEnvelope = { type: 'rfo-draft', version: 1, savedAt: clock(), value };
      try {
        backend.setItem(PREFIX + key, JSON.stringify(doc));
        return ok(undefined);
      } catch (e) {
        return err('storage', `The draft could not be kept: ${errorText(e)}`);
      }
    },
    clear(key) {
      try {
        backend?.removeItem(PREFIX + key);
      } catch {
        /* nothing to clear */
      }
    },
  };
}

function defaultBackend(): DraftBackend | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (a sandboxed frame, some private modes)
  }
}

/** A draft store in memory (node tests; it behaves like localStorage, strings in and out). */
export function memoryDraftBackend(): DraftBackend & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
  };
}

// A form's store whose every change is kept as its draft (app/data/drafts.ts) at once, by the
// setter itself. Not by an effect: an effect's first run can be held back (a pending transition or
// suspense while the page's code loads), and a deferred effect then takes the edits made meanwhile
// as its starting value and never writes them (a reload mid-sweep showed the default grid).
import { createStore, unwrap, type SetStoreFunction } from 'solid-js/store';
import type { DraftStore } from '../data/drafts.ts';

/** A store starting from `initial` whose changes are written to `drafts` under `key` as they are made. */
export function createDraftedStore<T extends object>(drafts: DraftStore, key: string, initial: T): [T, SetStoreFunction<T>] {
  const [state, setState] = createStore<T>(initial);
  let kept = JSON.stringify(state);
  const set = ((...args: unknown[]) => {
    (setState as (...a: unknown[]) => void)(...args);
    const now = JSON.stringify(state);
    if (now === kept) return;
    kept = now;
    void drafts.save(key, unwrap(state));
  }) as SetStoreFunction<T>;
  return [state, set];
}

// The design point shared by Explore and Sweep (and opened from sweeps, optimisations and
// experiments): one explore store for the app, created on first use and kept for the session.
import { createRoot } from 'solid-js';
import { createExploreStore, type ExploreStore } from './explore-store.ts';

let store: ExploreStore | null = null;

export function designStore(): ExploreStore {
  store ??= createRoot(() => createExploreStore());
  return store;
}

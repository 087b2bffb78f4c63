// The app's stores that live for the whole session, wired here with the app's I/O: the Optimize
// store (a run goes on while another section is open; the command bar, the experiment editor and
// the Optimize page share it). Created on first use, not in main.tsx: its code is not on Explore's
// first path (the first-load budget). The store modules themselves take their I/O as arguments and
// import neither the bridges nor the app's queue, so they run in node tests.
import { createRoot } from 'solid-js';
import { createOptimizeStore, type OptimizeStore } from './optimize-store.ts';
import { jobQueue } from '../jobs/app-queue.ts';
import { onOptimizeGeneration } from '../jobs/optimize-runner.ts';
import { openDraftStore } from '../data/drafts.ts';
import { workspace } from './workspace.ts';
import { designStore } from './design.ts';

let optimize: OptimizeStore | null = null;
/** The Optimize section's store for the session. */
export const optimizeStore = (): OptimizeStore => (optimize ??= createRoot(() => createOptimizeStore({
  queue: jobQueue(),
  drafts: openDraftStore(),
  onGeneration: onOptimizeGeneration,
  experiments: workspace(),
  design: designStore(),
})));

// Experiments this device may read but not change: those of a synced team workspace in which the
// signed-in user is a viewer (issue 17: a student in a class workspace). The server refuses a
// viewer's writes whatever the app does; this makes the app refuse them first, with a message, so
// an edit is never typed, "saved" here and then refused behind the user's back. The sync store
// (loaded only when sync is on) fills it; the workspace store and the editors read it. Tiny on
// purpose: it is part of the first load.
import { createSignal } from 'solid-js';

interface ReadOnlySet {
  ids: ReadonlySet<string>;
  /** Why, for the message: e.g. "you are a viewer in workspace Rocket Class". */
  why: string;
}

const [current, setCurrent] = createSignal<ReadOnlySet>({ ids: new Set(), why: '' });

/** Null when the experiment may be changed here; else the sentence saying why not. */
export function readOnlyReason(id: string): string | null {
  const c = current();
  return c.ids.has(id) ? `This experiment is read-only on this device: ${c.why}. Duplicate it to make a copy of your own.` : null;
}

/** Sets the read-only experiments (an empty list when sync is off or the user may write). */
export function setReadOnlyExperiments(ids: Iterable<string>, why: string): void {
  setCurrent({ ids: new Set(ids), why });
}

// Experiments and custom propellants this device may read but not change: those of a synced team
// workspace in which the signed-in user is a viewer (issue 17: a student in a class workspace). The
// server refuses a viewer's writes whatever the app does; this makes the app refuse them first,
// with a message, so an edit is never typed, "saved" here and then refused behind the user's back.
// The sync store (loaded only when sync is on) fills it; the workspace store and the editors read
// it. Tiny on purpose: it is part of the first load.
import { createSignal } from 'solid-js';

/** Why each read-only record may not be changed: e.g. "you are a viewer in workspace Rocket Class, …". */
type Reasons = ReadonlyMap<string, string>;

const [experiments, setExperiments] = createSignal<Reasons>(new Map());
const [propellants, setPropellants] = createSignal<Reasons>(new Map());

/** Null when the experiment may be changed here; else the sentence saying why not. */
export function readOnlyReason(id: string): string | null {
  const why = experiments().get(id);
  return why ? `This experiment is read-only on this device: ${why}. Duplicate it to make a copy of your own.` : null;
}

/** Null when the custom propellant may be deleted here; else the sentence saying why not. */
export function readOnlyPropellantReason(id: string, name: string): string | null {
  const why = propellants().get(id);
  return why ? `Propellant “${name}” is read-only on this device: ${why}.` : null;
}

/** Sets the read-only records and why (empty maps when sync is off or the user may write everywhere). */
export function setReadOnly(exp: Reasons, props: Reasons = new Map()): void {
  setExperiments(exp);
  setPropellants(props);
}

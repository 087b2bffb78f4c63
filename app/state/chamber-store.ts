// Store of the Design section: the chamber inputs (kept in settings, so a reload keeps them), the
// propellants they use (Explore's design or a template) and the latest design from the engine
// worker. Its I/O is passed in (the Design page passes the app's engine, workspace and Explore's
// design; node tests pass fakes), so the module loads no bridge and no app singleton.
import { createSignal } from 'solid-js';
import { findTemplate } from '../domain/templates.ts';
import { chamberSpec, restoreChamberInputs, type ChamberInputs } from '../domain/design/inputs.ts';
import type { DesignResult } from '../domain/design/design.ts';
import type { KernelError, Result } from '../domain/result.ts';
import type { RocketProblem } from '../domain/problem.ts';

export interface ChamberStoreIo {
  design: (spec: unknown) => Promise<Result<DesignResult, KernelError>>;
  /** Explore's current design and its name. */
  explore: () => { problem: RocketProblem; name: string };
  loadInputs: () => Promise<unknown>;
  /** Keeps the inputs as last edited, with the experiment they were edited for (null: none). */
  saveInputs: (doc: ChamberInputs & { editedFor: string | null }) => void;
  /** The experiment Explore's design was opened from (its stored chamber inputs, if any), or null. */
  experiment: () => { id: string; name: string; chamber: unknown } | null;
  /** Stores the inputs in that experiment (inputs.chamber; carried by its file and share link). */
  saveToExperiment: (id: string, doc: ChamberInputs) => Promise<boolean>;
}

export function createChamberStore(io: ChamberStoreIo) {
  const [inputs, setInputsSignal] = createSignal<ChamberInputs>(restoreChamberInputs(null));
  const [result, setResult] = createSignal<DesignResult | null>(null);
  const [error, setError] = createSignal<KernelError | null>(null);
  const [running, setRunning] = createSignal(false);
  // An experiment's own chamber inputs (opened in Explore, or from a share link) come before the
  // ones this browser last used — unless those are edits made for that same experiment and not
  // yet saved into it: a reload must not lose them. None of that replaces what the user has typed
  // since the page opened, however late the stored inputs arrive (`edited`, set at the first edit).
  let edited = false;
  const ready = io.loadInputs().then((raw) => {
    if (edited) return;
    const exp = io.experiment();
    const editedFor = raw && typeof raw === 'object' ? (raw as { editedFor?: unknown }).editedFor : undefined;
    const ownEdits = raw !== undefined && exp !== null && editedFor === exp.id;
    if (exp?.chamber !== undefined && !ownEdits) setInputsSignal(restoreChamberInputs(exp.chamber));
    else if (raw !== undefined) setInputsSignal(restoreChamberInputs(raw));
  });
  const [saved, setSaved] = createSignal<string | null>(null);
  /** The propellants' problem and a name for them. */
  const source = (): { problem: RocketProblem; name: string } => {
    const id = inputs().source;
    const t = id === 'explore' ? undefined : findTemplate(id);
    return t ? { problem: structuredClone(t.problem), name: t.title } : io.explore();
  };
  let seq = 0;
  async function run(): Promise<void> {
    const n = ++seq;
    setRunning(true);
    const r = await io.design(chamberSpec(source().problem, inputs()));
    if (n !== seq) return;
    setRunning(false);
    if (r.ok) {
      setResult(r.value);
      setError(null);
    } else {
      setError(r.error);
    }
  }
  return {
    inputs,
    set<K extends keyof ChamberInputs>(key: K, value: ChamberInputs[K]) {
      edited = true;
      const next = { ...inputs(), [key]: value };
      setInputsSignal(next);
      io.saveInputs({ ...next, editedFor: io.experiment()?.id ?? null });
    },
    source,
    result,
    error,
    running,
    ready,
    run,
    experiment: io.experiment,
    /** What the last save to the experiment did, for a status line. */
    saved,
    async saveToExperiment(): Promise<void> {
      const e = io.experiment();
      if (!e) return;
      const okSaved = await io.saveToExperiment(e.id, { ...inputs(), source: 'explore' });
      setSaved(okSaved ? `Design inputs saved in “${e.name}”.` : `The design inputs could not be saved in “${e.name}”.`);
    },
  };
}

export type ChamberStore = ReturnType<typeof createChamberStore>;

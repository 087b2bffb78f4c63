// Store of the Design section: the chamber inputs (kept in settings, so a reload keeps them), the
// propellants they use (Explore's design or a template) and the latest design from the engine
// worker. Its I/O is injectable (the app's engine bridge and workspace are the defaults).
import { createSignal } from 'solid-js';
import { engine as sharedEngine } from '../bridge/engine.ts';
import { workspace as sharedWorkspace } from './workspace.ts';
import { designStore } from './design.ts';
import { findTemplate } from '../domain/templates.ts';
import { chamberSpec, restoreChamberInputs, type ChamberInputs } from '../domain/design/inputs.ts';
import type { DesignResult } from '../domain/design/design.ts';
import type { KernelError, Result } from '../domain/result.ts';
import type { RocketProblem } from '../domain/problem.ts';
import type { JsonValue } from '../domain/json-clean.ts';

export interface ChamberStoreIo {
  design: (spec: unknown) => Promise<Result<DesignResult, KernelError>>;
  /** Explore's current design and its name. */
  explore: () => { problem: RocketProblem; name: string };
  loadInputs: () => Promise<unknown>;
  saveInputs: (doc: ChamberInputs) => void;
}

const appIo = (): ChamberStoreIo => {
  const ws = sharedWorkspace();
  return {
    design: (spec) => sharedEngine().call('designChamber', spec) as Promise<Result<DesignResult, KernelError>>,
    explore: () => {
      const d = designStore();
      return { problem: d.snapshot(), name: d.origin().name };
    },
    loadInputs: () => ws.whenReady().then(() => ws.settings().chamberDesign),
    saveInputs: (doc) => void ws.setSetting('chamberDesign', doc as unknown as JsonValue),
  };
};

export function createChamberStore(io: ChamberStoreIo = appIo()) {
  const [inputs, setInputsSignal] = createSignal<ChamberInputs>(restoreChamberInputs(null));
  const [result, setResult] = createSignal<DesignResult | null>(null);
  const [error, setError] = createSignal<KernelError | null>(null);
  const [running, setRunning] = createSignal(false);
  const ready = io.loadInputs().then((raw) => {
    if (raw !== undefined) setInputsSignal(restoreChamberInputs(raw));
  });
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
      const next = { ...inputs(), [key]: value };
      setInputsSignal(next);
      io.saveInputs(next);
    },
    source,
    result,
    error,
    running,
    ready,
    run,
  };
}

export type ChamberStore = ReturnType<typeof createChamberStore>;

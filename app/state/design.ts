// The design point shared by Explore and Sweep (and opened from sweeps, optimisations and
// experiments): one explore store for the app, created on first use and kept for the session.
// It opens on the starter template, and remembers where the design came from so Explore can save
// it back to that experiment or as a new one.
import { createRoot, createSignal, createEffect, on } from 'solid-js';
import { workspace } from './workspace.ts';
import { engine } from '../bridge/engine.ts';
import type { JsonValue } from '../domain/json-clean.ts';
import { createExploreStore, type ExploreStore } from './explore-store.ts';
import { keepPointResults } from './explore-results.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../domain/templates.ts';
import { reactantDensities } from '../domain/propellants.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { RocketProblem } from '../domain/problem.ts';

export type DesignOrigin =
  | { kind: 'template'; id: string; name: string; teaches: string }
  /** `rev`: the experiment's revision the design was opened from (Save writes only over that one). */
  | { kind: 'experiment'; id: string; name: string; rev?: number }
  | { kind: 'point'; name: string };

/** The design Explore opens on when nothing else was opened: the starter template. */
export function starterDesign(): { problem: RocketProblem; origin: DesignOrigin } {
  const t = findTemplate(STARTER_TEMPLATE_ID)!;
  return { problem: structuredClone(t.problem), origin: { kind: 'template', id: t.id, name: t.title, teaches: t.teaches } };
}

/** The design as kept in settings, so an edit survives a closed tab (versioned like every stored document). */
interface StoredDesign {
  type: 'design';
  version: 1;
  problem: RocketProblem;
  origin: DesignOrigin;
}

/** Reads a stored design; anything malformed is ignored (the engine validates the problem itself). */
export function restoreDesign(raw: unknown): { problem: RocketProblem; origin: DesignOrigin } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const d = raw as Partial<StoredDesign>;
  if (d.type !== 'design' || d.version !== 1) return null;
  const p = d.problem;
  if (typeof p !== 'object' || p === null || p.problem !== 'rocket' || !Array.isArray(p.reactants) || typeof p.pc !== 'number') return null;
  const o = d.origin;
  const origin: DesignOrigin = o && typeof o === 'object' && typeof o.name === 'string' && ['template', 'experiment', 'point'].includes(o.kind) ? o : { kind: 'point', name: 'Restored design' };
  return { problem: p, origin };
}

const SAVE_DELAY_MS = 500;

let store: (ExploreStore & { origin: () => DesignOrigin; setOrigin: (o: DesignOrigin) => void; keepResult: (id: string) => void; openExperiment: (e: Experiment) => void; openPoint: (p: RocketProblem, name: string) => void }) | null = null;

export function designStore() {
  store ??= createRoot(() => {
    const start = starterDesign();
    const ws = workspace();
    // Densities for density-Isp from the library, the user's own propellants included.
    const s = createExploreStore({ engine: engine(), initial: start.problem, densitiesOf: (rs) => reactantDensities(rs, ws.library()) });
    const [origin, setOrigin] = createSignal<DesignOrigin>(start.origin);
    // Restore the last design once storage is open, then keep saving edits (debounced).
    let restored = false;
    void ws.whenReady().then(() => {
      const r = restoreDesign(ws.settings().design);
      if (r) {
        s.load(r.problem);
        setOrigin(r.origin);
      }
      restored = true;
    });
    // What Explore computes for a design saved as an experiment is saved with it (Compare reads it).
    const results = keepPointResults(s.solved, origin, setOrigin, ws);
    let timer: ReturnType<typeof setTimeout> | undefined;
    createEffect(on([() => JSON.stringify(s.problem), origin], () => {
      if (!restored) return;
      clearTimeout(timer);
      const doc: StoredDesign = { type: 'design', version: 1, problem: s.snapshot(), origin: origin() };
      timer = setTimeout(() => void ws.setSetting('design', doc as unknown as JsonValue), SAVE_DELAY_MS);
    }));
    return {
      ...s,
      origin,
      setOrigin,
      /** Opens an experiment's design point; Save writes back to it. */
      openExperiment(e: Experiment) {
        s.load(e.inputs.problem);
        setOrigin({ kind: 'experiment', id: e.id, name: e.name, ...(e.rev === undefined ? {} : { rev: e.rev }) });
      },
      /** The design was just saved as experiment `id`: Explore's answer for it is saved with it too. */
      keepResult: results.keep,
      /** Opens a point picked in a sweep or an optimisation. */
      openPoint(p: RocketProblem, name: string) {
        s.load(p);
        setOrigin({ kind: 'point', name });
      },
    };
  });
  return store;
}

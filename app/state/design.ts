// The design point shared by Explore and Sweep (and opened from sweeps, optimisations and
// experiments): one explore store for the app, created on first use and kept for the session.
// It opens on the starter template, and remembers where the design came from so Explore can save
// it back to that experiment or as a new one.
import { createRoot, createSignal } from 'solid-js';
import { createExploreStore, type ExploreStore } from './explore-store.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../domain/templates.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { RocketProblem } from '../domain/problem.ts';

export type DesignOrigin =
  | { kind: 'template'; id: string; name: string; teaches: string }
  | { kind: 'experiment'; id: string; name: string }
  | { kind: 'point'; name: string };

/** The design Explore opens on when nothing else was opened: the starter template. */
export function starterDesign(): { problem: RocketProblem; origin: DesignOrigin } {
  const t = findTemplate(STARTER_TEMPLATE_ID)!;
  return { problem: structuredClone(t.problem), origin: { kind: 'template', id: t.id, name: t.title, teaches: t.teaches } };
}

let store: (ExploreStore & { origin: () => DesignOrigin; setOrigin: (o: DesignOrigin) => void; openExperiment: (e: Experiment) => void; openPoint: (p: RocketProblem, name: string) => void }) | null = null;

export function designStore() {
  store ??= createRoot(() => {
    const start = starterDesign();
    const s = createExploreStore(start.problem);
    const [origin, setOrigin] = createSignal<DesignOrigin>(start.origin);
    return {
      ...s,
      origin,
      setOrigin,
      /** Opens an experiment's design point; Save writes back to it. */
      openExperiment(e: Experiment) {
        s.load(e.inputs.problem);
        setOrigin({ kind: 'experiment', id: e.id, name: e.name });
      },
      /** Opens a point picked in a sweep or an optimisation. */
      openPoint(p: RocketProblem, name: string) {
        s.load(p);
        setOrigin({ kind: 'point', name });
      },
    };
  });
  return store;
}

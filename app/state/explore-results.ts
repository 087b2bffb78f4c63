// Explore's result saved with the experiment the user saves from Explore: when the engine has
// answered for the experiment's own design (not for edits made since), the result becomes the
// experiment's point study — what Compare and the experiment list read — written over the
// revision it was read at.
import { createEffect, createSignal, on } from 'solid-js';
import type { Experiment } from '../domain/experiment.ts';
import type { RocketProblem, RocketResult } from '../domain/problem.ts';
import type { StoredResult } from '../domain/backup.ts';
import type { Result } from '../domain/result.ts';
import { summarise, withPointResult } from '../domain/point-result.ts';
import type { RocketSolution } from './explore-store.ts';
import type { DesignOrigin } from './design.ts';

export interface Solved {
  problem: RocketProblem;
  solution: RocketSolution;
}

/** Keys sorted at every level, so two problems compare by content, not by the order keys were set. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
}

/** Explore computes with 1 atm ambient where a problem leaves it unset (explore-store's withAmbient). */
const asExplored = (p: RocketProblem): RocketProblem => (p.pamb === undefined ? { ...p, pamb: 101325 } : p);

/** Whether Explore's problem is the experiment's stored design (as Explore computes it). */
export function sameDesign(stored: RocketProblem, explored: RocketProblem): boolean {
  return JSON.stringify(canonical(asExplored(stored))) === JSON.stringify(canonical(asExplored(explored)));
}

/**
 * What to write so that `e` keeps Explore's answer as its point result, or null: when the answer
 * is for another design (unsaved edits), or the point study holds these figures already.
 */
export function pointResultFor(e: Experiment, solved: Solved): { experiment: Experiment; results: StoredResult[] } | null {
  if (!sameDesign(e.inputs.problem, solved.problem)) return null;
  const r = { ok: true, ...solved.solution } as RocketResult;
  // Stored summaries keep finite figures only (restoreExperiment): compare those.
  const summary = Object.entries(summarise(r)).filter(([, v]) => Number.isFinite(v));
  const held = e.studies.find((s) => s.kind === 'point')?.summary;
  if (held && summary.length === Object.keys(held).length && summary.every(([k, v]) => held[k] === v)) return null;
  const { experiment, result } = withPointResult(e, r);
  return { experiment, results: [result] };
}

export interface PointResultIO {
  byId: (id: string) => Experiment | undefined;
  amend: (id: string, change: (e: Experiment) => { experiment: Experiment; results?: StoredResult[] } | null) => Promise<Result<Experiment | null>>;
}

/**
 * Saves Explore's answer with an experiment the user just saved from Explore (`keep(id)`): at once
 * when the answer for its design is there, or when it comes (the engine answers a moment after an
 * edit). Only then: a background write to an experiment merely opened in Explore would make an
 * edit of it in another tab a conflict. The design's origin moves to the revision written when it
 * was the one amended, so the user's next Save is no conflict with this write.
 */
export function keepPointResults(solved: () => Solved | null, origin: () => DesignOrigin, setOrigin: (o: DesignOrigin) => void, io: PointResultIO): { keep: (id: string) => void } {
  const [wanted, setWanted] = createSignal<ReadonlySet<string>>(new Set());
  const drop = (id: string) => setWanted((w) => new Set([...w].filter((x) => x !== id)));
  const target = () => {
    const o = origin();
    return o.kind === 'experiment' && wanted().has(o.id) ? io.byId(o.id) : undefined;
  };
  createEffect(on([solved, target], ([s, e]) => {
    if (!s || !e || !pointResultFor(e, s)) return;
    drop(e.id); // once: whatever storage answers, this answer is not written again
    void io.amend(e.id, (current) => pointResultFor(current, s)).then((out) => {
      const o = origin();
      if (!out.ok || !out.value || o.kind !== 'experiment' || o.id !== out.value.id) return;
      if (o.rev !== undefined && out.value.rev !== undefined && o.rev === out.value.rev - 1) setOrigin({ ...o, rev: out.value.rev });
    });
  }));
  return { keep: (id: string) => setWanted((w) => new Set([...w, id])) };
}

// A training run as a job of the app's queue: its work counted in epochs (the hyperparameter
// search's candidates, then the ensemble's members), how far a progress report from the ML worker
// is, and the job's name in the Jobs panel.
import type { ModelDoc } from './ml-model.ts';
import type { TrainInput, TrainOutput, TrainProgress } from './ml-contract.ts';

/** The small hyperparameter search the Learn page offers (layers × widths × learning rates). */
export const SEARCH_GRID = { layers: [1, 2], widths: [16, 32], lrs: [0.01, 0.003] };

export interface TrainSearch {
  layers: number[];
  widths: number[];
  lrs: number[];
  epochs: number;
}

export interface TrainBudget {
  members: number;
  epochs: number;
  search?: TrainSearch;
}

/** A training progress report (the ML worker's TrainProgress): which network, at which epoch. */
export interface EpochReport {
  phase: 'search' | 'train';
  index: number;
  epoch: number;
}

/** The search's short budget: a third of the members' epochs, at least 10. */
export function searchEpochs(epochs: number): number {
  return Math.max(10, Math.round(epochs / 3));
}

/** Candidates the search trains (one network each). */
export function searchCandidates(s: TrainSearch | undefined): number {
  return s ? s.layers.length * s.widths.length * s.lrs.length : 0;
}

/** Epochs a run trains at most: search candidates × search epochs + members × epochs. */
export function trainEpochs(b: TrainBudget): number {
  for (const [field, v] of [['members', b.members], ['epochs', b.epochs], ['search.epochs', b.search?.epochs ?? 1]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`${field} must be a whole number ≥ 1 (got ${v})`);
  }
  return searchCandidates(b.search) * (b.search?.epochs ?? 0) + b.members * b.epochs;
}

/**
 * Epochs done when the worker reports `p`: the networks before it count in full (early stopping
 * may have ended them sooner), this one up to its epoch.
 */
export function epochsDone(p: EpochReport, b: TrainBudget): number {
  const search = searchCandidates(b.search) * (b.search?.epochs ?? 0);
  const done = p.phase === 'search'
    ? p.index * (b.search?.epochs ?? 0) + Math.min(p.epoch, b.search?.epochs ?? 0)
    : search + p.index * b.epochs + Math.min(p.epoch, b.epochs);
  return Math.max(0, Math.min(trainEpochs(b), done));
}

/** The job's name in the Jobs panel. */
export function trainJobLabel(o: { kind: 'surrogate' | 'efficiency'; output: string; members: number; fileName?: string; search?: boolean }): string {
  const what = o.kind === 'efficiency' ? `efficiency from ${o.fileName ?? 'test firings'}` : `surrogate of ${o.output}`;
  return `Training: ${what}, ${o.members} member${o.members === 1 ? '' : 's'}${o.search ? ', after a search of layers, width and learning rate' : ''}`;
}

/** The job's input: what the ML worker trains, and what Explore needs to use the model. */
export interface TrainJobSpec {
  kind: ModelDoc['kind'];
  input: TrainInput & { members: number; hyper: { epochs: number } };
  reactants: string[];
  idealBasis?: ModelDoc['idealBasis'];
  /** Efficiency models: the firings' ambient pressure (kept in the model; Explore predicts there). */
  ambient?: ModelDoc['ambient'];
}

export type TrainEvent =
  | { jobId: string; progress: TrainProgress; epochsDone: number }
  | { jobId: string; result: TrainOutput };

/** Epochs the job runs at most (its pointsTotal). */
export function trainJobEpochs(s: TrainJobSpec): number {
  return trainEpochs({ members: s.input.members, epochs: s.input.hyper.epochs, search: s.input.search });
}

// A small hyperparameter search: each candidate (layers, width, learning rate) trains one network
// on the first fold with a reduced budget; candidates are ranked by validation loss.
import { trainEnsemble, type EnsembleOptions, type Hyper, type MemberProgress } from './ensemble.ts';
import type { SearchCandidate, SearchScore } from '../../app/domain/ml-contract.ts';

/** Layers × widths × learning rates. */
export function searchGrid(layers: number[], widths: number[], lrs: number[]): SearchCandidate[] {
  const out: SearchCandidate[] = [];
  for (const L of layers) for (const w of widths) for (const lr of lrs) out.push({ hidden: Array<number>(L).fill(w), lr });
  return out;
}

/** Ranks candidates (best first); the base hyperparameters supply everything not searched. */
export async function searchHyper(
  x: number[][],
  y: number[][],
  o: EnsembleOptions,
  candidates: SearchCandidate[],
  epochs: number,
  onProgress?: (c: number, p: MemberProgress) => boolean | void,
): Promise<SearchScore[]> {
  const scores: SearchScore[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const hyper: Hyper = { ...o.hyper, hidden: candidates[c].hidden, lr: candidates[c].lr, epochs };
    const m = await trainEnsemble(x, y, { ...o, members: 1, hyper }, (p) => onProgress?.(c, p));
    scores.push({ candidate: candidates[c], valLoss: m.residualStd.reduce((s, r) => s + r * r, 0) / m.residualStd.length });
  }
  return scores.sort((a, b) => a.valLoss - b.valLoss);
}

// The optimisation job's records, shared by its runner (jobs/optimize-runner.ts), which writes
// them, and the Optimize store, which reads them: a generation as listeners hear it, a stored
// chunk, and the job's name in the Jobs panel.
import type { EvaluatedDesign, OptimizeSpec } from './optimize-spec.ts';

export interface OptimizeGeneration {
  jobId: string;
  generation: number;
  generations: number;
  evaluations: number;
  hypervolume: number | null;
  front: EvaluatedDesign[];
  done: boolean;
}

/** A stored chunk: the generation's figures, and the front of the last one (live fronts go to listeners only). */
export interface OptimizeChunkData {
  generation: number;
  evaluations: number;
  hypervolume: number | null;
  front?: EvaluatedDesign[];
}

/** The job's name in the Jobs panel. */
export function optimizeJobLabel(s: OptimizeSpec): string {
  return `Optimisation: ${s.fuels.join(' / ')} with ${s.oxidizers.join(' / ')}, ${s.population} × ${s.generations}`;
}

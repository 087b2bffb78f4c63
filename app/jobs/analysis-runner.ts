// Sensitivity-analysis jobs (Analyze): each chunk is a slice of the analysis design, solved on the
// engine pool; the stored chunks are put back together into the design's outputs when the job is
// done (the page computes the indices from them, so a reload shows the same result).
import { enginePool } from '../bridge/engine-pool.ts';
import type { ChunkOutput, ChunkRunner } from './queue.ts';

/** What one stored chunk holds: the output at rows start, start + 1, … of the design. */
export interface AnalysisChunkData {
  start: number;
  values: Float64Array;
}

/** Runs one chunk of an analysis job on the engine pool. */
export const runAnalysisJobChunk: ChunkRunner = async (job, chunk, signal) => {
  const r = await enginePool().call('runAnalysisChunk', { spec: job.spec, start: chunk.start, end: chunk.end }, { signal });
  if (!r.ok) return r;
  const data: AnalysisChunkData = { start: r.value.start, values: r.value.values };
  return { ok: true, value: { failures: r.value.failures, data } satisfies ChunkOutput };
};

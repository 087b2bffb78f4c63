// Sensitivity-analysis jobs (Analyze): each chunk is a slice of the analysis design, solved on the
// engine pool; the stored chunks are put back together into the design's outputs when the job is
// done (the page computes the indices from them, so a reload shows the same result). An analysis
// submitted for an experiment is kept with it when it finishes (study kind 'analysis').
import { enginePool } from '../bridge/engine-pool.ts';
import type { ChunkOutput, ChunkRunner } from './queue.ts';
import type { JobRecord } from '../domain/jobs.ts';
import { analysisOutcome, analysisStudyId, valuesFromChunks, withAnalysisResult, type AnalysisChunkData } from '../domain/analysis/analysis-study.ts';
import { workspace } from '../state/workspace.ts';
import { jobQueue } from './app-queue.ts';

export type { AnalysisChunkData };

/** Runs one chunk of an analysis job on the engine pool. */
export const runAnalysisJobChunk: ChunkRunner = async (job, chunk, signal) => {
  const r = await enginePool().call('runAnalysisChunk', { spec: job.spec, start: chunk.start, end: chunk.end }, { signal });
  if (!r.ok) return r;
  const data: AnalysisChunkData = { start: r.value.start, values: r.value.values };
  return { ok: true, value: { failures: r.value.failures, data } satisfies ChunkOutput };
};

/** Stores a finished analysis submitted for an experiment with it (study + values), once; a failed one is not stored. */
export async function saveAnalysisWithExperiment(job: JobRecord): Promise<void> {
  const ws = workspace();
  await ws.whenReady();
  const e = ws.byId(job.experimentId!);
  if (!e || e.studies.some((s) => s.id === analysisStudyId(job.id))) return;
  const y = valuesFromChunks(job.spec, await jobQueue().chunks(job.id));
  const o = analysisOutcome(job.id, job.spec, y);
  if (!o.output) return;
  const { experiment, result } = withAnalysisResult(e, job, y, o.output, new Date().toISOString());
  await ws.save(experiment, [result]);
}

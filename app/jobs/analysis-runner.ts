// Sensitivity-analysis jobs (Analyze): each chunk is a slice of the analysis design, solved on the
// engine pool (or predicted in the ML worker, for a Learn model chosen as the model); the stored chunks are put back together into the design's outputs when the job is
// done (the page computes the indices from them, so a reload shows the same result). An analysis
// submitted for an experiment is kept with it when it finishes (study kind 'analysis').
import { enginePool } from '../bridge/engine-pool.ts';
import type { ChunkOutput, ChunkRunner } from './queue.ts';
import type { JobRecord } from '../domain/jobs.ts';
import { analysisOutcome, analysisStudyId, valuesFromChunks, withAnalysisResult, type AnalysisChunkData } from '../domain/analysis/analysis-study.ts';
import { workspace } from '../state/workspace.ts';
import { jobQueue } from './app-queue.ts';
import { isSurrogateRef, surrogateTitle, type SurrogateRef } from '../domain/analysis/surrogate-model.ts';
import type { ModelDoc } from '../domain/ml-model.ts';
import type { Result } from '../domain/result.ts';

export type { AnalysisChunkData };

// The model document of a job on a Learn model, read once per job (chunks of one job run in turn).
let modelOfJob: { jobId: string; doc: ModelDoc } | null = null;
async function jobModel(job: JobRecord, ref: SurrogateRef): Promise<Result<ModelDoc>> {
  if (modelOfJob?.jobId === job.id) return { ok: true, value: modelOfJob.doc };
  const r = await workspace().modelById(ref.modelId);
  if (!r.ok) return r;
  if (!r.value) return { ok: false, error: { code: 'not-found', message: `the ${surrogateTitle(ref.name)} is no longer saved in this browser`, field: 'model' } };
  modelOfJob = { jobId: job.id, doc: r.value.doc };
  return { ok: true, value: r.value.doc };
}

// The ML worker on the Settings backend, imported on first use (TensorFlow.js loads only for a Learn model's analysis).
async function mlBridge() {
  const [{ ml }, { applyMlBackendPreference }] = await Promise.all([import('../bridge/ml.ts'), import('../state/ml-backend.ts')]);
  await applyMlBackendPreference();
  return ml();
}

/** Runs one chunk of an analysis job: on the engine pool, or for a Learn model ("model":"surrogate") in the ML worker. */
export const runAnalysisJobChunk: ChunkRunner = async (job, chunk, signal) => {
  const spec = job.spec as { model?: unknown; surrogate?: unknown };
  if (spec?.model === 'surrogate' && isSurrogateRef(spec.surrogate)) {
    const doc = await jobModel(job, spec.surrogate);
    if (!doc.ok) return doc;
    const r = await (await mlBridge()).call('runAnalysisChunk', { spec: job.spec, model: doc.value, start: chunk.start, end: chunk.end }, { signal });
    if (!r.ok) return r;
    const data: AnalysisChunkData = { start: r.value.start, values: r.value.values };
    return { ok: true, value: { failures: r.value.failures, data } satisfies ChunkOutput };
  }
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

// IndexedDB persistence of jobs and their chunk results (the JobQueue's JobStore).
// A chunk's results and the job record that counts it are written in one transaction, so a job
// never claims a chunk whose results were not stored.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { JobRecord, JobStore } from '../domain/jobs.ts';

interface JobsDB extends DBSchema {
  jobs: { key: string; value: JobRecord; indexes: { byExperiment: string; byCreated: number } };
  chunks: { key: [string, number]; value: { jobId: string; index: number; data: unknown }; indexes: { byJob: string } };
}

export const JOBS_DB_NAME = 'rfo-jobs';
const JOBS_DB_VERSION = 1;

export function openJobStore(name = JOBS_DB_NAME): JobStore {
  let db: Promise<IDBPDatabase<JobsDB>> | null = null;
  const get = () =>
    (db ??= openDB<JobsDB>(name, JOBS_DB_VERSION, {
      upgrade(d) {
        const jobs = d.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('byExperiment', 'experimentId');
        jobs.createIndex('byCreated', 'createdAt');
        const chunks = d.createObjectStore('chunks', { keyPath: ['jobId', 'index'] });
        chunks.createIndex('byJob', 'jobId');
      },
    }));
  return {
    async loadJobs() {
      return (await get()).getAll('jobs');
    },
    async saveJob(job) {
      await (await get()).put('jobs', job);
    },
    async saveChunk(job, index, data) {
      const tx = (await get()).transaction(['jobs', 'chunks'], 'readwrite');
      try {
        await Promise.all([tx.objectStore('chunks').put({ jobId: job.id, index, data }), tx.objectStore('jobs').put(job), tx.done]);
      } catch (e) {
        // An aborted transaction fails its requests with AbortError; its own error says why (quota).
        throw tx.error ?? e;
      }
    },
    async loadChunks(jobId) {
      const rows = await (await get()).getAllFromIndex('chunks', 'byJob', jobId);
      return new Map(rows.map((r) => [r.index, r.data]));
    },
    async deleteJob(jobId) {
      const tx = (await get()).transaction(['jobs', 'chunks'], 'readwrite');
      const keys = await tx.objectStore('chunks').index('byJob').getAllKeys(jobId);
      await Promise.all([...keys.map((k) => tx.objectStore('chunks').delete(k)), tx.objectStore('jobs').delete(jobId), tx.done]);
    },
  };
}

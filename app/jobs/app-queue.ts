// The app's job queue as a Solid store: one queue for the whole app, persisted in IndexedDB,
// with a notice (and a system notification when allowed) when a long job ends. Its runners are
// registered at start-up by registry.ts.
import { createSignal } from 'solid-js';
import { JobQueue, memoryJobStore, type ChunkRunner, type JobProgress } from './queue.ts';
import { poolSize } from '../bridge/engine-pool.ts';
import { openJobStore } from '../data/job-store.ts';
import { jobUnit, type JobStore } from '../domain/jobs.ts';

const runners: Record<string, ChunkRunner> = {};

/** Registers how chunks of a job kind run (registry.ts does, for every kind, at start-up). */
export function registerJobRunner(kind: string, runner: ChunkRunner): void {
  runners[kind] = runner;
}

const [jobs, setJobs] = createSignal<JobProgress[]>([]);
const [notice, setNotice] = createSignal<string | null>(null);
let queue: JobQueue | null = null;
const lastStatus = new Map<string, string>();

function store(): JobStore {
  return typeof indexedDB === 'undefined' ? memoryJobStore() : openJobStore();
}

/** The queue, created and loaded on first use. */
export function jobQueue(): JobQueue {
  if (!queue) {
    queue = new JobQueue(store(), runners, poolSize());
    void queue.load();
    queue.subscribe((snap) => {
      setJobs(snap);
      for (const { job } of snap) {
        const before = lastStatus.get(job.id);
        lastStatus.set(job.id, job.status);
        // Quick jobs finish before anyone looks away: only long ones (or failures) are announced.
        const long = job.updatedAt - job.createdAt > 5000;
        if (before === 'running' && ((job.status === 'done' && long) || job.status === 'failed')) announce(job.label, job.status, job.failureCount, jobUnit(job.kind), job.error);
      }
    });
  }
  return queue;
}

function announce(label: string, status: string, failures: number, unit: string, error?: string): void {
  const text = status === 'done'
    ? `“${label}” finished${failures ? ` (${failures} ${unit}${failures === 1 ? '' : 's'} failed)` : ''}.`
    : `“${label}” failed${error ? `: ${error}` : '.'}`;
  setNotice(text);
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.visibilityState === 'hidden') {
    new Notification('Rocket Fuel Optimizer', { body: text, icon: './icons/icon-192.png' });
  }
}

/** Asks for permission to notify when long jobs end (call from a user action). */
export async function askToNotify(): Promise<void> {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission();
}

export const jobsState = { jobs, notice, clearNotice: () => setNotice(null) };

// The app's job queue as a Solid store: one queue for the whole app, persisted in IndexedDB,
// with a notice (and a system notification when allowed) when a long job ends. Built with every
// job kind's runner (registry.ts); main.tsx starts it.
import { createSignal } from 'solid-js';
import { JobQueue, memoryJobStore, type JobProgress } from './queue.ts';
import { JOB_KINDS } from './registry.ts';
import { poolSize } from '../bridge/engine-pool.ts';
import { openJobStore } from '../data/job-store.ts';
import { jobUnit, type JobStore } from '../domain/jobs.ts';

const [jobs, setJobs] = createSignal<JobProgress[]>([]);
const [notice, setNotice] = createSignal<string | null>(null);
let queue: JobQueue | null = null;
const lastStatus = new Map<string, string>();
const finished = new Set<string>();

function store(): JobStore {
  return typeof indexedDB === 'undefined' ? memoryJobStore() : openJobStore();
}

/** Starts the app's job queue at start-up: loads the stored jobs (a reload's interrupted ones wait for Resume). */
export function startJobs(): void {
  jobQueue();
}

/** The queue, created and loaded on first use. */
export function jobQueue(): JobQueue {
  if (!queue) {
    queue = new JobQueue(store(), Object.fromEntries(Object.entries(JOB_KINDS).map(([kind, k]) => [kind, k.run])), poolSize());
    void queue.load();
    queue.subscribe((snap) => {
      showJobs(snap);
      for (const { job } of snap) {
        if (job.status === 'done' && !finished.has(job.id)) {
          finished.add(job.id);
          void JOB_KINDS[job.kind]?.done?.(job);
        }
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

/** The newest snapshot not yet shown, if one is waiting for its frame. */
let pending: JobProgress[] | null = null;

/**
 * Shows the queue's jobs at most once per animation frame: the queue reports every stored chunk and
 * every progress step, and each report re-ran every view of the jobs (the panel, the running page)
 * inside the task that stored the chunk. A timer stands in where frames do not come (a hidden tab).
 */
function showJobs(snap: JobProgress[]): void {
  const waiting = pending !== null;
  pending = snap;
  if (waiting) return;
  let frame = 0;
  const flush = () => {
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    clearTimeout(timer);
    const s = pending;
    pending = null;
    if (s) setJobs(s);
  };
  const timer = setTimeout(flush, typeof requestAnimationFrame === 'function' ? 250 : 0);
  if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flush);
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

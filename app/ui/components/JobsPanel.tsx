// The jobs panel, reachable from every section: the top bar's button with the count of active jobs,
// the panel of rows it opens (JobList.tsx, loaded on first opening) and the notice of a finished job.
import { Show, Suspense, createSignal, createMemo, lazy } from 'solid-js';
import { jobsState } from '../../jobs/app-queue.ts';

const JobList = lazy(() => import('./JobList.tsx').then((m) => ({ default: m.JobList })));

export function JobsPanel() {
  const [open, setOpen] = createSignal(false);
  const active = createMemo(() => jobsState.jobs().filter((p) => ['running', 'queued', 'interrupted'].includes(p.job.status)).length);
  return (
    <div class="jobs">
      <button type="button" class="jobs-toggle" aria-expanded={open()} aria-controls="jobs-panel" onClick={() => setOpen(!open())}>
        Jobs<Show when={active() > 0}> <span class="badge" aria-label={`${active()} active`}>{active()}</span></Show>
      </button>
      <Show when={open()}>
        <section id="jobs-panel" class="jobs-panel card" aria-label="Jobs">
          <div class="job-head">
            <h2>Jobs</h2>
            <button type="button" class="secondary" onClick={() => setOpen(false)}>Close</button>
          </div>
          <Suspense><JobList /></Suspense>
        </section>
      </Show>
      <Show when={jobsState.notice()}>
        <div class="toast job-toast" role="status">
          <span>{jobsState.notice()}</span>
          <button type="button" onClick={jobsState.clearNotice}>OK</button>
        </div>
      </Show>
    </div>
  );
}

// The rows of the jobs panel: live progress, ETA, failures and why a job failed, cancel/resume/remove.
// Loaded when the panel first opens (the top bar's button needs none of it).
import { For, Show, createSignal, createMemo } from 'solid-js';
import { jobQueue, jobsState } from '../../jobs/app-queue.ts';
import type { JobProgress } from '../../jobs/queue.ts';
import { jobUnit } from '../../domain/jobs.ts';

function eta(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '';
  if (s < 60) return `about ${Math.max(1, Math.round(s))} s left`;
  return `about ${Math.round(s / 60)} min left`;
}

const STATUS_TEXT: Record<string, string> = {
  queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled', interrupted: 'Interrupted — can resume',
};

function JobRow(props: { p: JobProgress }) {
  const j = () => props.p.job;
  const pct = () => (j().pointsTotal ? Math.floor((100 * j().pointsDone) / j().pointsTotal) : 100);
  const [showFailures, setShowFailures] = createSignal(false);
  // An optimisation counts engine evaluations (designs), a training epochs; other jobs, grid points.
  const unit = () => jobUnit(j().kind);
  return (
    <li class={`job job-${j().status}`} data-job-id={j().id}>
      <div class="job-head">
        <strong>{j().label}</strong>
        <span class="job-status">{STATUS_TEXT[j().status]}</span>
      </div>
      <progress max={j().pointsTotal} value={j().pointsDone} aria-label={`${j().label} progress`} />
      <div class="job-meta">
        <span class="job-points">{j().pointsDone.toLocaleString('en')} / {j().pointsTotal.toLocaleString('en')} {unit()}s ({pct()} %)</span>
        <span>{eta(props.p.etaSeconds)}</span>
        <Show when={j().failureCount > 0}>
          <button type="button" class="link" aria-expanded={showFailures()} onClick={() => setShowFailures(!showFailures())}>
            {j().failureCount} failed {unit()}{j().failureCount === 1 ? '' : 's'}
          </button>
        </Show>
      </div>
      <Show when={j().error}>
        <p class="error">{j().error}</p>
      </Show>
      <Show when={showFailures()}>
        <ul class="failures">
          <For each={j().failures}>{(f) => <li>{unit()[0].toUpperCase()}{unit().slice(1)} {f.point + 1}: {f.message}</li>}</For>
          <Show when={j().failureCount > j().failures.length}>
            <li>… and {j().failureCount - j().failures.length} more</li>
          </Show>
        </ul>
      </Show>
      <div class="job-actions">
        <Show when={j().status === 'running' || j().status === 'queued'}>
          <button type="button" class="secondary" onClick={() => void jobQueue().cancel(j().id)}>Cancel</button>
        </Show>
        {/* A failed job resumes like a stopped one: from the chunks it stored. */}
        <Show when={j().status === 'interrupted' || j().status === 'cancelled' || j().status === 'failed'}>
          <button type="button" onClick={() => void jobQueue().resume(j().id)}>Resume</button>
        </Show>
        <Show when={j().status !== 'running'}>
          <button type="button" class="secondary" onClick={() => void jobQueue().remove(j().id)}>Remove</button>
        </Show>
      </div>
    </li>
  );
}

export function JobList() {
  // Rows keyed by job id, updated in place: each progress report is a new snapshot object, and an
  // optimisation reports every generation (tens of times a second), which would otherwise rebuild
  // the rows faster than anyone could press their buttons.
  const ids = createMemo(() => jobsState.jobs().map((p) => p.job.id), [], { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) });
  const byId = createMemo(() => new Map(jobsState.jobs().map((p) => [p.job.id, p])));
  return (
    <Show when={jobsState.jobs().length} fallback={<p class="muted">No jobs yet. Sweeps, optimisations and training runs appear here.</p>}>
      <ul class="job-list">
        <For each={ids()}>{(id) => <Show when={byId().get(id)}>{(p) => <JobRow p={p()} />}</Show>}</For>
      </ul>
    </Show>
  );
}

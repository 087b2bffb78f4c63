// A lazily started, queued, abortable Comlink bridge to one worker.
// Calls run one at a time in order; aborting a queued call drops it, aborting the running call
// terminates the worker (the only way to stop a synchronous wasm loop) and starts a fresh one
// for whatever is queued next.
import * as Comlink from 'comlink';
import type { KernelError, Result } from '../domain/result.ts';

type AnyApi = Record<string, (input: any) => Promise<Result<any, KernelError>> | Result<any, KernelError>>;
export type Reply<F> = F extends (input: any) => infer R ? Awaited<R> : never;

interface Pending {
  run: () => void;
  cancel: () => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export class WorkerBridge<Api extends AnyApi> {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<Api> | null = null;
  private queue: Pending[] = [];
  private busy = false;
  private killRunning: (() => void) | null = null;

  constructor(private readonly create: () => Worker) {}

  /** Calls `method(input)` in the worker; never rejects: failures are Result errors. */
  call<K extends keyof Api & string>(method: K, input: Parameters<Api[K]>[0], opts: CallOptions = {}): Promise<Reply<Api[K]>> {
    return new Promise((resolve) => {
      const { signal } = opts;
      const aborted = () => resolve({ ok: false, error: { code: 'aborted', message: `${method} was cancelled` } } as Reply<Api[K]>);
      if (signal?.aborted) return aborted();
      let started = false;
      const job: Pending = {
        cancel: () => {
          if (!started) {
            this.queue = this.queue.filter((j) => j !== job);
            aborted();
          }
        },
        run: () => {
          started = true;
          let settled = false;
          const finish = (r: Reply<Api[K]>) => {
            if (settled) return;
            settled = true;
            signal?.removeEventListener('abort', onAbort);
            this.killRunning = null;
            this.busy = false;
            resolve(r);
            this.pump();
          };
          const onAbort = () => {
            this.restart();
            finish({ ok: false, error: { code: 'aborted', message: `${method} was cancelled` } } as Reply<Api[K]>);
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          this.killRunning = () => finish({ ok: false, error: { code: 'worker-crashed', message: `the worker stopped while running ${method}` } } as Reply<Api[K]>);
          const fn = (this.ensure() as any)[method] as (x: unknown) => Promise<Reply<Api[K]>>;
          fn(input).then(finish, (e: unknown) =>
            finish({ ok: false, error: { code: 'worker-error', message: `${method} failed: ${e instanceof Error ? e.message : String(e)}` } } as Reply<Api[K]>),
          );
        },
      };
      signal?.addEventListener('abort', () => job.cancel(), { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Number of calls waiting (not counting the running one). */
  get pending(): number {
    return this.queue.length;
  }

  /** Stops the worker; queued calls stay queued and start a new worker. */
  terminate(): void {
    this.restart();
  }

  private pump(): void {
    if (this.busy) return;
    const next = this.queue.shift();
    if (!next) return;
    this.busy = true;
    next.run();
  }

  private ensure(): Comlink.Remote<Api> {
    if (!this.remote) {
      this.worker = this.create();
      this.worker.addEventListener('error', () => {
        const kill = this.killRunning;
        this.restart();
        kill?.();
      });
      this.remote = Comlink.wrap<Api>(this.worker);
    }
    return this.remote;
  }

  private restart(): void {
    this.remote?.[Comlink.releaseProxy]?.();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}

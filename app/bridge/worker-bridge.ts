// A lazily started, queued, abortable Comlink bridge to one worker (Squoosh's pattern).
// `call(method, input, {signal, onProgress})`: calls run one at a time in order; the worker method
// gets `(input, onProgress?)`, the callback crossing as a Comlink.proxy. Aborting a queued call drops
// it; aborting the running call terminates the worker (the only way to stop a synchronous wasm
// loop) and starts a fresh one for whatever is queued next. With `idleMs`, a worker with nothing to
// do for that long is stopped (its memory freed); the next call starts another.
import * as Comlink from 'comlink';
import type { KernelError } from '../domain/result.ts';

/** What the bridge needs of a Worker (a MessagePort with a terminate() does in tests). */
export interface WorkerEndpoint extends Comlink.Endpoint {
  terminate(): void;
}

/** A worker method: one input object, an optional progress callback. */
export type WorkerMethod = (input: any, onProgress?: (p: any) => void) => unknown;
export type AnyApi = { [method: string]: WorkerMethod };
/** The input object of a worker method. */
export type Input<F extends WorkerMethod> = Parameters<F>[0];
/** What a progress callback of a worker method receives (never when it reports none). */
export type Progress<F extends WorkerMethod> = NonNullable<Parameters<F>[1]> extends (p: infer P) => unknown ? P : never;
/** The resolved reply of a worker method. */
export type Reply<F extends WorkerMethod> = Awaited<ReturnType<F>>;
/** A bridge call's failure (cancelled, worker stopped or threw) as the same Result error a method returns. */
export type BridgeReply<F extends WorkerMethod> = Reply<F> | { ok: false; error: KernelError };

export interface CallOptions<P = unknown> {
  signal?: AbortSignal;
  /** Progress reports of the worker method, in the order it sends them. */
  onProgress?: (p: P) => void;
}

export interface BridgeOptions {
  /** Stop the worker after this long (ms) with nothing running or queued; never when undefined. */
  idleMs?: number;
}

interface Pending {
  run: () => void;
  cancel: () => void;
}

const failure = (code: string, message: string): { ok: false; error: KernelError } => ({ ok: false, error: { code, message } });

export class WorkerBridge<Api extends AnyApi> {
  private worker: WorkerEndpoint | null = null;
  private remote: Comlink.Remote<Api> | null = null;
  private queue: Pending[] = [];
  private busy = false;
  private killRunning: (() => void) | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private started = 0;

  constructor(private readonly create: () => WorkerEndpoint, private readonly options: BridgeOptions = {}) {}

  /** Calls `method(input, onProgress)` in the worker; never rejects: failures are Result errors. */
  call<K extends keyof Api & string>(method: K, input: Input<Api[K]>, opts: CallOptions<Progress<Api[K]>> = {}): Promise<BridgeReply<Api[K]>> {
    type R = BridgeReply<Api[K]>;
    return new Promise<R>((resolve) => {
      const { signal, onProgress } = opts;
      const aborted = () => resolve(failure('aborted', `${method} was cancelled`));
      if (signal?.aborted) return aborted();
      clearTimeout(this.idleTimer);
      let started = false;
      const job: Pending = {
        cancel: () => {
          if (!started) {
            this.queue = this.queue.filter((j) => j !== job);
            aborted();
            this.idleLater();
          }
        },
        run: () => {
          started = true;
          let settled = false;
          const progress = onProgress ? Comlink.proxy((p: Progress<Api[K]>) => { if (!settled) onProgress(p); }) : undefined;
          const finish = (r: R) => {
            if (settled) return;
            settled = true;
            signal?.removeEventListener('abort', onAbort);
            this.killRunning = null;
            this.busy = false;
            resolve(r);
            this.pump();
          };
          const onAbort = () => {
            this.stop();
            finish(failure('aborted', `${method} was cancelled`));
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          this.killRunning = () => finish(failure('worker-crashed', `the worker stopped while running ${method}`));
          const fn = (this.ensure() as unknown as Record<string, (x: unknown, p?: unknown) => Promise<R>>)[method];
          fn(input, progress).then(finish, (e: unknown) => finish(failure('worker-error', `${method} failed: ${e instanceof Error ? e.message : String(e)}`)));
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

  /** True while a call runs. */
  get running(): boolean {
    return this.busy;
  }

  /** True while a worker exists (started and not stopped since). */
  get alive(): boolean {
    return this.worker !== null;
  }

  /** Workers started so far (a restart after a cancel or an idle stop counts again). */
  get starts(): number {
    return this.started;
  }

  /** Stops the worker; queued calls stay queued and start a new worker. */
  terminate(): void {
    const kill = this.killRunning;
    this.stop();
    kill?.();
  }

  private pump(): void {
    if (this.busy) return;
    const next = this.queue.shift();
    if (!next) return this.idleLater();
    this.busy = true;
    next.run();
  }

  private idleLater(): void {
    clearTimeout(this.idleTimer);
    const ms = this.options.idleMs;
    if (ms === undefined || !this.worker || this.busy || this.queue.length) return;
    this.idleTimer = setTimeout(() => {
      if (!this.busy && !this.queue.length) this.stop();
    }, ms);
  }

  private ensure(): Comlink.Remote<Api> {
    if (!this.remote) {
      const w = this.create();
      this.started++;
      this.worker = w;
      w.addEventListener('error', () => {
        if (this.worker !== w) return;
        this.terminate();
      });
      this.remote = Comlink.wrap<Api>(w);
    }
    return this.remote;
  }

  private stop(): void {
    clearTimeout(this.idleTimer);
    this.remote?.[Comlink.releaseProxy]?.();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}

// The connections that the sync engines of one server share (issue 17). Over HTTP/1.1 a browser
// opens at most 6 connections to one host; each synced workspace waits for the server's next
// change with a long-poll `_changes` request held open for up to 25 s, so six workspaces would hold
// all six and every other request to the server (sign-in, a publish, a conflict's fetch, the other
// engines' rounds) would wait for a long-poll to end. The engines of one server therefore share:
// - at most `maxOpen` requests open at once (4: two connections stay free for the rest);
// - of those, at most `maxLongpolls` long-polls (2). An engine that finds none free waits in line
//   for one and meanwhile asks, every `checkMs` (10 s), with a plain `_changes` request that
//   answers at once whether the server changed; these checks go one at a time, in turn. A long-poll
//   that ends hands its place to the engine that waited longest, so the places go round.
// A local change never waits for any of this: the engine's poke ends its wait and its round starts
// at once (its requests count in `maxOpen` like any other).

export interface SyncBudgetOptions {
  /** Requests of all engines open at once to the server, long-polls included. */
  maxOpen?: number;
  /** Long-poll requests open at once. */
  maxLongpolls?: number;
  /** How often an engine without a long-poll asks whether the server changed, ms. */
  checkMs?: number;
}

export const SYNC_BUDGET_DEFAULTS = { maxOpen: 4, maxLongpolls: 2, checkMs: 10_000 } as const;

/** How one engine waits for the server's next change. */
export interface ChangeWaiter {
  /** Holds a long-poll `_changes` request open until the server changes or it times out. */
  longpoll(signal: AbortSignal): Promise<void>;
  /** Asks once, without waiting, whether the server changed since the engine's checkpoint. */
  check(signal: AbortSignal): Promise<boolean>;
}

const aborted = () => new DOMException('The wait was aborted', 'AbortError');

/** A counting semaphore whose waiters leave the line when their signal aborts. */
function createGate(max: number) {
  let open = 0;
  const line: { go: () => void }[] = [];
  return {
    open: () => open,
    async enter(signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) throw aborted();
      if (open < max) {
        open++;
        return;
      }
      await new Promise<void>((resolve, reject) => {
        const me = { go: () => (signal?.removeEventListener('abort', quit), resolve()) };
        const quit = () => {
          const k = line.indexOf(me);
          if (k >= 0) line.splice(k, 1);
          reject(aborted());
        };
        signal?.addEventListener('abort', quit, { once: true });
        line.push(me);
      });
    },
    leave() {
      // the place goes straight to the next in line: `open` stays as it is
      const next = line.shift();
      if (next) next.go();
      else open--;
    },
  };
}

export function createSyncBudget(opts: SyncBudgetOptions = {}) {
  const maxOpen = opts.maxOpen ?? SYNC_BUDGET_DEFAULTS.maxOpen;
  const maxLongpolls = opts.maxLongpolls ?? SYNC_BUDGET_DEFAULTS.maxLongpolls;
  const checkMs = opts.checkMs ?? SYNC_BUDGET_DEFAULTS.checkMs;
  if (!(maxLongpolls >= 1 && maxOpen > maxLongpolls)) throw new RangeError(`sync budget: maxOpen (${maxOpen}) must exceed maxLongpolls (${maxLongpolls}) ≥ 1, or the long-polls would hold every request`);
  const requests = createGate(maxOpen);
  const checks = createGate(1);
  let longpolls = 0;
  // engines waiting for a long-poll place, longest first; `handed` when a place was given to it
  const line: { handed: boolean; wake: () => void }[] = [];

  const freeLongpoll = () => {
    const next = line.shift();
    if (next) {
      next.handed = true;
      next.wake();
    } else longpolls--;
  };

  async function holdLongpoll(w: ChangeWaiter, signal: AbortSignal) {
    try {
      await w.longpoll(signal);
    } finally {
      freeLongpoll();
    }
  }

  return {
    /** Runs one request (`fn` sends it and reads its answer) within the open-requests budget. */
    async request<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      await requests.enter(signal);
      try {
        return await fn();
      } finally {
        requests.leave();
      }
    },
    /**
     * Returns when the server may have changed: after a long-poll when a place is free (or comes
     * free), or after a check that saw a change. An abort (the engine's poke, pause or stop) ends
     * the wait with an AbortError.
     */
    async waitForChange(w: ChangeWaiter, signal: AbortSignal): Promise<void> {
      if (signal.aborted) throw aborted();
      if (longpolls < maxLongpolls && !line.length) {
        longpolls++;
        return holdLongpoll(w, signal);
      }
      const me = { handed: false, wake: () => {} };
      // until the next check, a place handed over or the abort
      const nap = () =>
        new Promise<void>((resolve) => {
          const t = setTimeout(done, checkMs);
          function done() {
            clearTimeout(t);
            signal.removeEventListener('abort', done);
            resolve();
          }
          me.wake = done;
          signal.addEventListener('abort', done, { once: true });
        });
      line.push(me);
      let used = false;
      try {
        for (;;) {
          // a place may have been handed over during the last check: no nap then
          if (!me.handed) await nap();
          if (signal.aborted) throw aborted();
          if (me.handed) {
            used = true;
            return await holdLongpoll(w, signal);
          }
          await checks.enter(signal);
          let changed: boolean;
          try {
            changed = await w.check(signal);
          } finally {
            checks.leave();
          }
          if (changed) return;
        }
      } finally {
        const k = line.indexOf(me);
        if (k >= 0) line.splice(k, 1);
        else if (me.handed && !used) freeLongpoll(); // given a place but aborted first: pass it on
      }
    },
    /** Requests and long-polls open now (for tests and the bench). */
    load: () => ({ open: requests.open(), longpolls, waiting: line.length }),
  };
}

export type SyncBudget = ReturnType<typeof createSyncBudget>;

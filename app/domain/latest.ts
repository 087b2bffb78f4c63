// "Latest call wins": a store that asks a worker again before the previous answer came back (a
// keystroke, a new quantity) keeps only the newest answer. Stale calls are not aborted — an abort
// terminates the worker, dearer than the few ms of a stale answer — their answers are dropped.

export interface Latest {
  /** Starts a new call; the function it returns is true while no later call (nor cancel) came. */
  next(): () => boolean;
  /** Makes every call so far stale (a store's cleanup, or an input that voids the answers). */
  cancel(): void;
}

export function latest(): Latest {
  let turn = 0;
  return {
    next() {
      const mine = ++turn;
      return () => mine === turn;
    },
    cancel() {
      turn++;
    },
  };
}

/** Runs one task at a time: callers that arrive while it runs share its result instead of starting another. */
export interface SingleFlight<T> {
  /** Joins the task in flight, or starts `task` when none is. */
  run(task: () => Promise<T>): Promise<T>;
}

/**
 * Makes a {@link SingleFlight}. The slot clears when the task settles, either
 * way, so a failure is shared by the callers that waited for it but never
 * sticks: the next call starts afresh.
 */
export function singleFlight<T>(): SingleFlight<T> {
  let inFlight: Promise<T> | undefined;
  return {
    run(task) {
      if (inFlight) return inFlight;
      const started = task().finally(() => {
        inFlight = undefined;
      });
      inFlight = started;
      return started;
    },
  };
}

/**
 * Waits for `promise`, but stops waiting when `signal` aborts. The work goes
 * on for the other callers sharing it; only this caller gives up.
 */
export function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

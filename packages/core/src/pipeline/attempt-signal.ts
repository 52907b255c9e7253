import type { RequestContext } from './context.js';

/** The signal one attempt sends and reads with: it aborts on the call's signal or when the attempt's time is up. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the attempt's own timeout fired (not the caller's abort). */
  timedOut(): boolean;
  /** Stops the timer and unhooks from the call's signal; call it when the attempt is over. */
  clear(): void;
}

/**
 * One timer for the whole attempt, sending and body read alike, so a server
 * that sends headers and then stalls cannot hold the call forever.
 */
export function attemptSignal(ctx: RequestContext): AttemptSignal {
  return deadlineSignal(ctx.signal, ctx.timeoutMs, 'The attempt');
}

/**
 * A signal that aborts when `parent` does (with its reason) or after
 * `timeoutMs` (a `TimeoutError` naming `what`), whichever comes first;
 * `false` sets no timer. For a request made outside the pipeline, such as a
 * file download, that must not hang.
 */
export function deadlineSignal(parent: AbortSignal | undefined, timeoutMs: number | false, what: string): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs === false
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`${what} took longer than ${timeoutMs} ms`, 'TimeoutError'));
        }, timeoutMs);
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}

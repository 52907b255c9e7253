import type { RequestSummary } from '../errors/junction-error.js';
import { TimeoutError } from '../errors/network-error.js';

/** The signal of one call, linked to the caller's signal and bounded by the call's deadline. */
export interface CallSignal {
  /** Undefined when there is neither a caller's signal nor a deadline: nothing can cancel the call. */
  readonly signal?: AbortSignal;
  /** Unlinks the call from the caller's signal and stops the deadline; call it once the call settled. */
  done(): void;
}

// One listener per caller's signal, fanning out to every call on it: a shutdown signal shared by
// thousands of calls then holds one listener, not thousands (no MaxListenersExceededWarning, no leak).
const linked = new WeakMap<AbortSignal, Set<AbortController>>();

// What a call with neither a caller's signal nor a deadline gets: shared, since it holds nothing.
const UNLINKED: CallSignal = { done: () => {} };

/**
 * Gives a call its own signal: it aborts with the caller's reason when the
 * caller's signal aborts, or with a `TimeoutError` (scope `call`) when
 * `deadlineMs` passes. Inner layers (retry waits, limiter waits, the
 * transport) listen to this one, so both bound every attempt and wait.
 * `call.request` names the call in the deadline's error, read only if it fires.
 */
export function linkCallSignal(
  user: AbortSignal | undefined,
  deadlineMs: number | undefined,
  call: { readonly request: RequestSummary },
): CallSignal {
  if (!user && deadlineMs === undefined) return UNLINKED;
  const controller = new AbortController();
  const timer =
    deadlineMs === undefined
      ? undefined
      : setTimeout(() => {
          const request = call.request;
          controller.abort(
            new TimeoutError(
              `${request.method} ${request.url} passed its deadline of ${deadlineMs} ms, counting every attempt and wait. Nothing more will be tried.`,
              { timeoutMs: deadlineMs, scope: 'call', request },
            ),
          );
        }, deadlineMs);
  if (user?.aborted) controller.abort(user.reason);
  else if (user) follow(user, controller);
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      if (user) unfollow(user, controller);
    },
  };
}

function follow(user: AbortSignal, controller: AbortController): void {
  let calls = linked.get(user);
  if (!calls) {
    const set = new Set<AbortController>();
    calls = set;
    linked.set(user, set);
    user.addEventListener('abort', fanOut, { once: true });
  }
  calls.add(controller);
}

function unfollow(user: AbortSignal, controller: AbortController): void {
  const calls = linked.get(user);
  if (!calls) return;
  calls.delete(controller);
  if (calls.size > 0) return;
  linked.delete(user);
  user.removeEventListener('abort', fanOut);
}

// One function for every signal: `this` is the signal that aborted.
function fanOut(this: AbortSignal): void {
  const calls = linked.get(this);
  linked.delete(this);
  for (const controller of calls ?? []) controller.abort(this.reason);
}

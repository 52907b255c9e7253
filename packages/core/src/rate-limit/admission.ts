import type { RateLimiter, ScheduleOptions } from './rate-limiter.js';

/**
 * The slot a call's first attempt was admitted with. The client takes it
 * before it builds any of the call's state; the rateLimit layer then runs the
 * first attempt in it rather than queueing again, and gives it back once
 * that attempt has settled (and any pause it caused is in force).
 */
export interface Admission {
  /** True the first time only: the caller then owns the slot and must `release` it. */
  claim(): boolean;
  /** Gives the slot back; later calls do nothing. */
  release(): void;
}

class Slot implements Admission {
  #claimed = false;
  #give: (() => void) | undefined;

  constructor(give: () => void) {
    this.#give = give;
  }

  claim(): boolean {
    if (this.#claimed) return false;
    this.#claimed = true;
    return true;
  }

  release(): void {
    const give = this.#give;
    this.#give = undefined;
    give?.();
  }
}

/** A call waiting to start: the limiter's options for it, and how to start it once admitted. */
export interface Admittable<T> extends ScheduleOptions {
  start(admission: Admission): Promise<T>;
}

/**
 * Waits for a slot in `limiter`, then starts `call` with it. While a call
 * waits here it is the `call` record, one closure and the limiter's queue
 * entry: its context, headers and middleware frames do not exist yet. A
 * slot free at once is taken synchronously (`tryAcquire`), with no promise
 * of its own. The slot comes back when the first attempt settles, or when
 * the call does if no layer claimed it (a middleware that answered itself).
 */
export function admit<T>(limiter: RateLimiter, call: Admittable<T>): Promise<T> {
  const give = call.signal?.aborted ? undefined : limiter.tryAcquire?.();
  if (give) return startIn(new Slot(give), call);
  let result: Promise<T> | undefined;
  return limiter
    .schedule(
      () =>
        new Promise<void>((resolve) => {
          result = startIn(new Slot(resolve), call);
        }),
      call,
    )
    .then(() => result as Promise<T>);
}

function startIn<T>(slot: Slot, call: Admittable<T>): Promise<T> {
  let result: Promise<T>;
  try {
    result = call.start(slot);
  } catch (error) {
    result = Promise.reject(error);
  }
  result.then(
    () => slot.release(),
    () => slot.release(),
  );
  return result;
}

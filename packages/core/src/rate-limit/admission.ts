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
  constructor(readonly release: () => void) {}

  claim(): boolean {
    if (this.#claimed) return false;
    this.#claimed = true;
    return true;
  }
}

/** A call waiting to start: the limiter's options for it, and how to start it once admitted. */
export interface Admittable<T> extends ScheduleOptions {
  start(admission: Admission): Promise<T>;
}

/**
 * Waits for a slot in `limiter`, then starts `call` with it. While a call
 * waits here it is the `call` record, one closure and the limiter's queue
 * entry: its context, headers and middleware frames do not exist yet. The
 * slot comes back when the first attempt settles, or when the call does if
 * no layer claimed it.
 */
export function admit<T>(limiter: RateLimiter, call: Admittable<T>): Promise<T> {
  let result: Promise<T> | undefined;
  return limiter
    .schedule(
      () =>
        new Promise<void>((release) => {
          try {
            result = call.start(new Slot(release));
          } catch (error) {
            result = Promise.reject(error);
          }
          result.then(
            () => release(),
            () => release(),
          );
        }),
      call,
    )
    .then(() => result as Promise<T>);
}

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

/**
 * Waits for a slot in `limiter`, then runs `start` with it. While a call
 * waits here it is only this closure and the limiter's queue record: its
 * context, headers and middleware frames do not exist yet. The slot comes
 * back when the first attempt settles, or when `start` does if no layer
 * claimed it.
 */
export function admit<T>(limiter: RateLimiter, options: ScheduleOptions, start: (admission: Admission) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    limiter
      .schedule(
        () =>
          new Promise<void>((release) => {
            const slot = new Slot(release);
            let run: Promise<T>;
            try {
              run = start(slot);
            } catch (error) {
              run = Promise.reject(error);
            }
            run.then(resolve, reject).finally(release);
          }),
        options,
      )
      .catch(reject);
  });
}

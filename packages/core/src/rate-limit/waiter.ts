/**
 * One call waiting for its turn in a bucket. It gives up at most once (its
 * caller aborted, its max wait ran out, or the limiter stopped), and whatever
 * it is waiting on then rejects at once. Lighter than an AbortController per
 * call, which matters when a bucket holds a hundred thousand calls.
 */
export class Waiter {
  #gaveUp = false;
  #reason: unknown;
  #reject: ((reason: unknown) => void) | undefined;

  /** True once the call stopped waiting. */
  get gaveUp(): boolean {
    return this.#gaveUp;
  }

  /** Stops waiting with `reason`; later calls change nothing. */
  giveUp(reason: unknown): void {
    if (this.#gaveUp) return;
    this.#gaveUp = true;
    this.#reason = reason;
    this.#reject?.(reason);
  }

  /** Settles like `promise`, or rejects with the reason as soon as the call gives up. */
  until<T>(promise: Promise<T>): Promise<T> {
    if (this.#gaveUp) return Promise.reject(this.#reason);
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      promise.then(resolve, reject);
    });
  }
}

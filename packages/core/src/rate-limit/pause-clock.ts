/**
 * When a paused bucket may send again. Read on a monotonic clock, so a
 * system clock change cannot shorten a provider's Retry-After.
 */
export class PauseClock {
  #until = 0;

  /** Pauses for `ms` from now, unless an existing pause lasts longer. */
  extend(ms: number): void {
    this.#until = Math.max(this.#until, performance.now() + ms);
  }

  /** Milliseconds left in the pause; 0 when not paused. */
  remainingMs(): number {
    return Math.max(0, this.#until - performance.now());
  }
}

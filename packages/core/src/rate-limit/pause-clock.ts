// setTimeout fires at once for delays beyond a signed 32-bit int.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * When a paused bucket may send again. Read on a monotonic clock, so a
 * system clock change cannot shorten a provider's Retry-After. Every call
 * held by the pause waits on one promise and one timer, however many there are.
 */
export class PauseClock {
  #until = 0;
  #over: Promise<void> | undefined;
  #resolveOver: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Pauses for `ms` from now, unless an existing pause lasts longer. */
  extend(ms: number): void {
    this.#until = Math.max(this.#until, performance.now() + ms);
  }

  /** Milliseconds left in the pause; 0 when not paused. */
  remainingMs(): number {
    return Math.max(0, this.#until - performance.now());
  }

  /** Resolves when the pause is over, extensions included. */
  over(): Promise<void> {
    if (!this.#over) {
      this.#over = new Promise<void>((resolve) => {
        this.#resolveOver = resolve;
      });
      this.#check();
    }
    return this.#over;
  }

  /** Drops the timer when nobody waits any more, so a long pause does not keep the process alive. */
  release(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#over = undefined;
    this.#resolveOver = undefined;
  }

  #check = (): void => {
    const left = this.remainingMs();
    if (left > 0) {
      this.#timer = setTimeout(this.#check, Math.min(left, MAX_TIMER_MS));
      return;
    }
    const resolve = this.#resolveOver;
    this.release();
    resolve?.();
  };
}

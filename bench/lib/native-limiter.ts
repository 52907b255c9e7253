import { RATE_LIMIT_DEFAULTS, RateLimitError, type RateLimiter, type RateLimitPolicy, type ScheduleOptions } from '@junction/core';

/**
 * A PROTOTYPE of an in-process limiter without bottleneck, behind core's own
 * RateLimiter interface (plugged in with createLimiterRegistry({ create })),
 * to measure what replacing bottleneck would gain. Same policy as core's
 * bottleneck limiter: `requests` per `intervalMs` (fixed window),
 * `maxConcurrent`, `maxQueued`, `maxWaitMs`, a pause that holds queued calls
 * too, stop(). Unlike bottleneck's reservoir, whose refresh runs on a grid set when the limiter is
 * made, a window opens with the first call after the previous window closed. A call that can start now starts synchronously, with no timer,
 * no AbortController and no extra promise hop; a waiting call costs one
 * queue entry, and one shared timer wakes the queue when the window or pause ends.
 */
export function createWindowLimiter(policy: RateLimitPolicy = {}, name = 'rate limiter'): RateLimiter {
  return new WindowLimiter(policy, name);
}

interface Waiter {
  start: () => void;
  fail: (error: unknown) => void;
  done: boolean;
}

class WindowLimiter implements RateLimiter {
  readonly #requests: number;
  readonly #intervalMs: number;
  readonly #maxConcurrent: number;
  readonly #maxQueued: number;
  readonly #maxWaitMs: number;
  readonly #name: string;
  // A FIFO without Array#shift's O(n): a growing array and a head index, compacted now and then.
  #queue: Waiter[] = [];
  #head = 0;
  #running = 0;
  #windowStart = Number.NEGATIVE_INFINITY;
  #used = 0;
  #pausedUntil = 0;
  #wake: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(policy: RateLimitPolicy, name: string) {
    this.#requests = policy.requests ?? Number.POSITIVE_INFINITY;
    this.#intervalMs = policy.intervalMs ?? RATE_LIMIT_DEFAULTS.intervalMs;
    this.#maxConcurrent = policy.maxConcurrent ?? Number.POSITIVE_INFINITY;
    this.#maxQueued = policy.maxQueued ?? RATE_LIMIT_DEFAULTS.maxQueued;
    this.#maxWaitMs = policy.maxWaitMs ?? RATE_LIMIT_DEFAULTS.maxWaitMs;
    this.#name = name;
  }

  schedule<T>(job: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#refusal('the rate limiter was stopped', options));
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    if (this.#waiting() === 0 && this.#take(performance.now())) return this.#run(job);
    if (this.#waiting() >= this.#maxQueued) {
      return Promise.reject(this.#refusal(`${this.#maxQueued} calls are already waiting (rateLimit.maxQueued)`, options));
    }
    return new Promise<T>((resolve, reject) => {
      const maxWaitMs = options.maxWaitMs ?? this.#maxWaitMs;
      const waiter: Waiter = {
        done: false,
        start: () => {
          settle();
          this.#run(job).then(resolve, reject);
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      };
      const timer =
        maxWaitMs < 2 ** 31 - 1
          ? setTimeout(
              () => waiter.fail(this.#refusal(`the call could not start within ${maxWaitMs} ms (rateLimit.maxWaitMs)`, options)),
              maxWaitMs,
            )
          : undefined;
      const onAbort = () => waiter.fail(options.signal?.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        waiter.done = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      this.#queue.push(waiter);
      this.#arm(performance.now());
    });
  }

  async pause(ms: number): Promise<void> {
    this.#pausedUntil = Math.max(this.#pausedUntil, performance.now() + ms);
    this.#arm(performance.now());
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#wake);
    for (let i = this.#head; i < this.#queue.length; i++) {
      const waiter = this.#queue[i]!;
      if (!waiter.done) waiter.fail(this.#refusal('the rate limiter was stopped', {}));
    }
    this.#queue = [];
    this.#head = 0;
  }

  #waiting(): number {
    return this.#queue.length - this.#head;
  }

  /** Takes a slot if one is free now. */
  #take(now: number): boolean {
    if (now < this.#pausedUntil || this.#running >= this.#maxConcurrent) return false;
    // A window opens with the first call after the last one closed (not on a fixed grid), so a burst that
    // starts mid-way through an idle grid window is never followed by a fresh window a moment later.
    if (now - this.#windowStart >= this.#intervalMs) {
      this.#windowStart = now;
      this.#used = 0;
    }
    if (this.#used >= this.#requests) return false;
    this.#used++;
    this.#running++;
    return true;
  }

  #run<T>(job: () => Promise<T>): Promise<T> {
    let result: Promise<T>;
    try {
      result = job();
    } catch (error) {
      result = Promise.reject(error);
    }
    const release = () => {
      this.#running--;
      this.#drain();
    };
    result.then(release, release);
    return result;
  }

  #drain(): void {
    const now = performance.now();
    while (this.#head < this.#queue.length) {
      const waiter = this.#queue[this.#head]!;
      if (waiter.done) {
        this.#head++;
        continue;
      }
      if (!this.#take(now)) break;
      this.#head++;
      waiter.start();
    }
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    this.#arm(now);
  }

  /** One timer for the whole queue: when the pause or the window ends (concurrency frees itself on release). */
  #arm(now: number): void {
    if (this.#wake !== undefined || this.#waiting() === 0) return;
    if (this.#running >= this.#maxConcurrent && now >= this.#pausedUntil) return;
    const windowEnds = this.#used >= this.#requests ? this.#windowStart + this.#intervalMs : now;
    const at = Math.max(this.#pausedUntil, windowEnds);
    this.#wake = setTimeout(
      () => {
        this.#wake = undefined;
        this.#drain();
      },
      Math.max(0, at - now),
    );
  }

  #refusal(why: string, options: ScheduleOptions): RateLimitError {
    const what = options.request ? `${options.request.method} ${options.request.url}` : 'the call';
    const paused = Math.ceil(Math.max(0, this.#pausedUntil - performance.now()));
    return new RateLimitError(`${this.#name}: ${why}, so ${what} was not sent.`, {
      source: 'limiter',
      ...(options.request ? { request: options.request } : {}),
      ...(paused > 0 ? { retryAfterMs: paused } : {}),
    });
  }
}

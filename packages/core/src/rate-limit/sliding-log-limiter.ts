import type { LimiterRefusal } from '../errors/limiter-error.js';
import { DeadlineHeap } from './deadline-heap.js';
import { limiterRefusal } from './limiter-refusal.js';
import { RATE_LIMIT_DEFAULTS, type RateLimitPolicy } from './rate-limit-policy.js';
import type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
import { validatePolicy } from './validate-policy.js';

// setTimeout fires at once for delays beyond a signed 32-bit int.
const MAX_TIMER_MS = 2 ** 31 - 1;
// Drop the spent front of a queue once it is this long and over half the array.
const COMPACT_AT = 1024;

/** Options for {@link createLimiter}. */
export interface LimiterOptions {
  /** Shown in the limiter's errors, e.g. `stripe rate limiter`. */
  name?: string;
}

/**
 * Core's in-process {@link RateLimiter}, the default bucket of every client.
 *
 * - `requests` per `intervalMs` is a sliding log: at most `requests` calls
 *   start in any `intervalMs`, and a call's slot comes back `intervalMs`
 *   after its answer arrived. The provider counted the request before it
 *   answered, so it never sees more than its limit in any interval, whether
 *   it counts in fixed windows, sliding windows or a token bucket (a fixed
 *   window of our own would meet a provider's bucket a token short).
 * - `maxConcurrent` bounds the calls in flight.
 * - A call that can start starts synchronously. A waiting call is one small
 *   record in a queue; one timer serves the whole queue (slots coming back,
 *   the pause ending, the earliest max wait).
 * - `pause(ms)` holds every call, queued ones included; a longer pause wins.
 *   A call that cannot wait out the pause is refused at once.
 */
export function createLimiter(policy: RateLimitPolicy = {}, options: LimiterOptions = {}): RateLimiter {
  const name = options.name ?? 'rate limiter';
  validatePolicy(policy, name);
  return new SlidingLogLimiter(policy, name);
}

/** One call waiting for a slot. It is its own abort listener, so waiting costs no closure. */
class QueuedCall {
  heapIndex = -1;
  done = false;
  resolve: (value: unknown) => void = noop;
  reject: (reason: unknown) => void = noop;

  constructor(
    readonly limiter: SlidingLogLimiter,
    readonly job: () => Promise<unknown>,
    readonly deadline: number,
    readonly maxWaitMs: number,
    readonly options: ScheduleOptions,
  ) {}

  handleEvent(): void {
    this.limiter.abandon(this);
  }
}

function noop(): void {}

class SlidingLogLimiter implements RateLimiter {
  readonly #name: string;
  readonly #requests: number;
  readonly #intervalMs: number;
  readonly #maxConcurrent: number;
  readonly #maxQueued: number;
  readonly #maxWaitMs: number;
  #running = 0;
  /** When each finished call's slot comes back, oldest first (answers arrive in time order). */
  #returns: number[] = [];
  #returnsHead = 0;
  // A FIFO without Array#shift's O(n): a growing array and a head index, compacted now and then.
  #queue: QueuedCall[] = [];
  #head = 0;
  #waiting = 0;
  readonly #deadlines = new DeadlineHeap<QueuedCall>();
  #pausedUntil = 0;
  #wake: ReturnType<typeof setTimeout> | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  #stopped = false;

  constructor(policy: RateLimitPolicy, name: string) {
    this.#name = name;
    this.#requests = policy.requests ?? Number.POSITIVE_INFINITY;
    this.#intervalMs = policy.intervalMs ?? RATE_LIMIT_DEFAULTS.intervalMs;
    this.#maxConcurrent = policy.maxConcurrent ?? Number.POSITIVE_INFINITY;
    this.#maxQueued = policy.maxQueued ?? RATE_LIMIT_DEFAULTS.maxQueued;
    this.#maxWaitMs = policy.maxWaitMs ?? RATE_LIMIT_DEFAULTS.maxWaitMs;
  }

  schedule<T>(job: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#refusal('stopped', options));
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const now = performance.now();
    if (this.#waiting === 0 && this.#take(now)) return this.#run(job);
    const maxWaitMs = options.maxWaitMs ?? this.#maxWaitMs;
    if (this.#pausedUntil - now > maxWaitMs) return Promise.reject(this.#refusal('paused', options, maxWaitMs));
    if (this.#waiting >= this.#maxQueued) return Promise.reject(this.#refusal('queue_full', options, maxWaitMs));
    const call = new QueuedCall(this, job, now + maxWaitMs, maxWaitMs, options);
    const result = new Promise<T>((resolve, reject) => {
      call.resolve = resolve as (value: unknown) => void;
      call.reject = reject;
    });
    this.#queue.push(call);
    this.#waiting++;
    this.#deadlines.push(call);
    options.signal?.addEventListener('abort', call, { once: true });
    this.#arm(now);
    return result;
  }

  tryAcquire(): (() => void) | undefined {
    if (this.#stopped || this.#waiting > 0 || !this.#take(performance.now())) return undefined;
    return this.#release;
  }

  async pause(ms: number): Promise<void> {
    const now = performance.now();
    this.#pausedUntil = Math.max(this.#pausedUntil, now + ms);
    // Calls whose max wait ends before the pause does are told now, not at their deadline.
    for (let call = this.#deadlines.peek(); call && call.deadline < this.#pausedUntil; call = this.#deadlines.peek()) {
      this.#fail(call, this.#refusal('paused', call.options, call.maxWaitMs));
    }
    this.#arm(now);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const call = this.#queue[i] as QueuedCall;
      if (!call.done) this.#fail(call, this.#refusal('stopped', call.options, call.maxWaitMs));
    }
    this.#arm(performance.now());
  }

  /** The call's signal aborted: it leaves the queue at once. */
  abandon(call: QueuedCall): void {
    if (call.done) return;
    this.#fail(call, call.options.signal?.reason);
    this.#arm(performance.now());
  }

  /** Takes a slot if one is free now. */
  #take(now: number): boolean {
    if (now < this.#pausedUntil || this.#running >= this.#maxConcurrent) return false;
    if (this.#requests !== Number.POSITIVE_INFINITY) {
      const returns = this.#returns;
      while (this.#returnsHead < returns.length && (returns[this.#returnsHead] as number) <= now) this.#returnsHead++;
      if (this.#returnsHead > COMPACT_AT && this.#returnsHead * 2 > returns.length) {
        this.#returns = returns.slice(this.#returnsHead);
        this.#returnsHead = 0;
      }
      if (this.#running + this.#returns.length - this.#returnsHead >= this.#requests) return false;
    }
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
    result.then(this.#release, this.#release);
    return result;
  }

  #release = (): void => {
    this.#running--;
    const now = performance.now();
    if (this.#requests !== Number.POSITIVE_INFINITY) this.#returns.push(now + this.#intervalMs);
    if (this.#waiting > 0) this.#drain(now);
  };

  #drain(now: number): void {
    while (this.#waiting > 0) {
      const call = this.#queue[this.#head] as QueuedCall;
      if (call.done) {
        this.#head++;
        continue;
      }
      if (!this.#take(now)) break;
      this.#head++;
      this.#settle(call);
      this.#run(call.job).then(call.resolve, call.reject);
    }
    if (this.#head > COMPACT_AT && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    this.#arm(now);
  }

  #settle(call: QueuedCall): void {
    call.done = true;
    this.#deadlines.remove(call);
    call.options.signal?.removeEventListener('abort', call);
    if (--this.#waiting === 0) {
      this.#queue = [];
      this.#head = 0;
    }
  }

  #fail(call: QueuedCall, reason: unknown): void {
    this.#settle(call);
    call.reject(reason);
  }

  /** Sets the one timer for the queue at its next event: the next possible start, or the earliest max wait. */
  #arm(now: number): void {
    const at =
      this.#waiting === 0
        ? Number.POSITIVE_INFINITY
        : Math.min(this.#deadlines.peek()?.deadline ?? Number.POSITIVE_INFINITY, this.#nextStart(now));
    if (at === this.#wakeAt) return;
    clearTimeout(this.#wake);
    this.#wake = undefined;
    this.#wakeAt = at;
    if (at !== Number.POSITIVE_INFINITY) this.#wake = setTimeout(this.#onWake, Math.min(MAX_TIMER_MS, Math.max(0, at - now)));
  }

  /**
   * When the head of the queue may start: the end of the pause, the next slot
   * coming back, or now. Infinity when only a running call's answer can free
   * a slot: its release drains the queue.
   */
  #nextStart(now: number): number {
    if (now < this.#pausedUntil) return this.#pausedUntil;
    if (this.#running >= this.#maxConcurrent) return Number.POSITIVE_INFINITY;
    if (this.#running + this.#returns.length - this.#returnsHead < this.#requests) return now;
    return this.#returns[this.#returnsHead] ?? Number.POSITIVE_INFINITY;
  }

  #onWake = (): void => {
    this.#wake = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    for (let call = this.#deadlines.peek(); call && call.deadline <= now; call = this.#deadlines.peek()) {
      this.#fail(call, this.#refusal('max_wait', call.options, call.maxWaitMs));
    }
    this.#drain(now);
  };

  #refusal(reason: LimiterRefusal, options: ScheduleOptions, maxWaitMs = this.#maxWaitMs) {
    return limiterRefusal(reason, options, {
      name: this.#name,
      maxQueued: this.#maxQueued,
      maxWaitMs,
      pausedMs: Math.max(0, this.#pausedUntil - performance.now()),
    });
  }
}

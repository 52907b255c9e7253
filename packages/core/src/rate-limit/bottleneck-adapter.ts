import type { LimiterRefusal } from '../errors/limiter-error.js';
import { limiterRefusal } from './limiter-refusal.js';
import { PauseClock } from './pause-clock.js';
import { RATE_LIMIT_DEFAULTS } from './rate-limit-policy.js';
import type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
import { Waiter } from './waiter.js';

/**
 * The part of a bottleneck instance the adapter uses. Declared here so core
 * needs bottleneck neither at runtime nor for its types; a `new Bottleneck()`
 * from bottleneck 2 fits.
 */
export interface BottleneckInstance {
  schedule<R>(options: { priority?: number; id?: string }, task: () => PromiseLike<R>): Promise<R>;
  queued(priority?: number): number;
}

/** Options for {@link bottleneckLimiter}. */
export interface BottleneckLimiterOptions {
  /** Shown in the limiter's errors, e.g. `stripe rate limiter`. */
  name?: string;
  /** Calls that may wait (at a pause or in bottleneck's queue); the next one fails at once. Default 10,000. */
  maxQueued?: number;
  /** The longest a call may wait to start, when the call does not say. Default 60 s. */
  maxWaitMs?: number;
}

// Bottleneck priorities: lower runs first.
const NORMAL_PRIORITY = 5;
const RESUMED_PRIORITY = 0;
// setTimeout fires at once for delays beyond a signed 32-bit int.
const MAX_TIMER_MS = 2 ** 31 - 1;

// Job ids, counted across adapters: bottleneck's default ids come from Math.random, and ids must be
// unique among a bottleneck's live jobs, which two adapters sharing one instance both submit.
let jobs = 0;

type Outcome<T> = { ran: true; value: T } | { ran: false };

/**
 * A {@link RateLimiter} on a bottleneck you already have (and perhaps share
 * with other code, or back with bottleneck's Redis datastore). Bottleneck
 * keeps its own limits; the adapter adds what core's pipeline needs: a
 * pause that holds every call of the bucket, queued ones included (a job
 * bottleneck launches during a pause steps back and queues again, first in
 * line), max wait, abort signals, and stop. `stop()` stops the adapter only:
 * the bottleneck instance is yours to stop.
 */
export function bottleneckLimiter(bottleneck: BottleneckInstance, options: BottleneckLimiterOptions = {}): RateLimiter {
  return new BottleneckAdapter(bottleneck, options);
}

class BottleneckAdapter implements RateLimiter {
  readonly #bottleneck: BottleneckInstance;
  readonly #pause = new PauseClock();
  /** The calls waiting to start, told to give up when the limiter stops. */
  readonly #waiters = new Map<Waiter, ScheduleOptions>();
  #stopped = false;
  readonly #name: string;
  readonly #maxQueued: number;
  readonly #maxWaitMs: number;
  /** Calls sleeping at the pause gate (bottleneck counts the ones in its own queue). */
  #held = 0;

  constructor(bottleneck: BottleneckInstance, options: BottleneckLimiterOptions) {
    this.#bottleneck = bottleneck;
    this.#name = options.name ?? 'rate limiter';
    this.#maxQueued = options.maxQueued ?? RATE_LIMIT_DEFAULTS.maxQueued;
    this.#maxWaitMs = options.maxWaitMs ?? RATE_LIMIT_DEFAULTS.maxWaitMs;
  }

  async schedule<T>(job: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.#stopped) throw this.#refusal('stopped', options);
    options.signal?.throwIfAborted();
    const maxWaitMs = options.maxWaitMs ?? this.#maxWaitMs;
    if (this.#pause.remainingMs() > maxWaitMs) throw this.#refusal('paused', options, maxWaitMs);
    if (this.#held + this.#bottleneck.queued() >= this.#maxQueued) throw this.#refusal('queue_full', options);

    const deadline = performance.now() + maxWaitMs;
    const waiter = new Waiter();
    const timer =
      maxWaitMs < MAX_TIMER_MS ? setTimeout(() => waiter.giveUp(this.#refusal('max_wait', options, maxWaitMs)), maxWaitMs) : undefined;
    const onAbort = () => waiter.giveUp(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    this.#waiters.set(waiter, options);
    // Called when the job starts, or the call gives up: the max wait and stop() no longer apply.
    const stopWaiting = () => {
      clearTimeout(timer);
      this.#waiters.delete(waiter);
    };

    try {
      let priority = NORMAL_PRIORITY;
      for (;;) {
        await this.#waitOutPause(waiter, deadline, options, maxWaitMs);
        const outcome = await waiter.until(this.#submit(job, priority, waiter, stopWaiting, options));
        if (outcome.ran) return outcome.value;
        priority = RESUMED_PRIORITY;
      }
    } finally {
      stopWaiting();
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async pause(ms: number): Promise<void> {
    this.#pause.extend(ms);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const [waiter, options] of this.#waiters) waiter.giveUp(this.#refusal('stopped', options));
    this.#pause.release();
  }

  async #waitOutPause(waiter: Waiter, deadline: number, options: ScheduleOptions, maxWaitMs: number): Promise<void> {
    for (let left = this.#pause.remainingMs(); left > 0; left = this.#pause.remainingMs()) {
      // Fail now rather than at the deadline: the pause already outlasts what this call may wait.
      if (performance.now() + left > deadline) throw this.#refusal('paused', options, maxWaitMs);
      this.#held++;
      try {
        await waiter.until(this.#pause.over());
      } finally {
        if (--this.#held === 0) this.#pause.release();
      }
    }
  }

  async #submit<T>(
    job: () => Promise<T>,
    priority: number,
    waiter: Waiter,
    onStart: () => void,
    options: ScheduleOptions,
  ): Promise<Outcome<T>> {
    const launch = async (): Promise<Outcome<T>> => {
      // Checked at launch: the call may have left, or a pause begun, while it was queued.
      if (waiter.gaveUp || this.#pause.remainingMs() > 0) return { ran: false };
      onStart();
      return { ran: true, value: await job() };
    };
    try {
      return await this.#bottleneck.schedule({ priority, id: `junction-${++jobs}` }, launch);
    } catch (error) {
      // Bottleneck drops a job when its queue is full (highWater) or it is stopped; the job's own errors pass through.
      const BottleneckError = (this.#bottleneck.constructor as { BottleneckError?: new () => Error }).BottleneckError;
      if (!waiter.gaveUp && BottleneckError && error instanceof BottleneckError) throw this.#refusal('queue_full', options);
      throw error;
    }
  }

  #refusal(reason: LimiterRefusal, options: ScheduleOptions, maxWaitMs = this.#maxWaitMs) {
    return limiterRefusal(reason, options, {
      name: this.#name,
      maxQueued: this.#maxQueued,
      maxWaitMs,
      pausedMs: this.#pause.remainingMs(),
    });
  }
}

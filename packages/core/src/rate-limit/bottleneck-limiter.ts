import Bottleneck from 'bottleneck';
import { ConfigurationError } from '../errors/configuration-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { formatWait } from '../retry/format-wait.js';
import { PauseClock } from './pause-clock.js';
import type { RateLimitPolicy } from './rate-limit-policy.js';
import type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
import { Waiter } from './waiter.js';

/** The limits used when a policy leaves them out. */
export const RATE_LIMIT_DEFAULTS = { intervalMs: 1000, maxQueued: 10_000, maxWaitMs: 60_000 } as const;

/** Options for {@link createBottleneckLimiter}. */
export interface BottleneckLimiterOptions {
  /** Shown in the limiter's errors, e.g. `stripe rate limiter`. */
  name?: string;
}

/**
 * An in-process {@link RateLimiter} on bottleneck: `requests` per
 * `intervalMs` as a refilled reservoir, `maxConcurrent`, and `maxQueued` as
 * bottleneck's high-water mark. Bottleneck has no pause, and changing its
 * reservoir would not hold jobs it already launched (nor, in 2.19.5, survive
 * `updateSettings`, which stops the reservoir refresh), so a pause is a gate
 * of our own, checked before a call is queued and again when bottleneck
 * launches it: a job launched during a pause steps back and queues again,
 * first in line, once the pause is over. With no limits set, bottleneck is
 * left out: it would limit nothing and cost its scheduling hops (about
 * 3.5 ms per call, one call at a time, measured on Node 20), leaving only the pause.
 */
export function createBottleneckLimiter(policy: RateLimitPolicy = {}, options: BottleneckLimiterOptions = {}): RateLimiter {
  return new BottleneckLimiter(policy, options.name ?? 'rate limiter');
}

// Bottleneck priorities: lower runs first.
const NORMAL_PRIORITY = 5;
const RESUMED_PRIORITY = 0;
// setTimeout fires at once for delays beyond a signed 32-bit int.
const MAX_TIMER_MS = 2 ** 31 - 1;

type Outcome<T> = { ran: true; value: T } | { ran: false };
type Refusal = 'queue_full' | 'max_wait' | 'paused' | 'stopped';

class BottleneckLimiter implements RateLimiter {
  /** Undefined when the policy sets no limits. */
  readonly #bottleneck: Bottleneck | undefined;
  readonly #pause = new PauseClock();
  /** The calls waiting to start, told to give up when the limiter stops. */
  readonly #waiters = new Map<Waiter, ScheduleOptions>();
  #stopped = false;
  readonly #name: string;
  readonly #maxQueued: number;
  readonly #maxWaitMs: number;
  /** Calls sleeping at the pause gate (bottleneck counts the ones in its own queue). */
  #held = 0;
  /** Job ids; bottleneck's default ids come from Math.random and must be unique among live jobs. */
  #jobs = 0;

  constructor(policy: RateLimitPolicy, name: string) {
    validate(policy, name);
    this.#name = name;
    this.#maxQueued = policy.maxQueued ?? RATE_LIMIT_DEFAULTS.maxQueued;
    this.#maxWaitMs = policy.maxWaitMs ?? RATE_LIMIT_DEFAULTS.maxWaitMs;
    const intervalMs = policy.intervalMs ?? RATE_LIMIT_DEFAULTS.intervalMs;
    const limited = policy.requests !== undefined || policy.maxConcurrent !== undefined;
    this.#bottleneck = !limited
      ? undefined
      : new Bottleneck({
          maxConcurrent: policy.maxConcurrent ?? null,
          ...(policy.requests === undefined
            ? {}
            : {
                reservoir: policy.requests,
                reservoirRefreshAmount: policy.requests,
                reservoirRefreshInterval: intervalMs,
                // The refresh is checked on this beat; the default 250 ms would stretch short intervals.
                heartbeatInterval: Math.min(250, Math.max(10, Math.floor(intervalMs / 10))),
              }),
          highWater: this.#maxQueued,
          strategy: Bottleneck.strategy.OVERFLOW,
        });
  }

  async schedule<T>(job: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.#stopped) throw this.#refusal('stopped', options);
    options.signal?.throwIfAborted();
    // Only a call that would wait counts against maxQueued; bottleneck's high-water mark covers its own queue the same way.
    const waitingNow = this.#held + (this.#bottleneck?.queued() ?? 0);
    if ((waitingNow > 0 || this.#pause.remainingMs() > 0) && waitingNow >= this.#maxQueued) throw this.#refusal('queue_full', options);
    // Nothing to wait for (no limits, so no bottleneck; no pause; nobody held): start now, without the
    // waiting machinery below (a waiter, a timer, promise hops), which costs tens of µs a call on Node 20.
    if (!this.#bottleneck && this.#held === 0 && this.#pause.remainingMs() === 0) return job();

    const maxWaitMs = options.maxWaitMs ?? this.#maxWaitMs;
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
    await this.#bottleneck?.stop({ dropWaitingJobs: true });
    await this.#bottleneck?.disconnect();
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
    if (!this.#bottleneck) return launch();
    try {
      return await this.#bottleneck.schedule({ priority, id: `job-${++this.#jobs}` }, launch);
    } catch (error) {
      // Bottleneck drops a job when its queue is full or it is stopped; the job's own errors pass through.
      if (!waiter.gaveUp && error instanceof Bottleneck.BottleneckError) {
        throw this.#refusal(this.#stopped ? 'stopped' : 'queue_full', options);
      }
      throw error;
    }
  }

  #refusal(kind: Refusal, options: ScheduleOptions, maxWaitMs = 0): RateLimitError {
    const what = options.request ? `${options.request.method} ${options.request.url}` : 'the call';
    const paused = Math.ceil(this.#pause.remainingMs());
    const messages: Record<Refusal, string> = {
      queue_full: `${this.#name}: ${this.#maxQueued} calls are already waiting (rateLimit.maxQueued), so ${what} was not sent. Send fewer calls at once, or raise maxQueued.`,
      max_wait: `${this.#name}: ${what} could not start within ${maxWaitMs} ms (rateLimit.maxWaitMs) and was not sent.`,
      paused: `${this.#name}: the provider asked to wait ${formatWait(paused)} more, longer than ${what} may wait (rateLimit.maxWaitMs ${maxWaitMs} ms), so it was not sent.`,
      stopped: `${this.#name}: the rate limiter was stopped, so ${what} was not sent.`,
    };
    return new RateLimitError(messages[kind], {
      source: 'limiter',
      ...(options.request ? { request: options.request } : {}),
      ...(paused > 0 ? { retryAfterMs: paused } : {}),
    });
  }
}

function validate(policy: RateLimitPolicy, name: string): void {
  const checks: [keyof RateLimitPolicy, boolean][] = [
    ['requests', policy.requests === undefined || (Number.isInteger(policy.requests) && policy.requests > 0)],
    ['intervalMs', policy.intervalMs === undefined || policy.intervalMs > 0],
    ['maxConcurrent', policy.maxConcurrent === undefined || (Number.isInteger(policy.maxConcurrent) && policy.maxConcurrent > 0)],
    ['maxQueued', policy.maxQueued === undefined || (Number.isInteger(policy.maxQueued) && policy.maxQueued >= 0)],
    ['maxWaitMs', policy.maxWaitMs === undefined || policy.maxWaitMs >= 0],
  ];
  for (const [field, ok] of checks) {
    if (!ok) {
      throw new ConfigurationError(
        `${name}: rateLimit.${field} must be ${field === 'maxQueued' || field === 'maxWaitMs' ? 'zero or more' : 'a positive number'}${field === 'intervalMs' || field === 'maxWaitMs' ? '' : ' (an integer)'}; got ${String(policy[field])}.`,
      );
    }
  }
}

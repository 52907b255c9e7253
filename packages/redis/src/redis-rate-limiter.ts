import { randomUUID } from 'node:crypto';
import {
  ConfigurationError,
  createLimiterRegistry,
  type LimiterRefusal,
  type LimiterRegistry,
  RATE_LIMIT_DEFAULTS,
  type RateLimiter,
  type RateLimitPolicy,
  type ScheduleOptions,
} from '@junction/core';
import { limiterRefusal, PauseClock, validatePolicy } from '@junction/core/utils';
import type { RedisClient, RedisStoreOptions } from './redis-client.js';
import { command, DEFAULT_COMMAND_TIMEOUT_MS } from './redis-command.js';
import { isRedisStoreError, type RedisStoreError } from './redis-errors.js';
import { checkMs, checkPrefix, redisKey } from './redis-keys.js';
import { ACQUIRE, PAUSE, RELEASE, RENEW } from './redis-limiter-scripts.js';

/** Options shared by {@link createRedisRateLimiter} and {@link createRedisLimiterRegistry}. */
export interface RedisLimiterOptions extends RedisStoreOptions {
  /**
   * How long a slot in flight counts without renewal: how long a process
   * that died mid-call keeps holding its slots. Renewed every third of it
   * while the call runs. Default 10 000 ms.
   */
  leaseMs?: number;
  /**
   * The longest a waiting process sleeps before asking Redis again when it
   * cannot know when a slot frees (a call in flight in another process must
   * answer first). Default 50 ms.
   */
  pollMs?: number;
  /**
   * Where calls go when Redis cannot be asked: unset (the default) fails
   * closed, each waiting call rejects with a `RedisStoreError` and nothing
   * is sent. A limiter here fails open through it, e.g. core's
   * `createLimiter({ requests: 5 })` for a share of the budget per process.
   * `stop()` does not stop it.
   */
  fallback?: RateLimiter;
  /** Told about failures that do not fail a call: a slot's release or renewal, a pause not shared, failing over to `fallback`. */
  onError?: (error: RedisStoreError) => void;
}

/** Options for {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions extends RedisLimiterOptions {
  /** The bucket every process shares, e.g. `'stripe:acct_123'`. */
  key: string;
  /** The limits, as for core's `createLimiter`. */
  policy?: RateLimitPolicy;
}

/** One call waiting in this process for a slot. */
interface Waiting {
  job: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  options: ScheduleOptions;
  deadline: number;
  maxWaitMs: number;
  timer: ReturnType<typeof setTimeout>;
  onAbort: (() => void) | undefined;
  done: boolean;
}

/**
 * A {@link RateLimiter} whose budget every process shares through Redis:
 * the same rules as core's in-process limiter (a sliding log of `requests`
 * per `intervalMs`, `maxConcurrent` in flight, a pause that holds every
 * call) counted in Redis by atomic Lua scripts, so the provider never sees
 * more than the limit from all processes together, and a 429 one of them
 * sees pauses them all until the reset.
 *
 * Each process queues its own calls in order (`maxQueued`, `maxWaitMs`, an
 * abort signal leave the queue at once) and one loop per limiter asks Redis
 * for as many slots as it has calls waiting, sleeping until the next slot
 * comes back. Redis unreachable or slow: waiting calls reject with a
 * `RedisStoreError` and nothing is sent, unless a `fallback` is given.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  if (typeof options.key !== 'string' || options.key === '') {
    throw new ConfigurationError(
      `A Redis rate limiter needs a non-empty key naming the shared bucket, e.g. 'stripe:acct_123'; got ${JSON.stringify(options.key)}.`,
    );
  }
  const name = `redis rate limiter "${options.key}"`;
  const policy = options.policy ?? {};
  validatePolicy(policy, name);
  return new RedisRateLimiter(options, policy, name);
}

/**
 * A registry of shared buckets in Redis, to pass as `limiters` to every
 * client of an account in every process (`rateLimit: { key }` names the
 * bucket): `createLimiterRegistry` with a Redis limiter per key.
 */
export function createRedisLimiterRegistry(options: RedisLimiterOptions): LimiterRegistry {
  return createLimiterRegistry({ create: (key, policy) => createRedisRateLimiter({ ...options, key, policy }) });
}

// Drop the spent front of the queue once it is this long and over half the array.
const COMPACT_AT = 1024;

class RedisRateLimiter implements RateLimiter {
  readonly #client: RedisClient;
  readonly #name: string;
  readonly #keys: readonly [running: string, log: string, pause: string];
  readonly #timeoutMs: number;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #requests: number;
  readonly #intervalMs: number;
  readonly #maxConcurrent: number;
  readonly #maxQueued: number;
  readonly #maxWaitMs: number;
  readonly #options: RedisLimiterOptions;
  readonly #id = randomUUID();
  #sequence = 0;
  #queue: Waiting[] = [];
  #head = 0;
  #waiting = 0;
  /** This process's view of the pause: its own, or the last one Redis reported. */
  readonly #pause = new PauseClock();
  #pumping = false;
  #sleep: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;
  /** Slots this process holds in flight, renewed together. */
  readonly #inFlight = new Set<string>();
  #renewal: ReturnType<typeof setInterval> | undefined;
  #stopped = false;

  constructor(options: RedisRateLimiterOptions, policy: RateLimitPolicy, name: string) {
    this.#client = options.client;
    this.#name = name;
    this.#options = options;
    const base = bucketKeys(checkPrefix(options.prefix), options.key);
    this.#keys = [`${base}:running`, `${base}:log`, `${base}:pause`];
    this.#timeoutMs = checkMs('commandTimeoutMs', options.commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS);
    this.#leaseMs = checkMs('leaseMs', options.leaseMs, 10_000);
    this.#pollMs = checkMs('pollMs', options.pollMs, 50);
    this.#requests = policy.requests ?? 0;
    this.#intervalMs = Math.ceil(policy.intervalMs ?? RATE_LIMIT_DEFAULTS.intervalMs);
    this.#maxConcurrent = policy.maxConcurrent ?? 0;
    this.#maxQueued = policy.maxQueued ?? RATE_LIMIT_DEFAULTS.maxQueued;
    this.#maxWaitMs = policy.maxWaitMs ?? RATE_LIMIT_DEFAULTS.maxWaitMs;
  }

  schedule<T>(job: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#refusal('stopped', options));
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const maxWaitMs = options.maxWaitMs ?? this.#maxWaitMs;
    const now = performance.now();
    if (this.#pause.remainingMs() > maxWaitMs) return Promise.reject(this.#refusal('paused', options, maxWaitMs));
    if (this.#waiting >= this.#maxQueued) return Promise.reject(this.#refusal('queue_full', options, maxWaitMs));
    return new Promise<T>((resolve, reject) => {
      const call: Waiting = {
        job,
        resolve: resolve as (value: unknown) => void,
        reject,
        options,
        deadline: now + maxWaitMs,
        maxWaitMs,
        timer: setTimeout(() => this.#fail(call, this.#refusal('max_wait', options, maxWaitMs)), maxWaitMs),
        onAbort: undefined,
        done: false,
      };
      if (options.signal) {
        const signal = options.signal;
        call.onAbort = () => this.#fail(call, signal.reason);
        signal.addEventListener('abort', call.onAbort, { once: true });
      }
      this.#queue.push(call);
      this.#waiting++;
      void this.#pump();
    });
  }

  async pause(ms: number): Promise<void> {
    this.#holdFor(ms);
    try {
      await this.#eval('limiter.pause', PAUSE, [this.#keys[2]], [Math.ceil(ms)]);
    } catch (error) {
      // This process still honours the pause; the others learn of it at their next 429.
      this.#report(error);
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const call = this.#queue[i] as Waiting;
      this.#fail(call, this.#refusal('stopped', call.options, call.maxWaitMs));
    }
    this.#sleep?.wake();
  }

  /** Asks Redis for slots while calls wait, and starts them in order. One loop per limiter. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting > 0 && !this.#stopped) {
        const pausedMs = this.#pause.remainingMs();
        if (pausedMs > 0) {
          await this.#nap(pausedMs);
          continue;
        }
        const base = `${this.#id}:${++this.#sequence}`;
        const wanted = this.#waiting;
        let answer: [number, number, number];
        try {
          answer = (await this.#eval('limiter.acquire', ACQUIRE, this.#keys, [
            this.#requests,
            this.#maxConcurrent,
            this.#leaseMs,
            base,
            wanted,
          ])) as [number, number, number];
        } catch (error) {
          this.#unacquire(base, wanted);
          this.#failOver(error);
          continue;
        }
        const [granted, waitMs, paused] = answer;
        if (granted === 0) {
          if (paused === 1) this.#holdFor(waitMs);
          else await this.#nap(waitMs < 0 ? this.#pollMs : waitMs);
          continue;
        }
        const unused: string[] = [];
        for (let i = 1; i <= granted; i++) {
          const slot = `${base}:${i}`;
          const call = this.#next();
          if (call) this.#start(call, slot);
          else unused.push(slot);
        }
        // Calls that left while Redis answered: their slots go back unlogged, as nothing was sent.
        if (unused.length > 0) void this.#release(unused, 0);
      }
    } finally {
      this.#pumping = false;
    }
  }

  #start(call: Waiting, slot: string): void {
    this.#settle(call);
    this.#inFlight.add(slot);
    this.#renewal ??= this.#startRenewal();
    let result: Promise<unknown>;
    try {
      result = call.job();
    } catch (error) {
      result = Promise.reject(error);
    }
    const done = () => {
      this.#inFlight.delete(slot);
      if (this.#inFlight.size === 0) this.#stopRenewal();
      void this.#release([slot], this.#requests > 0 ? this.#intervalMs : 0).then(() => this.#sleep?.wake());
    };
    result.then(done, done);
    result.then(call.resolve, call.reject);
  }

  /**
   * After a failed acquire of `wanted` slots as `base`: the acquire may still
   * reach Redis later (ioredis queues commands while it reconnects, and
   * resends those a dropped connection left unanswered) and grant slots
   * nobody uses, each held for leaseMs. This release, queued behind it on the
   * same connection, gives back any it grants, unlogged; its own failure is of
   * no consequence.
   */
  #unacquire(base: string, wanted: number): void {
    const bounds = [wanted, this.#requests, this.#maxConcurrent].filter((n) => n > 0);
    const slots = Array.from({ length: Math.min(...bounds) }, (_, i) => `${base}:${i + 1}`);
    this.#client.eval(RELEASE, 2, ...this.#keys.slice(0, 2), 0, ...slots).catch(() => {});
  }

  /** Gives slots back; a failure is reported (their leases lapse on their own). */
  async #release(slots: string[], intervalMs: number): Promise<void> {
    try {
      await this.#eval('limiter.release', RELEASE, this.#keys.slice(0, 2), [intervalMs, ...slots]);
    } catch (error) {
      this.#report(error);
    }
  }

  #startRenewal(): ReturnType<typeof setInterval> {
    const timer = setInterval(
      () => {
        const slots = [...this.#inFlight];
        if (slots.length > 0) {
          this.#eval('limiter.renew', RENEW, [this.#keys[0]], [this.#leaseMs, ...slots]).catch((error) => this.#report(error));
        }
      },
      Math.max(1, Math.floor(this.#leaseMs / 3)),
    );
    timer.unref?.();
    return timer;
  }

  #stopRenewal(): void {
    clearInterval(this.#renewal);
    this.#renewal = undefined;
  }

  /** Redis could not be asked: waiting calls go to the fallback, or fail with the error. */
  #failOver(error: unknown): void {
    const fallback = this.#options.fallback;
    if (fallback && isRedisStoreError(error)) this.#report(error);
    for (let call = this.#next(); call; call = this.#next()) {
      this.#settle(call);
      if (!fallback || !isRedisStoreError(error)) {
        call.reject(error);
        continue;
      }
      const { signal, request } = call.options;
      fallback
        .schedule(call.job, {
          ...(signal ? { signal } : {}),
          ...(request ? { request } : {}),
          maxWaitMs: Math.max(0, call.deadline - performance.now()),
        })
        .then(call.resolve, call.reject);
    }
  }

  /** Holds this process's calls for `ms`, and refuses at once those that cannot wait that long. */
  #holdFor(ms: number): void {
    if (ms <= this.#pause.remainingMs()) return;
    this.#pause.extend(ms);
    const until = performance.now() + ms;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const call = this.#queue[i] as Waiting;
      if (!call.done && call.deadline < until) this.#fail(call, this.#refusal('paused', call.options, call.maxWaitMs));
    }
    this.#sleep?.wake();
  }

  /** The first call still waiting, or undefined. */
  #next(): Waiting | undefined {
    while (this.#head < this.#queue.length) {
      const call = this.#queue[this.#head] as Waiting;
      if (!call.done) return call;
      this.#head++;
    }
    return undefined;
  }

  #settle(call: Waiting): void {
    call.done = true;
    clearTimeout(call.timer);
    if (call.onAbort) call.options.signal?.removeEventListener('abort', call.onAbort);
    if (--this.#waiting === 0) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > COMPACT_AT && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  #fail(call: Waiting, reason: unknown): void {
    if (call.done) return;
    this.#settle(call);
    call.reject(reason);
  }

  /** Sleeps up to `ms`; a slot given back, a pause or `stop` wakes it sooner. */
  #nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleep = undefined;
        resolve();
      };
      const timer = setTimeout(wake, Math.max(1, Math.min(ms, 2 ** 31 - 1)));
      this.#sleep = { timer, wake };
    });
  }

  #eval(operation: string, script: string, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return command(operation, this.#timeoutMs, () => this.#client.eval(script, keys.length, ...keys, ...args));
  }

  #report(error: unknown): void {
    if (isRedisStoreError(error)) this.#options.onError?.(error);
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

/**
 * The common start of a bucket's keys. The key goes in a hash tag, so its
 * three keys share one cluster slot (a script may only touch keys of one
 * slot); a `{` in the prefix keeps them together too, as all three share
 * everything up to the tag's closing brace.
 */
function bucketKeys(prefix: string, key: string): string {
  return redisKey(prefix, 'limit', `{${key}}`);
}

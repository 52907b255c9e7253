import { getEventListeners, setMaxListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, isConfigurationError, isLimiterError, type LimiterError } from '../../src/index.js';
import { createLimiter, createLimiterRegistry, type RateLimiter } from '../../src/rate-limit/index.js';
import { deferred } from '../retry/support/loopback.js';

const limiters: RateLimiter[] = [];
function limiter(...args: Parameters<typeof createLimiter>): RateLimiter {
  const made = createLimiter(...args);
  limiters.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.stop()));
});

/** Schedules a job that records when it started and finishes when `release` is called. */
function held(l: RateLimiter, options?: Parameters<RateLimiter['schedule']>[1]) {
  const gate = deferred<string>();
  const job = { started: undefined as number | undefined, release: gate.resolve, result: undefined as unknown as Promise<string> };
  job.result = l.schedule(() => {
    job.started = performance.now();
    return gate.promise;
  }, options);
  return job;
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const activeTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('core’s limiter', () => {
  it('does not throttle when no limits are set', async () => {
    const l = limiter();
    const jobs = Array.from({ length: 50 }, () => held(l));
    // All 50 start before any finishes; a throttled limiter would never get there.
    await vi.waitFor(() => expect(jobs.every((j) => j.started !== undefined)).toBe(true));
    for (const j of jobs) j.release('ok');
    await expect(Promise.all(jobs.map((j) => j.result))).resolves.toHaveLength(50);
  });

  it('keeps to maxConcurrent', async () => {
    const l = limiter({ maxConcurrent: 2 });
    const jobs = Array.from({ length: 4 }, () => held(l));
    await vi.waitFor(() => expect(jobs.filter((j) => j.started !== undefined)).toHaveLength(2));
    await tick();
    expect(jobs.filter((j) => j.started !== undefined)).toHaveLength(2);
    for (const j of jobs) j.release('ok');
    await Promise.all(jobs.map((j) => j.result));
  });

  it('lets `requests` through per interval', async () => {
    const created = Date.now();
    const l = limiter({ requests: 2, intervalMs: 200 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => l.schedule(async () => starts.push(Date.now()))));
    expect(starts[2]! - created).toBeGreaterThanOrEqual(200);
    expect(starts[4]! - created).toBeGreaterThanOrEqual(400);
  });

  it('starts a call that can start at once synchronously, with no timer hop', async () => {
    const l = limiter({ requests: 10, maxConcurrent: 2 });
    let started = false;
    const done = l.schedule(async () => {
      started = true;
    });
    expect(started).toBe(true);
    await done;
  });

  it('gives a slot back intervalMs after its call’s answer, so no interval ever holds more than `requests` starts', async () => {
    const l = limiter({ requests: 2, intervalMs: 300 });
    const starts: number[] = [];
    const answers: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        l.schedule(async () => {
          starts[i] = performance.now();
          // The first call's answer is slow: its slot must come back only 300 ms after that answer.
          if (i === 0) await tick(100);
          answers[i] = performance.now();
        }),
      ),
    );
    // A fixed window would start call 3 at 300 ms, 200 ms after call 0's answer; a token bucket would start call 2 at 150 ms.
    expect(starts[2]! - answers[1]!).toBeGreaterThanOrEqual(295);
    expect(starts[3]! - answers[0]!).toBeGreaterThanOrEqual(295);
    for (let i = 0; i + 2 < starts.length; i++) expect(starts[i + 2]! - starts[i]!).toBeGreaterThanOrEqual(295);
  });

  it('holds any number of queued calls on one timer, whatever their max waits', async () => {
    const l = limiter({ maxConcurrent: 1 });
    await tick(100);
    const before = activeTimers();
    const running = held(l);
    const controller = new AbortController();
    setMaxListeners(1_000, controller.signal); // one signal for all, on purpose
    const calls = Array.from({ length: 1_000 }, (_, i) =>
      l.schedule(async () => 'never', { signal: controller.signal, maxWaitMs: 10_000 + i }).catch((e) => e),
    );
    await tick();
    expect(activeTimers() - before).toBe(1);
    controller.abort('gave up');
    expect(new Set(await Promise.all(calls))).toEqual(new Set(['gave up']));
    expect(activeTimers()).toBe(before);
    running.release('ok');
    await running.result;
  });

  it('fails each queued call at its own max wait, a shorter one behind a longer one first', async () => {
    const l = limiter({ maxConcurrent: 1 });
    const running = held(l);
    const order: string[] = [];
    const long = l.schedule(async () => 'long', { maxWaitMs: 400 }).catch((e: LimiterError) => order.push(`long:${e.reason}`));
    const short = l.schedule(async () => 'short', { maxWaitMs: 40 }).catch((e: LimiterError) => order.push(`short:${e.reason}`));
    await Promise.all([long, short]);
    expect(order).toEqual(['short:max_wait', 'long:max_wait']);
    running.release('ok');
    await running.result;
  });

  it('leaves no abort listener behind, whether a call started at once, waited or left', async () => {
    const l = limiter({ maxConcurrent: 1 });
    const signal = new AbortController().signal;
    const first = held(l, { signal });
    const second = held(l, { signal });
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    first.release('ok');
    await vi.waitFor(() => expect(second.started).toBeDefined());
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    second.release('ok');
    await Promise.all([first.result, second.result]);
    const leaving = new AbortController();
    const third = held(l, { signal: leaving.signal });
    const fourth = l.schedule(async () => 'never', { signal: leaving.signal }).catch((e: unknown) => e);
    leaving.abort('bye');
    await expect(fourth).resolves.toBe('bye');
    expect(getEventListeners(leaving.signal, 'abort')).toHaveLength(0);
    third.release('ok');
    await third.result;
  });

  it('refuses queued calls at once, with the reset time, when a pause begins that outlasts their max wait', async () => {
    const l = limiter({ maxConcurrent: 1 });
    const running = held(l);
    const patient = l.schedule(async () => 'patient', { maxWaitMs: 10_000 });
    const hasty = l.schedule(async () => 'never', { maxWaitMs: 1_000 }).catch((e: unknown) => e);
    const pausedAt = Date.now();
    await l.pause(5_000);
    // Settled now, not at its max wait.
    const error = (await Promise.race([hasty, tick(200).then(() => 'still waiting')])) as LimiterError;
    expect(isLimiterError(error)).toBe(true);
    expect(error.reason).toBe('paused');
    expect(error.retryAfterMs).toBeGreaterThan(4_000);
    expect(error.resetAt!.getTime() - pausedAt).toBeGreaterThan(4_000);
    running.release('ok');
    await l.stop();
    await expect(patient).rejects.toMatchObject({ reason: 'stopped' });
  });

  it('starts queued calls when a pause ends, even when a call joins the queue after the end but before the limiter woke', async () => {
    const l = limiter({ maxWaitMs: 5_000 });
    await l.pause(50);
    const first = l.schedule(async () => 'first');
    // Hold the thread past the pause's end, so the limiter's timer has not run yet when the next call queues.
    const until = performance.now() + 80;
    while (performance.now() < until) {}
    const second = l.schedule(async () => 'second');
    const both = Promise.all([first, second]);
    await expect(Promise.race([both, tick(1_000).then(() => 'stalled')])).resolves.toEqual(['first', 'second']);
  });

  it('holds queued and new calls while paused, then runs them all', async () => {
    const l = limiter({ maxConcurrent: 1 });
    const starts: number[] = [];
    let pausedAt = 0;
    const first = l.schedule(async () => {
      pausedAt = performance.now();
      await l.pause(300);
      throw new ApiError('too many', { status: 429, retryable: true });
    });
    const queued = Array.from({ length: 3 }, () => l.schedule(async () => starts.push(performance.now())));
    await expect(first).rejects.toBeInstanceOf(ApiError);
    const late = l.schedule(async () => starts.push(performance.now()));
    await Promise.all([...queued, late]);
    expect(starts).toHaveLength(4);
    for (const start of starts) expect(start - pausedAt).toBeGreaterThanOrEqual(300);
  });

  it('lets a longer pause win over a shorter one', async () => {
    const l = limiter();
    await l.pause(300);
    await l.pause(50);
    const asked = performance.now();
    const started = await l.schedule(async () => performance.now());
    expect(started - asked).toBeGreaterThanOrEqual(250);
  });

  it('passes the job’s own result and error through unchanged', async () => {
    const l = limiter();
    await expect(l.schedule(async () => 42)).resolves.toBe(42);
    const error = new ApiError('nope', { status: 404, retryable: false });
    await expect(l.schedule(() => Promise.reject(error))).rejects.toBe(error);
  });

  it('refuses a call at once when maxQueued calls already wait', async () => {
    const l = limiter({ maxConcurrent: 1, maxQueued: 2 });
    const running = held(l);
    await vi.waitFor(() => expect(running.started).toBeDefined());
    const queued = [held(l), held(l)];
    await tick();
    const error = await l.schedule(async () => 'never').catch((e: unknown) => e);
    expect(isLimiterError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'LimiterError' });
    expect((error as LimiterError).message).toMatch(/maxQueued/);
    expect(running.started).toBeDefined();
    for (const j of [running, ...queued]) j.release('ok');
    await expect(Promise.all([running, ...queued].map((j) => j.result))).resolves.toEqual(['ok', 'ok', 'ok']);
  });

  it('with maxQueued 0, runs what can start at once and refuses what would wait', async () => {
    const l = limiter({ maxConcurrent: 1, maxQueued: 0 });
    const running = held(l);
    await vi.waitFor(() => expect(running.started).toBeDefined());
    await expect(l.schedule(async () => 'never')).rejects.toMatchObject({ name: 'LimiterError' });
    running.release('ok');
    await expect(running.result).resolves.toBe('ok');
  });

  it('counts calls held by a pause against maxQueued', async () => {
    const l = limiter({ maxQueued: 1 });
    await l.pause(200);
    const waiting = l.schedule(async () => 'later');
    await tick();
    await expect(l.schedule(async () => 'never')).rejects.toMatchObject({ name: 'LimiterError' });
    await expect(waiting).resolves.toBe('later');
  });

  it('fails a call that cannot start within maxWaitMs, and never runs it', async () => {
    const l = limiter({ maxConcurrent: 1, maxWaitMs: 50 });
    const running = held(l);
    let ran = false;
    const error = await l
      .schedule(async () => {
        ran = true;
      })
      .catch((e: unknown) => e);
    expect(isLimiterError(error)).toBe(true);
    expect((error as LimiterError).message).toMatch(/could not start within 50 ms/);
    running.release('ok');
    await running.result;
    // The slot it held in the queue is given back, and the abandoned job never runs.
    await expect(l.schedule(async () => 'next')).resolves.toBe('next');
    expect(ran).toBe(false);
  });

  it('takes a per-call max wait over its own', async () => {
    const l = limiter({ maxConcurrent: 1, maxWaitMs: 60_000 });
    const running = held(l);
    await expect(l.schedule(async () => 'never', { maxWaitMs: 30 })).rejects.toMatchObject({ name: 'LimiterError' });
    running.release('ok');
  });

  it('fails at once, saying when to come back, when a pause outlasts the max wait', async () => {
    const l = limiter({ maxWaitMs: 100 });
    await l.pause(5000);
    const error = await l.schedule(async () => 'never').catch((e: unknown) => e);
    expect(isLimiterError(error)).toBe(true);
    expect((error as LimiterError).retryAfterMs).toBeGreaterThan(4000);
    expect((error as LimiterError).message).toMatch(/asked to wait/);
  });

  it('lets an aborted call leave the queue at once with the signal reason', async () => {
    const l = limiter({ maxConcurrent: 1 });
    const running = held(l);
    const controller = new AbortController();
    let ran = false;
    const queued = l.schedule(
      async () => {
        ran = true;
      },
      { signal: controller.signal },
    );
    await tick();
    controller.abort('gave up');
    await expect(queued).rejects.toBe('gave up');
    // Still running: the aborted call did not wait for a slot to leave.
    expect(running.started).toBeDefined();
    running.release('ok');
    await expect(l.schedule(async () => 'next')).resolves.toBe('next');
    expect(ran).toBe(false);
  });

  it('lets an aborted call leave a pause at once', async () => {
    const l = limiter();
    await l.pause(60_000);
    const controller = new AbortController();
    const waiting = l.schedule(async () => 'never', { signal: controller.signal });
    await tick();
    controller.abort('gave up');
    await expect(waiting).rejects.toBe('gave up');
  });

  it('holds any number of calls at a pause on one timer, and drops it when they leave', async () => {
    // No max-wait timer per call (a wait beyond setTimeout's range): what is left is the pause's own.
    const l = limiter({ maxWaitMs: 2 ** 31 });
    await tick(100); // earlier tests' timers run out first
    const before = activeTimers();
    await l.pause(3_600_000);
    const controller = new AbortController();
    setMaxListeners(1_000, controller.signal); // one signal for all, on purpose
    const calls = Array.from({ length: 1_000 }, () => l.schedule(async () => 'never', { signal: controller.signal }).catch((e) => e));
    await tick();
    expect(activeTimers() - before).toBe(1);
    controller.abort('gave up');
    expect(new Set(await Promise.all(calls))).toEqual(new Set(['gave up']));
    // A pause nobody waits for must not keep the process alive for an hour.
    expect(activeTimers()).toBe(before);
  });

  it('drops the pause timer when stopped with calls held', async () => {
    const l = limiter({ maxWaitMs: 2 ** 31 });
    await tick(100);
    const before = activeTimers();
    await l.pause(3_600_000);
    const held = l.schedule(async () => 'never');
    await tick();
    await l.stop();
    await expect(held).rejects.toMatchObject({ name: 'LimiterError', message: expect.stringMatching(/stopped/) });
    expect(activeTimers()).toBe(before);
  });

  it('refuses an already aborted call', async () => {
    const l = limiter();
    await expect(l.schedule(async () => 'never', { signal: AbortSignal.abort('before') })).rejects.toBe('before');
  });

  it('fails waiting calls and refuses new ones once stopped, letting running ones finish', async () => {
    const l = limiter({ maxConcurrent: 1 });
    const running = held(l);
    await vi.waitFor(() => expect(running.started).toBeDefined());
    const queued = l.schedule(async () => 'never');
    await tick();
    const stopped = l.stop();
    await expect(queued).rejects.toMatchObject({ name: 'LimiterError', message: expect.stringMatching(/stopped/) });
    running.release('done');
    await expect(running.result).resolves.toBe('done');
    await stopped;
    await expect(l.schedule(async () => 'never')).rejects.toMatchObject({ name: 'LimiterError' });
  });

  it('puts the request in its errors', async () => {
    const l = limiter({ maxQueued: 0 });
    await l.pause(1000);
    const request = { connector: 'acme', method: 'GET', url: 'https://acme.example.test/things/1' };
    const error = await l.schedule(async () => 'never', { request }).catch((e: unknown) => e);
    expect(error).toMatchObject({ request });
    expect((error as Error).message).toContain('GET https://acme.example.test/things/1');
  });

  it.each([{ requests: 0 }, { maxConcurrent: 1.5 }, { intervalMs: -1 }, { maxQueued: -1 }])('refuses the invalid policy %j', (policy) => {
    let error: unknown;
    try {
      createLimiter(policy);
    } catch (e) {
      error = e;
    }
    expect(isConfigurationError(error)).toBe(true);
  });
});

describe('the limiter registry', () => {
  it('gives the same limiter for the same key, made once from the first policy', async () => {
    const registry = createLimiterRegistry();
    const a = registry.get('acct_1', { maxConcurrent: 1 });
    expect(registry.get('acct_1', { maxConcurrent: 50 })).toBe(a);
    expect(registry.get('acct_2', { maxConcurrent: 1 })).not.toBe(a);
    await registry.stop();
    await expect(a.schedule(async () => 'never')).rejects.toMatchObject({ name: 'LimiterError' });
  });

  it('makes limiters with the given factory', async () => {
    const made: string[] = [];
    const registry = createLimiterRegistry({
      create: (key, policy) => {
        made.push(key);
        return createLimiter(policy);
      },
    });
    registry.get('x', {});
    registry.get('x', {});
    expect(made).toEqual(['x']);
    await registry.stop();
  });

  it('keeps separate registries apart', () => {
    expect(createLimiterRegistry().get('k', {})).not.toBe(createLimiterRegistry().get('k', {}));
  });
});

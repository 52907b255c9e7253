import Bottleneck from 'bottleneck';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, isLimiterError, type LimiterError } from '../../src/index.js';
import { bottleneckLimiter, createLimiterRegistry, type RateLimiter } from '../../src/rate-limit/index.js';
import { deferred } from '../retry/support/loopback.js';

const made: { limiter: RateLimiter; bottleneck: Bottleneck }[] = [];
function adapter(settings: Bottleneck.ConstructorOptions = {}, options?: Parameters<typeof bottleneckLimiter>[1]) {
  const bottleneck = new Bottleneck(settings);
  const limiter = bottleneckLimiter(bottleneck, options);
  made.push({ limiter, bottleneck });
  return limiter;
}
afterEach(async () => {
  for (const { limiter, bottleneck } of made.splice(0)) {
    await limiter.stop();
    await bottleneck.stop({ dropWaitingJobs: true });
  }
});

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

describe('the bottleneck adapter', () => {
  it('keeps to the limits of the bottleneck it is given', async () => {
    const l = adapter({ maxConcurrent: 2 });
    const jobs = Array.from({ length: 4 }, () => held(l));
    await vi.waitFor(() => expect(jobs.filter((j) => j.started !== undefined)).toHaveLength(2));
    await tick();
    expect(jobs.filter((j) => j.started !== undefined)).toHaveLength(2);
    for (const j of jobs) j.release('ok');
    await expect(Promise.all(jobs.map((j) => j.result))).resolves.toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('shares one bottleneck between two limiters', async () => {
    const bottleneck = new Bottleneck({ maxConcurrent: 1 });
    const a = bottleneckLimiter(bottleneck);
    const b = bottleneckLimiter(bottleneck);
    const first = held(a);
    const second = held(b);
    await vi.waitFor(() => expect(first.started).toBeDefined());
    await tick();
    expect(second.started).toBeUndefined();
    first.release('a');
    second.release('b');
    await expect(Promise.all([first.result, second.result])).resolves.toEqual(['a', 'b']);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('holds queued and new calls while paused, then runs them all', async () => {
    const l = adapter({ maxConcurrent: 1 });
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
    for (const start of starts) expect(start - pausedAt).toBeGreaterThanOrEqual(295);
  });

  it('refuses at once, with a LimiterError saying when to come back, when a pause outlasts the max wait', async () => {
    const l = adapter({}, { maxWaitMs: 100 });
    await l.pause(5000);
    const error = await l.schedule(async () => 'never').catch((e: unknown) => e);
    expect(isLimiterError(error)).toBe(true);
    expect((error as LimiterError).reason).toBe('paused');
    expect((error as LimiterError).retryAfterMs).toBeGreaterThan(4000);
  });

  it('fails a call that cannot start within its max wait, and never runs it', async () => {
    const l = adapter({ maxConcurrent: 1 });
    const running = held(l);
    let ran = false;
    const error = await l
      .schedule(
        async () => {
          ran = true;
        },
        { maxWaitMs: 50 },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'LimiterError', reason: 'max_wait' });
    running.release('ok');
    await running.result;
    await expect(l.schedule(async () => 'next')).resolves.toBe('next');
    expect(ran).toBe(false);
  });

  it('refuses a call bottleneck drops at its high-water mark', async () => {
    const l = adapter({ maxConcurrent: 1, highWater: 0, strategy: Bottleneck.strategy.OVERFLOW });
    const running = held(l);
    await vi.waitFor(() => expect(running.started).toBeDefined());
    await expect(l.schedule(async () => 'never')).rejects.toMatchObject({ name: 'LimiterError', reason: 'queue_full' });
    running.release('ok');
    await running.result;
  });

  it('lets an aborted call leave at once with the signal reason', async () => {
    const l = adapter({ maxConcurrent: 1 });
    const running = held(l);
    const controller = new AbortController();
    const queued = l.schedule(async () => 'never', { signal: controller.signal });
    await tick();
    controller.abort('gave up');
    await expect(queued).rejects.toBe('gave up');
    running.release('ok');
    await running.result;
  });

  it('fails waiting calls once stopped and leaves the bottleneck to its owner', async () => {
    const bottleneck = new Bottleneck({ maxConcurrent: 1 });
    const l = bottleneckLimiter(bottleneck);
    const running = held(l);
    await vi.waitFor(() => expect(running.started).toBeDefined());
    const queued = l.schedule(async () => 'never');
    await tick();
    await l.stop();
    await expect(queued).rejects.toMatchObject({ name: 'LimiterError', reason: 'stopped' });
    await expect(l.schedule(async () => 'never')).rejects.toMatchObject({ reason: 'stopped' });
    running.release('done');
    await expect(running.result).resolves.toBe('done');
    // The bottleneck still works for its other users.
    await expect(bottleneck.schedule(async () => 'still mine')).resolves.toBe('still mine');
    await bottleneck.stop();
  });

  it('plugs into a registry, so every client of a key shares the one bottleneck', async () => {
    const bottleneck = new Bottleneck({ maxConcurrent: 1 });
    const registry = createLimiterRegistry({ create: (key) => bottleneckLimiter(bottleneck, { name: `rate limiter "${key}"` }) });
    const l = registry.get('acme:acct_1', {});
    await expect(l.schedule(async () => 42)).resolves.toBe(42);
    await registry.stop();
    await bottleneck.stop();
  });
});

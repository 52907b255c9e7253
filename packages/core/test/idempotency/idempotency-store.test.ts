import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/idempotency/index.js';
import { isConfigurationError } from '../../src/index.js';
import { deferred } from '../retry/support/loopback.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the in-memory idempotency store', () => {
  it('runs the work once and gives its outcome to later callers', async () => {
    const store = createMemoryIdempotencyStore();
    let runs = 0;
    const work = async () => ({ run: ++runs });
    expect(await store.once('evt_1', work)).toEqual({ run: 1 });
    expect(await store.once('evt_1', work)).toEqual({ run: 1 });
    expect(runs).toBe(1);
  });

  it('makes concurrent callers await the same run', async () => {
    const store = createMemoryIdempotencyStore();
    const gate = deferred<string>();
    let runs = 0;
    const work = () => {
      runs++;
      return gate.promise;
    };
    const callers = Array.from({ length: 10 }, () => store.once('evt_1', work));
    await new Promise((r) => setTimeout(r, 10));
    gate.resolve('done');
    expect(await Promise.all(callers)).toEqual(Array(10).fill('done'));
    expect(runs).toBe(1);
  });

  it('keeps keys apart', async () => {
    const store = createMemoryIdempotencyStore();
    expect(await store.once('a', async () => 'A')).toBe('A');
    expect(await store.once('b', async () => 'B')).toBe('B');
  });

  it('does not keep a failure: waiting callers get the error, and the next caller runs again', async () => {
    const store = createMemoryIdempotencyStore();
    const gate = deferred();
    const failure = new Error('handler failed');
    let runs = 0;
    const failing = async () => {
      runs++;
      await gate.promise;
      throw failure;
    };
    const first = store.once('evt_1', failing);
    const second = store.once('evt_1', failing);
    gate.resolve();
    await expect(first).rejects.toBe(failure);
    await expect(second).rejects.toBe(failure);
    expect(runs).toBe(1);
    expect(await store.once('evt_1', async () => 'redelivered')).toBe('redelivered');
  });

  it('does not keep a synchronous throw either', async () => {
    const store = createMemoryIdempotencyStore();
    await expect(
      store.once('evt_1', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(await store.once('evt_1', async () => 'ok')).toBe('ok');
  });

  it('forgets a success after the TTL', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const store = createMemoryIdempotencyStore({ ttlMs: 1000 });
    let runs = 0;
    const work = async () => ++runs;
    expect(await store.once('evt_1', work)).toBe(1);
    vi.setSystemTime(1_700_000_000_999);
    expect(await store.once('evt_1', work)).toBe(1);
    vi.setSystemTime(1_700_000_001_000);
    expect(await store.once('evt_1', work)).toBe(2);
  });

  it('takes a TTL per call', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const store = createMemoryIdempotencyStore({ ttlMs: 60_000 });
    let runs = 0;
    const work = async () => ++runs;
    await store.once('evt_1', work, { ttlMs: 10 });
    vi.setSystemTime(1_700_000_000_010);
    expect(await store.once('evt_1', work)).toBe(2);
  });

  it('refuses a TTL that is not positive', () => {
    let error: unknown;
    try {
      createMemoryIdempotencyStore({ ttlMs: 0 });
    } catch (e) {
      error = e;
    }
    expect(isConfigurationError(error)).toBe(true);
  });
});

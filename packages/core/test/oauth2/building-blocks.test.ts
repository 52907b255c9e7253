import { describe, expect, it } from 'vitest';
import { isFresh, memoryTokenStore, type TokenSet } from '../../src/auth/oauth2/index.js';
import { singleFlight, waitFor } from '../../src/auth/oauth2/single-flight.js';
import { tokenSetFrom } from '../../src/auth/oauth2/token-set.js';

describe('token sets', () => {
  it('computes expiresAt (and issuedAt) from expires_in and keeps the refresh token and scope a refresh response leaves out', () => {
    const previous: TokenSet = { accessToken: 'old', tokenType: 'bearer', refreshToken: 'rt-1', scope: 'a b' };
    expect(tokenSetFrom({ access_token: 'new', token_type: 'bearer', expires_in: 30 }, previous, 1_000)).toEqual({
      accessToken: 'new',
      tokenType: 'bearer',
      refreshToken: 'rt-1',
      scope: 'a b',
      issuedAt: 1_000,
      expiresAt: 31_000,
    });
    expect(tokenSetFrom({ access_token: 'new', token_type: 'bearer', refresh_token: 'rt-2' }, previous)).toMatchObject({
      refreshToken: 'rt-2',
    });
    expect(tokenSetFrom({ access_token: 'new', token_type: 'bearer' })).toEqual({ accessToken: 'new', tokenType: 'bearer' });
  });

  it('counts a token as fresh until skew before its expiry, and forever without one', () => {
    const tokens: TokenSet = { accessToken: 'a', tokenType: 'bearer', expiresAt: 100_000 };
    expect(isFresh(tokens, 60_000, 39_999)).toBe(true);
    expect(isFresh(tokens, 60_000, 40_000)).toBe(false);
    expect(isFresh(tokens, 0, 99_999)).toBe(true);
    expect(isFresh(tokens, 0, 100_000)).toBe(false);
    expect(isFresh({ accessToken: 'a', tokenType: 'bearer' }, 60_000, Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('never lets the skew exceed half the lifetime the token was issued with', () => {
    // A 3 s token with the default 60 s skew would otherwise be stale on arrival.
    const short: TokenSet = { accessToken: 'a', tokenType: 'bearer', issuedAt: 10_000, expiresAt: 13_000 };
    expect(isFresh(short, 60_000, 11_499)).toBe(true);
    expect(isFresh(short, 60_000, 11_500)).toBe(false);
    // A skew shorter than half the lifetime applies as given.
    expect(isFresh(short, 1_000, 11_999)).toBe(true);
    expect(isFresh(short, 1_000, 12_000)).toBe(false);
    // Without issuedAt (a token set made by hand) the lifetime is unknown: the skew applies as given.
    expect(isFresh({ accessToken: 'a', tokenType: 'bearer', expiresAt: 13_000 }, 60_000, 10_000)).toBe(false);
    // Expired is expired, even with a lifetime that makes no sense.
    expect(isFresh({ accessToken: 'a', tokenType: 'bearer', issuedAt: 20_000, expiresAt: 13_000 }, 60_000, 13_000)).toBe(false);
  });
});

describe('memoryTokenStore', () => {
  it('keeps tokens per key and runs lock holders of one key one at a time, even when one fails', async () => {
    const store = memoryTokenStore();
    const tokens: TokenSet = { accessToken: 'a', tokenType: 'bearer' };
    await store.set('k', tokens);
    expect(await store.get('k')).toEqual(tokens);
    expect(await store.get('other')).toBeUndefined();

    const events: string[] = [];
    const holder =
      (name: string, fail = false) =>
      async () => {
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const lock = store.lock!.bind(store);
    const results = await Promise.allSettled([lock('k', holder('1', true)), lock('k', holder('2')), lock('j', holder('other key'))]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    const forK = events.filter((e) => !e.includes('other'));
    expect(forK).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    // Another key does not wait for this one.
    expect(events.indexOf('start other key')).toBeLessThan(events.indexOf('end 1'));
  });
});

describe('single flight', () => {
  it('shares one run among the callers that arrive while it runs, and starts afresh after', async () => {
    const flight = singleFlight<number>();
    let runs = 0;
    const task = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return runs;
    };
    expect(await Promise.all([flight.run(task), flight.run(task), flight.run(task)])).toEqual([1, 1, 1]);
    expect(await flight.run(task)).toBe(2);
  });

  it('lets one caller stop waiting on abort while the shared work goes on for the others', async () => {
    let finish: (value: string) => void = () => {};
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const controller = new AbortController();
    const impatient = waitFor(work, controller.signal);
    const patient = waitFor(work, undefined);
    controller.abort(new Error('caller gave up'));
    await expect(impatient).rejects.toThrow('caller gave up');
    finish('token');
    expect(await patient).toBe('token');
  });
});

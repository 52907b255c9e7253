import type { TokenSet } from './token-set.js';
import type { TokenStore } from './token-store.js';

/**
 * A {@link TokenStore} in this process's memory: the default. Its lock
 * serialises renewals per key, so clients that share one instance renew once
 * between them. Tokens are lost when the process exits; persist them with
 * `onTokens` or use a shared store.
 */
export function memoryTokenStore(): TokenStore {
  const tokens = new Map<string, TokenSet>();
  // The tail of each key's queue of lock holders.
  const tails = new Map<string, Promise<unknown>>();
  return {
    get: (key) => tokens.get(key),
    set: (key, value) => {
      tokens.set(key, value);
    },
    lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
      // Tails never reject, so the next holder always runs.
      const run = (tails.get(key) ?? Promise.resolve()).then(() => fn());
      const tail = run.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      // Forget the queue once it drains, so keys do not accumulate.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return run;
    },
  };
}

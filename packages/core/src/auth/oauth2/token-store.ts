import type { TokenSet } from './token-set.js';

/**
 * Where OAuth tokens live between calls, and between processes when the store
 * is shared (a database, Redis). Keys are chosen by the strategy, or by the
 * user with `tokenKey`.
 */
export interface TokenStore {
  /** The tokens saved under `key`, or undefined when there are none. */
  get(key: string): TokenSet | undefined | Promise<TokenSet | undefined>;
  /** Saves `tokens` under `key`, replacing what was there. Must be durable before it resolves: a rotated refresh token exists only here. */
  set(key: string, tokens: TokenSet): void | Promise<void>;
  /**
   * Runs `fn` while holding an exclusive lock on `key`, across every process
   * that shares the store. The strategy takes it around each renewal and
   * re-reads the store inside it, so one process renews while the others wait
   * and then use what it saved. Without it, renewals are single-flight within
   * one process only. It is held for one token request and one `set`, never
   * for `onTokens`. It must expire if its holder dies (released with the
   * holder's connection, or given a time to live longer than the token
   * request's timeout), or a crashed process blocks every other one.
   */
  lock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

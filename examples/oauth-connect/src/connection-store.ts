import type { TokenSet, TokenStore } from '@junction/core';
import type { Provider, ProviderAccount } from './config.js';

/** One user's connection to one provider account: what the product keeps beside the tokens. */
export interface Connection {
  userId: string;
  provider: Provider;
  /** Where the account is reached, so calls, renewals and the revocation go back to it. */
  account: ProviderAccount;
  connectedAt: string;
}

/**
 * The product's connections table: a token set per user and provider (core's
 * {@link TokenStore}, with a lock so one renewal runs at a time per key) and
 * the connection record beside it. In memory here; in a product, a row per
 * (user, provider) in your database, the tokens encrypted at rest, and the
 * lock a row lock or an advisory lock (see docs/oauth2.md).
 */
export interface ConnectionStore {
  /** What core's OAuth strategy reads and writes, under {@link tokenKey}. */
  readonly tokens: TokenStore;
  /** Saves a new connection and its first tokens. */
  connect(connection: Connection, tokens: TokenSet): Promise<void>;
  /** The user's connection to the provider, if any. */
  connection(userId: string, provider: Provider): Connection | undefined;
  /** Forgets the connection and its tokens. */
  disconnect(userId: string, provider: Provider): void;
  /** Every token set ever saved, in order, with its key: for the demo's report (a product keeps no history of tokens). */
  readonly writes: readonly { key: string; tokens: TokenSet }[];
}

/** The key a user's tokens for a provider live under: one key per user and provider. */
export function tokenKey(userId: string, provider: Provider): string {
  return `${provider}:${userId}`;
}

/** A {@link ConnectionStore} in this process's memory. */
export function memoryConnectionStore(): ConnectionStore {
  const tokens = new Map<string, TokenSet>();
  const connections = new Map<string, Connection>();
  const locks = new Map<string, Promise<unknown>>();
  const writes: { key: string; tokens: TokenSet }[] = [];

  const tokenStore: TokenStore = {
    get: (key) => tokens.get(key),
    set(key, value) {
      // A renewal that lands after a disconnect must not bring the connection back.
      if (!connections.has(key)) return;
      tokens.set(key, value);
      writes.push({ key, tokens: value });
    },
    // Serialises renewals per key: a database would hold a row lock for the same span.
    lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = locks.get(key) ?? Promise.resolve();
      const run = previous.then(fn, fn);
      const settled = run.catch(() => undefined);
      locks.set(key, settled);
      void settled.then(() => locks.get(key) === settled && locks.delete(key));
      return run;
    },
  };

  return {
    tokens: tokenStore,
    async connect(connection, first) {
      const key = tokenKey(connection.userId, connection.provider);
      connections.set(key, connection);
      await tokenStore.set(key, first);
    },
    connection: (userId, provider) => connections.get(tokenKey(userId, provider)),
    disconnect(userId, provider) {
      const key = tokenKey(userId, provider);
      connections.delete(key);
      tokens.delete(key);
    },
    writes,
  };
}

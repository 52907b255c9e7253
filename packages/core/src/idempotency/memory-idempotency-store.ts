import { ConfigurationError } from '../errors/configuration-error.js';
import type { IdempotencyStore, OnceOptions } from './idempotency-store.js';

/** Options for {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** How long a successful outcome is kept. Default 24 hours (providers redeliver webhooks for up to days; raise it to match). */
  ttlMs?: number;
}

type Entry = { running: Promise<unknown> } | { value: unknown; expiresAt: number };

/**
 * An {@link IdempotencyStore} in this process's memory: right for one
 * process and for tests. Expired outcomes are dropped as new keys arrive,
 * so memory holds only what is within the TTL.
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore {
  const defaultTtl = options.ttlMs ?? 24 * 60 * 60 * 1000;
  checkTtl(defaultTtl);
  // Insertion order is completion order, so with one TTL the expired outcomes sit at the front;
  // one kept behind a longer-lived outcome is swept later, and never served once expired.
  const entries = new Map<string, Entry>();

  const sweep = (now: number) => {
    for (const [key, entry] of entries) {
      if ('running' in entry) continue;
      if (entry.expiresAt > now) break;
      entries.delete(key);
    }
  };

  return {
    once<T>(key: string, fn: () => Promise<T>, onceOptions: OnceOptions = {}): Promise<T> {
      const ttl = onceOptions.ttlMs ?? defaultTtl;
      checkTtl(ttl);
      const now = Date.now();
      sweep(now);
      const found = entries.get(key);
      if (found && 'running' in found) return found.running as Promise<T>;
      if (found && found.expiresAt > now) return Promise.resolve(found.value as T);
      entries.delete(key);

      const running = Promise.resolve().then(fn);
      entries.set(key, { running });
      // Nothing else replaces a running entry, so these settle the one just set.
      running.then(
        (value) => {
          entries.delete(key);
          entries.set(key, { value, expiresAt: Date.now() + ttl });
        },
        () => entries.delete(key),
      );
      return running;
    },
  };
}

function checkTtl(ttl: number): void {
  if (!(ttl > 0)) throw new ConfigurationError(`An idempotency store's ttlMs must be a positive number of milliseconds; got ${ttl}.`);
}

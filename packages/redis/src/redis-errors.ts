import { JunctionError, type JunctionErrorOptions } from '@junction/core';
import { brand, hasBrand } from '@junction/core/utils';

/** Why a Redis store could not do what was asked. */
export type RedisStoreFailure =
  /** Redis did not answer within `commandTimeoutMs`: slow, overloaded, or the connection is stuck. */
  | 'timeout'
  /** The client could not reach Redis (refused, closed, reconnecting). */
  | 'unavailable'
  /** Redis answered with an error (wrong type at the key, a script refused, no permission). */
  | 'command'
  /** The lock stayed held by another process for longer than the store waits. */
  | 'lock_timeout'
  /** What is stored under the key is not what this store writes (another program uses the key?). */
  | 'data';

/** Options for a {@link RedisStoreError}. */
export interface RedisStoreErrorOptions extends JunctionErrorOptions {
  /** The store operation that failed, e.g. `tokens.get`, `once.claim`. */
  operation: string;
  failure: RedisStoreFailure;
}

/**
 * A Redis store could not read or write: Redis is unreachable, too slow, or
 * refused the command. The message names the operation and how to fix it.
 * Check with {@link isRedisStoreError}.
 */
export class RedisStoreError extends JunctionError {
  /** The store operation that failed, e.g. `tokens.get`, `once.claim`. */
  readonly operation: string;
  /** Why it failed. */
  readonly failure: RedisStoreFailure;

  constructor(message: string, options: RedisStoreErrorOptions) {
    super(message, options);
    this.operation = options.operation;
    this.failure = options.failure;
    brand(this, 'RedisStoreError');
  }
}

/** True when `value` is a {@link RedisStoreError}, whichever copy of the package made it. */
export function isRedisStoreError(value: unknown): value is RedisStoreError {
  return hasBrand(value, 'RedisStoreError');
}

/**
 * `once(key)` was waiting on a run of the same key in another process, and
 * that run failed (or its process died). Its error stays in that process.
 * Like the in-memory store, the failure is not kept: the next call runs the
 * work again. Check with {@link isSharedRunFailedError}.
 */
export class SharedRunFailedError extends JunctionError {
  /** The idempotency key (without the store's prefix). */
  readonly key: string;

  constructor(key: string, options: JunctionErrorOptions = {}) {
    super(
      `The run of once('${key}') in another process failed or stopped before it finished; its error was reported there. Call once('${key}') again to run the work again.`,
      options,
    );
    this.key = key;
    brand(this, 'SharedRunFailedError');
  }
}

/** True when `value` is a {@link SharedRunFailedError}. */
export function isSharedRunFailedError(value: unknown): value is SharedRunFailedError {
  return hasBrand(value, 'SharedRunFailedError');
}

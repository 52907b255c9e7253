import { RedisStoreError, type RedisStoreFailure } from './redis-errors.js';

/** The default time one Redis command may take. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 2000;

/**
 * Runs one Redis command with a deadline, so a store never hangs on an
 * unreachable or stalled Redis: past `timeoutMs`, or when the client fails,
 * it rejects with a {@link RedisStoreError} naming `operation`. (A command
 * that timed out may still reach Redis later; the stores are written so that
 * a late write is harmless or expires.)
 */
export function command<T>(operation: string, timeoutMs: number, send: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new RedisStoreError(
          `Redis did not answer ${operation} within ${timeoutMs} ms. Check that Redis is running and reachable at the client's address, and that it is not overloaded; raise commandTimeoutMs if it is only slow.`,
          { operation, failure: 'timeout' },
        ),
      );
    }, timeoutMs);
    let sent: Promise<T>;
    try {
      sent = send();
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(wrap(operation, error));
      },
    );
  });
}

/** A client error as a {@link RedisStoreError} that says what to do. */
function wrap(operation: string, error: unknown): RedisStoreError {
  if (error instanceof RedisStoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const failure: RedisStoreFailure = isReplyError(error) ? 'command' : 'unavailable';
  const hint =
    failure === 'command'
      ? 'Redis refused the command: check that nothing else writes keys under this prefix, and the user has permission for GET, SET, DEL, EVAL and PEXPIRE.'
      : "The client could not reach Redis: check that it is running and reachable at the client's address.";
  return new RedisStoreError(`Redis ${operation} failed: ${message}. ${hint}`, { operation, failure, cause: error });
}

/** True for an error Redis itself answered (ioredis's ReplyError), as opposed to a connection failure. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

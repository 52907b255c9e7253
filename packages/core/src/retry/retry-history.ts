import { isJunctionError, type JunctionError, type RetryHistoryEntry } from '../errors/junction-error.js';
import { formatWait } from './format-wait.js';

// The message an error had before a history was added, so an error object met twice is not described twice.
const originalMessages = new WeakMap<JunctionError, string>();

/**
 * Writes a retried call's history onto its final error: `attempts`,
 * `elapsedMs` and `retryHistory`, and one line at the end of the message,
 * e.g. `(3 attempts over 2.4s: server_error: 503, then network: ECONNRESET)`.
 * Does nothing after a single attempt, or to an error that is not Junction's.
 * The reasons must already be redacted.
 */
export function recordRetryHistory(error: unknown, history: readonly RetryHistoryEntry[], elapsedMs: number): void {
  if (history.length === 0 || !isJunctionError(error)) return;
  const attempts = history.length + 1;
  const original = originalMessages.get(error) ?? error.message;
  originalMessages.set(error, original);
  const message = `${original} (${attempts} attempts over ${formatWait(elapsedMs)}: ${history.map((h) => h.reason).join(', then ')})`;
  // The stack's first line was written with the message as it was; keep it matching what is shown.
  const header = `${error.name}: ${error.message}`;
  if (error.stack?.startsWith(header)) error.stack = `${error.name}: ${message}${error.stack.slice(header.length)}`;
  error.message = message;
  Object.assign(error, { attempts, elapsedMs: Math.round(elapsedMs), retryHistory: [...history] });
}

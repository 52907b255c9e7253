import { isApiError } from '../errors/api-error.js';
import { isLimiterError } from '../errors/limiter-error.js';
import { isNetworkError, isTimeoutError } from '../errors/network-error.js';
import { isRateLimitError } from '../errors/rate-limit-error.js';
import { askedWaitMs } from '../pipeline/retry-after.js';
import { formatWait } from './format-wait.js';

/** The default reading of one failure, before the connector's rules. */
export interface FailureClass {
  /** Worth another attempt by default. */
  retryable: boolean;
  /** Why, for the `retry` event: `rate_limited: retry-after 2s`, `network: ECONNRESET`, `server_error: 503`. */
  reason: string;
  /** How long the provider asked us to wait, when it said. */
  waitMs?: number;
}

/**
 * Classifies a failed attempt: network errors, timeouts, 408, 429 and 5xx
 * are worth retrying; other 4xx are not, nor is anything unknown. A call the
 * local limiter refused is not retried either: it already waited as long as
 * allowed.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (isLimiterError(error)) return { retryable: false, reason: `rate_limited: local limiter (${error.reason})` };
  if (isRateLimitError(error)) {
    const wait = error.retryAfterMs;
    return wait === undefined
      ? { retryable: error.retryable, reason: `rate_limited: ${error.status}` }
      : { retryable: error.retryable, reason: `rate_limited: retry-after ${formatWait(wait)}`, waitMs: wait };
  }
  if (isTimeoutError(error)) return { retryable: true, reason: `timeout: ${error.timeoutMs}ms` };
  if (isNetworkError(error)) return { retryable: true, reason: `network: ${error.code ?? 'connection failed'}` };
  if (isApiError(error)) {
    // Only Retry-After counts here: reset headers, sent by some APIs on every answer, describe the quota, not this failure.
    const headers = error.headers;
    const wait = headers ? askedWaitMs((name) => headers[name]) : undefined;
    const base =
      error.status === 408
        ? `request_timeout: 408`
        : error.status >= 500
          ? `server_error: ${error.status}`
          : `api_error: ${error.status}${error.code ? ` ${error.code}` : ''}`;
    return {
      retryable: error.retryable,
      reason: wait === undefined ? base : `${base}, retry-after ${formatWait(wait)}`,
      ...(wait === undefined ? {} : { waitMs: wait }),
    };
  }
  if (error instanceof Error && (error as { retryable?: unknown }).retryable === true) {
    return { retryable: true, reason: `retryable: ${error.name}` };
  }
  return { retryable: false, reason: 'not_retryable' };
}

import { ApiError, type ApiErrorOptions } from './api-error.js';
import { brand, hasBrand } from './junction-error.js';

/** Options for {@link RateLimitError}. */
export interface RateLimitErrorOptions extends Omit<ApiErrorOptions, 'status' | 'retryable'> {
  /** The status the provider answered with; default 429 (a 403, a 430, or 200 for a limit reported in a body). */
  status?: number;
  /** How long the provider asked to wait, when it said. */
  retryAfterMs?: number;
  /** When the provider's limit resets; default: `retryAfterMs` from now. */
  resetAt?: Date;
  /** Default true: waiting helps. */
  retryable?: boolean;
}

/**
 * The provider said "too many requests": a 429, or a limit signal its
 * connector declares (GitHub's 403 with `x-ratelimit-remaining: 0`, a 430, a
 * marker in a body). It is an {@link ApiError}, so `isApiError` and provider
 * guards hold, with the provider's status, type, code and message.
 */
export class RateLimitError extends ApiError {
  /** How long to wait before trying again, in milliseconds from when the error was made. */
  readonly retryAfterMs?: number;
  /** When the provider's limit resets. */
  readonly resetAt?: Date;

  constructor(message: string, options: RateLimitErrorOptions = {}) {
    const { retryAfterMs, resetAt, ...rest } = options;
    super(message, { ...rest, status: options.status ?? 429, retryable: options.retryable ?? true });
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
    const reset = resetAt ?? (retryAfterMs === undefined ? undefined : new Date(Date.now() + retryAfterMs));
    if (reset !== undefined) this.resetAt = reset;
    brand(this, 'RateLimitError');
  }
}

/** True when `value` is a {@link RateLimitError}. */
export function isRateLimitError(value: unknown): value is RateLimitError {
  return hasBrand(value, 'RateLimitError');
}

import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/** Options for {@link RateLimitError}. */
export interface RateLimitErrorOptions extends JunctionErrorOptions {
  /** `provider`: the API answered "too many requests"; `limiter`: the client's own limiter refused to wait longer. */
  source: 'provider' | 'limiter';
  /** How long to wait before trying again, when known. */
  retryAfterMs?: number;
  status?: number;
  code?: string;
  requestId?: string;
  body?: unknown;
  /** The response headers (redacted). */
  headers?: Record<string, string>;
}

/** Too many requests: the provider said so, or the call could not start within the limiter's max wait. */
export class RateLimitError extends JunctionError {
  readonly source: 'provider' | 'limiter';
  /** When to come back, in milliseconds from when the error was made. */
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Always true: waiting helps. */
  readonly retryable = true;

  constructor(message: string, options: RateLimitErrorOptions) {
    super(message, options);
    this.source = options.source;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
    if (options.code !== undefined) this.code = options.code;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.body !== undefined) this.body = options.body;
    if (options.headers !== undefined) this.headers = options.headers;
    brand(this, 'RateLimitError');
  }
}

/** True when `value` is a {@link RateLimitError}. */
export function isRateLimitError(value: unknown): value is RateLimitError {
  return hasBrand(value, 'RateLimitError');
}

import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/** Codes that prove the request never reached the server, so even a side effect is safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Options for {@link NetworkError}. */
export interface NetworkErrorOptions extends JunctionErrorOptions {
  /** The system error code, e.g. `ECONNRESET`. */
  code?: string;
}

/** The connection failed: refused, reset, DNS, TLS. No HTTP response arrived. */
export class NetworkError extends JunctionError {
  readonly code?: string;
  /** False only when the failure proves the request never left (e.g. connection refused). */
  readonly requestSent: boolean;
  readonly retryable = true;

  constructor(message: string, options: NetworkErrorOptions = {}) {
    super(message, options);
    if (options.code !== undefined) this.code = options.code;
    this.requestSent = !(options.code && NOT_SENT_CODES.has(options.code));
    brand(this, 'NetworkError');
  }
}

/** True when `value` is a {@link NetworkError}. */
export function isNetworkError(value: unknown): value is NetworkError {
  return hasBrand(value, 'NetworkError');
}

/** Options for {@link TimeoutError}. */
export interface TimeoutErrorOptions extends JunctionErrorOptions {
  timeoutMs: number;
}

/** No response headers arrived within the attempt's timeout. */
export class TimeoutError extends JunctionError {
  readonly timeoutMs: number;
  readonly retryable = true;

  constructor(message: string, options: TimeoutErrorOptions) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
    brand(this, 'TimeoutError');
  }
}

/** True when `value` is a {@link TimeoutError}. */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return hasBrand(value, 'TimeoutError');
}

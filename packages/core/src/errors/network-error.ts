import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/**
 * Codes that prove the request never reached the server, so even a side effect is safe to send again.
 * `BAD_PORT` is fetch refusing a blocked port (e.g. 6000) before it connects.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'BAD_PORT']);

/** Options for {@link NetworkError}. */
export interface NetworkErrorOptions extends JunctionErrorOptions {
  /** The system or undici error code, e.g. `ECONNRESET`, `UND_ERR_SOCKET`, `BAD_PORT`. */
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
  /** `attempt` (default): one attempt ran out of `timeoutMs`; `call`: the whole call ran out of its `deadlineMs`. */
  scope?: 'attempt' | 'call';
}

/**
 * Time ran out: one attempt got no complete response (headers and body)
 * within `timeoutMs`, or, with `scope: 'call'`, the whole call (every
 * attempt and wait) passed its `deadlineMs`. A call deadline is not retried.
 */
export class TimeoutError extends JunctionError {
  readonly timeoutMs: number;
  readonly scope: 'attempt' | 'call';
  readonly retryable: boolean;

  constructor(message: string, options: TimeoutErrorOptions) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
    this.scope = options.scope ?? 'attempt';
    this.retryable = this.scope === 'attempt';
    brand(this, 'TimeoutError');
  }
}

/** True when `value` is a {@link TimeoutError}. */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return hasBrand(value, 'TimeoutError');
}

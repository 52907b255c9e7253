import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/** What a connector reads out of a provider's error response. */
export interface ProviderErrorInfo {
  /** The provider's machine-readable code, e.g. `resource_missing`. */
  code?: string;
  /** The provider's error category, e.g. Stripe's `card_error`. */
  type?: string;
  /** The provider's human-readable message. */
  message?: string;
  /** The provider's id for this request, for support tickets. */
  requestId?: string;
  /** Further provider fields worth keeping (e.g. `decline_code`, `param`, `doc_url`). */
  details?: Record<string, unknown>;
  /** Overrides the default retry decision for this response. */
  retryable?: boolean;
}

/** Options for {@link ApiError}. */
export interface ApiErrorOptions extends JunctionErrorOptions, ProviderErrorInfo {
  status: number;
  /** The parsed response body (redacted). */
  body?: unknown;
  /** The response headers (redacted), for policies that read them (`Stripe-Should-Retry`). */
  headers?: Record<string, string>;
  retryable: boolean;
}

/** The provider answered with an error status. */
export class ApiError extends JunctionError {
  /** The HTTP status. */
  readonly status: number;
  readonly code?: string;
  readonly type?: string;
  readonly requestId?: string;
  /** The provider's own message, as it wrote it (safe to show a customer when the provider says so). */
  readonly providerMessage?: string;
  readonly details?: Record<string, unknown>;
  /** Whether trying the same request again may succeed. */
  readonly retryable: boolean;
  /** The response body as parsed, with secrets removed. */
  readonly body?: unknown;
  /** The response headers, lowercase names, with secrets removed. */
  readonly headers?: Record<string, string>;

  constructor(message: string, options: ApiErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.retryable = options.retryable;
    if (options.code !== undefined) this.code = options.code;
    if (options.type !== undefined) this.type = options.type;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.message !== undefined) this.providerMessage = options.message;
    if (options.details !== undefined) this.details = options.details;
    if (options.body !== undefined) this.body = options.body;
    if (options.headers !== undefined) this.headers = options.headers;
    brand(this, 'ApiError');
  }
}

/** True when `value` is an {@link ApiError}. */
export function isApiError(value: unknown): value is ApiError {
  return hasBrand(value, 'ApiError');
}

/** Fields every lifecycle event carries. URLs are redacted. */
export interface LifecycleEventBase {
  connector: string;
  operation?: string;
  method: string;
  url: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
}

/** An attempt is about to be sent. */
export interface RequestEvent extends LifecycleEventBase {
  /** The request headers, secrets redacted. */
  headers: Record<string, string>;
}

/** An attempt received a response (any status below 400). */
export interface ResponseEvent extends LifecycleEventBase {
  status: number;
  durationMs: number;
}

/** An attempt failed: an error status, a network failure or a timeout. */
export interface ErrorEvent extends LifecycleEventBase {
  /** The HTTP status, when a response arrived. */
  status?: number;
  durationMs: number;
  /** The typed error (secrets already removed). */
  error: unknown;
}

/** A failed attempt will be tried again after `delayMs`. */
export interface RetryEvent extends LifecycleEventBase {
  /** Why, e.g. `rate_limited: retry-after 2s`, `network: ECONNRESET`, `server_error: 503`. */
  reason: string;
  delayMs: number;
  error: unknown;
}

/** A provider 429 paused the whole rate-limit bucket. */
export interface RateLimitedEvent {
  connector: string;
  /** How long the bucket is paused. */
  waitMs: number;
  /** Why: the provider answered 429 and named how long to wait. */
  reason: string;
}

/** New OAuth tokens were obtained. Carries no token values. */
export interface TokenRefreshedEvent {
  connector: string;
  grant: string;
  /** When the new access token expires (ms since epoch), when known. */
  expiresAt?: number;
  /**
   * What the `onTokens` callback threw, secrets removed. The call went on with
   * the new tokens (the store has them), but your own copy was not updated.
   */
  onTokensError?: { name: string; message: string };
}

/** The events a client emits, by name. Subscribe with `client.on(name, listener)`. */
export interface ClientEvents {
  request: RequestEvent;
  response: ResponseEvent;
  error: ErrorEvent;
  retry: RetryEvent;
  rateLimited: RateLimitedEvent;
  tokenRefreshed: TokenRefreshedEvent;
}

/** What a refused request is told: when to come back and the budget. */
export interface RateLimitInfo {
  /** The bucket's capacity. */
  limit: number;
  /** Milliseconds until one more request is allowed. */
  retryAfterMs: number;
}

/** Options for {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Requests allowed in a burst: the bucket's size. */
  capacity: number;
  /** Requests added back per second. */
  refillPerSecond: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
  /**
   * The provider's 429. Default: `{"error":{"type":"rate_limited",…}}` with
   * `Retry-After` (whole seconds, rounded up), `X-RateLimit-Limit` and
   * `X-RateLimit-Remaining: 0`.
   */
  respond?: (info: RateLimitInfo) => Response;
}

/**
 * A token bucket, the way most providers meter requests: `capacity` at
 * once, refilled at `refillPerSecond`. {@link TokenBucket.refuse} answers the
 * provider's 429 when the bucket is empty.
 */
export class TokenBucket {
  readonly #options: TokenBucketOptions;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) {
      throw new RangeError('A token bucket needs a capacity of at least 1 and a refillPerSecond above 0.');
    }
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#tokens = options.capacity;
    this.#at = this.#now();
  }

  /** Takes one token: the milliseconds to wait when there is none, else 0. */
  take(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#options.capacity, this.#tokens + ((now - this.#at) / 1000) * this.#options.refillPerSecond);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.#tokens) / this.#options.refillPerSecond) * 1000);
  }

  /** The provider's 429 when the bucket is empty, else undefined (and a token is taken). */
  refuse(): Response | undefined {
    const retryAfterMs = this.take();
    if (retryAfterMs === 0) return undefined;
    return (this.#options.respond ?? defaultRateLimited)({ limit: this.#options.capacity, retryAfterMs });
  }

  /** Whole requests allowed now, for the `X-RateLimit-Remaining` a provider puts on every answer. */
  get remaining(): number {
    const elapsed = (this.#now() - this.#at) / 1000;
    return Math.floor(Math.min(this.#options.capacity, this.#tokens + elapsed * this.#options.refillPerSecond));
  }

  /** Fills the bucket again. */
  reset(): void {
    this.#tokens = this.#options.capacity;
    this.#at = this.#now();
  }
}

function defaultRateLimited(info: RateLimitInfo): Response {
  return Response.json(
    { error: { type: 'rate_limited', message: 'Too many requests: slow down and retry after the time in Retry-After.' } },
    {
      status: 429,
      headers: {
        'retry-after': String(Math.ceil(info.retryAfterMs / 1000)),
        'x-ratelimit-limit': String(info.limit),
        'x-ratelimit-remaining': '0',
      },
    },
  );
}

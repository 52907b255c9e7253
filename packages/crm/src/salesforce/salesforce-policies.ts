import { type ApiError, isApiError, LimiterError, type Middleware, RateLimitError, type RetryPolicy } from '@junction/core';

/** The header every REST response carries with the org's API usage: `api-usage=18/15000` (REST API "Limits"). */
export const SALESFORCE_LIMIT_HEADER = 'sforce-limit-info';

/** The 403 code that says the org's rolling 24-hour API allocation is spent. */
export const REQUEST_LIMIT_EXCEEDED = 'REQUEST_LIMIT_EXCEEDED';

/** The default share of the allocation a client spends before it stops sending: 95%. */
export const DEFAULT_STOP_AT = 0.95;

/** The org's API usage as the last response reported it. */
export interface SalesforceApiUsage {
  /** Requests counted in the rolling 24 hours. */
  used: number;
  /** The org's allocation. */
  max: number;
}

/** Reads `Sforce-Limit-Info: api-usage=N/M`; undefined when absent or unreadable. */
export function parseLimitInfo(value: string | null | undefined): SalesforceApiUsage | undefined {
  const match = /(?:^|[\s,;])api-usage=(\d+)\/(\d+)/.exec(value ?? '');
  if (!match) return undefined;
  return { used: Number(match[1]), max: Number(match[2]) };
}

/** How a client watches the org's API allocation. */
export interface ApiUsageOptions {
  /**
   * Stop sending once `used / max` reaches this share (0 to 1), failing calls
   * with a `LimiterError` (nothing sent) so the last of the allocation is left
   * for other integrations; `false` never stops early. Default 0.95.
   */
  stopAt?: number | false;
  /** Called with the usage from every response that reports it. */
  onUsage?: (usage: SalesforceApiUsage) => void;
}

/** Reads and guards the org's API usage for one client. */
export interface ApiUsageTracker {
  /** The pipeline layer: reads the header from every answer, refuses calls past `stopAt`, types REQUEST_LIMIT_EXCEEDED. */
  readonly middleware: Middleware;
  /** The last usage seen, if any response reported it. */
  current(): SalesforceApiUsage | undefined;
}

/**
 * Makes the usage layer. A 403 `REQUEST_LIMIT_EXCEEDED` becomes a
 * `RateLimitError` that is not retryable: the allocation is a rolling 24
 * hours, so waiting inside one call cannot help.
 */
export function createApiUsageTracker(options: ApiUsageOptions = {}): ApiUsageTracker {
  const stopAt = options.stopAt ?? DEFAULT_STOP_AT;
  if (stopAt !== false && !(typeof stopAt === 'number' && stopAt > 0 && stopAt <= 1)) {
    throw new RangeError('apiUsage.stopAt must be a number above 0 and at most 1, or false.');
  }
  let usage: SalesforceApiUsage | undefined;
  const seen = (headers: Headers | Record<string, string> | undefined) => {
    if (!headers) return;
    const value = headers instanceof Headers ? headers.get(SALESFORCE_LIMIT_HEADER) : headers[SALESFORCE_LIMIT_HEADER];
    const read = parseLimitInfo(value);
    if (!read) return;
    usage = read;
    options.onUsage?.(read);
  };
  const middleware: Middleware = async function salesforceApiUsage(ctx, next) {
    if (stopAt !== false && usage && usage.max > 0 && usage.used / usage.max >= stopAt) {
      throw new LimiterError(
        `salesforce: the org has used ${usage.used} of its ${usage.max} API requests (stopAt ${stopAt}); nothing was sent. Raise apiUsage.stopAt or wait for usage to fall.`,
        { reason: 'paused' },
      );
    }
    try {
      const response = await next(ctx);
      seen(response.headers);
      return response;
    } catch (error) {
      if (!isApiError(error)) throw error;
      seen(error.headers);
      if (error.status === 403 && error.code === REQUEST_LIMIT_EXCEEDED) throw toLimitError(error);
      throw error;
    }
  };
  return { middleware, current: () => usage };
}

function toLimitError(error: ApiError): RateLimitError {
  return new RateLimitError(`${error.message} The org's 24-hour API allocation is spent; retry once usage falls.`, {
    status: error.status,
    retryable: false,
    code: REQUEST_LIMIT_EXCEEDED,
    ...(error.providerMessage ? { message: error.providerMessage } : {}),
    ...(error.details ? { details: error.details } : {}),
    ...(error.body === undefined ? {} : { body: error.body }),
    ...(error.headers ? { headers: error.headers } : {}),
    ...(error.request ? { request: error.request } : {}),
  });
}

/**
 * Salesforce's verdicts: `UNABLE_TO_LOCK_ROW` (another transaction holds the
 * row; the write was rolled back) is retried, even for a create, since it
 * proves nothing was written; `REQUEST_LIMIT_EXCEEDED` never is.
 */
export const salesforceRetryPolicy: RetryPolicy = {
  decide(error) {
    if (!isApiError(error)) return undefined;
    if (error.code === 'UNABLE_TO_LOCK_ROW') return { retry: true, reason: 'salesforce: UNABLE_TO_LOCK_ROW' };
    if (error.code === REQUEST_LIMIT_EXCEEDED) return { retry: false, reason: 'salesforce: REQUEST_LIMIT_EXCEEDED' };
    return undefined;
  },
  notProcessed: (error) => isApiError(error) && error.code === 'UNABLE_TO_LOCK_ROW',
};

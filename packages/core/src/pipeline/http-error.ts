import { ApiError, type ProviderErrorInfo } from '../errors/api-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { isLimitSignal, limitWaitMs } from '../rate-limit/limit-signals.js';
import type { JunctionResponse, RequestContext } from './context.js';
import { readErrorInfo } from './error-body.js';
import { summarize } from './request-summary.js';

/**
 * Turns an error status into a typed error: a RateLimitError for a 429 or a
 * limit signal the connector declares, an ApiError otherwise.
 */
export function toHttpError(ctx: RequestContext, response: JunctionResponse): ApiError {
  const info = errorInfo(ctx, response);
  // The connector's parser may say a 429 is not worth waiting for (e.g. a quota that lasts the month).
  return info.retryable !== false && isLimitSignal(response, ctx.connector.rateLimit)
    ? rateLimitError(ctx, response, info)
    : apiError(ctx, response, info);
}

/**
 * The RateLimitError for an answer that means "rate limited" (any status,
 * a 200 with a declared body marker included); undefined for any other answer.
 */
export function toRateLimitError(ctx: RequestContext, response: JunctionResponse): RateLimitError | undefined {
  if (!isLimitSignal(response, ctx.connector.rateLimit)) return undefined;
  const info = errorInfo(ctx, response);
  return info.retryable === false ? undefined : rateLimitError(ctx, response, info);
}

function errorInfo(ctx: RequestContext, response: JunctionResponse): ProviderErrorInfo {
  const { message, ...info }: ProviderErrorInfo = {
    ...readErrorInfo(response.data),
    ...ctx.connector.errors?.parse?.(response.data, response),
  };
  const requestId = info.requestId ?? requestIdFrom(ctx, response.headers);
  return { ...info, ...(requestId ? { requestId } : {}), ...(message ? { message: ctx.redactor.text(message) } : {}) };
}

function rateLimitError(ctx: RequestContext, response: JunctionResponse, info: ProviderErrorInfo): RateLimitError {
  const wait = limitWaitMs(response, ctx.connector.rateLimit);
  const request = summarize(ctx);
  return new RateLimitError(
    `${ctx.connector.name} rate limit reached on ${request.method} ${request.url} (${response.status})${wait === undefined ? '' : `: retry after ${Math.ceil(wait / 1000)}s`}${info.message ? ` (${info.message})` : ''}`,
    {
      ...definedOnly(info),
      status: response.status,
      body: ctx.redactor.value(response.data),
      headers: ctx.redactor.headers(response.headers),
      request,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    },
  );
}

function apiError(ctx: RequestContext, response: JunctionResponse, info: ProviderErrorInfo): ApiError {
  const request = summarize(ctx);
  return new ApiError(
    `${ctx.connector.name} answered ${response.status} to ${request.method} ${request.url}${info.message ? `: ${info.message}` : ''}${info.code ? ` [${info.code}]` : ''}`,
    {
      ...definedOnly(info),
      status: response.status,
      retryable: info.retryable ?? isRetryableStatus(response.status),
      body: ctx.redactor.value(response.data),
      headers: ctx.redactor.headers(response.headers),
      request,
    },
  );
}

function definedOnly(info: ProviderErrorInfo): ProviderErrorInfo {
  return Object.fromEntries(Object.entries(info).filter(([, value]) => value !== undefined && value !== '')) as ProviderErrorInfo;
}

/** The statuses worth trying again by default: timeouts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function requestIdFrom(ctx: RequestContext, headers: Headers): string | undefined {
  const names = [ctx.connector.errors?.requestIdHeader, 'x-request-id', 'request-id'];
  for (const name of names) {
    const value = name && headers.get(name);
    if (value) return value;
  }
  return undefined;
}

import { ApiError, type ProviderErrorInfo } from '../errors/api-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { JunctionResponse, RequestContext } from './context.js';
import { readErrorInfo } from './error-body.js';
import { summarize } from './request-summary.js';
import { retryAfterMs } from './retry-after.js';

/** Turns an error status into a typed error: a RateLimitError for a rate limit, an ApiError otherwise. */
export function toHttpError(ctx: RequestContext, response: JunctionResponse): ApiError | RateLimitError {
  const info: ProviderErrorInfo = { ...readErrorInfo(response.data), ...ctx.connector.errors?.parse?.(response.data, response) };
  const requestId = info.requestId ?? requestIdFrom(ctx, response.headers);
  const request = summarize(ctx);
  const body = ctx.redactor.value(response.data);
  const headers = ctx.redactor.headers(response.headers);
  const providerMessage = info.message ? ctx.redactor.text(info.message) : undefined;
  if (response.status === 429 && info.retryable !== false) {
    const wait = retryAfterMs(response.headers);
    return new RateLimitError(
      `${ctx.connector.name} rate limit reached on ${request.method} ${request.url}${wait === undefined ? '' : `: retry after ${Math.ceil(wait / 1000)}s`}${providerMessage ? ` (${providerMessage})` : ''}`,
      {
        source: 'provider',
        status: 429,
        body,
        headers,
        request,
        ...pick(info, requestId),
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      },
    );
  }
  return new ApiError(
    `${ctx.connector.name} answered ${response.status} to ${request.method} ${request.url}${providerMessage ? `: ${providerMessage}` : ''}${info.code ? ` [${info.code}]` : ''}`,
    {
      ...info,
      ...pick(info, requestId),
      ...(providerMessage ? { message: providerMessage } : {}),
      status: response.status,
      retryable: info.retryable ?? isRetryableStatus(response.status),
      body,
      headers,
      request,
    },
  );
}

function pick(info: ProviderErrorInfo, requestId: string | undefined) {
  return { ...(info.code ? { code: info.code } : {}), ...(requestId ? { requestId } : {}) };
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

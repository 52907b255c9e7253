import { ApiError, type ProviderErrorInfo } from '../errors/api-error.js';
import type { RequestSummary } from '../errors/junction-error.js';
import { NetworkError, TimeoutError } from '../errors/network-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { lazyModule } from '../internal/lazy-module.js';
import type { JunctionResponse, Middleware, RequestContext } from './context.js';
import { readErrorInfo } from './error-body.js';
import { retryAfterMs } from './retry-after.js';

const kyModule = lazyModule(() => import('ky'));

/** Options for {@link createTransport}. */
export interface TransportOptions {
  /** The fetch to send with; defaults to the global one, looked up per request (so msw can intercept it). */
  fetch?: typeof fetch;
}

/**
 * The centre of the pipeline: sends one attempt with ky (its own retry off,
 * so one layer owns that decision) and turns every failure into a typed error.
 */
export function createTransport(options: TransportOptions = {}): Middleware {
  return async function transport(ctx) {
    const { default: ky, TimeoutError: KyTimeoutError } = kyModule.loaded ?? (await kyModule.load());
    let response: Response;
    try {
      response = await ky(ctx.url, {
        method: ctx.method,
        headers: ctx.headers,
        body: ctx.body,
        retry: 0,
        timeout: ctx.timeoutMs,
        throwHttpErrors: false,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    } catch (error) {
      throw toTransportError(ctx, error, error instanceof KyTimeoutError);
    }
    const data = await readBody(ctx, response);
    const result: JunctionResponse = { status: response.status, headers: response.headers, data, url: response.url || ctx.url.href };
    if (response.status >= 400) throw toHttpError(ctx, result);
    return result;
  };
}

/** What an error shows of `ctx`, redacted. */
export function summarize(ctx: RequestContext): RequestSummary {
  return {
    connector: ctx.connector.name,
    ...(ctx.operation ? { operation: ctx.operation } : {}),
    method: ctx.method,
    url: ctx.redactor.url(ctx.url),
  };
}

async function readBody(ctx: RequestContext, response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw toTransportError(ctx, error);
  }
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!/[/+]json\b/i.test(type)) return text;
  try {
    return JSON.parse(text);
  } catch {
    // A malformed body is kept as text; the output schema reports it with the raw body.
    return text;
  }
}

function toHttpError(ctx: RequestContext, response: JunctionResponse): ApiError | RateLimitError {
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

function toTransportError(ctx: RequestContext, error: unknown, timedOut = false): unknown {
  // The caller's own abort is not a failure of ours: pass its reason through, as fetch does.
  if (ctx.signal?.aborted) return ctx.signal.reason;
  const request = summarize(ctx);
  if (timedOut) {
    const timeoutMs = ctx.timeoutMs === false ? 0 : ctx.timeoutMs;
    return new TimeoutError(`${request.method} ${request.url} timed out after ${timeoutMs} ms waiting for a response.`, {
      timeoutMs,
      request,
    });
  }
  const code = systemCode(error);
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new NetworkError(`${request.method} ${request.url} failed before a response arrived: ${ctx.redactor.text(reason)}.`, {
    request,
    ...(code ? { code } : {}),
    cause: error instanceof Error ? { name: error.name, message: ctx.redactor.text(error.message), code } : undefined,
  });
}

function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

import { lazyModule } from '../internal/lazy-module.js';
import type { JunctionResponse, Middleware, RequestContext } from './context.js';
import { toHttpError } from './http-error.js';
import { toTransportError } from './transport-error.js';

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

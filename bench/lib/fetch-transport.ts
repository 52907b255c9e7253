import { ApiError, type JunctionResponse, type Middleware, NetworkError, RateLimitError, retryAfterMs, TimeoutError } from '@junction/core';

/**
 * A PROTOTYPE transport on fetch alone, to measure what core's transport
 * (pipeline/transport.ts, on ky) would save without ky. Placed `{ before:
 * 'transport' }`, it answers without calling `next`. One AbortController and
 * one timer per attempt for the timeout (ky makes an AbortController, two
 * Requests and a clone per call, see RESULTS.md); the body is read as text
 * and parsed as JSON when the content type says so, as core's readBody does.
 * Error mapping is reduced to the shapes the benchmarks need.
 */
export function fetchTransport(fetchImpl?: typeof fetch): Middleware {
  return async function fetchTransport(ctx) {
    const send = fetchImpl ?? globalThis.fetch;
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let signal = ctx.signal;
    if (ctx.timeoutMs !== false) {
      controller = new AbortController();
      const abort = controller;
      timer = setTimeout(
        () => abort.abort(new TimeoutError(`timed out after ${ctx.timeoutMs} ms`, { timeoutMs: ctx.timeoutMs as number })),
        ctx.timeoutMs,
      );
      signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal;
    }
    let response: Response;
    try {
      response = await send(ctx.url, {
        method: ctx.method,
        headers: ctx.headers,
        ...(ctx.body === undefined ? {} : { body: ctx.body }),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw ctx.signal?.aborted
        ? ctx.signal.reason
        : controller?.signal.aborted
          ? controller.signal.reason
          : new NetworkError(String(error), {});
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text();
    let data: unknown = text === '' ? undefined : text;
    if (text !== '' && /[/+]json\b/i.test(response.headers.get('content-type') ?? '')) {
      try {
        data = JSON.parse(text);
      } catch {
        // kept as text, as core does
      }
    }
    const result: JunctionResponse = { status: response.status, headers: response.headers, data, url: response.url || ctx.url.href };
    if (response.status === 429) {
      const wait = retryAfterMs(response.headers);
      throw new RateLimitError('rate limited', { status: 429, ...(wait === undefined ? {} : { retryAfterMs: wait }) });
    }
    if (response.status >= 400)
      throw new ApiError(`status ${response.status}`, { status: response.status, retryable: response.status >= 500 });
    return result;
  };
}

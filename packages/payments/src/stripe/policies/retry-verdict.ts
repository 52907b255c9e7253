/** Headers as a `Headers` object or the plain, lowercase record errors carry. */
export type HeaderSource = Headers | Readonly<Record<string, string>> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  return headers[name];
}

/**
 * Stripe's own verdict on a failed response, as stripe-node reads it:
 * `Stripe-Should-Retry: true|false` wins; otherwise a 409 (a concurrent
 * request with the same idempotency key) and the `lock_timeout` code are
 * worth retrying. Undefined means "no opinion": the defaults apply (5xx,
 * 429 and connection errors are retried, other 4xx are not).
 */
export function stripeRetryVerdict(status: number, headers: HeaderSource, code: string | undefined): boolean | undefined {
  const should = header(headers, 'stripe-should-retry');
  if (should === 'true') return true;
  if (should === 'false') return false;
  if (status === 409) return true;
  if (code === 'lock_timeout') return true;
  return undefined;
}

import type { Middleware } from './context.js';
import { transportFrom } from './transport.js';

/**
 * What {@link kyTransport} needs of a ky instance: calling it. Spelled out
 * rather than imported from ky, so core's types build for users who never
 * install ky (it is an optional peer). Any `ky` or `ky.create(...)` fits.
 */
export type KyLike = (
  url: URL,
  options: Omit<RequestInit, 'signal'> & { signal: AbortSignal; retry: number; timeout: false; throwHttpErrors: boolean },
) => Promise<Response>;

/**
 * A transport that sends each attempt with your own configured ky instance
 * (its hooks, its `fetch`), for `createClient(connector, { transport: kyTransport(api) })`.
 * ky is an optional peer dependency: install it yourself. Its retry is
 * forced off (the retry layer owns that decision, and two layers multiply
 * attempts), HTTP errors come back as responses so they are typed like
 * any other, and its timeout is replaced by the attempt's own, which
 * covers the body too.
 */
export function kyTransport(ky: KyLike): Middleware {
  return transportFrom((url, init) => ky(url, { ...init, retry: 0, timeout: false, throwHttpErrors: false }));
}

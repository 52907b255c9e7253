import type { Middleware } from './context.js';
import { transportFrom } from './transport.js';

/** Options for {@link fetchTransport}. */
export interface FetchTransportOptions {
  /** The fetch to send with (undici's, a test double); default: the global one, looked up per request so msw can intercept it. */
  fetch?: typeof fetch;
}

/**
 * The default transport: sends each attempt with fetch. The attempt's
 * `timeoutMs` covers the whole response, body included; the body is read
 * under `maxResponseBytes`; failures become typed errors.
 */
export function fetchTransport(options: FetchTransportOptions = {}): Middleware {
  const given = options.fetch;
  return transportFrom((url, init) => (given ?? globalThis.fetch)(url, init));
}

/** @deprecated Use {@link fetchTransport}; kept so code written for earlier releases still builds. */
export const createTransport: typeof fetchTransport = fetchTransport;

/** @deprecated Use {@link FetchTransportOptions}. */
export type TransportOptions = FetchTransportOptions;

import type { AnyConnector } from '../connector/define-connector.js';
import { checkRequestHeader, type HeaderErrorContext, refuseHeaders } from '../encoding/header-errors.js';
import { VERSION } from '../version.js';

/**
 * The headers every request of a client starts from, least specific first:
 * `Accept`, `User-Agent`, the connector's, the client's. Header names are
 * case-insensitive, so each level replaces the one before rather than joining
 * it (`new Headers({ ...a, ...b })` would send `X-Version: 1, 2`).
 * Checked when the connector and client were created.
 */
export function clientHeaders(
  connector: AnyConnector,
  headers: Record<string, string> | undefined,
  userAgent: string | undefined,
): Headers {
  const out = new Headers({ accept: 'application/json', 'user-agent': junctionUserAgent(connector.name, userAgent) });
  for (const level of [connector.headers, headers]) {
    for (const [name, value] of Object.entries(level ?? {})) out.set(name, value);
  }
  return out;
}

/** `my-app/1.2 junction/<version> (+github)`: the application's product first, as the most significant. */
export function junctionUserAgent(connectorName: string, userAgent: string | undefined): string {
  const own = `junction/${VERSION} (+${connectorName})`;
  return userAgent ? `${userAgent.trim()} ${own}` : own;
}

/**
 * One request's headers: the client's, then the operation's (checked at
 * creation), then the call's, each replacing the one before. A call header
 * that cannot be sent is an InputValidationError that never shows its value.
 */
export function requestHeaders(
  base: Headers,
  operation: Record<string, string> | undefined,
  call: Record<string, string> | undefined,
  // Built only for an error: most calls have nothing wrong to report.
  ctx: () => HeaderErrorContext,
): Headers {
  const out = new Headers(base);
  if (operation) for (const [name, value] of Object.entries(operation)) out.set(name, value);
  if (call !== undefined) {
    if (typeof call !== 'object' || call === null || Array.isArray(call)) {
      refuseHeaders(ctx(), 'per-call options', 'the "headers" option must be an object of header names to strings', ['headers']);
    }
    for (const [name, value] of Object.entries(call)) {
      checkRequestHeader(ctx, 'a per-call header', name, value);
      out.set(name, value);
    }
  }
  return out;
}

import type { WebhookHeaders } from './types.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Reads one header by name, in any case, exactly as sent; `undefined` when absent or empty. */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * A case-insensitive reader over any header shape. A header sent more than
 * once is refused (`malformed_header`): with two timestamps or two signature
 * lists there is no safe way to pick one.
 */
export function headerLookup(headers: WebhookHeaders): HeaderLookup {
  if (isFetchHeaders(headers)) return (name) => nonEmpty(headers.get(name));
  return (name) => {
    const wanted = name.toLowerCase();
    let first: string | undefined;
    let count = 0;
    for (const key of Object.keys(headers)) {
      // A length check first skips most keys without a lower-cased copy (header names are ASCII).
      if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue;
      const value = headers[key];
      if (value === undefined) continue;
      if (count === 0) first = typeof value === 'string' ? value : value[0];
      count += typeof value === 'string' ? 1 : value.length;
    }
    if (count > 1) {
      throw new WebhookVerificationError(
        `The ${name} header was sent ${count} times; a webhook delivery carries it once. Check that no proxy adds or duplicates it.`,
        { reason: 'malformed_header', header: name },
      );
    }
    return nonEmpty(first);
  };
}

/**
 * The header's value, or a `WebhookVerificationError` (`missing_header`) that
 * names it and the sender and gives the usual causes. For field readers:
 * pass on the `provider` the reader is given.
 */
export function requireHeader(lookup: HeaderLookup, name: string, provider: string): string {
  const value = lookup(name);
  if (value === undefined) throw missingHeader(name, provider);
  return value;
}

/** The error for an absent header, with the usual causes. */
export function missingHeader(name: string, provider: string): WebhookVerificationError {
  return new WebhookVerificationError(
    `The ${name} header is missing, so this request cannot be verified as coming from ${provider}. ` +
      'If it does come from them, check that signing is enabled for this endpoint and that any proxy in front of your server forwards the header.',
    { reason: 'missing_header', header: name },
  );
}

function isFetchHeaders(headers: WebhookHeaders): headers is Headers {
  return typeof (headers as { get?: unknown }).get === 'function';
}

// Values are not trimmed: the providers' libraries read them as given, so
// whitespace changes what they accept (HTTP servers already strip it at either end).
function nonEmpty(value: string | null | undefined): string | undefined {
  return value === '' || value === null ? undefined : value;
}

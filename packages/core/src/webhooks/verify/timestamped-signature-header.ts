import { requireHeader } from './header-lookup.js';
import type { FieldReader } from './signed-fields.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** The pieces of a `t=<timestamp>,<scheme>=<signature>,…` header. */
export interface TimestampedSignatureHeader {
  /** Every `t=` value (a valid header has exactly one). */
  timestamps: string[];
  /** Every value under the wanted scheme, in order. */
  signatures: string[];
}

/**
 * Splits a header that carries both the signing time and the signatures as
 * comma-separated `key=value` items: `t=<unix seconds>,v1=<signature>[,v1=<signature>…]`,
 * the layout of Stripe's `Stripe-Signature` that other providers copy. Keys
 * and values are trimmed, items under another scheme are ignored. Lenient by
 * design; the reader decides what is malformed.
 */
export function parseTimestampedSignatureHeader(value: string, scheme = 'v1'): TimestampedSignatureHeader {
  const parsed: TimestampedSignatureHeader = { timestamps: [], signatures: [] };
  for (const item of value.split(',')) {
    const eq = item.indexOf('=');
    if (eq === -1) continue;
    const key = item.slice(0, eq).trim();
    const val = item.slice(eq + 1).trim();
    if (key === 't') parsed.timestamps.push(val);
    else if (key === scheme) parsed.signatures.push(val);
  }
  return parsed;
}

/**
 * A {@link FieldReader} for one header that carries the timestamp and the
 * signatures, `t=…,<scheme>=…[,<scheme>=…]` (see {@link parseTimestampedSignatureHeader}).
 * Exactly one `t=` and at least one signature under `scheme` (default `v1`) are required.
 */
export function timestampedSignatureFields(options: { header: string; scheme?: string }): FieldReader {
  const scheme = options.scheme ?? 'v1';
  const name = options.header;
  const expected = `expected "t=<unix seconds>,${scheme}=<signature>"`;
  return (header, provider) => {
    const parsed = parseTimestampedSignatureHeader(requireHeader(header, name, provider), scheme);
    if (parsed.timestamps.length !== 1) {
      const problem = parsed.timestamps.length === 0 ? 'has no t= timestamp' : 'has more than one t= timestamp';
      throw new WebhookVerificationError(`The ${name} header ${problem} (${expected}).`, { reason: 'malformed_header', header: name });
    }
    if (parsed.signatures.length === 0) {
      throw new WebhookVerificationError(`The ${name} header has no ${scheme}= signature (${expected}).`, {
        reason: 'malformed_header',
        header: name,
      });
    }
    return { signatureHeader: name, signatures: parsed.signatures, timestamp: parsed.timestamps[0], timestampHeader: name };
  };
}

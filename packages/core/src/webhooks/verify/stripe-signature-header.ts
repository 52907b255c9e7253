import { requireHeader } from './header-lookup.js';
import type { FieldReader } from './signed-fields.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** The pieces of a `t=…,v1=…,v1=…` header. */
export interface StripeStyleSignature {
  /** Every `t=` value (a valid header has exactly one). */
  timestamps: string[];
  /** Every value under the wanted scheme, in order. */
  signatures: string[];
}

/**
 * Splits a Stripe-style signature header, `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`.
 * Other schemes (Stripe's test-only `v0`) are ignored. Lenient by design; the
 * reader decides what is malformed.
 */
export function parseStripeSignatureHeader(value: string, scheme = 'v1'): StripeStyleSignature {
  const parsed: StripeStyleSignature = { timestamps: [], signatures: [] };
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

/** A {@link FieldReader} for a Stripe-style header that carries both the timestamp and the signatures. */
export function stripeStyleFields(options: { header: string; scheme?: string }): FieldReader {
  const scheme = options.scheme ?? 'v1';
  const name = options.header;
  const expected = `expected "t=<unix seconds>,${scheme}=<signature>"`;
  return (header, provider) => {
    const parsed = parseStripeSignatureHeader(requireHeader(header, name, provider), scheme);
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

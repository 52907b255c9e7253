import { requireHeader } from '../header-lookup.js';
import type { FieldReader } from '../signed-fields.js';
import { WebhookVerificationError } from '../webhook-verification-error.js';

const NAME = 'Stripe-Signature';
const EXPECTED = 'expected "t=<unix seconds>,v1=<hex>"';

/**
 * Reads `Stripe-Signature` exactly as stripe-node does: items split on `,`,
 * each item's key is what comes before its first `=` and its value what comes
 * before the next one, nothing trimmed (so ` v1=…` is another key, ignored),
 * the last `t=` counts, and an empty `v1=` spoils the whole header. Stripe's
 * test-only `v0` is ignored. (`stripeStyleFields` is the lenient reader for
 * other providers' look-alike headers.)
 */
export const stripeHeaderFields: FieldReader = (header, provider) => {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const item of requireHeader(header, NAME, provider).split(',')) {
    const [key, value = ''] = item.split('=');
    if (key === 't') timestamp = value;
    else if (key === 'v1') signatures.push(value);
  }
  if (timestamp === undefined) throw malformed('has no t= timestamp');
  if (signatures.length === 0) throw malformed('has no v1= signature');
  if (signatures.includes('')) throw malformed('has an empty v1= signature');
  return { signatureHeader: NAME, signatures, timestamp, timestampHeader: NAME };
};

function malformed(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(`The ${NAME} header ${problem} (${EXPECTED}).`, { reason: 'malformed_header', header: NAME });
}

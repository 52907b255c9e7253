import type { HeaderLookup } from './header-lookup.js';
import { fromHeaders, type SignedFields } from './signed-fields.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/**
 * The header names of the Standard Webhooks spec (`webhook-*`) and of Svix,
 * which the spec grew out of (`svix-*`, sent by Resend and Clerk).
 */
const FAMILIES = ['webhook', 'svix'] as const;
const FIELDS = ['id', 'timestamp', 'signature'] as const;

const readers = Object.fromEntries(
  FAMILIES.map((family) => [
    family,
    fromHeaders({
      signature: `${family}-signature`,
      // Space-separated `v1,<base64>` entries; `v1a,` (asymmetric) entries are skipped.
      prefix: 'v1,',
      separator: / +/,
      timestamp: `${family}-timestamp`,
      id: `${family}-id`,
    }),
  ]),
);

/**
 * Reads Standard Webhooks fields from whichever header family the delivery
 * uses. One family is taken as a whole, never mixed, so the id, timestamp and
 * signatures always belong together.
 */
export function standardWebhooksFields(header: HeaderLookup, provider: string): SignedFields {
  const family = FAMILIES.find((name) => FIELDS.some((field) => header(`${name}-${field}`) !== undefined));
  if (family === undefined) {
    throw new WebhookVerificationError(
      `The webhook-signature header (or svix-signature, its Svix name) is missing, so this request cannot be verified as coming from ${provider}. ` +
        'If it does come from them, check that any proxy in front of your server forwards the webhook-* or svix-* headers.',
      { reason: 'missing_header', header: 'webhook-signature' },
    );
  }
  return readers[family]!(header, provider);
}

import { type HeaderLookup, requireHeader } from './header-lookup.js';
import type { SignedFields } from './signed-fields.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/**
 * The header names of the Standard Webhooks spec (`webhook-*`) and of Svix,
 * which the spec grew out of (`svix-*`, sent by Resend and Clerk).
 */
const FAMILIES = ['webhook', 'svix'] as const;
const FIELDS = ['id', 'timestamp', 'signature'] as const;

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
  const signatureHeader = `${family}-signature`;
  const signatures = v1Signatures(requireHeader(header, signatureHeader, provider));
  if (signatures.length === 0) {
    throw new WebhookVerificationError(
      `The ${signatureHeader} header has no signature starting with "v1,"; it may use a scheme or version this verifier does not know.`,
      { reason: 'malformed_header', header: signatureHeader },
    );
  }
  const timestampHeader = `${family}-timestamp`;
  return {
    signatureHeader,
    signatures,
    timestamp: requireHeader(header, timestampHeader, provider),
    timestampHeader,
    id: requireHeader(header, `${family}-id`, provider),
  };
}

// As the reference library reads it: entries split on single spaces, each
// `version,signature[,…]`; only `v1` counts (`v1a` is asymmetric), and
// anything after a second comma is ignored.
function v1Signatures(value: string): string[] {
  return value
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version]) => version === 'v1')
    .map(([, signature = '']) => signature);
}

/**
 * Webhook signature verification: the composable HMAC and ECDSA verifiers,
 * for any scheme, and the standard presets built from them. Providers' presets
 * live with their packages: `stripeVerifier` in `@junction/payments/stripe`,
 * `sendgridVerifier` in `@junction/email/sendgrid`, `hubspotV3` in `@junction/crm/hubspot`.
 */

import {
  parseTimestampedSignatureHeader,
  type TimestampedSignatureHeader,
  timestampedSignatureFields,
} from './timestamped-signature-header.js';

export type { CustomSignatureReading, EcdsaSignatureFormat, SignatureDecoder } from './ecdsa-matcher.js';
export { type EcdsaVerifierOptions, ecdsaVerifier, type PublicKeyOption } from './ecdsa-verifier.js';
export { type HeaderLookup, headerLookup } from './header-lookup.js';
export { type HmacVerifierOptions, hmacVerifier, type SecretOption } from './hmac-verifier.js';
export { type StandardWebhook, type StandardWebhooksVerifierOptions, standardWebhooks } from './presets/standard-webhooks.js';
export type { PublicKeyInput } from './public-key.js';
export { type SecretInput, standardWebhooksSecret, utf8Secret } from './secret-decoding.js';
export { type FieldReader, type FromHeadersOptions, fromHeaders, type SignedFields } from './signed-fields.js';
export { part, type SignedContext, type SignedPart, type SignedTemplate } from './signed-parts.js';
export { standardWebhooksFields } from './standard-webhooks-headers.js';
export type {
  RawBody,
  SignatureEncoding,
  TimestampedWebhook,
  TimestampParsing,
  TimestampUnit,
  VerifiedWebhook,
  WebhookHeaders,
  WebhookInput,
  WebhookVerifier,
} from './types.js';
export type { ClockOption } from './verifier-options.js';
export {
  isWebhookVerificationError,
  WebhookVerificationError,
  type WebhookVerificationErrorOptions,
  type WebhookVerificationReason,
} from './webhook-verification-error.js';
export { parseTimestampedSignatureHeader, type TimestampedSignatureHeader, timestampedSignatureFields };

/** @deprecated Renamed {@link timestampedSignatureFields}; this name is removed in the next minor release. */
export const stripeStyleFields = timestampedSignatureFields;
/** @deprecated Renamed {@link parseTimestampedSignatureHeader}; this name is removed in the next minor release. */
export const parseStripeSignatureHeader = parseTimestampedSignatureHeader;
/** @deprecated Renamed {@link TimestampedSignatureHeader}; this name is removed in the next minor release. */
export type StripeStyleSignature = TimestampedSignatureHeader;

import { ConfigurationError } from '../../errors/configuration-error.js';
import { decodeText } from './text-codec.js';

/** A signing secret: text (used as its UTF-8 bytes unless decoded), or the key bytes themselves. */
export type SecretInput = string | Uint8Array;

const encoder = new TextEncoder();

/** The HMAC key for a secret used as-is: its UTF-8 bytes (Stripe's whole `whsec_…`, HubSpot's client secret). */
export function utf8Secret(secret: string): Uint8Array {
  return encoder.encode(secret);
}

/**
 * The HMAC key for a Standard Webhooks / Svix secret: the base64 after the
 * `whsec_` prefix, decoded. (Stripe secrets also start with `whsec_` but are
 * used whole, as text: see {@link utf8Secret}.)
 */
export function standardWebhooksSecret(secret: string): Uint8Array {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = decodeText(encoded, 'base64');
  if (key === undefined || key.byteLength === 0) {
    throw new ConfigurationError(
      'A Standard Webhooks secret must be "whsec_" followed by base64, as shown in the provider\'s dashboard; this one is not. ' +
        'Copy it again, whole, without quotes or spaces.',
    );
  }
  return key;
}

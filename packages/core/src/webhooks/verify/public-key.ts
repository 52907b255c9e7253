import { createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigurationError } from '../../errors/configuration-error.js';
import { bytesToBase64 } from './text-codec.js';

/** A public key: PEM text, base64 of its SPKI DER (as SendGrid shows it), or the DER bytes. */
export type PublicKeyInput = string | Uint8Array;

/** Parses a P-256 public key, or throws a `ConfigurationError` that says what was expected. */
export function p256PublicKey(input: PublicKeyInput, index: number): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(typeof input === 'string' && input.includes('-----BEGIN') ? input : spkiPem(input));
  } catch (cause) {
    throw new ConfigurationError(
      `The webhook verifier's public key #${index + 1} cannot be read. Pass the verification key as shown by the provider: ` +
        'base64 of its SPKI DER (SendGrid\'s "Verification Key"), or PEM ("-----BEGIN PUBLIC KEY-----").',
      { cause },
    );
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ConfigurationError(
      `The webhook verifier's public key #${index + 1} is not an ECDSA P-256 key (it is ${key.asymmetricKeyType ?? 'unknown'}` +
        `${key.asymmetricKeyDetails?.namedCurve ? ` on ${key.asymmetricKeyDetails.namedCurve}` : ''}).`,
    );
  }
  return key;
}

// Wrapping DER in PEM lets one code path read both, without Buffer.
function spkiPem(input: string | Uint8Array): string {
  const base64 = typeof input === 'string' ? input.replace(/\s+/g, '') : bytesToBase64(input);
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

import { type KeyObject, verify } from 'node:crypto';
import type { SignatureMatcher } from './signature-matcher.js';
import { joinChunks } from './signed-parts.js';
import { decodeText } from './text-codec.js';
import type { SignatureEncoding } from './types.js';

/**
 * How an ECDSA signature's two numbers are packed: ASN.1 `der` (SendGrid,
 * OpenSSL) or `ieee-p1363`, the fixed 64 bytes r‖s that Web Crypto produces.
 */
export type EcdsaSignatureFormat = 'der' | 'ieee-p1363';

/** Checks ECDSA P-256 / SHA-256 signatures against each public key in turn. */
export function ecdsaMatcher(keys: readonly KeyObject[], format: EcdsaSignatureFormat, encoding: SignatureEncoding): SignatureMatcher {
  return {
    keyCount: keys.length,
    keyNoun: 'public key',
    expectedFormat: `${encoding} of a ${format === 'der' ? 'DER-encoded' : '64-byte IEEE P1363'} ECDSA P-256 signature`,
    decode(text) {
      const bytes = decodeText(text, encoding);
      if (bytes === undefined) return undefined;
      return (format === 'der' ? looksLikeDer(bytes) : bytes.byteLength === 64) ? bytes : undefined;
    },
    match(signed, signatures) {
      // One-shot verify takes the content whole; beside the signature check itself, the copy is negligible.
      const content = joinChunks(signed);
      for (const [index, key] of keys.entries()) {
        if (signatures.some((signature) => verifies(content, key, signature, format))) return index;
      }
      return -1;
    },
  };
}

// A P-256 signature in DER is a SEQUENCE of at most 72 bytes, so its length
// fits in one byte. This only sorts garbage from signatures; OpenSSL checks the rest.
function looksLikeDer(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && bytes.byteLength <= 72 && bytes[0] === 0x30 && bytes[1] === bytes.byteLength - 2;
}

function verifies(signed: Uint8Array, key: KeyObject, signature: Uint8Array, format: EcdsaSignatureFormat): boolean {
  try {
    return verify('sha256', signed, { key, dsaEncoding: format }, signature);
  } catch {
    // OpenSSL throws on some malformed encodings; for us that is simply "does not match".
    return false;
  }
}

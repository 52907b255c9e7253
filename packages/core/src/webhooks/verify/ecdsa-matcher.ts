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

/** Turns a signature's text into the bytes `format` expects, or `undefined` when it is not well-formed. */
export type SignatureDecoder = (text: string) => Uint8Array | undefined;

/** A scheme's own reading of its signatures, for one whose library reads them its own way (SendGrid). */
export interface CustomSignatureReading {
  /** Yields signatures in the matcher's `format`. */
  decode: SignatureDecoder;
  /** What a well-formed signature looks like, for messages. */
  expectedFormat: string;
}

/**
 * Checks ECDSA P-256 / SHA-256 signatures against each public key in turn.
 * Signatures are read strictly in `encoding` and `format`, unless `custom` says otherwise.
 */
export function ecdsaMatcher(
  keys: readonly KeyObject[],
  format: EcdsaSignatureFormat,
  encoding: SignatureEncoding,
  custom?: CustomSignatureReading,
): SignatureMatcher {
  return {
    keyCount: keys.length,
    keyNoun: 'public key',
    expectedFormat:
      custom?.expectedFormat ?? `${encoding} of a ${format === 'der' ? 'DER-encoded' : '64-byte IEEE P1363'} ECDSA P-256 signature`,
    decode: custom?.decode ?? strictDecoder(format, encoding),
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

function strictDecoder(format: EcdsaSignatureFormat, encoding: SignatureEncoding): SignatureDecoder {
  return (text) => {
    const bytes = decodeText(text, encoding);
    if (bytes === undefined) return undefined;
    return (format === 'der' ? looksLikeDer(bytes) : bytes.byteLength === 64) ? bytes : undefined;
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

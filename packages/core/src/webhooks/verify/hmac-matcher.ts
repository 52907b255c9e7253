import { createHmac, createSecretKey } from 'node:crypto';
import { equalDigests } from './constant-time.js';
import type { SignatureMatcher } from './signature-matcher.js';
import { decodeText, encodeText } from './text-codec.js';
import type { SignatureEncoding } from './types.js';

const DIGEST_BYTES = 32;

const FORMATS: Record<SignatureEncoding, string> = {
  hex: '64 hex characters (an HMAC-SHA256)',
  base64: '44 base64 characters (an HMAC-SHA256)',
  base64url: '43 base64url characters (an HMAC-SHA256)',
};

const CANONICAL_FORMATS: Record<SignatureEncoding, string> = {
  hex: '64 lower-case hex characters (an HMAC-SHA256)',
  base64: '44 base64 characters ending in "=" (an HMAC-SHA256)',
  base64url: '44 base64url characters ending in "=" (an HMAC-SHA256)',
};

/**
 * Checks HMAC-SHA256 signatures against each key in turn, in constant time.
 * With `canonical`, only the one text the encoding produces for a digest is
 * read (lower-case hex, padded base64), as libraries that compare the
 * signature as text accept; otherwise any case and optional padding.
 */
export function hmacMatcher(keys: readonly Uint8Array[], encoding: SignatureEncoding, canonical = false): SignatureMatcher {
  // Made once: on Node 24, createHmac turns raw key bytes into a KeyObject on every call, several times the HMAC's own cost.
  const secrets = keys.map((key) => createSecretKey(key));
  return {
    keyCount: keys.length,
    keyNoun: 'secret',
    expectedFormat: (canonical ? CANONICAL_FORMATS : FORMATS)[encoding],
    decode(text) {
      const bytes = decodeText(text, encoding);
      // A signature of the wrong size is malformed, and would make timingSafeEqual throw.
      if (bytes?.byteLength !== DIGEST_BYTES) return undefined;
      return !canonical || encodeText(bytes, encoding) === text ? bytes : undefined;
    },
    match(signed, signatures) {
      for (const [index, key] of secrets.entries()) {
        // Chunk by chunk: the body goes to the hash as received, never copied behind a timestamp.
        const hmac = createHmac('sha256', key);
        for (const chunk of signed) hmac.update(chunk);
        const expected = hmac.digest();
        if (signatures.some((signature) => equalDigests(expected, signature))) return index;
      }
      return -1;
    },
  };
}

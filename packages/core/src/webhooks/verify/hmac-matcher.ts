import { createHmac } from 'node:crypto';
import { equalDigests } from './constant-time.js';
import type { SignatureMatcher } from './signature-matcher.js';
import { decodeText } from './text-codec.js';
import type { SignatureEncoding } from './types.js';

const DIGEST_BYTES = 32;

const FORMATS: Record<SignatureEncoding, string> = {
  hex: '64 hex characters (an HMAC-SHA256)',
  base64: '44 base64 characters (an HMAC-SHA256)',
  base64url: '43 base64url characters (an HMAC-SHA256)',
};

/** Checks HMAC-SHA256 signatures against each key in turn, in constant time. */
export function hmacMatcher(keys: readonly Uint8Array[], encoding: SignatureEncoding): SignatureMatcher {
  return {
    keyCount: keys.length,
    keyNoun: 'secret',
    expectedFormat: FORMATS[encoding],
    decode(text) {
      const bytes = decodeText(text, encoding);
      // A signature of the wrong size is malformed, and would make timingSafeEqual throw.
      return bytes?.byteLength === DIGEST_BYTES ? bytes : undefined;
    },
    match(signed, signatures) {
      for (const [index, key] of keys.entries()) {
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

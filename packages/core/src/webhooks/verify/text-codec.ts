import type { SignatureEncoding } from './types.js';

// atob/btoa and a table rather than Buffer: they exist in every runtime, and
// decoding stays strict (Buffer silently stops at characters it does not know).
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

// The value of each hex digit by char code, -1 for anything else.
const HEX_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUES['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUES['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** The bytes written in `text`, or `undefined` when it is not valid in that encoding. */
export function decodeText(text: string, encoding: SignatureEncoding): Uint8Array | undefined {
  if (encoding === 'hex') return hexToBytes(text);
  const pattern = encoding === 'base64' ? BASE64 : BASE64URL;
  if (!pattern.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  const standard = encoding === 'base64' ? text : text.replaceAll('-', '+').replaceAll('_', '/');
  try {
    return base64ToBytes(standard);
  } catch {
    // atob refuses misplaced padding ("ab=") that the pattern lets through.
    return undefined;
  }
}

/**
 * The one way the encoding writes these bytes: lower-case hex, or padded
 * base64 / base64url. Schemes whose libraries compare signatures as text
 * accept only this form.
 */
export function encodeText(bytes: Uint8Array, encoding: SignatureEncoding): string {
  if (encoding === 'hex') return bytesToHex(bytes);
  const base64 = bytesToBase64(bytes);
  return encoding === 'base64' ? base64 : base64.replaceAll('+', '-').replaceAll('/', '_');
}

// Two lower-case digits per byte value: a canonical-hex check re-encodes every Stripe signature.
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_PAIRS[bytes[i]!];
  return hex;
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The bytes of a hex string in either case, or `undefined` when it is empty,
 * of odd length or holds a non-hex character. One table look-up per digit:
 * this runs on every delivery of hex-signing providers (Stripe).
 */
export function hexToBytes(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length % 2 !== 0) return undefined;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    // Char codes of 128 and above fall outside the table: not hex either.
    const high = HEX_VALUES[text.charCodeAt(2 * i)] ?? -1;
    const low = HEX_VALUES[text.charCodeAt(2 * i + 1)] ?? -1;
    if (high < 0 || low < 0) return undefined;
    bytes[i] = (high << 4) | low;
  }
  return bytes;
}

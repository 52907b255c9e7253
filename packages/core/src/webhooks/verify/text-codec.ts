import type { SignatureEncoding } from './types.js';

// atob/btoa rather than Buffer: they exist in every runtime, and the regexes
// below make decoding strict (Buffer silently skips characters it does not know).
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/** The bytes written in `text`, or `undefined` when it is not valid in that encoding. */
export function decodeText(text: string, encoding: SignatureEncoding): Uint8Array | undefined {
  if (encoding === 'hex') return HEX.test(text) ? hexToBytes(text) : undefined;
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

function hexToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

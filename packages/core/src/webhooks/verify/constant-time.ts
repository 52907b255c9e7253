import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two digests in constant time. Different lengths are simply unequal:
 * the length of a digest is public, and `timingSafeEqual` would throw on them.
 */
export function equalDigests(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

import { createHash } from 'node:crypto';

/** RFC 7636 §4.6: whether `verifier` is the one whose S256 challenge is `challenge`. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  return createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge;
}

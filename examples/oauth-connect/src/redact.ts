import { createHash } from 'node:crypto';

/**
 * A form of a secret that is safe to print: `#` and 6 hex digits of its
 * SHA-256, enough to see that a token changed, never enough to use it.
 */
export function fingerprint(secret: string | undefined): string {
  if (secret === undefined) return '(none)';
  return `#${createHash('sha256').update(secret).digest('hex').slice(0, 6)}`;
}

/** A URL without its query: what the demo prints of an authorization URL or a callback (the query holds the state and code). */
export function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

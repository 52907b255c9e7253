import type { SecretInput } from './secret-decoding.js';

/**
 * A hint when a text secret has spaces or line breaks at either end, the usual
 * trace of a copy-paste or an env file; it names the secret's position, never its value.
 */
export function whitespaceHint(secrets: readonly SecretInput[]): string[] {
  const index = secrets.findIndex((secret) => typeof secret === 'string' && secret.trim() !== secret);
  return index === -1 ? [] : [`Secret #${index + 1} starts or ends with whitespace; check for a stray space or line break.`];
}

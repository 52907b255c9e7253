import { base64Cores, rfc6749FormEncoding, textForms } from './encoded-forms.js';

/** The text put in place of anything secret. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are ignored: blanking them would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 4;

/** Replaces every known secret, in every form it travels in, inside a text. */
export type SecretMatcher = (text: string) => string;

/**
 * Builds the {@link SecretMatcher} for a set of secrets. The encoded forms are
 * computed here, once, so each redaction only searches for them.
 */
export function secretMatcher(secrets: readonly string[]): SecretMatcher {
  const usable = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  if (usable.length === 0) return (text) => text;
  // Longest first, so a secret containing another is removed whole.
  const byLength = (a: string, b: string) => b.length - a.length;
  const literals = [...new Set(usable.flatMap(textForms))].sort(byLength);
  // Basic headers carry the secret itself; client_secret_basic carries its RFC 6749 form-encoding.
  const cores = [...new Set(usable.flatMap((s) => [...base64Cores(s), ...base64Cores(rfc6749FormEncoding(s))]))].sort(byLength);
  const shortest = Math.min(...literals.map((l) => l.length), ...cores.map((c) => c.length));
  return (text) => {
    if (text.length < shortest) return text;
    let out = text;
    for (const literal of literals) if (out.includes(literal)) out = out.split(literal).join(REDACTED);
    for (const core of cores) out = blankRuns(out, core);
    return out;
  };
}

/**
 * A getter for the matcher of secrets that change (refreshed tokens). The list
 * is read on every use, but the matcher is rebuilt only when it differs from
 * the last one read.
 */
export function changingSecretMatcher(read: () => readonly string[]): () => SecretMatcher {
  let last: readonly string[] = [];
  let matcher = secretMatcher(last);
  return () => {
    const current = read();
    if (!sameList(current, last)) {
      last = current;
      matcher = secretMatcher(current);
    }
    return matcher;
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Replaces each whole run of base64 characters that contains `core` (its padding included). */
function blankRuns(text: string, core: string): string {
  let at = text.indexOf(core);
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    let start = at;
    while (start > from && isBase64Char(text.charCodeAt(start - 1))) start--;
    let end = at + core.length;
    while (end < text.length && isBase64Char(text.charCodeAt(end))) end++;
    while (text.charCodeAt(end) === EQUALS) end++;
    out += text.slice(from, start) + REDACTED;
    from = end;
    at = text.indexOf(core, from);
  }
  return out + text.slice(from);
}

const EQUALS = 61;

/** Letters, digits, and the extra characters of base64 (`+ /`) and base64url (`- _`). */
function isBase64Char(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 45 || c === 95;
}

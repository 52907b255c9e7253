/**
 * The forms a secret takes on the wire besides itself. Servers echo what they
 * were sent (a header, a form body) in their error messages, so each of these
 * must be blanked as surely as the secret.
 */
export function textForms(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  // WHATWG form encoding (URLSearchParams, request bodies): spaces as `+`.
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const strict = rfc6749FormEncoding(secret);
  // Some servers write percent escapes in lowercase.
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return [...new Set([secret, uri, form, strict, lower(uri), lower(form), lower(strict)])];
}

/**
 * The form-encoding RFC 6749 §2.3.1 asks for before the client id and secret
 * are put in a Basic header (`client_secret_basic`): it escapes more than
 * encodeURIComponent does, and writes spaces as `+`.
 */
export function rfc6749FormEncoding(text: string): string {
  return encodeURIComponent(text)
    .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}

/**
 * The stretches of base64 and base64url that any encoded text containing
 * `secret` must contain, whatever comes before it: one per alignment of the
 * secret within base64's 3-byte groups, keeping only the characters that
 * depend on the secret's bytes alone. Finding one means the surrounding run
 * of base64 holds the secret (a `user:password` Basic header, say).
 */
export function base64Cores(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const cores = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(Math.ceil((offset + bytes.length) / 3) * 3);
    padded.set(bytes, offset);
    const encoded = btoa(String.fromCharCode(...padded));
    // Each character holds 6 bits; keep those whose bits all come from the secret.
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    if (core.length < MIN_CORE) continue;
    cores.add(core);
    cores.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...cores];
}

/** Shorter stretches would match ordinary text by chance. */
const MIN_CORE = 4;

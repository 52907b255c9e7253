/**
 * The forms a secret travels in on the wire, written independently of the
 * redactor so tests check it against what clients and servers really send.
 */
export function encodedForms(secret: string, user = 'someone') {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return {
    raw: secret,
    uriComponent: encodeURIComponent(secret),
    form,
    base64: Buffer.from(secret).toString('base64'),
    base64url: Buffer.from(secret).toString('base64url'),
    basicHeader: Buffer.from(`${user}:${secret}`).toString('base64'),
    // RFC 6749 §2.3.1: client_secret_basic form-encodes the id and the secret before base64.
    clientSecretBasic: Buffer.from(`${rfc6749FormEncode(user)}:${rfc6749FormEncode(secret)}`).toString('base64'),
  };
}

/** application/x-www-form-urlencoded as RFC 6749 §2.3.1 asks, which escapes more than encodeURIComponent. */
function rfc6749FormEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}

import { SandboxError } from './sandbox-error.js';

/**
 * The secret key of a request, checked as Stripe does: `Authorization:
 * Bearer sk_…` (or Basic with the key as user name). A missing or unknown
 * key is a 401 in Stripe's shape, the key masked in the message.
 */
export function authenticate(request: Request, keys: ReadonlySet<string>): string {
  const header = request.headers.get('authorization');
  if (!header) {
    throw new SandboxError(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    });
  }
  const key = readKey(header);
  if (!key || !keys.has(key)) {
    throw new SandboxError(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${mask(key ?? header)}` });
  }
  return key;
}

/** The key in an `Authorization` header (Bearer, or Basic with the key as user name), unchecked. */
export function readKey(header: string): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) return bearer[1]?.trim();
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (basic)
    return Buffer.from(basic[1] ?? '', 'base64')
      .toString('utf8')
      .split(':')[0];
  return undefined;
}

// Stripe shows the prefix and the last four characters only.
function mask(key: string): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

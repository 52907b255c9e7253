import { timingSafeEqual } from 'node:crypto';
import { oauthErrorResponse } from './oauth-responses.js';

/** How a client proves itself at the token and revocation endpoints. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** A client registered with the kit's authorization server. */
export interface OAuthClient {
  clientId: string;
  /** Absent for a public client: it proves itself with PKCE alone and gets no client_credentials grant. */
  clientSecret?: string;
  /** Where the authorize endpoint may send the user back: exact matches only. */
  redirectUris?: readonly string[];
  /** The scopes this client may ask for. Default: any. */
  scopes?: readonly string[];
  /** Accepted ways to send the secret. Default both. */
  authMethods?: readonly ClientAuthMethod[];
}

/** The client a token request comes from, or the RFC 6749 error to answer. */
export type ClientCheck = { client: OAuthClient } | { refused: Response };

/**
 * Identifies and authenticates the client of a token or revocation request
 * (RFC 6749 §2.3.1): the secret in an `Authorization: Basic` header or as
 * `client_secret` in the body, never both; a public client names itself with
 * `client_id` only.
 */
export function authenticateClient(request: Request, form: URLSearchParams, clients: ReadonlyMap<string, OAuthClient>): ClientCheck {
  const header = request.headers.get('authorization');
  const basic = header?.match(/^Basic\s+(.+)$/i)?.[1];
  let presented: { id: string; secret?: string; method?: ClientAuthMethod };
  if (basic) {
    if (form.has('client_secret')) return refuse('The client secret was sent twice (Basic and in the body): use one method.', true);
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return refuse('The Basic credentials are malformed.', true);
    const id = formDecode(decoded.slice(0, colon));
    const secret = formDecode(decoded.slice(colon + 1));
    if (id === undefined || secret === undefined) return refuse('The Basic credentials are malformed.', true);
    presented = { id, secret, method: 'client_secret_basic' };
  } else {
    const id = form.get('client_id');
    if (!id) return refuse('The request names no client: send client_id, or authenticate with Basic.', false);
    const secret = form.get('client_secret');
    presented = secret === null ? { id } : { id, secret, method: 'client_secret_post' };
  }
  const client = clients.get(presented.id);
  const basicTried = presented.method === 'client_secret_basic';
  if (!client) return refuse('Unknown client.', basicTried);
  if (client.clientSecret === undefined) {
    return presented.method ? refuse('This client is public: it has no secret to send.', basicTried) : { client };
  }
  if (!presented.method || presented.secret === undefined) return refuse('This client must authenticate with its secret.', false);
  if (!(client.authMethods ?? ['client_secret_basic', 'client_secret_post']).includes(presented.method)) {
    return refuse(`This client may not authenticate with ${presented.method}.`, basicTried);
  }
  if (!same(presented.secret, client.clientSecret)) return refuse('The client secret is wrong.', basicTried);
  return { client };
}

// RFC 6749 §2.3.1: id and secret are form-encoded before base64.
function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function refuse(description: string, basic: boolean): ClientCheck {
  return { refused: oauthErrorResponse('invalid_client', description, { basic }) };
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether `client` may ask for every scope in `scope` (space-separated). */
export function scopesAllowed(client: OAuthClient, scope: string): boolean {
  return (
    !client.scopes ||
    scope
      .split(' ')
      .filter(Boolean)
      .every((s) => client.scopes?.includes(s))
  );
}

import { type HttpHandler, http } from 'msw';
import { authenticateClient, type OAuthClient, scopesAllowed } from './oauth-client-auth.js';
import { type ConsentScript, decide } from './oauth-consent.js';
import { oauthErrorResponse, redirectBack } from './oauth-responses.js';
import { type PendingCode, tokenGrants } from './oauth-token-grants.js';
import { type OAuthGrant, OAuthTokenLedger } from './oauth-token-ledger.js';

/** Options for {@link createOAuthServer}. */
export interface OAuthServerOptions {
  /** The origin the handlers answer on. Default `https://auth.example.com`. */
  origin?: string;
  /** Endpoint paths. Default `/oauth/authorize`, `/oauth/token`, `/oauth/revoke`. */
  paths?: { authorize?: string; token?: string; revoke?: string };
  /** The registered clients. */
  clients: readonly OAuthClient[];
  /** What the user does at the authorize endpoint. Default: user `user-1` approves. Change it with `setConsent`. */
  consent?: ConsentScript;
  /** Access token lifetime in seconds, sent as `expires_in`. Default 3600. */
  expiresIn?: number;
  /** Authorization code lifetime in seconds. Default 60. */
  codeLifetime?: number;
  /** Issue a new refresh token on each refresh, retiring the old one. Default true. */
  rotateRefreshTokens?: boolean;
  /** A retired refresh token used again revokes every token of its authorization. Default true. */
  detectReuse?: boolean;
  /** Require PKCE (S256) from every client, not only public ones. Default true. */
  requirePkce?: boolean;
  /** Sent as `iss` on redirects (RFC 9207) when set; set the client's `issuer` to match. */
  issuer?: string;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** An OAuth 2 authorization server for tests, and what a test needs to look inside. */
export interface OAuthServer {
  /** Give these to `setupServer` or `startLoopbackServer` (with `origin`). */
  readonly handlers: HttpHandler[];
  readonly origin: string;
  /** The endpoint paths, to join to a loopback server's URL. */
  readonly paths: { readonly authorize: string; readonly token: string; readonly revoke: string };
  /** Scripts the consent screen from now on. */
  setConsent(script: ConsentScript): void;
  /** The live grant behind an access token, or undefined when unknown, expired or revoked. */
  verify(accessToken: string): OAuthGrant | undefined;
  /** Checks a request's bearer token: its grant, or a 401 `invalid_token` to answer (RFC 6750). */
  authenticate(request: Request): OAuthGrant | Response;
  /**
   * Revokes a token as a provider's own revocation endpoint does when it names
   * no client (HubSpot's `DELETE /oauth/v1/refresh-tokens/:token`): a refresh
   * token ends its whole authorization, an access token only itself. True
   * when the token was known. Mount it on the provider's path in a sandbox.
   */
  revoke(token: string): boolean;
  /** The grant type of every token response, in order: count token requests with it. */
  issued(): readonly string[];
  /** Forgets every code and token (clients and consent stay). */
  reset(): void;
}

/**
 * An OAuth 2 authorization server (RFC 6749) that sandboxes and your own
 * connectors' tests can mount: an authorize endpoint with scripted consent,
 * a token endpoint (authorization_code with PKCE S256, client_credentials,
 * refresh_token with rotation and reuse detection), a revocation endpoint
 * (RFC 7009), client_secret_basic and client_secret_post, RFC 6749 error
 * bodies. It works with `@junction/core`'s `oauth2AuthorizationCode` and
 * `oauth2ClientCredentials`.
 */
export function createOAuthServer(options: OAuthServerOptions): OAuthServer {
  const origin = new URL(options.origin ?? 'https://auth.example.com').origin;
  const paths = {
    authorize: options.paths?.authorize ?? '/oauth/authorize',
    token: options.paths?.token ?? '/oauth/token',
    revoke: options.paths?.revoke ?? '/oauth/revoke',
  };
  const now = options.now ?? Date.now;
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));
  const codes = new Map<string, PendingCode>();
  const tokens = new OAuthTokenLedger();
  let consent: ConsentScript = options.consent ?? { approve: 'user-1' };
  const grants = tokenGrants({ codes, tokens, now, expiresIn: options.expiresIn ?? 3600, ...pick(options) });

  const authorize = http.get(`${origin}${paths.authorize}`, ({ request }) => {
    const query = new URL(request.url).searchParams;
    const client = clients.get(query.get('client_id') ?? '');
    // RFC 6749 §4.1.2.1: with an unknown client or redirect URI, never redirect (it could be an open redirector).
    if (!client) return oauthErrorResponse('invalid_request', 'Unknown client_id.');
    const registered = client.redirectUris ?? [];
    const redirectUri = query.get('redirect_uri') ?? (registered.length === 1 ? registered[0] : undefined);
    if (!redirectUri || !registered.includes(redirectUri)) {
      return oauthErrorResponse('invalid_request', 'The redirect_uri is missing or not registered for this client.');
    }
    const state = query.get('state') ?? undefined;
    const back = (params: Record<string, string | undefined>) =>
      redirectBack(redirectUri, { ...params, state, ...(options.issuer ? { iss: options.issuer } : {}) });
    const fail = (error: Parameters<typeof oauthErrorResponse>[0], description: string) => back({ error, error_description: description });

    if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
    const challenge = query.get('code_challenge');
    const method = query.get('code_challenge_method') ?? 'plain';
    if (challenge !== null && method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256.');
    if (challenge === null && ((options.requirePkce ?? true) || client.clientSecret === undefined)) {
      return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
    }
    const scope = query.get('scope') ?? '';
    if (!scopesAllowed(client, scope)) return fail('invalid_scope', 'The client may not ask for these scopes.');

    const decision = decide(consent, { clientId: client.clientId, scope, redirectUri });
    if ('deny' in decision) return fail(decision.error ?? 'access_denied', decision.description ?? 'The user declined.');
    const code = OAuthTokenLedger.token('code');
    codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      redirectUriSent: query.has('redirect_uri'),
      scope: decision.scope ?? scope,
      user: decision.approve,
      ...(challenge ? { challenge } : {}),
      expiresAt: now() + (options.codeLifetime ?? 60) * 1000,
    });
    return back({ code });
  });

  const token = http.post(`${origin}${paths.token}`, async ({ request }) => {
    const form = await readForm(request);
    if (!form) return oauthErrorResponse('invalid_request', 'Send the parameters as application/x-www-form-urlencoded.');
    const checked = authenticateClient(request, form, clients);
    if ('refused' in checked) return checked.refused;
    return grants(checked.client, form);
  });

  const revoke = http.post(`${origin}${paths.revoke}`, async ({ request }) => {
    const form = await readForm(request);
    const value = form?.get('token');
    if (!form || !value) return oauthErrorResponse('invalid_request', 'Send the token to revoke as the "token" parameter.');
    const checked = authenticateClient(request, form, clients);
    if ('refused' in checked) return checked.refused;
    tokens.revoke(value, checked.client.clientId);
    // RFC 7009 §2.2: 200 whether or not the token was known.
    return new Response(null, { status: 200 });
  });

  return {
    handlers: [authorize, token, revoke],
    origin,
    paths,
    setConsent(script) {
      consent = script;
    },
    verify: (accessToken) => tokens.verify(accessToken, now()),
    authenticate(request) {
      const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const grant = bearer ? tokens.verify(bearer, now()) : undefined;
      if (grant) return grant;
      return Response.json(
        { error: 'invalid_token', error_description: 'The access token is missing, expired or revoked.' },
        { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      );
    },
    revoke: (value) => tokens.revoke(value),
    issued: () => tokens.issued,
    reset() {
      codes.clear();
      tokens.clear();
    },
  };
}

function pick(options: OAuthServerOptions) {
  return { rotate: options.rotateRefreshTokens ?? true, detectReuse: options.detectReuse ?? true };
}

async function readForm(request: Request): Promise<URLSearchParams | undefined> {
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(await request.text());
}

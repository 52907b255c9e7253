import { createHash, randomBytes } from 'node:crypto';
import { type CryptoKey, importSPKI, jwtVerify, type KeyObject } from 'jose';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { signSalesforceToken } from '../salesforce-auth.js';

/** A connected app registered with the sandbox. */
export interface SandboxConnectedApp {
  /** The consumer key. */
  clientId: string;
  /** The consumer secret. */
  clientSecret: string;
  /** The certificate's public key (SPKI PEM, or a key) the JWT bearer flow's assertions are checked with. */
  publicKey?: string | CryptoKey | KeyObject;
}

/** One session the login host issued. */
export interface SandboxSession {
  accessToken: string;
  /** The instance the session belongs to: other instances answer INVALID_SESSION_ID. */
  instanceUrl: string;
  username: string;
  grant: string;
  issuedAt: number;
  lastUsedAt: number;
}

/** What the login host shares with the instance host. */
export interface LoginState {
  readonly sessions: Map<string, SandboxSession>;
  /** Grants per token request, in order (`authorization_code`, `refresh_token`, …). */
  readonly grants: string[];
  /** The instance new tokens name. */
  instanceUrl: string;
}

/** Options for {@link loginHandlers}. */
export interface LoginOptions {
  loginUrl: string;
  app: SandboxConnectedApp;
  organizationId: string;
  userId: string;
  /** Usernames the JWT bearer flow and the login accept; the first one is who logs in by default. */
  usernames: readonly string[];
  now: () => number;
  state: LoginState;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function oauthError(error: string, description: string, status = 400) {
  return HttpResponse.json({ error, error_description: description }, { status });
}

function randomToken(prefix: string): string {
  return `${prefix}!${randomBytes(24).toString('base64url')}`;
}

/**
 * The login host: `/services/oauth2/authorize` (approves at once and
 * redirects with a code), `/services/oauth2/token` with the grants
 * authorization_code (PKCE S256 checked), refresh_token, client_credentials
 * and the JWT bearer grant (the assertion checked with the app's public key),
 * and `/services/oauth2/revoke` (a refresh token ends with every session it
 * gave; an access token ends alone). Token responses carry `instance_url`,
 * `id`, `issued_at` and `signature`, and no `expires_in`, as Salesforce's do.
 */
export function loginHandlers(options: LoginOptions): HttpHandler[] {
  const { loginUrl, app, state, now } = options;
  const codes = new Map<string, { redirectUri: string; challenge?: string; username: string; scope: string }>();
  const refreshTokens = new Map<string, { username: string; scope: string }>();
  // The sessions each refresh token gave (its first and every renewal): revoking it ends them all.
  const sessionsOf = new Map<string, Set<string>>();
  let publicKey: Promise<CryptoKey | KeyObject> | undefined;
  const keyOf = () => {
    if (!app.publicKey) return undefined;
    publicKey ??= typeof app.publicKey === 'string' ? importSPKI(app.publicKey, 'RS256') : Promise.resolve(app.publicKey);
    return publicKey;
  };

  const issue = (grant: string, username: string, scope: string, withRefresh: boolean, renewing?: string) => {
    const issuedAt = now();
    const accessToken = `${options.organizationId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
    state.sessions.set(accessToken, { accessToken, instanceUrl: state.instanceUrl, username, grant, issuedAt, lastUsedAt: issuedAt });
    state.grants.push(grant);
    const id = `${loginUrl}/id/${options.organizationId}/${options.userId}`;
    const refreshToken = withRefresh ? randomToken('5Aep') : undefined;
    if (refreshToken) refreshTokens.set(refreshToken, { username, scope });
    const family = refreshToken ?? renewing;
    if (family) sessionsOf.set(family, (sessionsOf.get(family) ?? new Set()).add(accessToken));
    return HttpResponse.json({
      access_token: accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      signature: signSalesforceToken(id, String(issuedAt), app.clientSecret),
      scope,
      instance_url: state.instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: String(issuedAt),
    });
  };

  const clientOk = (request: Request, form: URLSearchParams, secretRequired: boolean): boolean => {
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (basic) {
      const [id, pass] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    if (clientId !== app.clientId) return false;
    if (secret !== null && secret !== app.clientSecret) return false;
    return !secretRequired || secret === app.clientSecret;
  };

  return [
    http.get(`${loginUrl}/services/oauth2/authorize`, ({ request }) => {
      const url = new URL(request.url);
      const p = url.searchParams;
      if (p.get('response_type') !== 'code') return oauthError('unsupported_response_type', 'response type not supported');
      if (p.get('client_id') !== app.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
      const redirectUri = p.get('redirect_uri');
      if (!redirectUri) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
      const challenge = p.get('code_challenge') ?? undefined;
      if (challenge && p.get('code_challenge_method') !== 'S256')
        return oauthError('invalid_request', 'code_challenge_method must be S256');
      const code = randomToken('aPrx');
      codes.set(code, {
        redirectUri,
        ...(challenge ? { challenge } : {}),
        username: options.usernames[0] ?? 'user',
        scope: p.get('scope') ?? 'api refresh_token',
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const st = p.get('state');
      if (st) back.searchParams.set('state', st);
      return new HttpResponse(null, { status: 302, headers: { location: back.href } });
    }),
    http.post(`${loginUrl}/services/oauth2/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const grant = form.get('grant_type');
      switch (grant) {
        case 'authorization_code': {
          const code = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          if (!code) return oauthError('invalid_grant', 'invalid authorization code');
          if (!clientOk(request, form, !code.challenge)) return oauthError('invalid_client', 'invalid client credentials');
          if (form.get('redirect_uri') !== code.redirectUri)
            return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
          if (code.challenge) {
            const verifier = form.get('code_verifier') ?? '';
            if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== code.challenge) {
              return oauthError('invalid_grant', 'invalid code verifier');
            }
          }
          return issue('authorization_code', code.username, code.scope, code.scope.split(' ').includes('refresh_token'));
        }
        case 'refresh_token': {
          if (!clientOk(request, form, false)) return oauthError('invalid_client', 'invalid client credentials');
          const held = refreshTokens.get(form.get('refresh_token') ?? '');
          if (!held) return oauthError('invalid_grant', 'expired access/refresh token');
          // Salesforce keeps the refresh token: the answer carries none.
          return issue('refresh_token', held.username, held.scope, false, form.get('refresh_token') ?? undefined);
        }
        case 'client_credentials': {
          if (!clientOk(request, form, true)) return oauthError('invalid_client', 'invalid client credentials');
          return issue('client_credentials', options.usernames[0] ?? 'user', 'api', false);
        }
        case JWT_BEARER: {
          const key = keyOf();
          if (!key) return oauthError('invalid_grant', 'no certificate is registered for this connected app');
          try {
            const { payload } = await jwtVerify(form.get('assertion') ?? '', await key, {
              issuer: app.clientId,
              audience: loginUrl,
              algorithms: ['RS256'],
              currentDate: new Date(now()),
              requiredClaims: ['exp', 'sub'],
            });
            if ((payload.exp ?? 0) * 1000 > now() + 5 * 60_000) return oauthError('invalid_grant', 'expiration time too far in the future');
            if (!options.usernames.includes(String(payload.sub)))
              return oauthError('invalid_grant', 'user hasn\u2019t approved this consumer');
            return issue('jwt_bearer', String(payload.sub), 'api', false);
          } catch {
            return oauthError('invalid_grant', 'invalid assertion');
          }
        }
        default:
          return oauthError('unsupported_grant_type', 'grant type not supported');
      }
    }),
    // Revoke (RFC 7009 as Salesforce implements it): the token in the form body, or in the query of a GET.
    http.all(`${loginUrl}/services/oauth2/revoke`, async ({ request }) => {
      if (request.method !== 'POST' && request.method !== 'GET') return oauthError('invalid_request', 'use POST or GET', 405);
      const token =
        request.method === 'POST' ? new URLSearchParams(await request.text()).get('token') : new URL(request.url).searchParams.get('token');
      if (!token) return oauthError('invalid_request', 'the token parameter is missing');
      if (refreshTokens.delete(token)) {
        for (const accessToken of sessionsOf.get(token) ?? []) state.sessions.delete(accessToken);
        sessionsOf.delete(token);
        return new HttpResponse(null, { status: 200 });
      }
      if (state.sessions.delete(token)) return new HttpResponse(null, { status: 200 });
      return oauthError('invalid_token', 'the token was invalid');
    }),
  ];
}

import { randomUUID } from 'node:crypto';
import { type OAuthClient, scopesAllowed } from './oauth-client-auth.js';
import { oauthErrorResponse, tokenResponse } from './oauth-responses.js';
import type { OAuthTokenLedger } from './oauth-token-ledger.js';
import { pkceMatches } from './pkce.js';

/** An authorization code waiting to be exchanged. */
export interface PendingCode {
  clientId: string;
  redirectUri: string;
  /** Whether the authorization request named its redirect_uri: then the token request must repeat it (RFC 6749 §4.1.3). */
  redirectUriSent: boolean;
  scope: string;
  user: string;
  challenge?: string;
  expiresAt: number;
  /** Set once exchanged: a second exchange revokes what the first got (RFC 6749 §4.1.2). */
  family?: string;
}

interface GrantDeps {
  codes: Map<string, PendingCode>;
  tokens: OAuthTokenLedger;
  now: () => number;
  expiresIn: number;
  rotate: boolean;
  detectReuse: boolean;
}

/** The token endpoint's grants, for an authenticated client. */
export function tokenGrants(deps: GrantDeps): (client: OAuthClient, form: URLSearchParams) => Response {
  const { codes, tokens, now, expiresIn } = deps;

  const respond = (grant: string, client: OAuthClient, scope: string, user?: string, family?: string, withRefresh = true) => {
    const access = { clientId: client.clientId, scope, expiresAt: now() + expiresIn * 1000, ...(user ? { user } : {}) };
    const issued = tokens.issue(grant, access, family, withRefresh);
    return tokenResponse({
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
      ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
      ...(scope ? { scope } : {}),
    });
  };

  const authorizationCode = (client: OAuthClient, form: URLSearchParams) => {
    const code = form.get('code');
    const pending = code ? codes.get(code) : undefined;
    if (!code || !pending || pending.clientId !== client.clientId || pending.expiresAt <= now()) {
      return oauthErrorResponse('invalid_grant', 'The authorization code is unknown, expired, or was issued to another client.');
    }
    if (pending.family) {
      tokens.revokeFamily(pending.family);
      return oauthErrorResponse('invalid_grant', 'The authorization code was already used; the tokens it gave are revoked.');
    }
    const redirectUri = form.get('redirect_uri');
    if ((pending.redirectUriSent || redirectUri !== null) && redirectUri !== pending.redirectUri) {
      return oauthErrorResponse('invalid_grant', 'The redirect_uri does not match the authorization request.');
    }
    const verifier = form.get('code_verifier');
    if (pending.challenge ? verifier === null || !pkceMatches(verifier, pending.challenge) : verifier !== null) {
      return oauthErrorResponse('invalid_grant', 'The PKCE code_verifier does not match the code_challenge.');
    }
    pending.family = randomUUID();
    return respond('authorization_code', client, pending.scope, pending.user, pending.family);
  };

  const clientCredentials = (client: OAuthClient, form: URLSearchParams) => {
    if (client.clientSecret === undefined)
      return oauthErrorResponse('unauthorized_client', 'A public client cannot use client_credentials.');
    const scope = form.get('scope') ?? '';
    if (!scopesAllowed(client, scope)) {
      return oauthErrorResponse('invalid_scope', 'The client may not ask for these scopes.');
    }
    return respond('client_credentials', client, scope);
  };

  const refreshToken = (client: OAuthClient, form: URLSearchParams) => {
    const presented = form.get('refresh_token');
    const entry = presented ? tokens.refreshEntry(presented) : undefined;
    if (!presented || !entry || entry.clientId !== client.clientId) {
      return oauthErrorResponse('invalid_grant', 'The refresh token is unknown or was issued to another client.');
    }
    if (!entry.active) {
      // RFC 9700 §4.14.2: a rotated-out token used again means it leaked; end the whole authorization.
      if (deps.detectReuse) tokens.revokeFamily(entry.family);
      return oauthErrorResponse('invalid_grant', 'The refresh token was already used or revoked.');
    }
    const asked = form.get('scope');
    const granted = entry.scope.split(' ');
    if (
      asked !== null &&
      !asked
        .split(' ')
        .filter(Boolean)
        .every((s) => granted.includes(s))
    ) {
      return oauthErrorResponse('invalid_scope', 'A refresh may only narrow the scopes first granted.');
    }
    // Without rotation the response carries no refresh token: the client keeps the one it has.
    if (deps.rotate) tokens.retire(presented);
    return respond('refresh_token', client, asked ?? entry.scope, entry.user, entry.family, deps.rotate);
  };

  return (client, form) => {
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') return authorizationCode(client, form);
    if (grant === 'client_credentials') return clientCredentials(client, form);
    if (grant === 'refresh_token') return refreshToken(client, form);
    return oauthErrorResponse(
      grant ? 'unsupported_grant_type' : 'invalid_request',
      grant ? `Unsupported grant_type ${grant}.` : 'grant_type is missing.',
    );
  };
}

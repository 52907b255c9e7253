import {
  bearer,
  createAuthorizationRequest,
  createClient,
  defineConnector,
  defineOperation,
  exchangeAuthorizationCode,
} from '@junction/core';
import { z } from 'zod';
import type { IdentityServer } from '../setup/identity-server.js';
import { scriptedLogin } from './scripted-login.js';

/** The signed-up user, as the identity service vouches for them. */
export interface User {
  sub: string;
  email: string;
  name: string;
}

// The OpenID Connect userinfo endpoint, as a one-operation connector: the token is a bearer token like any other.
const identity = defineConnector({
  name: 'identity',
  baseUrl: 'http://127.0.0.1',
  auth: bearer(),
  operations: {
    userinfo: defineOperation({
      method: 'GET',
      path: '/me',
      input: z.object({}),
      output: z.object({ sub: z.string(), email: z.email(), name: z.string() }),
    }),
  },
});

/**
 * Sign-up: OAuth 2 authorization code with PKCE, with core's helpers (state
 * and S256 challenge made and checked for us), then the user's claims from
 * userinfo. `login` is what the scripted user types on the login page.
 */
export async function signUp(idp: IdentityServer, clientSecret: string, login: string): Promise<User> {
  // http:// is allowed only because the identity service is on 127.0.0.1.
  const server = { issuer: idp.issuer, allowInsecureRequests: true };
  const request = await createAuthorizationRequest(server, {
    clientId: idp.clientId,
    redirectUri: idp.redirectUri,
    scope: 'openid email profile',
  });
  const callbackUrl = await scriptedLogin(request.url, login, idp.redirectUri);
  const tokens = await exchangeAuthorizationCode(server, {
    clientId: idp.clientId,
    clientSecret,
    callbackUrl,
    state: request.state,
    codeVerifier: request.codeVerifier,
  });
  const client = createClient(identity, { baseUrl: idp.issuer, credentials: { token: tokens.accessToken } });
  return client.userinfo({});
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  AuthError,
  type AuthorizationCodeScheme,
  type AuthStrategy,
  ConfigurationError,
  isAuthError,
  type OAuth2Fetch,
  type OAuth2Server,
  oauth2AuthorizationCode,
  oauth2ClientCredentials,
  oauth2JwtBearer,
  type TokenOptions,
  type TokenSchemeOptions,
  type TokenSet,
} from '@junction/core';
import { importPKCS8, SignJWT } from 'jose';
import { salesforceBaseUrl } from './salesforce-api.js';

/** Production and Developer Edition orgs log in here. */
export const SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';
/** Sandbox orgs log in here. */
export const SALESFORCE_TEST_LOGIN_URL = 'https://test.salesforce.com';
/** How long a JWT bearer assertion is valid: Salesforce accepts an `exp` at most 3 minutes ahead (OAuth 2.0 JWT Bearer Flow). */
export const SALESFORCE_ASSERTION_TTL_S = 180;

/** The login host of an org with My Domain: `https://<domain>.my.salesforce.com`. */
export function myDomainLoginUrl(domain: string): string {
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:--[a-z0-9]+)?$/i.test(domain)) {
    throw new ConfigurationError('Salesforce "myDomain" must be the My Domain name only, e.g. "acme" for https://acme.my.salesforce.com.');
  }
  return `https://${domain}.my.salesforce.com`;
}

/** Where the OAuth endpoints are and how to reach them. */
export interface SalesforceLogin {
  /** The login host: {@link SALESFORCE_LOGIN_URL} (default), {@link SALESFORCE_TEST_LOGIN_URL}, or a My Domain URL. */
  loginUrl?: string;
  /** The consumer secret, when known: the token response's `signature` is then checked with it. */
  clientSecret?: string;
  /** Allows `http://` login and instance URLs. Only for a local sandbox. Default false. */
  allowInsecureRequests?: boolean;
  /** The fetch for token requests. Default: the global fetch. */
  fetch?: OAuth2Fetch;
}

/** The OAuth 2 server declaration of a login host. */
export function salesforceOAuthServer(login: SalesforceLogin = {}): OAuth2Server {
  const loginUrl = checkedUrl(login.loginUrl ?? SALESFORCE_LOGIN_URL, 'loginUrl', login.allowInsecureRequests);
  return {
    tokenUrl: `${loginUrl}/services/oauth2/token`,
    authorizationUrl: `${loginUrl}/services/oauth2/authorize`,
    issuer: loginUrl,
    // Salesforce's examples send client_id and client_secret in the form body.
    clientAuthentication: 'client_secret_post',
    ...(login.allowInsecureRequests ? { allowInsecureRequests: true } : {}),
    ...(login.fetch ? { fetch: login.fetch } : {}),
  };
}

/**
 * Salesforce's token rules for core's OAuth schemes: the API lives under the
 * token's `instance_url`, a 401 means "renew" only with `INVALID_SESSION_ID`,
 * and the response's `signature` is checked when the consumer secret is known.
 */
export function salesforceTokenRules(login: SalesforceLogin = {}): TokenSchemeOptions {
  return {
    baseUrlFrom: (tokens) => salesforceBaseUrl(instanceUrlOf(tokens, login.allowInsecureRequests)),
    verifyTokens(tokens) {
      instanceUrlOf(tokens, login.allowInsecureRequests);
      if (login.clientSecret) verifySalesforceSignature(tokens, login.clientSecret);
    },
    isExpired: (error) => error.code === 'INVALID_SESSION_ID',
  };
}

/** The org's instance URL from a token set (`instance_url`), checked to be an http(s) origin. */
export function instanceUrlOf(tokens: TokenSet, allowInsecure = false): string {
  const value = tokens.extra?.instance_url;
  if (typeof value !== 'string') {
    throw new AuthError('The Salesforce token response has no "instance_url": the API cannot be located.', {
      code: 'missing_instance_url',
      reauthorize: false,
    });
  }
  return checkedUrl(value, 'instance_url', allowInsecure);
}

/** The org and user a token belongs to, read from its identity URL (`id`: `…/id/<orgId>/<userId>`). */
export function identityOf(tokens: TokenSet): { organizationId: string; userId: string } | undefined {
  const id = tokens.extra?.id;
  const match = typeof id === 'string' ? /\/id\/([a-zA-Z0-9]{15,18})\/([a-zA-Z0-9]{15,18})\/?$/.exec(id) : null;
  return match ? { organizationId: match[1] as string, userId: match[2] as string } : undefined;
}

/** The `code` of the AuthError a bad token signature fails with. */
export const INVALID_TOKEN_SIGNATURE = 'invalid_token_signature';

/**
 * Checks a token response's `signature`: base64 HMAC-SHA256 of `id + issued_at`
 * keyed with the consumer secret (OAuth 2.0 Web Server Flow). Throws an
 * AuthError with code `invalid_token_signature` when it does not match;
 * responses without a signature pass (not every flow sends one).
 */
export function verifySalesforceSignature(tokens: TokenSet, clientSecret: string): void {
  const { signature, id, issued_at: issuedAt } = tokens.extra ?? {};
  if (signature === undefined) return;
  const expected = signSalesforceToken(String(id ?? ''), String(issuedAt ?? ''), clientSecret);
  const given = Buffer.from(String(signature), 'base64');
  const wanted = Buffer.from(expected, 'base64');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new AuthError(
      'The Salesforce token response signature does not match its id and issued_at: the response was altered, or the consumer secret is not the one of this connected app.',
      { code: INVALID_TOKEN_SIGNATURE, reauthorize: false },
    );
  }
}

/** The signature Salesforce puts in a token response; sandboxes and tests use it to sign. */
export function signSalesforceToken(id: string, issuedAt: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(`${id}${issuedAt}`).digest('base64');
}

/** True when `error` is the AuthError of a token signature that does not match. */
export function isSalesforceSignatureError(error: unknown): error is AuthError {
  return isAuthError(error) && error.code === INVALID_TOKEN_SIGNATURE;
}

/** The web server flow (authorization code + PKCE) with Salesforce's token rules: build the URL, exchange the code, then refresh. */
export function salesforceAuthorizationCode(login: SalesforceLogin = {}): AuthorizationCodeScheme {
  return oauth2AuthorizationCode(salesforceOAuthServer(login), salesforceTokenRules(login));
}

/** Signs a JWT bearer assertion: RS256, `iss` the consumer key, `sub` the username, `aud` the login host, `exp` 3 minutes ahead. */
export async function signSalesforceAssertion(options: {
  clientId: string;
  username: string;
  audience: string;
  privateKey: string | CryptoKey;
  now?: () => number;
}): Promise<string> {
  const key = typeof options.privateKey === 'string' ? await importPKCS8(options.privateKey, 'RS256') : options.privateKey;
  const nowS = Math.floor((options.now ?? Date.now)() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(options.clientId)
    .setSubject(options.username)
    .setAudience(options.audience)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + SALESFORCE_ASSERTION_TTL_S)
    .sign(key);
}

/** How a Salesforce client authenticates: one of the three flows, with where tokens are kept. */
export type SalesforceAuth =
  | ({
      /** The web server flow's tokens (from `salesforceAuthorizationCode(...).exchangeAuthorizationCode`), renewed with the refresh token. */
      type: 'authorizationCode';
      clientId: string;
      clientSecret?: string;
      tokens?: TokenSet;
    } & TokenOptions)
  | ({
      /** Client credentials of a connected app with a run-as user; needs the org's My Domain login URL. */
      type: 'clientCredentials';
      clientId: string;
      clientSecret: string;
    } & TokenOptions)
  | ({
      /** The JWT bearer flow: a certificate's private key signs an assertion for `username`. */
      type: 'jwtBearer';
      clientId: string;
      username: string;
      /** A PKCS#8 PEM private key, or a key imported with jose / WebCrypto. */
      privateKey: string | CryptoKey;
      /** The assertion's `aud`. Default: the login URL. */
      audience?: string;
    } & TokenOptions);

/** Builds the auth strategy for one client from {@link SalesforceAuth} and the login host. */
export function salesforceAuthStrategy(auth: SalesforceAuth, login: SalesforceLogin = {}, now?: () => number): AuthStrategy {
  const server = salesforceOAuthServer(login);
  const rules = salesforceTokenRules({
    ...login,
    ...(auth.type !== 'jwtBearer' && auth.clientSecret ? { clientSecret: auth.clientSecret } : {}),
  });
  switch (auth.type) {
    case 'authorizationCode': {
      const { type: _, ...credentials } = auth;
      return oauth2AuthorizationCode(server, rules).create(credentials);
    }
    case 'clientCredentials': {
      const { type: _, ...credentials } = auth;
      return oauth2ClientCredentials(server, rules).create(credentials);
    }
    case 'jwtBearer': {
      const { type: _, username, privateKey, audience, ...rest } = auth;
      if (typeof username !== 'string' || username === '')
        throw new ConfigurationError('Salesforce jwtBearer auth needs a non-empty "username".');
      if (!privateKey) throw new ConfigurationError('Salesforce jwtBearer auth needs a "privateKey".');
      const aud = audience ?? server.issuer ?? SALESFORCE_LOGIN_URL;
      return oauth2JwtBearer(server, rules).create({
        ...rest,
        tokenKey: rest.tokenKey ?? `salesforce:jwt:${rest.clientId}:${username}@${aud}`,
        assertion: () => signSalesforceAssertion({ clientId: rest.clientId, username, audience: aud, privateKey, ...(now ? { now } : {}) }),
      });
    }
    default:
      throw new ConfigurationError('Salesforce "auth.type" must be "authorizationCode", "clientCredentials" or "jwtBearer".');
  }
}

function checkedUrl(value: string, name: string, allowInsecure = false): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`Salesforce "${name}" is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    throw new ConfigurationError(`Salesforce "${name}" must use https:// (http:// only with allowInsecureRequests, for a local sandbox).`);
  }
  return url.origin;
}

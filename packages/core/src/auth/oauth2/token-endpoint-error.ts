import type { ClientError } from 'openid-client';
import { ApiError } from '../../errors/api-error.js';
import { AuthError } from '../../errors/auth-error.js';
import { ConfigurationError } from '../../errors/configuration-error.js';
import { isJunctionError, type JunctionError, type RequestSummary } from '../../errors/junction-error.js';
import { NetworkError, TimeoutError } from '../../errors/network-error.js';
import { systemCode } from '../../errors/system-code.js';
import { isRetryableStatus } from '../../pipeline/http-error.js';
import { retryAfterMs } from '../../pipeline/retry-after.js';
import type { OpenIdClient } from './load-openid-client.js';

/** What a request to the authorization server was, for the error that reports its failure. */
export interface TokenRequestInfo {
  /** The grant (`refresh_token`, `client_credentials`, `authorization_code`) or `discovery`. */
  grant: string;
  /** The URL the request went to. */
  url: string;
  /** The connector's name, when the request was made for a client's call. */
  connector?: string;
  /** Timeout given to openid-client, for a timeout's message. */
  timeoutMs: number;
  /** Removes secrets from text that came from the server. */
  redact(text: string): string;
}

/** OAuth error codes that mean the server is fine but busy: worth another try. */
const TRANSIENT_CODES = new Set(['temporarily_unavailable', 'server_error', 'slow_down']);

/**
 * Turns what openid-client throws into Junction's typed errors, so the retry
 * layer can tell a revoked grant (AuthError, never retried) from a server that
 * is down (NetworkError, or ApiError with `retryable`). The original error is
 * not kept as the cause: its fields can hold the server's response, tokens included.
 * `openid` is the loaded openid-client, whose error classes are checked: only
 * a call into it can have failed, so it is always loaded by then.
 */
export function toTokenEndpointError(error: unknown, info: TokenRequestInfo, openid: OpenIdClient): unknown {
  if (isJunctionError(error)) return error;
  const request: RequestSummary = {
    ...(info.connector ? { connector: info.connector } : {}),
    method: info.grant === 'discovery' ? 'GET' : 'POST',
    url: info.url,
  };
  const at = `${info.connector ? `${info.connector}: ` : ''}the authorization server (${request.method} ${info.url})`;

  if (error instanceof openid.ResponseBodyError) {
    const description = error.error_description ? `: ${info.redact(error.error_description)}` : '';
    return fromOAuthError(error.error, error.status, `${error.error}${description}`, error.response.headers, at, info, request);
  }
  if (error instanceof openid.WWWAuthenticateChallengeError) {
    const parameters = error.cause[0]?.parameters;
    const code = parameters?.error ?? 'invalid_client';
    const description = parameters?.error_description ? `: ${info.redact(parameters.error_description)}` : '';
    return fromOAuthError(code, error.response.status, `${code}${description}`, error.response.headers, at, info, request);
  }
  if (error instanceof openid.ClientError) return fromClientError(error, at, info, request);
  const code = systemCode(error);
  if (error instanceof TypeError && (code || error.message === 'fetch failed')) {
    return new NetworkError(`${at} could not be reached for the ${info.grant} request: ${code ?? 'fetch failed'}.`, {
      request,
      ...(code ? { code } : {}),
      cause: { name: error.name, message: info.redact(error.message), code },
    });
  }
  return error;
}

function fromOAuthError(
  code: string,
  status: number,
  shown: string,
  headers: Headers,
  at: string,
  info: TokenRequestInfo,
  request: RequestSummary,
): JunctionError {
  if (status === 429) return rateLimited(status, at, info, request, headers, code);
  if (isRetryableStatus(status) || TRANSIENT_CODES.has(code)) {
    return new ApiError(`${at} failed the ${info.grant} request with ${status} (${shown}).`, {
      status,
      code,
      retryable: true,
      request,
      body: { error: code },
    });
  }
  return new AuthError(`${at} refused the ${info.grant} request (${shown}). ${advice(code, info.grant)}`, {
    code,
    status,
    reauthorize: code === 'invalid_grant' && info.grant !== 'client_credentials',
    request,
  });
}

/**
 * The token endpoint's own rate limit. An ApiError, not a RateLimitError: the
 * latter would pause the API's rate-limit bucket, and the token endpoint is
 * another server with other limits. The retry layer still honours its Retry-After.
 */
function rateLimited(
  status: number,
  at: string,
  info: TokenRequestInfo,
  request: RequestSummary,
  headers: Headers | undefined,
  code?: string,
): ApiError {
  const wait = headers ? retryAfterMs(headers) : undefined;
  const retryHeaders: Record<string, string> = {};
  for (const name of ['retry-after', 'retry-after-ms']) {
    const value = headers?.get(name);
    if (value) retryHeaders[name] = value;
  }
  return new ApiError(
    `${at} is rate limiting the ${info.grant} request${code ? ` (${code})` : ''}${wait === undefined ? '' : `: retry after ${Math.ceil(wait / 1000)}s`}.`,
    { status, retryable: true, request, headers: retryHeaders, ...(code ? { code } : {}) },
  );
}

function advice(code: string, grant: string): string {
  if (code === 'invalid_grant' && grant === 'refresh_token') {
    return 'The refresh token has expired or was revoked: the user must authorize again.';
  }
  if (code === 'invalid_grant' && grant === 'authorization_code') {
    return 'The code has expired or was already used, or the redirect URI or PKCE verifier does not match: start the authorization again.';
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return `Check the clientId and clientSecret, the server's clientAuthentication method, and that the client may use the ${grant} grant.`;
  }
  if (code === 'invalid_scope') return 'Ask only for scopes the client is allowed.';
  return 'Check the client registration and the request parameters.';
}

function fromClientError(error: ClientError, at: string, info: TokenRequestInfo, request: RequestSummary): JunctionError {
  const cause = { name: error.name, code: error.code, message: info.redact(error.message) };
  switch (error.code) {
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM': {
      // openid-client leaves the response as the cause: its status says what went wrong.
      const response = error.cause instanceof Response ? error.cause : undefined;
      // Nobody reads this body (an HTML error page, usually); release the connection.
      response?.body?.cancel().catch(() => {});
      const status = response?.status ?? 0;
      if (status === 429) return rateLimited(status, at, info, request, response?.headers);
      return new ApiError(`${at} answered ${status} to the ${info.grant} request, without an OAuth error.`, {
        status,
        retryable: isRetryableStatus(status),
        request,
      });
    }
    case 'OAUTH_TIMEOUT':
      return new TimeoutError(`${at} did not answer the ${info.grant} request within ${info.timeoutMs} ms.`, {
        timeoutMs: info.timeoutMs,
        request,
      });
    case 'OAUTH_HTTP_REQUEST_FORBIDDEN':
      return new ConfigurationError(
        `${at} uses http://, which would send secrets in clear. Use https://, or set allowInsecureRequests: true for a local test server.`,
        { request },
      );
    default:
      // The server answered, but not with a usable response (no token_type, bad JSON, an unverifiable ID token…).
      return new AuthError(`${at} sent an invalid answer to the ${info.grant} request: ${cause.message}${describeCause(error, info)}.`, {
        code: error.code ?? 'invalid_response',
        reauthorize: false,
        request,
        cause,
      });
  }
}

/** openid-client wraps a more precise message one level down; it describes a check, never a value. */
function describeCause(error: ClientError, info: TokenRequestInfo): string {
  const inner = error.cause;
  return inner instanceof Error && inner.message !== error.message ? ` (${info.redact(inner.message)})` : '';
}

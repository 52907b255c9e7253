/** The error codes of RFC 6749 §4.1.2.1 and §5.2 (and RFC 7009's `unsupported_token_type`). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'unsupported_token_type';

// RFC 6749 §5.1: token responses must not be cached.
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** An RFC 6749 §5.2 error body, `{ error, error_description }`; 401 with a challenge for `invalid_client` over Basic. */
export function oauthErrorResponse(error: OAuthErrorCode, description: string, options: { basic?: boolean } = {}): Response {
  const status = error === 'invalid_client' ? 401 : 400;
  return Response.json(
    { error, error_description: description },
    { status, headers: { ...NO_STORE, ...(status === 401 && options.basic ? { 'www-authenticate': 'Basic realm="oauth"' } : {}) } },
  );
}

/** A successful token response (RFC 6749 §5.1). */
export function tokenResponse(body: Record<string, unknown>): Response {
  return Response.json(body, { headers: NO_STORE });
}

/** Sends the browser back to the client with `params` (RFC 6749 §4.1.2). */
export function redirectBack(redirectUri: string, params: Record<string, string | undefined>): Response {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } });
}

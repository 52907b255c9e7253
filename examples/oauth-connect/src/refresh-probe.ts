import type { AppCredentials, ProviderAccount } from './config.js';

/**
 * Asks the provider's token endpoint to renew with `refreshToken`, as a
 * client would, and says what it answered: `accepted`, or the OAuth error
 * code (`invalid_grant` once the token is revoked). The demo uses it to show
 * that a disconnect really ended the grant at the provider.
 */
export async function probeRefreshToken(account: ProviderAccount, app: AppCredentials, refreshToken: string): Promise<string> {
  const tokenUrl = account.provider === 'hubspot' ? account.tokenUrl : `${account.loginUrl}/services/oauth2/token`;
  const answer = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: app.clientId,
      client_secret: app.clientSecret,
    }),
  });
  if (answer.ok) return 'accepted';
  const body = (await answer.json().catch(() => ({}))) as { error?: string };
  return body.error ?? `HTTP ${answer.status}`;
}

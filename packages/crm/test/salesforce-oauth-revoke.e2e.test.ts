import { expect, it } from 'vitest';
import { authorize, authorizedClient, useSalesforceSandbox } from './salesforce-support.js';

const org = useSalesforceSandbox();

const revoke = (token: string, method: 'POST' | 'GET' = 'POST') =>
  method === 'POST'
    ? fetch(`${org.sandbox.loginUrl}/services/oauth2/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      })
    : fetch(`${org.sandbox.loginUrl}/services/oauth2/revoke?${new URLSearchParams({ token })}`);

it('/services/oauth2/revoke with a refresh token ends it and every session it gave; the client is told to reauthorize', async () => {
  const { client, tokens } = await authorizedClient(org.sandbox);
  await client.createRecord({ sobject: 'Contact', LastName: 'Before' });
  org.sandbox.expireSessions();
  await client.createRecord({ sobject: 'Contact', LastName: 'Renewed' }); // a session from the refresh token
  expect(org.sandbox.grants).toEqual(['authorization_code', 'refresh_token']);
  const other = await authorize(org.sandbox);

  expect((await revoke(tokens.refreshToken ?? '')).status).toBe(200);
  const sessionsLeft = [...org.sandbox.sessions.keys()];
  expect(sessionsLeft).toEqual([other.accessToken]);

  // The renewed session is gone (401 INVALID_SESSION_ID), and the refresh it triggers is refused: invalid_grant.
  await expect(client.createRecord({ sobject: 'Contact', LastName: 'After' })).rejects.toMatchObject({
    name: 'AuthError',
    code: 'invalid_grant',
    reauthorize: true,
  });
  // Revoking again, or an unknown token, is 400 invalid_token.
  const again = await revoke(tokens.refreshToken ?? '');
  expect(again.status).toBe(400);
  expect(await again.json()).toMatchObject({ error: 'invalid_token' });
});

it('revokes an access token alone, also by GET', async () => {
  const tokens = await authorize(org.sandbox);
  expect((await revoke(tokens.accessToken, 'GET')).status).toBe(200);
  expect(org.sandbox.sessions.has(tokens.accessToken)).toBe(false);
  expect((await revoke('', 'POST')).status).toBe(400);
});

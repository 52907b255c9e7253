import { createServer } from 'node:http';
import { z } from 'zod';
import { type AuthScheme, defineConnector, defineOperation } from '../../../src/index.js';
import type { AuthServer } from './auth-server.js';
import { close, listen } from './auth-server.js';

/** A protected API on 127.0.0.1 that accepts only live tokens the test authorization server issued. */
export interface ResourceApi {
  url: string;
  /** Requests answered so far, by status. */
  answered: { ok: number; unauthorized: number };
  close(): Promise<void>;
}

/**
 * Starts the API. It looks each bearer token up in the provider's own token
 * storage (what introspection would tell it), so expired or revoked tokens get 401.
 */
export async function startResourceApi(auth: AuthServer): Promise<ResourceApi> {
  const answered = { ok: 0, unauthorized: 0 };
  const server = createServer(async (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const found = token
      ? ((await auth.provider.AccessToken.find(token)) ?? (await auth.provider.ClientCredentials.find(token)))
      : undefined;
    if (!found) {
      answered.unauthorized++;
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' });
      res.end(JSON.stringify({ error: { code: 'invalid_token', message: 'The access token is not valid.' } }));
      return;
    }
    answered.ok++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ subject: found.accountId ?? found.clientId }));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, answered, close: () => close(server) };
}

/** A connector for the resource API, authenticated by `auth`. */
export function resourceConnector<C>(baseUrl: string, auth: AuthScheme<C>) {
  return defineConnector({
    name: 'resource',
    baseUrl,
    auth,
    operations: {
      me: defineOperation({ method: 'GET', path: '/me', output: z.object({ subject: z.string() }) }),
    },
  });
}

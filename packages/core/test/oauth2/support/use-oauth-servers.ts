import { afterAll, beforeAll } from 'vitest';
import { type AuthServer, startAuthServer } from './auth-server.js';
import { type ResourceApi, startResourceApi } from './resource-api.js';

/** The authorization server and the resource API a test file runs against. */
export interface OAuthServers {
  auth: AuthServer;
  api: ResourceApi;
}

/** Starts both servers before the file's tests (handing them to `started`) and stops them after. */
export function useOAuthServers(started: (servers: OAuthServers) => void): void {
  let servers: OAuthServers | undefined;
  beforeAll(async () => {
    const auth = await startAuthServer();
    servers = { auth, api: await startResourceApi(auth) };
    started(servers);
  });
  afterAll(async () => {
    await servers?.api.close();
    await servers?.auth.close();
  });
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A confidential client registered with the test server. */
export interface TestClient {
  clientId: string;
  clientSecret: string;
}

/** Settings for one test server. */
export interface AuthServerOptions {
  /** Lifetime of access tokens from the authorization code and refresh grants, in seconds. Default 3600. */
  accessTokenTtl?: number;
  /** Lifetime of client credentials tokens, in seconds. Default 3600. */
  clientCredentialsTtl?: number;
}

/** A real OAuth 2 / OIDC server (oidc-provider) on 127.0.0.1, with the clients the tests use. */
export interface AuthServer {
  issuer: string;
  tokenUrl: string;
  authorizationUrl: string;
  redirectUri: string;
  /** Authenticates with client_secret_basic, as RFC 6749 prefers. */
  basicClient: TestClient;
  /** Authenticates with client_secret_post, as HubSpot wants. */
  postClient: TestClient;
  provider: Provider;
  /** Removes a token (access, client credentials or refresh) from the server, as a revocation would. */
  revoke(token: string): Promise<void>;
  close(): Promise<void>;
}

const REDIRECT_URI = 'https://app.example.test/oauth/callback';
const GRANTS = ['client_credentials', 'authorization_code', 'refresh_token'];

/** Starts oidc-provider on a random port of 127.0.0.1. */
export async function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const basicClient = { clientId: 'junction-basic', clientSecret: 'basic-client-secret-4f8a1c2e9b7d' };
  const postClient = { clientId: 'junction-post', clientSecret: 'post-client-secret-7e3b9d1a5c2f' };
  const provider = new Provider(issuer, {
    clients: [client(basicClient, 'client_secret_basic'), client(postClient, 'client_secret_post')],
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: true },
    },
    pkce: { required: () => true },
    // Each refresh returns a new refresh token and retires the old one, so rotation is exercised.
    rotateRefreshToken: true,
    cookies: { keys: ['junction-test-cookie-key-1'] },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id }) }),
    ttl: {
      AccessToken: options.accessTokenTtl ?? 3600,
      ClientCredentials: options.clientCredentialsTtl ?? 3600,
      AuthorizationCode: 60,
      RefreshToken: 86_400,
      Grant: 86_400,
      Interaction: 600,
      Session: 86_400,
      IdToken: 3600,
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    authorizationUrl: `${issuer}/auth`,
    redirectUri: REDIRECT_URI,
    basicClient,
    postClient,
    provider,
    async revoke(token) {
      for (const model of [provider.AccessToken, provider.ClientCredentials, provider.RefreshToken]) {
        await (await model.find(token))?.destroy();
      }
    },
    close: () => close(server),
  };
}

function client(c: TestClient, method: string) {
  return {
    client_id: c.clientId,
    client_secret: c.clientSecret,
    grant_types: GRANTS,
    response_types: ['code'],
    redirect_uris: [REDIRECT_URI],
    token_endpoint_auth_method: method,
  };
}

/** Listens on a random port of 127.0.0.1 and returns it. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Stops a server, dropping kept-alive connections so the close does not wait for them. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

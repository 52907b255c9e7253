import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A person registered with the identity service. */
export interface Account {
  /** The stable id (`sub`): what every downstream key is derived from, never the email (which can change). */
  sub: string;
  email: string;
  name: string;
}

/** The identity service: a real OpenID Connect server on 127.0.0.1. */
export interface IdentityServer {
  issuer: string;
  clientId: string;
  redirectUri: string;
  close(): Promise<void>;
}

/** The user the demo signs up. */
export const DEMO_ACCOUNT: Account = { sub: 'usr_7f3k2ada', email: 'ada@example.com', name: 'Ada Lovelace' };

// Registered at the identity service; the scripted login stops at it rather than fetching it.
const REDIRECT_URI = 'https://app.example.test/auth/callback';

/**
 * Starts oidc-provider (the certified OpenID Connect server) on a free port,
 * the way core's own OAuth tests do: one confidential client, PKCE
 * required, and its development login and consent pages, which the
 * example fills in over HTTP as a user would in a browser.
 */
export async function startIdentityServer(options: { clientSecret: string; accounts: readonly Account[] }): Promise<IdentityServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'signup-demo-app';
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  const restoreConsole = muteProviderNotices();
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: options.clientSecret,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [REDIRECT_URI],
      },
    ],
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['signup-demo-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    // Unknown logins are refused, as a real identity service would.
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name }) };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    redirectUri: REDIRECT_URI,
    close: () =>
      new Promise<void>((resolve) => {
        restoreConsole();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * oidc-provider rightly warns, on the console, that its in-memory storage,
 * development keys and login pages are not for production. Here they are
 * the point (a stand-in identity service), and the warnings would break the
 * demo's live view, so they are dropped while it runs; nothing else is.
 */
function muteProviderNotices(): () => void {
  const { warn, info } = console;
  const filter =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider ')) return;
      original(...args);
    };
  console.warn = filter(warn);
  console.info = filter(info);
  return () => {
    console.warn = warn;
    console.info = info;
  };
}

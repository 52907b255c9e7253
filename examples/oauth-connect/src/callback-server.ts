import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppCredentials, callbackPath, PROVIDER_NAMES, PROVIDERS, type Provider, type ProviderAccount } from './config.js';
import { finishConnect, startConnect } from './connect.js';
import type { Connection, ConnectionStore } from './connection-store.js';
import { CallbackRefusedError } from './errors.js';
import { memoryPendingAuthorizations } from './pending-authorizations.js';

/** What the product's server reports: a connection made, or a callback refused (never a code, state or token). */
export type CallbackEvent =
  | { type: 'connected'; connection: Connection }
  | { type: 'refused'; userId: string | undefined; provider: Provider; reason: string };

/** Options for {@link startCallbackServer}. */
export interface CallbackServerOptions {
  apps: Record<Provider, AppCredentials>;
  connections: ConnectionStore;
  /** Where a user's account at a provider is reached (with the real providers, the same for everyone). */
  accountFor(userId: string, provider: Provider): ProviderAccount;
  /** The port on 127.0.0.1. Default: any free one. */
  port?: number;
  onEvent?: (event: CallbackEvent) => void;
}

/** The product's web server, as far as connecting goes. */
export interface CallbackServer {
  /** `http://127.0.0.1:<port>`: the origin redirect URIs are registered under. */
  readonly url: string;
  /** Every connection made and callback refused, in order. */
  readonly events: readonly CallbackEvent[];
  close(): Promise<void>;
}

const SESSION_COOKIE = 'sid';

/**
 * A node:http server on 127.0.0.1 with the routes of "connect your account":
 *
 * - `GET /signin?user=<id>&next=<path>`: the demo's stand-in for the product's
 *   login: it opens a session (an HttpOnly cookie) for that user.
 * - `GET /connect/<provider>`: step 1, redirects the signed-in user to the
 *   provider's authorization URL; the state and PKCE verifier stay in the session.
 * - `GET /oauth/<provider>/callback`: step 2, checks the state, exchanges the
 *   code and stores the tokens for the session's user; answers 200, or 400
 *   saying why when anything is off (and stores nothing).
 */
export async function startCallbackServer(options: CallbackServerOptions): Promise<CallbackServer> {
  const sessions = new Map<string, string>(); // session id → user id: your session store
  const pending = memoryPendingAuthorizations();
  const events: CallbackEvent[] = [];
  const emit = (event: CallbackEvent) => {
    events.push(event);
    options.onEvent?.(event);
  };
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    const sessionId = cookie(req, SESSION_COOKIE);
    const userId = sessionId ? sessions.get(sessionId) : undefined;

    if (url.pathname === '/signin') {
      const user = url.searchParams.get('user');
      if (!user) return send(res, 400, 'Say who signs in: /signin?user=<id>.');
      const id = randomBytes(18).toString('base64url');
      sessions.set(id, user);
      const next = url.searchParams.get('next') ?? '/';
      // Only paths on this server: never an open redirect.
      return redirect(
        res,
        next.startsWith('/') && !next.startsWith('//') ? next : '/',
        `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Lax; Path=/`,
      );
    }

    if (url.pathname === '/') return send(res, userId ? 200 : 401, userId ? `Signed in as ${userId}.` : 'Sign in first.');
    const connectMatch = /^\/connect\/([a-z]+)$/.exec(url.pathname);
    const provider = PROVIDERS.find((p) => connectMatch?.[1] === p || url.pathname === callbackPath(p));
    if (!provider) return send(res, 404, 'Not found.');
    if (!sessionId || !userId) return send(res, 401, 'Sign in first.');
    const deps = { apps: options.apps, connections: options.connections, pending, origin };

    if (connectMatch) {
      const authorizationUrl = await startConnect(deps, { sessionId, userId }, options.accountFor(userId, provider));
      return redirect(res, authorizationUrl);
    }
    try {
      const connection = await finishConnect(deps, sessionId, provider, url.href);
      emit({ type: 'connected', connection });
      return send(res, 200, `${PROVIDER_NAMES[provider]} is connected.`);
    } catch (error) {
      if (!(error instanceof CallbackRefusedError)) throw error;
      emit({ type: 'refused', userId, provider, reason: error.reason });
      return send(res, 400, error.message);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'Something went wrong.'));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    events,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
}

function redirect(res: ServerResponse, location: string, setCookie?: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store', ...(setCookie ? { 'set-cookie': setCookie } : {}) }).end();
}

import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createStripeClient, type StripeClient, type StripeClientOptions } from '../../src/stripe/index.js';
import { createStripeSandbox, type StripeSandbox, type StripeSandboxOptions } from '../../src/stripe/sandbox/index.js';

/** A Stripe sandbox served on 127.0.0.1, and a client pointed at it. */
export interface StripeLoopback {
  sandbox: StripeSandbox;
  server: LoopbackServer;
  stripe: StripeClient;
  /** Another client on the same server (other options, another key). */
  client(options?: Partial<StripeClientOptions>): StripeClient;
  close(): Promise<void>;
}

/**
 * Starts a sandbox behind a real HTTP server. Retries wait 1–20 ms and the
 * client's own limiter is off, so tests stay fast; the policies under test
 * are still Stripe's.
 */
export async function startStripeLoopback(options: StripeSandboxOptions = {}): Promise<StripeLoopback> {
  const sandbox = createStripeSandbox(options);
  const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: 'https://api.stripe.com' });
  const client = (more: Partial<StripeClientOptions> = {}) =>
    createStripeClient({
      apiKey: sandbox.apiKey,
      baseUrl: server.url,
      retry: { minDelayMs: 1, maxDelayMs: 20 },
      rateLimit: false,
      ...more,
    });
  return { sandbox, server, stripe: client(), client, close: () => server.close() };
}

/**
 * One loopback sandbox for a test file, handed to `started` once it is up,
 * and clean for every test: no objects, no recorded requests, no faults, the
 * sandbox's own handlers.
 */
export function useStripeLoopback(started: (env: StripeLoopback) => void): void {
  let env: StripeLoopback | undefined;
  beforeAll(async () => {
    env = await startStripeLoopback();
    started(env);
  });
  afterAll(() => env?.close());
  beforeEach(() => {
    if (!env) return;
    env.sandbox.reset();
    env.server.requests.length = 0;
    env.server.faults.clear();
    env.server.resetHandlers();
  });
}

import { createStripeSandbox, type SandboxWebhook, type StripeSandbox } from '@junction/payments/stripe/sandbox';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';

/** A local Stripe on 127.0.0.1: the sandbox's state, and the server that injects faults. */
export interface RunningSandbox {
  readonly sandbox: StripeSandbox;
  readonly server: LoopbackServer;
  /** `http://127.0.0.1:PORT`: the client's `baseUrl`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the Stripe sandbox (msw handlers that behave like Stripe) on a
 * loopback port, so the client goes through real sockets, real retries and
 * real faults, and delivers its events, signed, to `webhook`.
 */
export async function startStripeSandbox(options: { apiKey: string; webhook: SandboxWebhook }): Promise<RunningSandbox> {
  const sandbox = createStripeSandbox({ apiKey: options.apiKey, webhook: options.webhook });
  const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  return {
    sandbox,
    server,
    url: server.url,
    async close() {
      // Deliveries still under way would hit an endpoint that is closing.
      await sandbox.webhooks.flush();
      await server.close();
    },
  };
}

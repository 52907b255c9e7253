import { stripeSignatureHeader } from './sign.js';
import type { StripeObject } from './store.js';

/** Where the sandbox delivers events, as a Stripe webhook endpoint would receive them. */
export interface SandboxWebhook {
  /** The endpoint URL, e.g. your loopback server's `/webhooks/stripe`. */
  url: string;
  /** The endpoint's signing secret, `whsec_…`. */
  secret: string;
  /** Only these event types (default: all). */
  events?: readonly string[];
  /** Further attempts after a failed delivery (non-2xx or network error). Default 2. */
  retries?: number;
  /** Wait between attempts. Default 50 ms (Stripe waits hours; tests should not). */
  retryDelayMs?: number;
  /** The fetch to deliver with. Default: the global one. */
  fetch?: typeof fetch;
}

/** One event's delivery, as the sandbox recorded it. */
export interface WebhookDelivery {
  eventId: string;
  type: string;
  attempts: number;
  /** The last HTTP status received, if any. */
  status?: number;
  delivered: boolean;
  /** The last network error, if any. */
  error?: string;
}

/**
 * Delivers events to a webhook URL after the API response that caused them
 * (Stripe delivers asynchronously), signed with `Stripe-Signature`, retrying
 * failures a few times.
 */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  readonly #config: SandboxWebhook;
  readonly #nowSeconds: () => number;
  readonly #pending = new Set<Promise<void>>();

  constructor(config: SandboxWebhook, nowSeconds: () => number) {
    this.#config = config;
    this.#nowSeconds = nowSeconds;
  }

  /** Queues `event` for delivery (unless the endpoint does not take its type). */
  send(event: StripeObject): void {
    const type = String(event.type);
    if (this.#config.events && !this.#config.events.includes(type) && !this.#config.events.includes('*')) return;
    const delivery: WebhookDelivery = { eventId: event.id, type, attempts: 0, delivered: false };
    this.deliveries.push(delivery);
    // Stripe pretty-prints its deliveries; a receiver must verify the bytes as sent, not a re-serialization.
    const payload = JSON.stringify(event, null, 2);
    const run = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => this.#deliver(payload, delivery));
    this.#pending.add(run);
    void run.finally(() => this.#pending.delete(run));
  }

  /** Resolves once every queued delivery has finished (delivered or given up). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #deliver(payload: string, delivery: WebhookDelivery): Promise<void> {
    const attempts = 1 + (this.#config.retries ?? 2);
    const send = this.#config.fetch ?? globalThis.fetch;
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, this.#config.retryDelayMs ?? 50));
      delivery.attempts += 1;
      try {
        const response = await send(this.#config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'stripe-signature': stripeSignatureHeader(payload, this.#config.secret, this.#nowSeconds()),
          },
          body: payload,
        });
        await response.body?.cancel();
        delivery.status = response.status;
        delete delivery.error;
        if (response.ok) {
          delivery.delivered = true;
          return;
        }
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
    }
  }
}

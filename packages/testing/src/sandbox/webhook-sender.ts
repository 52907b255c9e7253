import type { WebhookSigner } from '@junction/core';

/** Options for {@link WebhookSender}; `TNote` is what `describe` adds to each delivery record. */
export interface WebhookSenderOptions<TEvent = unknown, TNote extends object = object> {
  /** The receiving endpoint, e.g. your app's `/webhooks/<provider>` on a loopback server. */
  url: string;
  /** Signs each delivery: core's signer for the provider's scheme (`stripeSigner({ secret })`), the counterpart of the verifier the endpoint uses. */
  signer: WebhookSigner;
  /** Serializes an event to the bytes sent. Default `JSON.stringify`. */
  serialize?: (event: TEvent) => string;
  /** Fields from the event to keep on its delivery record (the provider's event id and type), so a test finds a delivery without parsing the payload. */
  describe?: (event: TEvent) => TNote;
  /** Headers on every delivery (content type, user agent). Default `content-type: application/json`. */
  headers?: Record<string, string>;
  /** Further attempts after a failure (non-2xx or network error). Default 2. */
  retries?: number;
  /** Wait between attempts. Default 50 ms: providers wait minutes, tests should not. */
  retryDelayMs?: number;
  /** The clock, in milliseconds, that signs each attempt. Default `Date.now`. */
  now?: () => number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

/** One event's delivery, as the sender recorded it. */
export interface WebhookDelivery {
  /** The exact bytes sent. */
  payload: string;
  attempts: number;
  /** The last HTTP status received, if any. */
  status?: number;
  delivered: boolean;
  /** The last network error, if any. */
  error?: string;
}

/**
 * Delivers events to a webhook endpoint after the response that caused
 * them (providers deliver asynchronously), signed with the given signer,
 * retrying failures a few times.
 */
export class WebhookSender<TEvent = unknown, TNote extends object = object> {
  /** Deliveries made or under way, in order. */
  readonly deliveries: (WebhookDelivery & TNote)[] = [];
  readonly #options: WebhookSenderOptions<TEvent, TNote>;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: WebhookSenderOptions<TEvent, TNote>) {
    this.#options = options;
  }

  /** Queues `event` for delivery. */
  send(event: TEvent): void {
    const payload = (this.#options.serialize ?? JSON.stringify)(event);
    const delivery = { ...this.#options.describe?.(event), payload, attempts: 0, delivered: false } as WebhookDelivery & TNote;
    this.deliveries.push(delivery);
    const run = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => this.#deliver(delivery));
    this.#pending.add(run);
    void run.finally(() => this.#pending.delete(run));
  }

  /** Waits for every delivery under way, retries included. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #deliver(delivery: WebhookDelivery): Promise<void> {
    const { url, signer } = this.#options;
    const send = this.#options.fetch ?? fetch;
    const attempts = 1 + (this.#options.retries ?? 2);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.#options.retryDelayMs ?? 50));
      delivery.attempts += 1;
      try {
        const response = await send(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...this.#options.headers,
            ...signer.sign({ body: delivery.payload, timestamp: (this.#options.now ?? Date.now)() }),
          },
          body: delivery.payload,
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

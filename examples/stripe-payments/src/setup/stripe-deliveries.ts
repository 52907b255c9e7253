/** A redelivered event, and what our endpoint answered the second time. */
export interface Redelivery {
  eventId: string;
  type: string;
  status: number;
  /** How many events of the delivery the receiver dropped as already handled. */
  duplicates: number;
}

/** How the sandbox's webhook deliveries behave more like Stripe's. */
export interface StripeDeliveries {
  /** Give this to the sandbox as `webhook.fetch`. */
  readonly fetch: typeof fetch;
  /** Registers another endpoint, as in Stripe's dashboard: it gets the events sent from now on. */
  addEndpoint(url: string): void;
  /** The redeliveries made so far. */
  readonly redeliveries: readonly Redelivery[];
}

/**
 * The fetch the sandbox delivers webhooks with. The sandbox sends each event
 * once, to one URL. Stripe delivers *at least* once (a 200 lost on the way
 * back means the event comes again) and to every endpoint an account
 * registers. So this fetch sends each delivery to every registered
 * endpoint, and sends the first event of each type in `redeliver` twice,
 * byte for byte, signature included, to show the receiver dropping it.
 */
export function stripeDeliveries(options: { redeliver: readonly string[] }): StripeDeliveries {
  const endpoints = new Set<string>();
  const toRedeliver = new Set(options.redeliver);
  const redeliveries: Redelivery[] = [];

  const deliver: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    for (const url of endpoints) await (await fetch(url, init)).body?.cancel();

    const event = JSON.parse(String(init?.body)) as { id: string; type: string };
    if (toRedeliver.delete(event.type)) {
      const again = await fetch(input, init);
      const answer = (await again.json()) as { duplicates?: number };
      redeliveries.push({ eventId: event.id, type: event.type, status: again.status, duplicates: answer.duplicates ?? 0 });
    }
    return response;
  };

  return { fetch: deliver, addEndpoint: (url) => endpoints.add(url), redeliveries };
}

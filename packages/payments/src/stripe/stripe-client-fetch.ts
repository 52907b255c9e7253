// The `fetch` each Stripe client was created with, for the requests made
// beside its pipeline (an invoice PDF from pay.stripe.com, sent without the
// client's credentials), so a test's or sandbox's fetch sees those too.
// Keyed weakly by the client: nothing is kept once the client is gone.
const fetches = new WeakMap<object, typeof fetch>();

/** Records the `fetch` a client was created with, if any. */
export function rememberClientFetch(client: object, clientFetch: typeof fetch | undefined): void {
  if (clientFetch) fetches.set(client, clientFetch);
}

/** The `fetch` a client was created with; undefined for the global one (or a client not made by `createStripeClient`). */
export function clientFetchOf(client: object): typeof fetch | undefined {
  return fetches.get(client);
}

import { type CallOptions, type Client, type ClientSettings, createClient, defineConnector, type SecretSource } from '@junction/core';
import { stripeSecretKey } from './stripe-auth.js';
import { rememberClientFetch } from './stripe-client-fetch.js';
import { stripeErrors } from './stripe-errors.js';
import { stripeOperations } from './stripe-operations.generated.js';
import { STRIPE_TEST_RATE_LIMIT, stripeIdempotencyPolicy, stripeRateLimitFor, stripeRetryPolicy } from './stripe-policies.js';
import { stripeEventsPoll } from './stripe-poll.js';
import { stripeWebhooks } from './stripe-webhooks.js';

/**
 * The Stripe API version the schemas were generated from (spec of
 * 2023-09-12). Sent as `Stripe-Version` on every request, so an account's
 * default version cannot change what the API returns under us.
 */
export const STRIPE_API_VERSION = '2023-08-16';

/**
 * The Stripe connector: everything particular to Stripe, as data. Use it
 * through `createStripeClient`, or with core's `createClient` directly; give
 * it to core's `createWebhookReceiver` / `createPoller` for events.
 */
export const stripeConnector = defineConnector({
  name: 'stripe',
  baseUrl: 'https://api.stripe.com',
  headers: { 'Stripe-Version': STRIPE_API_VERSION },
  auth: stripeSecretKey(),
  operations: stripeOperations,
  errors: stripeErrors,
  retry: stripeRetryPolicy,
  // The lower (test-mode) limit; createStripeClient picks the live one for live keys.
  rateLimit: STRIPE_TEST_RATE_LIMIT,
  idempotency: stripeIdempotencyPolicy,
  webhooks: stripeWebhooks,
  poll: stripeEventsPoll,
  // stripe-node's default: some Stripe calls (a large list, a confirm awaiting the card network) take a while.
  timeoutMs: 80_000,
});

/** The type of the Stripe connector; its webhook and poll declarations keep their event types. */
export type StripeConnector = typeof stripeConnector;

/** Options for {@link createStripeClient}. */
export interface StripeClientOptions extends ClientSettings {
  /** A secret (`sk_…`) or restricted (`rk_…`) key, or a function returning the current one. */
  apiKey: SecretSource;
  /** The `Stripe-Version` to send. Default: the version the schemas were built from (2023-08-16). */
  apiVersion?: string;
  /** Connect: act as this connected account (`acct_…`) on every call. Per call, use `stripeAccount()`. */
  stripeAccount?: string;
}

/** A typed Stripe client: one method per operation (`createCustomer`, `confirmPaymentIntent`…), plus `request()`. */
export type StripeClient = Client<StripeConnector>;

/**
 * Creates a Stripe client. Every POST carries an idempotency key reused
 * across retries; Stripe's retry rules and its rate limit for the key's mode
 * (25 requests/s in test mode, 100 in live mode) are applied; errors are
 * `ApiError`s with Stripe's type, code and details.
 *
 * @example
 * const stripe = createStripeClient({ apiKey: process.env.STRIPE_SECRET_KEY! });
 * const customer = await stripe.createCustomer({ email: 'jenny@example.com' });
 */
export function createStripeClient(options: StripeClientOptions): StripeClient {
  const { apiKey, apiVersion, stripeAccount, headers, rateLimit, ...settings } = options;
  const client = createClient(stripeConnector, {
    ...settings,
    credentials: { apiKey },
    headers: {
      ...headers,
      ...(apiVersion ? { 'Stripe-Version': apiVersion } : {}),
      ...(stripeAccount ? { 'Stripe-Account': stripeAccount } : {}),
    },
    rateLimit: rateLimit === false ? false : { ...stripeRateLimitFor(apiKey), ...rateLimit },
  });
  // downloadInvoicePdf fetches outside the pipeline (no credentials), with the same fetch.
  rememberClientFetch(client, settings.fetch);
  return client;
}

/**
 * Call options that act as a Connect account (`Stripe-Account`), merged
 * with any others: `stripe.createCustomer(input, stripeAccount('acct_123'))`.
 */
export function stripeAccount(accountId: string, options: CallOptions = {}): CallOptions {
  return { ...options, headers: { ...options.headers, 'Stripe-Account': accountId } };
}

/**
 * Call options that send another `Stripe-Version` for one call, e.g. to try
 * a newer version before moving the whole client to it.
 */
export function stripeVersion(version: string, options: CallOptions = {}): CallOptions {
  return { ...options, headers: { ...options.headers, 'Stripe-Version': version } };
}

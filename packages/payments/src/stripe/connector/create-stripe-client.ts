import { type Client, type ClientSettings, createClient, type SecretSource } from '@junction/core';
import { stripeRateLimitFor } from '../policies/rate-limit.js';
import { type StripeConnector, stripeConnector } from './stripe-connector.js';

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
  return createClient(stripeConnector, {
    ...settings,
    credentials: { apiKey },
    headers: {
      ...headers,
      ...(apiVersion ? { 'Stripe-Version': apiVersion } : {}),
      ...(stripeAccount ? { 'Stripe-Account': stripeAccount } : {}),
    },
    rateLimit: rateLimit === false ? false : { ...stripeRateLimitFor(apiKey), ...rateLimit },
  });
}

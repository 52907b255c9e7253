import { defineConnector } from '@junction/core';
import { stripeErrors } from '../errors/parse-stripe-error.js';
import { stripeOperations } from '../operations/index.js';
import { stripeIdempotencyPolicy } from '../policies/idempotency.js';
import { STRIPE_TEST_RATE_LIMIT } from '../policies/rate-limit.js';
import { stripeRetryPolicy } from '../policies/retry-policy.js';
import { stripeEventsPoll } from '../webhooks/stripe-poll.js';
import { stripeWebhooks } from '../webhooks/stripe-webhooks.js';
import { STRIPE_API_VERSION } from './api-version.js';
import { stripeSecretKey } from './stripe-auth.js';

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

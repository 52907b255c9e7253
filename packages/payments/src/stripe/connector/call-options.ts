import type { CallOptions } from '@junction/core';

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

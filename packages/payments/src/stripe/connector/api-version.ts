/**
 * The Stripe API version the schemas were generated from (spec of
 * 2023-09-12). Sent as `Stripe-Version` on every request, so an account's
 * default version cannot change what the API returns under us.
 */
export const STRIPE_API_VERSION = '2023-08-16';

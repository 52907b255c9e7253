export { type StripeList, type StripeSearchResult, stripeList, stripeSearchResult } from './stripe-lists.js';
export * from './stripe-objects.generated.js';
export * from './stripe-params.generated.js';
export { params } from './stripe-params.js';

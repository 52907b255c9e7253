export { type StripeList, type StripeSearchResult, stripeList, stripeSearchResult } from './list.js';
export * from './objects.generated.js';
export * from './params.generated.js';
export { params } from './params.js';

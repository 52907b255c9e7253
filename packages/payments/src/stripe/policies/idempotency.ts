import type { IdempotencyPolicy } from '@junction/core';

/**
 * Stripe takes an `Idempotency-Key` header on POST. Every POST gets one
 * (the caller's, or a random UUID), fixed before the first attempt and
 * reused by every retry, so a retried create never creates twice. Stripe
 * keeps a key's first result for at least 24 hours.
 */
export const stripeIdempotencyPolicy: IdempotencyPolicy = { header: 'Idempotency-Key', methods: ['POST'] };

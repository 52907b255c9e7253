import type { IdempotencyPolicy } from '@junction/core';

/**
 * Stripe honours an `Idempotency-Key` header on POST, and this declaration
 * is what makes the client send one: core sends keys only to providers that
 * declare how they take them. Every POST gets a key (the caller's, or a
 * random UUID), fixed before the first attempt and reused by every retry, so
 * a retried create never creates twice. Stripe keeps a key's first result
 * for at least 24 hours.
 */
export const stripeIdempotencyPolicy: IdempotencyPolicy = { header: 'Idempotency-Key', methods: ['POST'] };

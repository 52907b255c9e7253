import { IdempotencyLedger } from '@junction/testing';
import { readKey } from './authenticate.js';

/**
 * The kit's ledger with Stripe's rules: keys on POST only, kept per secret
 * key and Connect account; the kit's defaults already answer as Stripe
 * does (replay with `Idempotent-Replayed`, 400 `idempotency_error` on other
 * parameters, 409 while the first request runs).
 */
export function stripeIdempotencyLedger(): IdempotencyLedger {
  return new IdempotencyLedger({
    methods: ['POST'],
    saves,
    scope: (request) => `${readKey(request.headers.get('authorization') ?? '') ?? ''}:${request.headers.get('stripe-account') ?? ''}`,
  });
}

// Saved: what the endpoint produced once it ran (success, a decline, a server error).
// Not saved: validation failures, missing objects, auth, rate limits, conflicts, so the key can be used again.
function saves(status: number): boolean {
  return status < 400 || status === 402 || status >= 500;
}

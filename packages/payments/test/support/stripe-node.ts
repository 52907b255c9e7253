import Stripe from 'stripe';
import type { StripeLoopback } from './stripe-loopback.js';

/** Stripe's own SDK pointed at a loopback sandbox, with no retries or telemetry, to check answers parse as Stripe's. */
export function stripeNodeFor(env: StripeLoopback): Stripe {
  return new Stripe(env.sandbox.apiKey, {
    host: '127.0.0.1',
    port: Number(new URL(env.server.url).port),
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

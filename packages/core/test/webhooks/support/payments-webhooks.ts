import { z } from 'zod';
import { defineWebhooks } from '../../../src/webhooks/index.js';
import { type ClockOption, hmacVerifier, part, type SecretOption, timestampedSignatureFields } from '../../../src/webhooks/verify/index.js';
import { stripeSigner } from './provider-signers.js';

/** The secrets of {@link paymentsWebhooks}: one or several (a rotation), and a tolerance in seconds. */
export type PaymentsSecrets = SecretOption & { toleranceSec?: number };

/**
 * Core's HMAC verifier configured for a Stripe-shaped scheme (`Stripe-Signature: t=…,v1=<hex>` over
 * `${t}.${body}`), as a payments connector would configure it. Stripe's own verifier ships with @junction/payments.
 */
export function paymentsVerifier(options: PaymentsSecrets & ClockOption) {
  return hmacVerifier({
    ...options,
    name: 'payments',
    fields: timestampedSignatureFields({ header: 'Stripe-Signature' }),
    template: [part.timestamp, '.', part.body],
    encoding: 'hex',
    canonicalSignatures: true,
    timestampParsing: 'parseInt',
    refuseFuture: false,
  });
}

/** A Stripe-shaped webhooks declaration with two typed event types, as a connector would carry it. */
export const paymentsWebhooks = defineWebhooks({
  name: 'payments',
  verifier: (secrets: PaymentsSecrets) => paymentsVerifier(secrets),
  envelope: z.object({ id: z.string(), type: z.string() }),
  id: (event) => event.id,
  type: (event) => event.type,
  events: {
    'payment_intent.succeeded': z.object({
      id: z.string(),
      type: z.literal('payment_intent.succeeded'),
      data: z.object({ object: z.object({ id: z.string(), amount: z.number(), currency: z.string() }) }),
    }),
    'customer.created': z.object({
      id: z.string(),
      type: z.literal('customer.created'),
      data: z.object({ object: z.object({ id: z.string(), email: z.string().nullable() }) }),
    }),
  },
});

export const SECRET = 'whsec_test_secret_for_junction_webhooks';

/** A `Stripe-Signature` header for `body`, made by core's HMAC signer configured as Stripe signs. */
export function stripeSignature(body: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)): string {
  return stripeSigner(secret).sign({ body, timestamp: timestamp * 1000 })['Stripe-Signature'] as string;
}

/** A `payment_intent.succeeded` event. */
export function paymentSucceeded(id: string, amount = 1000) {
  return { id, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: `pi_${id}`, amount, currency: 'usd' } } };
}

/** A signed delivery of `event`, as the receiver takes it. */
export function signedDelivery(event: unknown, secret = SECRET) {
  const body = JSON.stringify(event);
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(body, secret) } };
}

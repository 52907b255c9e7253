import { createWebhookReceiver } from '@junction/core';
import { stripeWebhooks } from '@junction/payments/stripe';
import { money } from '../format.js';
import type { EventJournal } from './event-journal.js';

/**
 * The app's Stripe webhook receiver: verifies `Stripe-Signature` with the
 * endpoint's `whsec_` secret, drops events it has already handled, and
 * hands each to a handler whose payload is typed by its event type.
 */
export function createStripeReceiver(secret: string, journal: EventJournal) {
  const receiver = createWebhookReceiver(stripeWebhooks, { secrets: { secret } });

  // Every event, typed or not (charge.* has no schema here and still arrives).
  receiver.onAny((event) => journal.received(event.id, event.type));

  receiver.on('payment_intent.succeeded', (event) => {
    const intent = event.payload.data.object;
    journal.react(
      event.id,
      `payment_intent.succeeded: order ${intent.metadata?.order_id} paid, ${money(intent.amount_received ?? 0, intent.currency)}`,
    );
  });
  receiver.on('payment_intent.payment_failed', (event) => {
    const failure = event.payload.data.object.last_payment_error;
    journal.react(event.id, `payment_intent.payment_failed: email the customer (${failure?.decline_code ?? failure?.code})`);
  });
  receiver.on('refund.created', (event) => {
    const refund = event.payload.data.object;
    journal.react(event.id, `refund.created: ${refund.id} ${money(refund.amount, refund.currency)}, ${refund.status}`);
  });
  return receiver;
}

import { createWebhookReceiver } from '@junction/core';
import { stripePaymentWebhooks } from '@junction/payments/stripe';
import { money } from '../format.js';
import type { EventJournal } from './event-journal.js';

/**
 * The same Stripe deliveries, read as provider-neutral payment events:
 * `payment_intent.succeeded` arrives as `payment.succeeded` with a unified
 * `Payment` in `data`. Code written against these handlers would work
 * unchanged with another provider's adapter.
 */
export function createPaymentsReceiver(secret: string, journal: EventJournal) {
  const receiver = createWebhookReceiver(stripePaymentWebhooks, { secrets: { secret } });

  receiver.onAny((event) => journal.received(event.id, event.known ? event.type : `unknown (${event.type})`));

  receiver.on('payment.succeeded', (event) => {
    const payment = event.payload.data;
    journal.react(event.id, `payment.succeeded: ${payment.id} ${money(payment.amountReceived, payment.currency)}`);
  });
  receiver.on('refund.succeeded', (event) => {
    const refund = event.payload.data;
    journal.react(event.id, `refund.succeeded: ${refund.id} ${money(refund.amount, refund.currency)} of ${refund.paymentId}`);
  });
  return receiver;
}

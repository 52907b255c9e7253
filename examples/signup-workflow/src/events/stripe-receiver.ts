import { createWebhookReceiver } from '@junction/core';
import { stripeConnector } from '@junction/payments/stripe';
import type { Services } from '../setup/services.js';
import { sendReceipt } from '../steps/send-receipt.js';
import type { EventJournal } from './event-journal.js';

/**
 * The app's Stripe receiver: verifies `Stripe-Signature`, drops events
 * already handled, and reacts to the end of the trial. Both reactions are
 * safe to run again (an upsert, a send with a key derived from the
 * invoice), so a redelivery after a crash halfway would do no harm either.
 */
export function createStripeReceiver(secret: string, services: Services, journal: EventJournal) {
  const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret } });
  receiver.onAny((event) => journal.handled('stripe', event.id, event.type));

  // The trial ended and the subscription is now paid for: tell the CRM.
  receiver.on('customer.subscription.updated', async (event) => {
    const subscription = event.payload.data.object;
    const before = event.payload.data.previous_attributes?.status;
    if (before !== 'trialing' || subscription.status === 'trialing') return;
    const email = subscription.metadata?.email;
    if (!email) return;
    await services.crm.contacts.upsert({ email, custom: { plan: 'pro', subscriptionStatus: subscription.status } }, 'email');
    journal.react(`stripe ${event.type}: trialing -> ${subscription.status}, CRM contact updated (plan pro, ${subscription.status})`);
  });

  // A paid invoice with money in it (the trial's is $0): email the receipt.
  receiver.on('invoice.paid', async (event) => {
    const invoice = event.payload.data.object;
    if (!invoice.id || invoice.amount_paid <= 0) return;
    const to = invoice.customer_email ?? (await customerEmail(services, String(invoice.customer)));
    if (!to) return;
    await sendReceipt(services, { invoiceId: invoice.id, to, amount: invoice.amount_paid, currency: invoice.currency });
    journal.react(`stripe ${event.type}: ${invoice.id} paid, receipt emailed`);
  });
  return receiver;
}

/** The customer's email, when the invoice does not carry it; a deleted customer has none. */
async function customerEmail(services: Services, id: string): Promise<string | null | undefined> {
  const customer = await services.stripe.retrieveCustomer({ id });
  return 'email' in customer ? customer.email : undefined;
}

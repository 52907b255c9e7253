import { createWebhookReceiver, type UnknownEvent } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { STRIPE_EVENT_SCHEMAS, type StripeEventType, stripeConnector, stripeSigner } from '../src/stripe/index.js';
import { TEMPLATES } from '../src/stripe/sandbox/templates.generated.js';
import { copyOf, type Json, SAMPLE_NOW, sampleInvoice, sampleSubscription } from './support/billing-samples.js';

// Billing events built from Stripe's sample objects, with the fields API
// 2023-08-16 always sends added back (see support/billing-samples.ts), and
// the values Stripe would send for each event.

const SECRET = 'whsec_billing_events_0123456789';
const signer = stripeSigner({ secret: SECRET });

/** What `invoice.upcoming` carries: the invoice the next billing will create, which has no id yet. */
function upcomingInvoice(): Json {
  const { id: _none, ...upcoming } = sampleInvoice({ status: 'draft', billing_reason: 'upcoming', subscription: 'sub_1' });
  return upcoming;
}

const finalized = { status: 'open', number: 'ABC-0001', invoice_pdf: 'https://pay.stripe.com/invoice/acct_1/test_1/pdf?s=ap' };

/** The billing event types: the record below must give an object for each (a type error otherwise). */
type BillingType = Extract<StripeEventType, `${'customer.subscription' | 'invoice' | 'setup_intent' | 'payment_method'}.${string}`>;

const objects: Record<BillingType, Json> = {
  'customer.subscription.created': sampleSubscription({ status: 'incomplete' }),
  'customer.subscription.updated': sampleSubscription({ cancel_at_period_end: true }),
  'customer.subscription.deleted': sampleSubscription({ status: 'canceled', ended_at: SAMPLE_NOW }),
  'customer.subscription.trial_will_end': sampleSubscription({ status: 'trialing', trial_end: SAMPLE_NOW + 3 * 86_400 }),
  'invoice.created': sampleInvoice(),
  'invoice.finalized': sampleInvoice(finalized),
  'invoice.paid': sampleInvoice({ ...finalized, status: 'paid', paid: true, amount_paid: 1000, amount_remaining: 0 }),
  'invoice.payment_succeeded': sampleInvoice({ ...finalized, status: 'paid', paid: true, amount_paid: 1000, amount_remaining: 0 }),
  'invoice.payment_failed': sampleInvoice({ ...finalized, attempted: true, attempt_count: 1 }),
  'invoice.updated': sampleInvoice({ description: 'Thanks for your business' }),
  'invoice.voided': sampleInvoice({ ...finalized, status: 'void' }),
  'invoice.upcoming': upcomingInvoice(),
  'setup_intent.created': copyOf(TEMPLATES.setup_intent),
  'setup_intent.succeeded': { ...copyOf(TEMPLATES.setup_intent), status: 'succeeded', payment_method: 'pm_1', last_setup_error: null },
  'setup_intent.setup_failed': {
    ...copyOf(TEMPLATES.setup_intent),
    last_setup_error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' },
  },
  'payment_method.attached': { ...copyOf(TEMPLATES.payment_method), customer: 'cus_1' },
  'payment_method.detached': copyOf(TEMPLATES.payment_method),
};

function eventOf(type: string, object: Json, previous?: Json): string {
  const event = {
    ...copyOf(TEMPLATES.event),
    id: `evt_${type.replaceAll('.', '_')}`,
    type,
    created: SAMPLE_NOW,
    api_version: '2023-08-16',
    data: { object, ...(previous ? { previous_attributes: previous } : {}) },
  };
  return JSON.stringify(event);
}

function receiver() {
  return createWebhookReceiver(stripeConnector, { secrets: { secret: SECRET } });
}

async function deliver(target: ReturnType<typeof receiver>, body: string) {
  return target.receive({ body, headers: signer.sign({ body }) });
}

describe('typed billing webhooks', () => {
  it('types every billing event the task lists', () => {
    expect(Object.keys(objects)).toHaveLength(4 + 7 + 1 + 3 + 2);
    for (const type of Object.keys(objects)) expect(STRIPE_EVENT_SCHEMAS).toHaveProperty([type]);
  });

  it.each(Object.entries(objects))('delivers %s to its handler with the typed object', async (type, object) => {
    const target = receiver();
    const received: unknown[] = [];
    target.on(type as StripeEventType, (event) => {
      received.push(event.payload.data.object);
    });
    const result = await deliver(target, eventOf(type, object));
    expect(result.events).toEqual([{ id: `evt_${type.replaceAll('.', '_')}`, type, outcome: 'handled' }]);
    // Parsed leniently: everything Stripe sent is kept, newer fields included.
    expect(received).toEqual([object]);
  });

  it('gives each handler its own object type', async () => {
    const target = receiver();
    const seen: string[] = [];
    target.on('customer.subscription.updated', (event) => {
      const { object, previous_attributes } = event.payload.data;
      seen.push(`${object.id} ends ${object.current_period_end}, was cancel_at_period_end=${previous_attributes?.cancel_at_period_end}`);
    });
    target.on('invoice.upcoming', (event) => {
      const upcoming = event.payload.data.object;
      seen.push(`upcoming ${upcoming.id ?? '(no id)'} for ${upcoming.amount_due}`);
    });
    target.on('invoice.paid', (event) => {
      seen.push(`paid ${event.payload.data.object.number} ${event.payload.data.object.paid}`);
    });
    target.on('setup_intent.setup_failed', (event) => {
      seen.push(`setup failed: ${event.payload.data.object.last_setup_error?.code}`);
    });
    target.on('payment_method.attached', (event) => {
      seen.push(`${event.payload.data.object.card?.last4} attached to ${event.payload.data.object.customer}`);
    });
    await deliver(
      target,
      eventOf('customer.subscription.updated', objects['customer.subscription.updated'], { cancel_at_period_end: false }),
    );
    await deliver(target, eventOf('invoice.upcoming', upcomingInvoice()));
    await deliver(target, eventOf('invoice.paid', objects['invoice.paid']));
    await deliver(target, eventOf('setup_intent.setup_failed', objects['setup_intent.setup_failed']));
    await deliver(target, eventOf('payment_method.attached', objects['payment_method.attached']));
    expect(seen).toEqual([
      `sub_1Pgc6rB7WZ01zgkWNy0Cn5nw ends ${SAMPLE_NOW + 30 * 86_400}, was cancel_at_period_end=false`,
      'upcoming (no id) for 1000',
      'paid ABC-0001 true',
      'setup failed: card_declined',
      '4242 attached to cus_1',
    ]);
  });

  it('passes an event its schema refuses to onUnknown, with the issues, rather than dropping it', async () => {
    const target = receiver();
    const unknown: UnknownEvent[] = [];
    target.on('customer.subscription.created', () => {
      throw new Error('must not run for an invalid payload');
    });
    target.onUnknown((event) => {
      unknown.push(event);
    });
    // The raw newer sample: no current_period_start/end, which 2023-08-16 always sends.
    await deliver(target, eventOf('customer.subscription.created', copyOf(TEMPLATES.subscription)));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.issues?.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['data.object.current_period_end', 'data.object.current_period_start']),
    );
  });

  it('still refuses a billing event signed with another secret', async () => {
    const body = eventOf('invoice.paid', objects['invoice.paid']);
    const headers = stripeSigner({ secret: 'whsec_someone_else_000000000' }).sign({ body });
    await expect(receiver().receive({ body, headers })).rejects.toThrow(/signature/i);
  });
});

import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { isStripeCardError } from '../src/stripe/index.js';
import { fail } from './support/fail.js';
import { type StripeLoopback, useStripeLoopback } from './support/stripe-loopback.js';
import { stripeNodeFor } from './support/stripe-node.js';

let env: StripeLoopback;
useStripeLoopback((started) => {
  env = started;
});

const eventTypes = () => env.sandbox.state.events.map((event) => event.type);
const cardOnly = { payment_method_types: ['card'] };

describe('SetupIntents in the sandbox', () => {
  it('saves a card for a customer: a new PaymentMethod attached, with events in order', async () => {
    const customer = await env.stripe.createCustomer({});
    const intent = await env.stripe.createSetupIntent({ customer: customer.id, ...cardOnly, metadata: { flow: 'onboarding' } });
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      usage: 'off_session',
      customer: customer.id,
      metadata: { flow: 'onboarding' },
    });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    const confirmed = await env.stripe.confirmSetupIntent({ id: intent.id, payment_method: 'pm_card_visa' });
    expect(confirmed).toMatchObject({ status: 'succeeded', last_setup_error: null });
    expect(confirmed.payment_method).toMatch(/^pm_Sbx/);
    expect(await env.stripe.retrievePaymentMethod({ id: String(confirmed.payment_method) })).toMatchObject({ customer: customer.id });
    expect(eventTypes()).toEqual(['customer.created', 'setup_intent.created', 'payment_method.attached', 'setup_intent.succeeded']);
  });

  it("answers a declining card with Stripe's 402 and leaves the intent for another card", async () => {
    const customer = await env.stripe.createCustomer({});
    const error = await fail(
      env.stripe.createSetupIntent({
        customer: customer.id,
        payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
        confirm: true,
        ...cardOnly,
      }),
    );
    expect(isStripeCardError(error)).toBe(true);
    expect(error).toMatchObject({ status: 402, code: 'card_declined', details: { decline_code: 'insufficient_funds' } });
    const id = String((error.details as { setup_intent?: string }).setup_intent);
    const intent = await env.stripe.retrieveSetupIntent({ id });
    expect(intent).toMatchObject({ status: 'requires_payment_method', payment_method: null, last_setup_error: { code: 'card_declined' } });
    expect(eventTypes().at(-1)).toBe('setup_intent.setup_failed');
    expect((await env.stripe.listPaymentMethods({ customer: customer.id })).data).toEqual([]);
    // pm_card_chargeCustomerFail passes the check made on saving; its charges fail later.
    expect(await env.stripe.confirmSetupIntent({ id, payment_method: 'pm_card_chargeCustomerFail' })).toMatchObject({
      status: 'succeeded',
    });
  });

  it('asks for 3-D Secure with an authentication card, and needs a return_url with automatic payment methods', async () => {
    const action = await env.stripe.createSetupIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true, ...cardOnly });
    expect(action).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    const automatic = await env.stripe.createSetupIntent({});
    expect(automatic.automatic_payment_methods).toMatchObject({ enabled: true });
    const noReturn = await fail(env.stripe.confirmSetupIntent({ id: automatic.id, payment_method: 'pm_card_visa' }));
    expect(noReturn).toMatchObject({ status: 400 });
    expect(noReturn.message).toContain('return_url');
  });

  it('cancels one not yet succeeded, refuses to cancel a succeeded one, and lists by customer', async () => {
    const customer = await env.stripe.createCustomer({});
    const open = await env.stripe.createSetupIntent({ customer: customer.id, ...cardOnly });
    const done = await env.stripe.createSetupIntent({ customer: customer.id, payment_method: 'pm_card_visa', confirm: true, ...cardOnly });
    await env.stripe.createSetupIntent(cardOnly);
    expect(await env.stripe.cancelSetupIntent({ id: open.id, cancellation_reason: 'abandoned' })).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'abandoned',
    });
    const refused = await fail(env.stripe.cancelSetupIntent({ id: done.id }));
    expect(refused).toMatchObject({ status: 400, code: 'setup_intent_unexpected_state' });
    const listed = await env.stripe.listSetupIntents({ customer: customer.id });
    expect(listed.data.map((intent) => intent.id)).toEqual([done.id, open.id]);
    expect(await fail(env.stripe.retrieveSetupIntent({ id: 'seti_missing' }))).toMatchObject({ status: 404, code: 'resource_missing' });
  });

  it("answers stripe-node with a SetupIntent and a card error it reads as Stripe's", async () => {
    const sdk = stripeNodeFor(env);
    const customer = await sdk.customers.create({});
    const saved = await sdk.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_visa', confirm: true, ...cardOnly });
    expect(saved.status).toBe('succeeded');
    const declined = await sdk.setupIntents
      .create({ customer: customer.id, payment_method: 'pm_card_chargeDeclined', confirm: true, ...cardOnly })
      .catch((e: unknown) => e);
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((declined as Stripe.errors.StripeCardError).setup_intent).toMatchObject({ status: 'requires_payment_method' });
  });
});

describe('customer portal sessions', () => {
  it('makes a session for an existing customer, with a Stripe-looking url', async () => {
    const customer = await env.stripe.createCustomer({});
    const session = await env.stripe.createBillingPortalSession({ customer: customer.id, return_url: 'https://example.com/account' });
    expect(session).toMatchObject({
      id: expect.stringMatching(/^bps_/),
      object: 'billing_portal.session',
      customer: customer.id,
      return_url: 'https://example.com/account',
      livemode: false,
      url: expect.stringMatching(/^https:\/\/billing\.stripe\.com\/p\/session\/test_/),
    });
    const missing = await fail(env.stripe.createBillingPortalSession({ customer: 'cus_missing' }));
    expect(missing).toMatchObject({ status: 404, code: 'resource_missing', details: { param: 'customer' } });
    const sdk = await stripeNodeFor(env).billingPortal.sessions.create({ customer: customer.id });
    expect(sdk.url).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\/test_/);
  });
});

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

describe('PaymentMethods in the sandbox', () => {
  it('attaches a test token as a new PaymentMethod each time, and lists the customer’s newest first', async () => {
    const customer = await env.stripe.createCustomer({ email: 'cards@example.com' });
    const visa = await env.stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: customer.id });
    expect(visa).toMatchObject({ object: 'payment_method', type: 'card', customer: customer.id, card: { brand: 'visa', last4: '4242' } });
    expect(visa.id).toMatch(/^pm_Sbx/);
    const again = await env.stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: customer.id });
    expect(again.id).not.toBe(visa.id);
    expect(again.card?.fingerprint).toBe(visa.card?.fingerprint);
    const mastercard = await env.stripe.attachPaymentMethod({ id: 'pm_card_mastercard', customer: customer.id });
    const listed = await env.stripe.listPaymentMethods({ customer: customer.id, type: 'card' });
    expect(listed.data.map((pm) => pm.id)).toEqual([mastercard.id, again.id, visa.id]);
    expect(await env.stripe.retrievePaymentMethod({ id: visa.id })).toMatchObject({ id: visa.id, customer: customer.id });
    expect(eventTypes()).toEqual(['customer.created', 'payment_method.attached', 'payment_method.attached', 'payment_method.attached']);
  });

  it('charges a stored PaymentMethod as the test card it was made from', async () => {
    const customer = await env.stripe.createCustomer({});
    const saved = await env.stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: customer.id });
    const intent = await env.stripe.createPaymentIntent({
      amount: 1200,
      currency: 'usd',
      customer: customer.id,
      payment_method: saved.id,
      payment_method_types: ['card'],
      confirm: true,
    });
    expect(intent).toMatchObject({ status: 'succeeded', payment_method: saved.id });
  });

  it('declines attaching a declining card, but attaches pm_card_chargeCustomerFail, whose charges then fail', async () => {
    const customer = await env.stripe.createCustomer({});
    const declined = await fail(env.stripe.attachPaymentMethod({ id: 'pm_card_chargeDeclined', customer: customer.id }));
    expect(isStripeCardError(declined)).toBe(true);
    expect(declined).toMatchObject({ status: 402, code: 'card_declined', details: { decline_code: 'generic_decline' } });
    expect(env.sandbox.state.paymentMethods.size).toBe(0);

    const failing = await env.stripe.attachPaymentMethod({ id: 'pm_card_chargeCustomerFail', customer: customer.id });
    expect(failing).toMatchObject({ customer: customer.id, card: { last4: '0341' } });
    const charge = await fail(
      env.stripe.createPaymentIntent({
        amount: 1200,
        currency: 'usd',
        customer: customer.id,
        payment_method: failing.id,
        payment_method_types: ['card'],
        confirm: true,
      }),
    );
    expect(charge).toMatchObject({
      status: 402,
      code: 'card_declined',
      details: { decline_code: 'generic_decline', payment_method: failing.id },
    });
  });

  it('refuses one attached to another customer, and 404s an unknown id or customer', async () => {
    const [a, b] = [await env.stripe.createCustomer({}), await env.stripe.createCustomer({})];
    const pm = await env.stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: a.id });
    const taken = await fail(env.stripe.attachPaymentMethod({ id: pm.id, customer: b.id }));
    expect(taken).toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect(taken.message).toContain('already been attached to a customer');
    const unknown = await fail(env.stripe.attachPaymentMethod({ id: 'pm_nope', customer: a.id }));
    expect(unknown).toMatchObject({ status: 404, code: 'resource_missing' });
    expect(unknown.message).toContain("No such PaymentMethod: 'pm_nope'");
    expect(await fail(env.stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: 'cus_nope' }))).toMatchObject({
      status: 404,
      details: { param: 'customer' },
    });
    expect(await fail(env.stripe.listPaymentMethods({ customer: 'cus_nope' }))).toMatchObject({ status: 404 });
  });

  it('detaches for good: no customer, the default cleared, never used or attached again', async () => {
    const customer = await env.stripe.createCustomer({});
    const pm = await env.stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: customer.id });
    await env.stripe.updateCustomer({ id: customer.id, invoice_settings: { default_payment_method: pm.id } });
    const detached = await env.stripe.detachPaymentMethod({ id: pm.id });
    expect(detached).toMatchObject({ id: pm.id, customer: null });
    expect(eventTypes().slice(-2)).toEqual(['payment_method.detached', 'customer.updated']);
    expect(env.sandbox.state.events.at(-2)?.data).toMatchObject({ previous_attributes: { customer: customer.id } });
    expect(await env.stripe.retrieveCustomer({ id: customer.id })).toMatchObject({ invoice_settings: { default_payment_method: null } });
    expect(await fail(env.stripe.attachPaymentMethod({ id: pm.id, customer: customer.id }))).toMatchObject({ status: 400 });
    expect(await fail(env.stripe.detachPaymentMethod({ id: pm.id }))).toMatchObject({ status: 400 });
    const reuse = fail(
      env.stripe.createPaymentIntent({ amount: 500, currency: 'usd', payment_method: pm.id, payment_method_types: ['card'] }),
    );
    expect((await reuse).message).toContain('may not be used again');
  });
});

describe("a customer's default payment method", () => {
  it('attaches payment_method at creation and takes it as the default by the id it was given', async () => {
    const customer = await env.stripe.createCustomer({
      email: 'default@example.com',
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const [saved] = [...env.sandbox.state.paymentMethods.values()];
    expect(saved).toMatchObject({ customer: customer.id });
    expect(customer.invoice_settings).toEqual({
      custom_fields: null,
      default_payment_method: saved?.id,
      footer: null,
      rendering_options: null,
    });
    expect(eventTypes()).toEqual(['customer.created', 'payment_method.attached']);
    const declined = await fail(env.stripe.createCustomer({ payment_method: 'pm_card_chargeDeclined' }));
    expect(declined).toMatchObject({ status: 402, code: 'card_declined' });
    expect(env.sandbox.state.customers.size).toBe(1);
  });

  it("sets and clears it on update, only to one of the customer's PaymentMethods", async () => {
    const [jenny, other] = [await env.stripe.createCustomer({}), await env.stripe.createCustomer({})];
    const pm = await env.stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: jenny.id });
    const set = await env.stripe.updateCustomer({ id: jenny.id, invoice_settings: { default_payment_method: pm.id } });
    expect(set.invoice_settings?.default_payment_method).toBe(pm.id);
    expect(env.sandbox.state.events.at(-1)).toMatchObject({
      type: 'customer.updated',
      data: { previous_attributes: { invoice_settings: { default_payment_method: null } } },
    });
    const elsewhere = await fail(env.stripe.updateCustomer({ id: other.id, invoice_settings: { default_payment_method: pm.id } }));
    expect(elsewhere).toMatchObject({ status: 400, details: { param: 'invoice_settings[default_payment_method]' } });
    expect(elsewhere.providerMessage).toBe(
      `The customer does not have a payment method with the ID ${pm.id}. The payment method must be attached to the customer.`,
    );
    const token = await fail(env.stripe.updateCustomer({ id: jenny.id, invoice_settings: { default_payment_method: 'pm_card_visa' } }));
    expect(token).toMatchObject({ status: 400, code: 'resource_missing' });
    expect(token.providerMessage).toMatch(/^No such PaymentMethod: 'pm_card_visa'; It's possible/);
    const cleared = await env.stripe.updateCustomer({ id: jenny.id, invoice_settings: { default_payment_method: '' } });
    expect(cleared.invoice_settings?.default_payment_method).toBeNull();
  });

  it('puts a customer on an existing test clock, at its time', async () => {
    const missing = await fail(env.stripe.createCustomer({ test_clock: 'clock_missing' }));
    expect(missing).toMatchObject({ status: 404, code: 'resource_missing', details: { param: 'test_clock' } });
    expect(missing.message).toContain("No such test clock: 'clock_missing'");
    const clock = await env.stripe.createTestClock({ frozen_time: 1_700_000_000 });
    const customer = await env.stripe.createCustomer({ test_clock: clock.id });
    expect(customer).toMatchObject({ test_clock: clock.id, created: 1_700_000_000 });
  });

  it("answers stripe-node's attach and customer calls with Stripe's shapes", async () => {
    const sdk = stripeNodeFor(env);
    const customer = await sdk.customers.create({
      payment_method: 'pm_card_amex',
      invoice_settings: { default_payment_method: 'pm_card_amex' },
    });
    const pm = await sdk.paymentMethods.retrieve(String(customer.invoice_settings.default_payment_method));
    expect(pm).toMatchObject({ customer: customer.id, card: { brand: 'amex', last4: '8431' } });
    const list = await sdk.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(list.data.map((p) => p.id)).toEqual([pm.id]);
    const declined = await sdk.paymentMethods
      .attach('pm_card_chargeDeclinedExpiredCard', { customer: customer.id })
      .catch((e: unknown) => e);
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ code: 'expired_card', statusCode: 402 });
  });
});

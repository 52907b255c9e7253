import { lenient } from '@junction/core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { StripeSchemas } from '../src/stripe/index.js';
import { TEMPLATES } from '../src/stripe/sandbox/templates.generated.js';

// Stripe's sample objects (fixtures3.json, MIT) are newer than the 2023-08-16 spec the
// schemas come from: they carry fields and values the spec never heard of.
const samples: [string, z.ZodType, unknown][] = [
  ['customer', StripeSchemas.Customer, TEMPLATES.customer],
  ['payment_intent', StripeSchemas.PaymentIntent, TEMPLATES.payment_intent],
  ['refund', StripeSchemas.Refund, TEMPLATES.refund],
  ['checkout.session', StripeSchemas.CheckoutSession, TEMPLATES['checkout.session']],
  ['item', StripeSchemas.LineItem, TEMPLATES.item],
  ['event', StripeSchemas.Event, TEMPLATES.event],
];

describe('response schemas generated from the spec', () => {
  it.each(samples)("read Stripe's newer sample %s, keeping the fields they do not know", (_name, schema, sample) => {
    const result = lenient(schema).safeParse(sample);
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(sample);
  });

  it('take enum values Stripe adds later', () => {
    const intent = { ...TEMPLATES.payment_intent, status: 'requires_reauthorization', capture_method: 'automatic_async_v2' };
    expect(lenient(StripeSchemas.PaymentIntent).safeParse(intent).success).toBe(true);
  });

  it('still refuse a wrong type', () => {
    const result = lenient(StripeSchemas.PaymentIntent).safeParse({ ...TEMPLATES.payment_intent, amount: '1099' });
    expect(result.error?.issues[0]?.path).toEqual(['amount']);
  });
});

describe('input schemas generated from the spec', () => {
  it('require what Stripe requires and type what it types', () => {
    expect(StripeSchemas.CreatePaymentIntentParams.safeParse({ currency: 'usd' }).error?.issues[0]?.path).toEqual(['amount']);
    expect(StripeSchemas.CreatePaymentIntentParams.safeParse({ amount: 10, currency: 'usd', confirm: 'yes' }).success).toBe(false);
    expect(StripeSchemas.CreateCheckoutSessionParams.safeParse({}).error?.issues[0]?.path).toEqual(['success_url']);
  });

  it('take an enum value Stripe adds later, and parameters newer than the spec', () => {
    const parsed = StripeSchemas.CreatePaymentIntentParams.parse({
      amount: 10,
      currency: 'usd',
      capture_method: 'automatic_async_future',
      payment_method_configuration: 'pmc_1',
    });
    expect(parsed).toMatchObject({ capture_method: 'automatic_async_future', payment_method_configuration: 'pmc_1' });
  });

  it("accept '' to unset a field that Stripe lets you unset", () => {
    expect(StripeSchemas.UpdateCustomerParams.safeParse({ id: 'cus_1', address: '', metadata: '', tax_exempt: '' }).success).toBe(true);
  });
});

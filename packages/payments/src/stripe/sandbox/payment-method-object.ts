import { createHash } from 'node:crypto';
import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';
import type { TestPaymentMethod } from './test-payment-methods.js';

// The test card each PaymentMethod was made from, kept beside the object so its JSON stays Stripe's.
const testCards = new WeakMap<StripeObject, TestPaymentMethod>();
// PaymentMethods detached from their customer: Stripe refuses to use them again.
const spent = new WeakSet<StripeObject>();

/** What a new card PaymentMethod is made of. */
export interface NewPaymentMethod {
  id: string;
  created: number;
  livemode: boolean;
  customer: string | null;
  card: TestPaymentMethod;
}

/**
 * A card PaymentMethod for a test card, on Stripe's sample (API version
 * 2023-08-16's fields): brand, last4, funding and country from the card,
 * an expiry a year after `created`, a fingerprint the same for every
 * PaymentMethod of the same card number, and no billing details.
 */
export function buildPaymentMethod(fields: NewPaymentMethod): StripeObject {
  const sample = fromTemplate('payment_method');
  delete sample.allow_redisplay;
  delete sample.customer_account;
  const { card, ...rest } = fields;
  const created = new Date(fields.created * 1000);
  const paymentMethod: StripeObject = {
    ...sample,
    ...rest,
    type: 'card',
    metadata: {},
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: card.country,
      exp_month: created.getUTCMonth() + 1,
      exp_year: created.getUTCFullYear() + 1,
      fingerprint: createHash('sha256').update(`${card.brand}:${card.last4}`).digest('hex').slice(0, 16),
      funding: card.funding,
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
  };
  testCards.set(paymentMethod, card);
  return paymentMethod;
}

/** The test card a PaymentMethod the sandbox made stands for. */
export function testCardOf(paymentMethod: StripeObject): TestPaymentMethod | undefined {
  return testCards.get(paymentMethod);
}

/** Marks a PaymentMethod detached for good: it can be neither used nor attached again. */
export function markSpent(paymentMethod: StripeObject): void {
  spent.add(paymentMethod);
}

/** Whether a PaymentMethod was detached from its customer. */
export function isSpent(paymentMethod: StripeObject): boolean {
  return spent.has(paymentMethod);
}

import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new Checkout Session is made of. */
export interface NewCheckoutSession {
  id: string;
  created: number;
  livemode: boolean;
  expires_at: number;
  mode: string;
  currency: string | null;
  amount_subtotal: number;
  amount_total: number;
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  success_url: string;
  cancel_url: string | null;
  metadata: Record<string, string>;
  payment_method_types: string[];
}

/** A Checkout Session, open and unpaid, on Stripe's sample session without the sample's extras. */
export function buildCheckoutSession(fields: NewCheckoutSession): StripeObject {
  return {
    ...fromTemplate('checkout.session'),
    after_expiration: null,
    consent: null,
    consent_collection: null,
    currency_conversion: null,
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer_details: null,
    collected_information: null,
    invoice_creation: null,
    payment_intent: null,
    payment_status: 'unpaid',
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_details: null,
    status: 'open',
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    url: `https://checkout.stripe.com/c/pay/${fields.id}`,
    ...fields,
  };
}

/** A line item of a Checkout Session, on Stripe's sample `item`. */
export function buildLineItem(fields: {
  id: string;
  currency: string;
  description: string;
  quantity: number;
  unit_amount: number;
  price: StripeObject;
}): StripeObject {
  const total = fields.unit_amount * fields.quantity;
  const { unit_amount: _unit, ...rest } = fields;
  return {
    ...fromTemplate('item'),
    amount_discount: 0,
    amount_subtotal: total,
    amount_tax: 0,
    amount_total: total,
    adjustable_quantity: null,
    ...rest,
  };
}

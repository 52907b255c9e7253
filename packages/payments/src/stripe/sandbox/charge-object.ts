import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new charge is made of. */
export interface NewCharge {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  customer: string | null;
  payment_intent: string;
  payment_method: string;
  captured: boolean;
  paid: boolean;
  status: 'succeeded' | 'failed';
  failure_code: string | null;
  failure_message: string | null;
  outcome: Record<string, unknown>;
  card: { brand: string; last4: string; funding: string; country: string };
}

/** A charge (one attempt of a PaymentIntent), on Stripe's sample charge. */
export function buildCharge(fields: NewCharge): StripeObject {
  const template = fromTemplate('charge');
  const { card, ...rest } = fields;
  const details = structuredClone(template.payment_method_details) as { card: Record<string, unknown> };
  Object.assign(details.card, card, { amount_authorized: fields.paid ? fields.amount : null });
  return {
    ...template,
    amount_captured: fields.captured ? fields.amount : 0,
    amount_refunded: 0,
    balance_transaction: null,
    description: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${fields.id}/refunds` },
    receipt_url: null,
    shipping: null,
    source: null,
    transfer_data: null,
    payment_method_details: details,
    ...rest,
  };
}

import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new PaymentIntent is made of. */
export interface NewPaymentIntent {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  status: string;
  capture_method: string;
  confirmation_method: string;
  client_secret: string;
  customer: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  automatic_payment_methods: Record<string, unknown> | null;
  description: string | null;
  metadata: Record<string, string>;
  receipt_email: string | null;
  return_url?: string;
}

/** A PaymentIntent, on Stripe's sample one, with none of the sample's payment history. */
export function buildPaymentIntent(fields: NewPaymentIntent): StripeObject {
  const { return_url: _returnUrl, ...rest } = fields;
  return {
    ...fromTemplate('payment_intent'),
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    canceled_at: null,
    cancellation_reason: null,
    last_payment_error: null,
    latest_charge: null,
    next_action: null,
    payment_method_options: {},
    processing: null,
    shipping: null,
    transfer_data: null,
    ...rest,
  };
}

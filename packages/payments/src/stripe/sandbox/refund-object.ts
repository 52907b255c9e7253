import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new refund is made of. */
export interface NewRefund {
  id: string;
  created: number;
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string | null;
  reason: string | null;
  metadata: Record<string, string>;
  status: string;
}

/** A refund, on Stripe's sample refund. */
export function buildRefund(fields: NewRefund): StripeObject {
  return { ...fromTemplate('refund'), balance_transaction: null, receipt_number: null, ...fields };
}

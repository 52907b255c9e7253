import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new (draft) invoice is made of. */
export interface NewInvoice {
  id: string;
  created: number;
  livemode: boolean;
  customer: StripeObject;
  currency: string;
  subscription: string | null;
  billing_reason: string;
  period_start: number;
  period_end: number;
  lines: StripeObject[];
  test_clock: string | null;
}

/** A draft invoice in this API version's shape, its totals summed from its lines. */
export function buildInvoice(fields: NewInvoice): StripeObject {
  const { customer, lines, ...rest } = fields;
  const total = lines.reduce((sum, line) => sum + Number(line.amount), 0);
  for (const line of lines) line.invoice = fields.id;
  return {
    ...fromTemplate('invoice'),
    account_name: null,
    amount_due: Math.max(total, 0),
    amount_paid: 0,
    amount_remaining: Math.max(total, 0),
    amount_shipping: 0,
    amount_overpaid: 0,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { enabled: false, status: null },
    charge: null,
    customer_address: customer.address ?? null,
    customer_email: customer.email ?? null,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: customer.shipping ?? null,
    discount: null,
    due_date: null,
    effective_at: null,
    from_invoice: null,
    last_finalization_error: null,
    metadata: {},
    next_payment_attempt: null,
    paid: false,
    paid_out_of_band: false,
    parent: null,
    payment_intent: null,
    shipping_cost: null,
    shipping_details: null,
    subscription_details: { metadata: {} },
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    tax: null,
    total,
    total_excluding_tax: total,
    total_tax_amounts: [],
    webhooks_delivered_at: null,
    ...rest,
    customer: customer.id,
    lines: { object: 'list', data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${fields.id}/lines` },
  };
}

/** What one invoice line is made of. */
export interface NewLine {
  id: string;
  livemode: boolean;
  amount: number;
  currency: string;
  description: string;
  period: { start: number; end: number };
  price: StripeObject;
  quantity: number;
  proration: boolean;
  subscription: string;
  subscription_item: string;
}

/** A subscription line (or, with `proration`, an adjustment) of an invoice. */
export function buildLine(fields: NewLine): StripeObject {
  return {
    ...fromTemplate('line_item'),
    amount_excluding_tax: fields.amount,
    discount_amounts: [],
    discounts: [],
    metadata: {},
    parent: null,
    plan: null,
    pretax_credit_amounts: null,
    proration_details: { credited_items: null },
    tax_amounts: [],
    tax_rates: [],
    taxes: null,
    type: 'subscription',
    unit_amount_excluding_tax: String(fields.quantity ? Math.round(fields.amount / fields.quantity) : fields.amount),
    ...fields,
    price: structuredClone(fields.price),
  };
}

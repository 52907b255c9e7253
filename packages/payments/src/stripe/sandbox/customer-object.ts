import { type InvoiceSettings, NO_INVOICE_SETTINGS } from './customer-defaults.js';
import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new customer is made of. */
export interface NewCustomer {
  id: string;
  created: number;
  livemode: boolean;
  email?: string | null;
  name?: string | null;
  phone?: string | null;
  description?: string | null;
  address?: Record<string, unknown> | null;
  shipping?: Record<string, unknown> | null;
  metadata?: Record<string, string>;
  preferred_locales?: string[];
  invoice_prefix: string;
  invoice_settings?: InvoiceSettings;
  /** The test clock the customer lives on. */
  test_clock?: string | null;
}

/** A customer, on Stripe's sample customer. */
export function buildCustomer(fields: NewCustomer): StripeObject {
  return {
    ...fromTemplate('customer'),
    address: null,
    balance: 0,
    currency: null,
    default_source: null,
    delinquent: false,
    discount: null,
    email: null,
    name: null,
    phone: null,
    description: null,
    shipping: null,
    metadata: {},
    preferred_locales: [],
    next_invoice_sequence: 1,
    tax_exempt: 'none',
    test_clock: null,
    invoice_settings: { ...NO_INVOICE_SETTINGS },
    ...fields,
  };
}

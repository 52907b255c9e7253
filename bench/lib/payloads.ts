/**
 * The JSON every loopback route answers with: a Stripe customer object
 * (about 1 KB), so the official Stripe SDK, Octokit, ky, fetch and Junction
 * all parse the same bytes.
 */
export const CUSTOMER = {
  id: 'cus_QX4mZ8bT1aLk9e',
  object: 'customer',
  address: { city: 'Lisbon', country: 'PT', line1: 'Rua Augusta 27', line2: null, postal_code: '1100-048', state: null },
  balance: 0,
  created: 1_714_000_000,
  currency: 'eur',
  default_source: null,
  delinquent: false,
  description: 'Benchmark customer',
  discount: null,
  email: 'ana.silva@example.com',
  invoice_prefix: 'A1B2C3D4',
  invoice_settings: { custom_fields: null, default_payment_method: 'pm_1PQx9aLk9eQX4mZ8', footer: null, rendering_options: null },
  livemode: false,
  metadata: { account: 'acct-0042', plan: 'growth', region: 'eu-west' },
  name: 'Ana Silva',
  next_invoice_sequence: 7,
  phone: '+351210000000',
  preferred_locales: ['pt-PT', 'en'],
  shipping: {
    address: { city: 'Lisbon', country: 'PT', line1: 'Rua Augusta 27', line2: null, postal_code: '1100-048', state: null },
    name: 'Ana Silva',
    phone: null,
  },
  tax_exempt: 'none',
  test_clock: null,
};

export const CUSTOMER_JSON = JSON.stringify(CUSTOMER);

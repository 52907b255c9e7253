import { TEMPLATES } from '../../src/stripe/sandbox/templates.generated.js';

// Stripe's sample billing objects (fixtures3.json, MIT) are newer than API
// 2023-08-16: they lack fields that version always sends, which these add back.

/** A JSON object, as the samples are once copied. */
export type Json = Record<string, unknown>;

/** A deep, mutable copy of a sample. */
export function copyOf<T>(value: T): Json {
  return structuredClone(value) as unknown as Json;
}

/** Unix seconds the samples' periods start from. */
export const SAMPLE_NOW = 1_700_000_000;

/** A subscription as API 2023-08-16 sends it: the period lives on the subscription, not only on its items. */
export function sampleSubscription(overrides: Json = {}): Json {
  return {
    ...copyOf(TEMPLATES.subscription),
    current_period_start: SAMPLE_NOW,
    current_period_end: SAMPLE_NOW + 30 * 86_400,
    ...overrides,
  };
}

/** An invoice as API 2023-08-16 sends it (a draft, like the sample): `paid`, `paid_out_of_band`, `total_tax_amounts`, and each line's `proration` and `type`. */
export function sampleInvoice(overrides: Json = {}): Json {
  const sample = copyOf(TEMPLATES.invoice);
  const lines = sample.lines as { data: Json[] };
  return {
    ...sample,
    paid: false,
    paid_out_of_band: false,
    total_tax_amounts: [],
    lines: { ...lines, data: lines.data.map((line) => ({ ...line, proration: false, type: 'invoiceitem' })) },
    ...overrides,
  };
}

import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new product is made of; what is left out is null or empty. */
export interface NewProduct {
  id: string;
  created: number;
  livemode: boolean;
  name: string;
  active: boolean;
  metadata: Record<string, string>;
  default_price?: string | null;
  description?: string | null;
  images?: string[];
  features?: { name: string }[];
  package_dimensions?: Record<string, number> | null;
  shippable?: boolean | null;
  statement_descriptor?: string | null;
  tax_code?: string | null;
  unit_label?: string | null;
  url?: string | null;
}

/**
 * A product on Stripe's sample product, in the shape of API version
 * 2023-08-16: `features` (later versions call it `marketing_features`) and
 * no `type`.
 */
export function buildProduct(fields: NewProduct): StripeObject {
  const sample = fromTemplate('product');
  delete sample.marketing_features;
  delete sample.type;
  return {
    ...sample,
    default_price: null,
    description: null,
    images: [],
    features: [],
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    unit_label: null,
    url: null,
    ...fields,
    updated: fields.created,
  };
}

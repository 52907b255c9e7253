import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new SetupIntent is made of. */
export interface NewSetupIntent {
  id: string;
  created: number;
  livemode: boolean;
  client_secret: string;
  customer: string | null;
  payment_method: string | null;
  status: 'requires_payment_method' | 'requires_confirmation';
  usage: string;
  payment_method_types: string[];
  automatic_payment_methods: { enabled: boolean; allow_redirects?: string } | null;
  description: string | null;
  metadata: Record<string, string>;
}

/** A SetupIntent on Stripe's sample, in API version 2023-08-16's shape, not yet confirmed. */
export function buildSetupIntent(fields: NewSetupIntent): StripeObject {
  const sample = fromTemplate('setup_intent');
  delete sample.payment_method_configuration_details;
  delete sample.excluded_payment_method_types;
  return {
    ...sample,
    application: null,
    cancellation_reason: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    mandate: null,
    next_action: null,
    on_behalf_of: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    single_use_mandate: null,
    ...fields,
  };
}

import type { Client } from '@junction/core';
import type { CrmProvider } from '@junction/crm';
import type { ResendClient } from '@junction/email/resend';
import type { StripeClient } from '@junction/payments/stripe';
import type { analytics } from '../analytics/analytics-connector.js';
import type { CrmFields } from './crm-fields.js';

/** The Junction clients the flow uses: the same whether they point at the sandboxes or at the real providers. */
export interface Services {
  stripe: StripeClient;
  crm: CrmProvider<CrmFields>;
  resend: ResendClient;
  analytics: Client<typeof analytics>;
  /** The sender of the app's emails (a domain verified at Resend when live). */
  emailFrom: string;
}

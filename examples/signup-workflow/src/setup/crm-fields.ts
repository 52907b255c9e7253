import { defineCustomFields } from '@junction/crm';
import { z } from 'zod';

/**
 * The contact properties the app keeps in the CRM, declared once with their
 * HubSpot names. `welcomeEmailId` makes the CRM the durable record that the
 * welcome email went out (an idempotency key only dedupes for 24 hours).
 */
export const CRM_FIELDS = defineCustomFields({
  contact: {
    appUserId: { schema: z.string(), names: { hubspot: 'app_user_id' } },
    plan: { schema: z.string(), names: { hubspot: 'app_plan' } },
    subscriptionStatus: { schema: z.string(), names: { hubspot: 'app_subscription_status' } },
    welcomeEmailId: { schema: z.string(), names: { hubspot: 'app_welcome_email_id' } },
  },
});

/** The custom fields' type, for `CrmProvider<CrmFields>`. */
export type CrmFields = typeof CRM_FIELDS;

import { type CrmProvider, defineCustomFields } from '@junction/crm';
import { createHubspotClient, hubspotCrm } from '@junction/crm/hubspot';
import { createSalesforceClient, salesforceCrm } from '@junction/crm/salesforce';
import { z } from 'zod';

/** The product's user id on each contact, so people in the CRM can find the user (HubSpot property, Salesforce field). */
export const CUSTOM_FIELDS = defineCustomFields({
  contact: { userId: { schema: z.string(), names: { hubspot: 'app_user_id', salesforce: 'External_Id__c' } } },
});

/** The CRM the sync talks to: either provider, through the unified interface. */
export type SyncCrm = CrmProvider<typeof CUSTOM_FIELDS>;

/** Where a CRM is and how to reach it: what a child process is given to reach the test's sandbox. */
export type CrmTarget =
  | { provider: 'hubspot'; baseUrl?: string; accessToken: string }
  | { provider: 'salesforce'; loginUrl?: string; clientId: string; clientSecret: string };

/** Options for {@link connectCrm}. */
export interface ConnectOptions {
  /**
   * How far behind now the change feed reads (the provider's default when
   * unset: HubSpot 10 s for its search index, Salesforce 2 s). The
   * sandboxes show every write at once: 0 there.
   */
  lagMs?: number;
  /** The clock of the change feed (a test's, shared with its sandbox). */
  now?: () => number;
}

/**
 * The unified CRM client for a target. This is the one place that knows
 * which CRM it is; everything else is written against {@link SyncCrm}.
 */
export function connectCrm(target: CrmTarget, options: ConnectOptions = {}): SyncCrm {
  const sync = { ...(options.lagMs === undefined ? {} : { lagMs: options.lagMs }), ...(options.now ? { now: options.now } : {}) };
  const local = (url: string | undefined) => url !== undefined && new URL(url).hostname === '127.0.0.1';
  if (target.provider === 'hubspot') {
    const client = createHubspotClient({
      accessToken: target.accessToken,
      ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}),
      // HubSpot paces search at 5 requests a second; the local sandbox does not need it.
      ...(local(target.baseUrl) ? { searchPerSecond: false as const } : {}),
    });
    return hubspotCrm(client, { customFields: CUSTOM_FIELDS, sync });
  }
  const client = createSalesforceClient({
    ...(target.loginUrl ? { loginUrl: target.loginUrl } : {}),
    ...(local(target.loginUrl) ? { allowInsecureRequests: true } : {}),
    auth: { type: 'clientCredentials', clientId: target.clientId, clientSecret: target.clientSecret },
  });
  return salesforceCrm(client, { customFields: CUSTOM_FIELDS, sync });
}

/**
 * The account's billing settings that shape the subscription lifecycle, as
 * in the Dashboard's "Subscriptions and emails" and "Manage failed
 * payments" settings.
 */
export interface SandboxBilling {
  /** Retry a failed renewal this many days after each failed attempt. Default `[3, 5, 7]`: four attempts over 15 days. */
  retryDays?: readonly number[];
  /** What happens to the subscription when the last retry fails. Default `'cancel'`, as Stripe's setting. */
  whenRetriesFail?: 'cancel' | 'unpaid' | 'past_due';
  /** Send `invoice.upcoming` this many days before a renewal. Default 7. */
  upcomingDays?: number;
}

/** The settings with their defaults filled in. */
export type BillingSettings = Required<SandboxBilling>;

/** The sandbox's billing settings from the options given. */
export function billingSettings(options: SandboxBilling = {}): BillingSettings {
  return { retryDays: [3, 5, 7], whenRetriesFail: 'cancel', upcomingDays: 7, ...options };
}

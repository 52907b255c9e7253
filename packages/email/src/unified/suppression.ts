import { z } from 'zod';

/** Why an address is not sent to: it bounced, the recipient unsubscribed, or marked mail as spam. */
export const SuppressionReason = z.enum(['bounce', 'unsubscribe', 'complaint', 'manual']);
/** Why an address is suppressed. */
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/** An address on one of the provider's do-not-send lists. */
export interface Suppression<Raw = unknown> {
  email: string;
  reason: SuppressionReason;
  createdAt: Date | null;
  raw: Raw;
}

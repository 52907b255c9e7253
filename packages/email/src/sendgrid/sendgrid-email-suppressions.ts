import type { CallOptions } from '@junction/core';
import type { SuppressionsApi } from '../unified/email-provider.js';
import type { Suppression, SuppressionReason } from '../unified/suppression.js';
import type { SendgridClient } from './sendgrid-connector.js';

// SendGrid keeps one list per reason; a hand-made suppression is a global unsubscribe.
type ListedReason = Exclude<SuppressionReason, 'manual'>;
const REASONS: readonly ListedReason[] = ['bounce', 'unsubscribe', 'complaint'];

const at = (created: number) => new Date(created * 1000);
const call = (signal?: AbortSignal): CallOptions => (signal ? { signal } : {});
const listed = (reason: SuppressionReason | undefined): readonly ListedReason[] =>
  reason === undefined ? REASONS : reason === 'manual' ? ['unsubscribe'] : [reason];

/** The unified suppression lists over SendGrid's bounces, spam reports and global unsubscribes. */
export function sendgridSuppressions(client: SendgridClient): SuppressionsApi {
  const page = async (reason: ListedReason, options: { email?: string; offset?: number }, signal?: AbortSignal) => {
    const input = { limit: 500, ...options };
    const rows =
      reason === 'bounce'
        ? await client.listBounces(input, call(signal))
        : reason === 'complaint'
          ? await client.listSpamReports(input, call(signal))
          : await client.listGlobalUnsubscribes(input, call(signal));
    return rows.map((row): Suppression => ({ email: row.email, reason, createdAt: at(row.created), raw: row }));
  };
  const get = async (email: string, signal?: AbortSignal): Promise<Suppression | null> => {
    for (const reason of REASONS) {
      const [found] = await page(reason, { email }, signal);
      if (found) return found;
    }
    return null;
  };
  return {
    async *list(reason, options) {
      for (const each of listed(reason)) {
        for (let offset = 0; ; offset += 500) {
          const rows = await page(each, { offset }, options?.signal);
          yield* rows;
          if (rows.length < 500) break;
        }
      }
    },
    get: (email, options) => get(email, options?.signal),
    async add(email, options) {
      await client.addGlobalUnsubscribes({ recipient_emails: [email] }, call(options?.signal));
    },
    async remove(email, reason, options) {
      for (const each of listed(reason)) {
        const [found] = await page(each, { email }, options?.signal);
        if (!found) continue;
        const input = { email };
        if (each === 'bounce') await client.deleteBounce(input, call(options?.signal));
        else if (each === 'complaint') await client.deleteSpamReport(input, call(options?.signal));
        else await client.deleteGlobalUnsubscribe(input, call(options?.signal));
      }
    },
  };
}

import { type CallOptions, isApiError, UnsupportedFeatureError } from '@junction/core';
import type { SuppressionsApi } from '../unified/email-provider.js';
import type { Suppression, SuppressionReason } from '../unified/suppression.js';
import type { ResendClient } from './resend-connector.js';
import type { ResendSuppression } from './resend-suppressions.js';

const REASON: Record<ResendSuppression['origin'], SuppressionReason> = { bounce: 'bounce', complaint: 'complaint', manual: 'manual' };

function toSuppression(entry: ResendSuppression): Suppression<ResendSuppression> {
  const created = entry.created_at ? new Date(entry.created_at.replace(' ', 'T')) : null;
  return {
    email: entry.email,
    reason: REASON[entry.origin],
    createdAt: created && !Number.isNaN(created.getTime()) ? created : null,
    raw: entry,
  };
}

// Resend keeps bounces, complaints and manual entries; an unsubscribe list is not one of them.
function originOf(reason: SuppressionReason | undefined): ResendSuppression['origin'] | undefined {
  if (reason === 'unsubscribe')
    throw new UnsupportedFeatureError(
      'resend',
      "suppressions of reason 'unsubscribe'",
      'Resend lists bounce, complaint and manual suppressions',
    );
  return reason;
}

const call = (signal?: AbortSignal): CallOptions => (signal ? { signal } : {});

/** The unified suppression lists over Resend's `/suppressions` endpoints. */
export function resendSuppressions(client: ResendClient): SuppressionsApi {
  const get = async (email: string, signal?: AbortSignal) => {
    try {
      return toSuppression(await client.retrieveSuppression({ suppression: email }, call(signal)));
    } catch (error) {
      if (isApiError(error) && error.status === 404) return null;
      throw error;
    }
  };
  return {
    async *list(reason, options) {
      const origin = originOf(reason);
      let after: string | undefined;
      for (;;) {
        const page = await client.listSuppressions(
          { ...(origin ? { origin } : {}), limit: 100, ...(after ? { after } : {}) },
          call(options?.signal),
        );
        for (const entry of page.data) yield toSuppression(entry);
        const last = page.data.at(-1);
        if (!page.has_more || !last) return;
        after = last.id;
      }
    },
    get: (email, options) => get(email, options?.signal),
    async add(email, options) {
      await client.addSuppression({ email }, call(options?.signal));
    },
    async remove(email, reason, options) {
      const found = await get(email, options?.signal);
      if (!found || (reason !== undefined && found.reason !== reason)) return;
      await client.removeSuppression({ suppression: found.raw.id }, call(options?.signal));
    },
  };
}

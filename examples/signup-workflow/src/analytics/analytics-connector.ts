import { bearer, defineConnector, defineOperation } from '@junction/core';
import { z } from 'zod';

/** An event as the (fictitious) analytics API stores it. */
export const AnalyticsEvent = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  receivedAt: z.string(),
});

/**
 * The whole integration with an analytics API, as data: where it is, how it
 * authenticates, its endpoints and how its errors read. Retries, rate
 * limits, timeouts, typed errors and redaction come from the core.
 */
export const analytics = defineConnector({
  name: 'analytics',
  baseUrl: 'https://api.analytics.example',
  auth: bearer(),
  errors: {
    parse: (body) => {
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      return error && { code: error.code, message: error.message };
    },
  },
  operations: {
    /**
     * Records an event. The API keeps one event per `id` (as Segment's
     * `messageId` or PostHog's `uuid`): sending it again is harmless, so the
     * call is declared idempotent and the core may retry it after any failure.
     */
    track: defineOperation({
      method: 'POST',
      path: '/v1/events',
      idempotent: true,
      input: z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        userId: z.string().min(1),
        properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
      }),
      output: AnalyticsEvent.extend({ duplicate: z.boolean() }),
    }),
  },
});

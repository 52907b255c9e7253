import { z } from 'zod';

/** A Stripe event whose `data.object` is a `TObject`: what a typed handler receives. */
export interface StripeEventOf<TType extends string, TObject> {
  id: string;
  object: 'event';
  type: TType;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  api_version?: string | null;
  /** The Connect account the event happened on, if any. */
  account?: string;
  pending_webhooks: number;
  request?: { id?: string | null; idempotency_key?: string | null } | null;
  data: {
    /** The object as it was when the event happened. */
    object: TObject;
    /** For `*.updated` events: the changed fields' previous values. */
    previous_attributes?: Record<string, unknown>;
  };
}

/** The schema of a Stripe event of `type` carrying an `object`. Read leniently (unknown keys kept) by the receiver. */
export function stripeEventSchema<const TType extends string, TObject>(
  type: TType,
  object: z.ZodType<TObject>,
): z.ZodType<StripeEventOf<TType, TObject>> {
  return z.object({
    id: z.string(),
    object: z.literal('event'),
    type: z.literal(type),
    created: z.number(),
    livemode: z.boolean(),
    api_version: z.string().nullable().optional(),
    account: z.string().optional(),
    pending_webhooks: z.number(),
    request: z.object({ id: z.string().nullable().optional(), idempotency_key: z.string().nullable().optional() }).nullable().optional(),
    data: z.object({ object, previous_attributes: z.record(z.string(), z.unknown()).optional() }),
  }) as z.ZodType<StripeEventOf<TType, TObject>>;
}

/** What every Stripe event has: enough to dedupe (`id`) and dispatch (`type`). */
export const StripeEventEnvelope = z.object({ id: z.string(), type: z.string() });

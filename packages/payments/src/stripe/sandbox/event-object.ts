import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new event is made of. */
export interface NewEvent {
  id: string;
  created: number;
  type: string;
  livemode: boolean;
  api_version: string;
  object: StripeObject;
  previous_attributes?: Record<string, unknown>;
  request: { id: string | null; idempotency_key: string | null };
  pending_webhooks: number;
  account?: string;
}

/** An event carrying a snapshot of `object` as it is now. */
export function buildEvent(fields: NewEvent): StripeObject {
  const { object, previous_attributes, account, ...rest } = fields;
  return {
    ...fromTemplate('event'),
    ...rest,
    ...(account ? { account } : {}),
    data: { object: structuredClone(object), ...(previous_attributes ? { previous_attributes } : {}) },
  };
}

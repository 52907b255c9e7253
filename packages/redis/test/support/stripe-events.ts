import { randomBytes } from 'node:crypto';
// @junction/payments is not a dependency of @junction/redis: its source, by path.
import { stripeSigner } from '../../../payments/src/stripe/index.js';

/** A `customer.created` event as Stripe sends it (the fields the connector's schema requires, and a few more); a fresh id unless given. */
export function customerCreated(id = `evt_${randomBytes(8).toString('hex')}`) {
  const created = Math.floor(Date.now() / 1000);
  return {
    id,
    object: 'event',
    api_version: '2023-08-16',
    type: 'customer.created',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: `req_${id}`, idempotency_key: null },
    data: { object: { id: `cus_${id}`, object: 'customer', created, livemode: false, email: `${id}@example.com` } },
  };
}

/** Signs `body` as Stripe signs each attempt (a fresh `t=`), as request headers. */
export function signedHeaders(secret: string, body: string): Record<string, string> {
  return { 'content-type': 'application/json', ...stripeSigner({ secret }).sign({ body }) } as Record<string, string>;
}

import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { bearer, createClient, defineConnector } from '../../src/index.js';
import { createPoller, definePoll } from '../../src/polling/index.js';
import {
  type AnyEvent,
  createWebhookReceiver,
  defineWebhooks,
  type KnownEvent,
  type UnknownEvent,
  type WebhookReceiver,
} from '../../src/webhooks/index.js';
import { fromHeaders, hmacVerifier, part } from '../../src/webhooks/verify/index.js';
import { paymentsVerifier, paymentsWebhooks } from './support/payments-webhooks.js';

const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: 'whsec_x' } });

describe('typed dispatch', () => {
  it('narrows the event to its type by name', () => {
    receiver.on('payment_intent.succeeded', (e) => {
      expectTypeOf(e.type).toEqualTypeOf<'payment_intent.succeeded'>();
      expectTypeOf(e.id).toEqualTypeOf<string>();
      expectTypeOf(e.payload.data.object.amount).toEqualTypeOf<number>();
      expectTypeOf(e.known).toEqualTypeOf<true>();
    });
    receiver.on('customer.created', (e) => {
      expectTypeOf(e.payload.data.object.email).toEqualTypeOf<string | null>();
    });
  });

  it('rejects unknown event names and fields at compile time', () => {
    // @ts-expect-error: no such event type was declared
    receiver.on('payment_intent.succeded', () => {});
    receiver.on('payment_intent.succeeded', (e) => {
      // @ts-expect-error: a payment intent has no email
      void e.payload.data.object.email;
      // @ts-expect-error: the payload is not a customer
      void e.payload.data.object.currencyCode;
    });
    // @ts-expect-error: the handler's event type does not match the name
    receiver.on('customer.created', (e: KnownEvent<'payment_intent.succeeded', { id: string }>) => void e);
  });

  it('gives onAny a union narrowed by known and type, and unknown events a raw payload', () => {
    receiver.onAny((e) => {
      expectTypeOf(e).toEqualTypeOf<AnyEvent<(typeof paymentsWebhooks)['events']>>();
      if (e.known && e.type === 'customer.created') expectTypeOf(e.payload.data.object.email).toEqualTypeOf<string | null>();
      if (!e.known) expectTypeOf(e.payload).toEqualTypeOf<unknown>();
    });
    receiver.onUnknown((e) => {
      expectTypeOf(e).toEqualTypeOf<UnknownEvent>();
      expectTypeOf(e.type).toEqualTypeOf<string>();
    });
  });

  it('accepts async handlers', () => {
    receiver.on('payment_intent.succeeded', async () => {});
    expectTypeOf(receiver.receive).returns.resolves.toHaveProperty('events');
  });
});

describe('declarations', () => {
  it('type id() and type() from the envelope', () => {
    defineWebhooks({
      name: 'x',
      verifier: { verify: () => undefined },
      envelope: z.object({ eventId: z.number(), kind: z.string() }),
      id: (e) => {
        expectTypeOf(e).toEqualTypeOf<{ eventId: number; kind: string }>();
        return e.eventId;
      },
      // @ts-expect-error: the envelope has no "type"
      type: (e) => e.type,
      events: {},
    });
  });

  it('require the secrets the verifier is built from, in its shape', () => {
    createWebhookReceiver(paymentsWebhooks, { secrets: { secrets: ['whsec_old', 'whsec_new'] } });
    // @ts-expect-error: secrets are required
    createWebhookReceiver(paymentsWebhooks, {});
    // @ts-expect-error: the declaration's verifier takes `secret`, not `key`
    createWebhookReceiver(paymentsWebhooks, { secrets: { key: 'whsec_x' } });
    // A verifier of your own replaces them.
    createWebhookReceiver(paymentsWebhooks, { verifier: paymentsVerifier({ secret: 'whsec_x' }) });
  });

  it('take a clock in ms, on receivers and verifiers, and tolerances in seconds', () => {
    createWebhookReceiver(paymentsWebhooks, { secrets: { secret: 'whsec_x' }, now: () => 0 });
    // @ts-expect-error: the clock returns ms, not a Date
    createWebhookReceiver(paymentsWebhooks, { secrets: { secret: 'whsec_x' }, now: () => new Date() });
    const fields = fromHeaders({ signature: 'X-Sig', timestamp: 'X-Ts' });
    hmacVerifier({ secret: 'x', fields, template: [part.timestamp, part.body], encoding: 'hex', toleranceSec: 600, now: () => 0 });
    // @ts-expect-error: no verifier takes a tolerance in ms
    hmacVerifier({ secret: 'x', fields, template: [part.timestamp, part.body], encoding: 'hex', toleranceMs: 600_000 });
  });

  it('fit the connector slots', () => {
    const connector = defineConnector({
      name: 'acme',
      baseUrl: 'https://api.acme.test',
      auth: bearer(),
      operations: {},
      webhooks: paymentsWebhooks,
      poll: definePoll({
        list: async (client, cursor) => {
          const { data } = await client.request({
            method: 'GET',
            path: '/events',
            query: { after: cursor },
            output: z.object({ data: z.array(z.object({ id: z.string(), type: z.string() })) }),
          });
          return { events: data.data, cursor: data.data.at(-1)?.id };
        },
        id: (e) => e.id,
        type: (e) => e.type,
        events: paymentsWebhooks.events,
      }),
    });
    const fromConnector = createWebhookReceiver(connector, { secrets: { secret: 'whsec_x' } });
    expectTypeOf(fromConnector).toMatchTypeOf<WebhookReceiver>();
    // The connector keeps its declarations' types: handlers are typed through it.
    fromConnector.on('payment_intent.succeeded', (e) => {
      expectTypeOf(e.payload.data.object.amount).toEqualTypeOf<number>();
    });
    // @ts-expect-error: no such event type was declared on the connector
    fromConnector.on('charge.refunded', () => {});
    const poller = createPoller(createClient(connector, { credentials: { token: 't' } }));
    poller.on('payment_intent.succeeded', (e) => {
      expectTypeOf(e.payload.data.object.amount).toEqualTypeOf<number>();
    });
  });
});

describe('pollers', () => {
  it('are typed by the poll declaration they run', () => {
    const poll = definePoll({
      list: async () => ({ events: [{ id: 'a', type: 'payment_intent.succeeded' }], cursor: 'a' }),
      id: (e) => {
        expectTypeOf(e).toEqualTypeOf<{ id: string; type: string }>();
        return e.id;
      },
      type: (e) => e.type,
      events: paymentsWebhooks.events,
    });
    const client = createClient(defineConnector({ name: 'acme', baseUrl: 'https://api.acme.test', auth: bearer(), operations: {} }), {
      credentials: { token: 't' },
    });
    const poller = createPoller(client, { poll });
    poller.on('payment_intent.succeeded', (e) => {
      expectTypeOf(e.payload.data.object.amount).toEqualTypeOf<number>();
      expectTypeOf(e.source).toEqualTypeOf<'webhook' | 'poll'>();
    });
    // @ts-expect-error: no such event type was declared
    poller.on('charge.refunded', () => {});
  });
});

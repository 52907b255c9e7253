import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isConfigurationError } from '../../src/errors/index.js';
import {
  type AnyEvent,
  createWebhookReceiver,
  defineWebhooks,
  type EventSchemas,
  isEventHandlerError,
  isWebhookPayloadError,
  type UnknownEvent,
} from '../../src/webhooks/index.js';
import { isWebhookVerificationError } from '../../src/webhooks/verify/index.js';
import { batchHeaders, CLIENT_SECRET, contactEvent, crmWebhooks } from './support/batch-webhooks.js';
import { deferred } from './support/deferred.js';
import { paymentSucceeded, paymentsWebhooks, SECRET, signedDelivery, stripeSignature } from './support/payments-webhooks.js';

const receiverFor = () => createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET } });

describe('createWebhookReceiver', () => {
  it('verifies, parses and dispatches an event to its typed handler, with the payload parsed by its schema', async () => {
    const receiver = receiverFor();
    const seen: unknown[] = [];
    receiver.on('payment_intent.succeeded', (e) => {
      seen.push({ id: e.id, amount: e.payload.data.object.amount, known: e.known, source: e.source });
    });
    const result = await receiver.receive(signedDelivery(paymentSucceeded('evt_1', 4200)));
    expect(seen).toEqual([{ id: 'evt_1', amount: 4200, known: true, source: 'webhook' }]);
    expect(result.events).toEqual([{ id: 'evt_1', type: 'payment_intent.succeeded', outcome: 'handled' }]);
    expect(result.verified).toMatchObject({ keyIndex: 0 });
  });

  it('keeps fields the schema does not list (lenient parsing)', async () => {
    const receiver = receiverFor();
    let payload: unknown;
    receiver.on('payment_intent.succeeded', (e) => {
      payload = e.payload;
    });
    await receiver.receive(signedDelivery({ ...paymentSucceeded('evt_2'), livemode: false }));
    expect(payload).toMatchObject({ livemode: false, object: 'event' });
  });

  it('refuses a bad signature with a WebhookVerificationError and runs no handler', async () => {
    const receiver = receiverFor();
    let calls = 0;
    receiver.onAny(() => {
      calls++;
    });
    const delivery = signedDelivery(paymentSucceeded('evt_3'), 'whsec_some_other_secret');
    const error = await receiver.receive(delivery).catch((e: unknown) => e);
    expect(isWebhookVerificationError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'no_matching_signature' });
    expect(calls).toBe(0);
  });

  it('refuses a body that was parsed into an object, saying the raw body is required', async () => {
    const receiver = receiverFor();
    const body = paymentSucceeded('evt_4');
    const error = await receiver
      .receive({ body: body as unknown as string, headers: { 'stripe-signature': stripeSignature(JSON.stringify(body)) } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'body_not_raw' });
    expect((error as Error).message).toMatch(/raw/);
  });

  it('accepts the body as bytes', async () => {
    const receiver = receiverFor();
    const delivery = signedDelivery(paymentSucceeded('evt_5'));
    const result = await receiver.receive({ ...delivery, body: new TextEncoder().encode(delivery.body) });
    expect(result.events[0]?.outcome).toBe('handled');
  });

  it('delivers undeclared event types to onUnknown and onAny, with the raw payload', async () => {
    const receiver = receiverFor();
    const unknown: UnknownEvent[] = [];
    const any: AnyEvent<EventSchemas>[] = [];
    let typed = 0;
    receiver.onUnknown((e) => {
      unknown.push(e);
    });
    receiver.onAny((e) => {
      any.push(e);
    });
    receiver.on('payment_intent.succeeded', () => {
      typed++;
    });
    const event = { id: 'evt_6', type: 'invoice.paid', data: { object: { id: 'in_1' } } };
    await receiver.receive(signedDelivery(event));
    expect(unknown).toEqual([{ id: 'evt_6', type: 'invoice.paid', known: false, source: 'webhook', payload: event }]);
    expect(any).toHaveLength(1);
    expect(typed).toBe(0);
  });

  it('delivers an event of a declared type whose payload fails its schema as unknown, with the issues', async () => {
    const receiver = receiverFor();
    const unknown: UnknownEvent[] = [];
    let typed = 0;
    receiver.onUnknown((e) => {
      unknown.push(e);
    });
    receiver.on('payment_intent.succeeded', () => {
      typed++;
    });
    const event = { id: 'evt_7', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 'lots' } } };
    await receiver.receive(signedDelivery(event));
    expect(typed).toBe(0);
    expect(unknown[0]?.issues?.map((i) => i.path.join('.'))).toEqual(['data.object.amount', 'data.object.currency']);
  });

  it('does not take an event type named like an Object.prototype key for a declared one', async () => {
    const receiver = receiverFor();
    const unknown: string[] = [];
    receiver.onUnknown((e) => {
      unknown.push(e.type);
    });
    await receiver.receive(signedDelivery({ id: 'evt_8', type: 'constructor' }));
    expect(unknown).toEqual(['constructor']);
  });

  it('awaits async handlers before resolving', async () => {
    const receiver = receiverFor();
    const gate = deferred();
    let finished = false;
    receiver.on('payment_intent.succeeded', async () => {
      await gate.promise;
      finished = true;
    });
    let settled = false;
    const receiving = receiver.receive(signedDelivery(paymentSucceeded('evt_9'))).then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    gate.resolve();
    await receiving;
    expect(finished).toBe(true);
  });

  it('runs every handler of an event even when one throws, then fails with an EventHandlerError', async () => {
    const receiver = receiverFor();
    const ran: string[] = [];
    receiver.on('payment_intent.succeeded', () => {
      ran.push('a');
      throw new Error('database down');
    });
    receiver.onAny(() => {
      ran.push('b');
    });
    const error = await receiver.receive(signedDelivery(paymentSucceeded('evt_10'))).catch((e: unknown) => e);
    expect(isEventHandlerError(error)).toBe(true);
    expect(error).toMatchObject({ eventCount: 1, failures: [{ id: 'evt_10', type: 'payment_intent.succeeded' }] });
    expect((error as Error).message).toContain('database down');
    expect(ran.sort()).toEqual(['a', 'b']);
  });

  it('reports every failing handler of an event, thrown or rejected, in the order they were added', async () => {
    const receiver = receiverFor();
    receiver.on('payment_intent.succeeded', () => {
      throw new Error('first');
    });
    receiver.onAny(async () => {
      throw new Error('second');
    });
    const error = await receiver.receive(signedDelivery(paymentSucceeded('evt_10b'))).catch((e: unknown) => e);
    expect(isEventHandlerError(error)).toBe(true);
    expect((error as { failures: { error: Error }[] }).failures.map((f) => f.error.message)).toEqual(['first', 'second']);
  });

  it('lets a handler be removed', async () => {
    const receiver = receiverFor();
    let calls = 0;
    const off = receiver.on('payment_intent.succeeded', () => {
      calls++;
    });
    off();
    await receiver.receive(signedDelivery(paymentSucceeded('evt_11')));
    expect(calls).toBe(0);
  });

  it('refuses invalid JSON and a missing envelope field with a WebhookPayloadError, running nothing', async () => {
    const receiver = receiverFor();
    let calls = 0;
    receiver.onAny(() => {
      calls++;
    });
    const notJson = '{"id": "evt_12",';
    const error1 = await receiver
      .receive({ body: notJson, headers: { 'stripe-signature': stripeSignature(notJson) } })
      .catch((e: unknown) => e);
    expect(isWebhookPayloadError(error1)).toBe(true);
    expect(error1).toMatchObject({ reason: 'invalid_json' });
    const error2 = await receiver.receive(signedDelivery({ id: 'evt_13' })).catch((e: unknown) => e);
    expect(error2).toMatchObject({ reason: 'invalid_envelope', issues: [{ path: ['type'] }] });
    expect(calls).toBe(0);
  });

  it('splits a batch (a JSON array) into events, each deduplicated by its own id', async () => {
    const receiver = createWebhookReceiver(crmWebhooks, { secrets: { clientSecret: CLIENT_SECRET } });
    const created: number[] = [];
    const changed: string[] = [];
    receiver.on('contact.creation', (e) => {
      created.push(e.payload.objectId);
    });
    receiver.on('contact.propertyChange', (e) => {
      changed.push(e.payload.propertyName);
    });
    const url = 'https://example.test/hooks/crm?portal=1';
    const events = [
      contactEvent(1),
      { ...contactEvent(2, 'contact.propertyChange'), propertyName: 'email', propertyValue: 'a@b.c' },
      contactEvent(1),
    ];
    const body = JSON.stringify(events);
    const result = await receiver.receive({ body, headers: batchHeaders(url, body), method: 'POST', url });
    expect(created).toEqual([10]);
    expect(changed).toEqual(['email']);
    expect(result.events.map((e) => [e.id, e.outcome])).toEqual([
      ['1', 'handled'],
      ['2', 'handled'],
      ['1', 'duplicate'],
    ]);
  });

  it('refuses a batch declaration given a body that is not an array', async () => {
    const receiver = createWebhookReceiver(crmWebhooks, { secrets: { clientSecret: CLIENT_SECRET } });
    const url = 'https://example.test/hooks';
    const body = JSON.stringify(contactEvent(1));
    const error = await receiver.receive({ body, headers: batchHeaders(url, body), method: 'POST', url }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'invalid_envelope' });
  });

  it('reads an id from a header through the delivery context, and splits custom shapes seeing the delivery', async () => {
    const custom = defineWebhooks({
      name: 'custom',
      verifier: {
        name: 'shared-token',
        verify: (input) => {
          const headers = input.headers as Record<string, string>;
          if (headers['x-token'] !== 'let-me-in') throw new Error('bad token');
          return { checked: true };
        },
      },
      // The split sees the delivery too: here, what the verifier returned.
      split: (body, delivery) => ((delivery.verified as { checked?: boolean }).checked ? (body as { events: unknown[] }).events : []),
      envelope: z.object({ kind: z.string() }),
      id: (event, delivery) => `${delivery.header('X-Delivery')}:${(event as { n?: number }).n}`,
      type: (event) => event.kind,
      events: { ping: z.object({ kind: z.literal('ping'), n: z.number() }) },
    });
    const receiver = createWebhookReceiver(custom, {});
    const ids: string[] = [];
    receiver.on('ping', (e) => {
      ids.push(`${e.id}/${e.payload.n}`);
    });
    const result = await receiver.receive({
      body: JSON.stringify({
        events: [
          { kind: 'ping', n: 1 },
          { kind: 'ping', n: 2 },
        ],
      }),
      headers: { 'x-token': 'let-me-in', 'x-delivery': 'd1' },
    });
    expect(ids).toEqual(['d1:1/1', 'd1:2/2']);
    expect(result.verified).toEqual({ checked: true });
  });

  it('refuses an event with no id: it could not be deduplicated', async () => {
    const receiver = createWebhookReceiver(
      defineWebhooks({
        name: 'noid',
        verifier: { verify: () => undefined },
        envelope: z.object({ type: z.string() }),
        id: () => undefined,
        type: (e) => e.type,
        events: {},
      }),
      {},
    );
    const error = await receiver.receive({ body: '{"type":"a"}', headers: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'missing_event_id' });
  });

  it('needs the secrets its verifier is built from, a name, and a connector that declares webhooks', () => {
    expect(() => createWebhookReceiver(paymentsWebhooks, {} as never)).toThrow(/secrets/);
    const unnamed = defineWebhooks({
      verifier: { verify: () => undefined },
      envelope: z.object({}),
      id: () => 'x',
      type: () => 't',
      events: {},
    });
    let error: unknown;
    try {
      createWebhookReceiver(unnamed, {});
    } catch (e) {
      error = e;
    }
    expect(isConfigurationError(error)).toBe(true);
    expect(() => createWebhookReceiver(unnamed, { namespace: 'mine' })).not.toThrow();
    expect(() => createWebhookReceiver({ name: 'plain' }, {} as never)).toThrow(/declares no webhooks/);
  });

  it('takes the declaration from a connector-shaped object, named after the connector', async () => {
    const { name: _omit, ...unnamed } = paymentsWebhooks;
    const receiver = createWebhookReceiver({ name: 'acme', webhooks: unnamed }, { secrets: { secret: SECRET } });
    expect(receiver.name).toBe('acme');
    const result = await receiver.receive(signedDelivery(paymentSucceeded('evt_14')));
    expect(result.events[0]?.outcome).toBe('handled');
  });

  it("accepts a verifier of your own in place of the declaration's", async () => {
    let checked = 0;
    const receiver = createWebhookReceiver(paymentsWebhooks, {
      verifier: {
        verify: async () => {
          checked++;
        },
      },
    });
    await receiver.receive({ body: JSON.stringify(paymentSucceeded('evt_15')), headers: {} });
    expect(checked).toBe(1);
  });

  it('waits for an async verifier of your own, and runs nothing when it rejects', async () => {
    let calls = 0;
    const receiver = createWebhookReceiver(paymentsWebhooks, {
      verifier: { verify: async () => Promise.reject(new Error('not signed by us')) },
    });
    receiver.onAny(() => {
      calls++;
    });
    await expect(receiver.receive({ body: JSON.stringify(paymentSucceeded('evt_15b')), headers: {} })).rejects.toThrow('not signed by us');
    expect(calls).toBe(0);
  });

  it('dispatches an already-parsed event through the same checks and dedupe (for tests and replays)', async () => {
    const receiver = receiverFor();
    const amounts: number[] = [];
    receiver.on('payment_intent.succeeded', (e) => {
      amounts.push(e.payload.data.object.amount);
    });
    const event = paymentSucceeded('evt_16', 77);
    expect(await receiver.dispatch({ id: event.id, type: event.type, payload: event })).toBe('handled');
    expect(await receiver.dispatch({ id: event.id, type: event.type, payload: event })).toBe('duplicate');
    expect(amounts).toEqual([77]);
  });

  it('read() verifies and reads the events of a delivery without running a handler or marking them handled', async () => {
    const receiver = receiverFor();
    let ran = 0;
    receiver.onAny(() => {
      ran++;
    });
    const event = paymentSucceeded('evt_read', 300);
    const { events, verified } = await receiver.read(signedDelivery(event));
    expect(events).toEqual([{ id: 'evt_read', type: 'payment_intent.succeeded', payload: event }]);
    expect(verified).toMatchObject({ keyIndex: 0 });
    expect(ran).toBe(0);
    // Still unhandled: the worker that dispatches it later runs the handlers.
    expect(await receiver.dispatch(events[0]!)).toBe('handled');
    expect(ran).toBe(1);
    const forged = { ...signedDelivery(event), headers: { 'stripe-signature': stripeSignature('{}') } };
    await expect(receiver.read(forged)).rejects.toSatisfy(isWebhookVerificationError);
    const notJson = { body: 'not json', headers: { 'stripe-signature': stripeSignature('not json') } };
    await expect(receiver.read(notJson)).rejects.toSatisfy(isWebhookPayloadError);
  });

  it('rejects, never throws, when the store refuses synchronously (a bad ttlMs)', async () => {
    const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET }, ttlMs: 0 });
    const event = paymentSucceeded('evt_17');
    let dispatched: Promise<unknown> | undefined;
    expect(() => {
      dispatched = receiver.dispatch({ id: event.id, type: event.type, payload: event });
    }).not.toThrow();
    await expect(dispatched).rejects.toSatisfy(isConfigurationError);
  });
});

import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/idempotency/index.js';
import { createWebhookReceiver } from '../../src/webhooks/index.js';
import { deferred } from './support/deferred.js';
import { paymentSucceeded, paymentsWebhooks, SECRET, signedDelivery } from './support/payments-webhooks.js';

const receiverFor = (store = createMemoryIdempotencyStore()) =>
  createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET }, store });

describe('exactly-once handling across redeliveries', () => {
  it('runs an event again when redelivered after its handler failed', async () => {
    const receiver = receiverFor();
    let attempts = 0;
    receiver.on('payment_intent.succeeded', () => {
      attempts++;
      if (attempts === 1) throw new Error('transient');
    });
    const delivery = signedDelivery(paymentSucceeded('evt_a'));
    await expect(receiver.receive(delivery)).rejects.toThrow(/transient/);
    const result = await receiver.receive(delivery);
    expect(result.events[0]?.outcome).toBe('handled');
    expect(attempts).toBe(2);
  });

  it('does not run an event again when redelivered after success', async () => {
    const receiver = receiverFor();
    let calls = 0;
    receiver.on('payment_intent.succeeded', () => {
      calls++;
    });
    const delivery = signedDelivery(paymentSucceeded('evt_b'));
    await receiver.receive(delivery);
    const again = await receiver.receive(delivery);
    expect(again.events[0]?.outcome).toBe('duplicate');
    expect(calls).toBe(1);
  });

  it('runs the handler once for concurrent duplicate deliveries, all of which wait for it', async () => {
    const receiver = receiverFor();
    const gate = deferred();
    let calls = 0;
    receiver.on('payment_intent.succeeded', async () => {
      calls++;
      await gate.promise;
    });
    const delivery = signedDelivery(paymentSucceeded('evt_c'));
    const all = Promise.all([receiver.receive(delivery), receiver.receive(delivery), receiver.receive(delivery)]);
    let settled = false;
    void all.then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    // The duplicates must not answer 2xx before the first run has succeeded.
    expect(settled).toBe(false);
    gate.resolve();
    const results = await all;
    expect(calls).toBe(1);
    expect(results.map((r) => r.events[0]?.outcome).sort()).toEqual(['duplicate', 'duplicate', 'handled']);
  });

  it('fails concurrent duplicates too when the run they wait on fails, so each is redelivered', async () => {
    const receiver = receiverFor();
    const gate = deferred();
    let calls = 0;
    receiver.on('payment_intent.succeeded', async () => {
      calls++;
      await gate.promise;
      if (calls === 1) throw new Error('first run fails');
    });
    const delivery = signedDelivery(paymentSucceeded('evt_d'));
    const both = Promise.allSettled([receiver.receive(delivery), receiver.receive(delivery)]);
    gate.resolve();
    expect((await both).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await receiver.receive(delivery);
    expect(calls).toBe(2);
  });

  it('in a batch, marks the events that succeeded and reruns only the failed one on redelivery', async () => {
    const batch = createWebhookReceiver({ ...paymentsWebhooks, batch: true }, { secrets: { secret: SECRET } });
    const runs: string[] = [];
    let failOnce = true;
    batch.on('payment_intent.succeeded', (e) => {
      runs.push(e.id);
      if (e.id === 'evt_f' && failOnce) {
        failOnce = false;
        throw new Error('nope');
      }
    });
    const delivery = signedDelivery([paymentSucceeded('evt_e'), paymentSucceeded('evt_f'), paymentSucceeded('evt_g')]);
    await expect(batch.receive(delivery)).rejects.toThrow(/1 of 3 event/);
    const second = await batch.receive(delivery);
    expect(second.events.map((e) => e.outcome)).toEqual(['duplicate', 'handled', 'duplicate']);
    expect(runs.sort()).toEqual(['evt_e', 'evt_f', 'evt_f', 'evt_g']);
  });

  it('shares dedupe between receivers that share a store and name (several processes on one shared store)', async () => {
    const store = createMemoryIdempotencyStore();
    const a = receiverFor(store);
    const b = receiverFor(store);
    let calls = 0;
    const count = () => {
      calls++;
    };
    a.onAny(count);
    b.onAny(count);
    const delivery = signedDelivery(paymentSucceeded('evt_h'));
    await a.receive(delivery);
    const result = await b.receive(delivery);
    expect(result.events[0]?.outcome).toBe('duplicate');
    expect(calls).toBe(1);
  });
});

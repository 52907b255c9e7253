import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookReceiver } from '../../../src/webhooks/index.js';
import { batchHeaders, CLIENT_SECRET, contactEvent, crmWebhooks } from './batch-webhooks.js';
import { paymentSucceeded, paymentsWebhooks, SECRET, signedDelivery } from './payments-webhooks.js';
import type { Endpoint, StartEndpoint } from './servers.js';

const LIMIT = 4096;

/** The JSON the adapters answer with. */
export interface Answer {
  ok?: boolean;
  handled?: number;
  duplicates?: number;
  error?: { type: string; reason?: string; message: string };
}

/** Posts a delivery to an endpoint and reads the JSON answer. */
export async function post(url: string, delivery: { body: string | Uint8Array; headers: Record<string, string> }) {
  const response = await fetch(url, { method: 'POST', body: delivery.body as BodyInit, headers: delivery.headers });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Answer };
}

/**
 * For an adapter's own tests: starts endpoints serving a payments receiver
 * that counts its handler runs and collects `onError`'s errors; each is
 * closed after its test. Call it inside a `describe`.
 */
export function countingEndpoints(start: StartEndpoint) {
  const open: Endpoint[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((e) => e.close()));
  });
  return async (options: { maxBodyBytes?: number } = {}) => {
    const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET } });
    const errors: unknown[] = [];
    let calls = 0;
    receiver.onAny(() => {
      calls++;
    });
    const endpoint = await start(receiver, { ...options, onError: (e) => errors.push(e) });
    open.push(endpoint);
    return { endpoint, errors, calls: () => calls };
  };
}

/** The behaviour every HTTP adapter must have, run against a real server on 127.0.0.1. */
export function adapterContract(name: string, start: StartEndpoint): void {
  describe(`${name} adapter contract`, () => {
    const open: Endpoint[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((e) => e.close()));
    });

    const setup = async () => {
      const errors: unknown[] = [];
      const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET } });
      const runs: { id: string; amount: number }[] = [];
      let failNext = 0;
      receiver.on('payment_intent.succeeded', async (e) => {
        runs.push({ id: e.id, amount: e.payload.data.object.amount });
        if (failNext > 0) {
          failNext--;
          throw new Error('handler exploded: internal detail');
        }
      });
      const endpoint = await start(receiver, { maxBodyBytes: LIMIT, onError: (e) => errors.push(e) });
      open.push(endpoint);
      return { endpoint, runs, errors, failOnce: () => (failNext = 1) };
    };

    it('answers 200 to a valid signed delivery, after the handler ran', async () => {
      const { endpoint, runs, errors } = await setup();
      const answer = await post(endpoint.url, signedDelivery(paymentSucceeded('evt_ok', 1234)));
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ ok: true, handled: 1, duplicates: 0 });
      expect(runs).toEqual([{ id: 'evt_ok', amount: 1234 }]);
      expect(errors).toEqual([]);
    });

    it('answers 400 with the reason to a bad signature, runs no handler, and echoes no secret', async () => {
      const { endpoint, runs, errors } = await setup();
      const answer = await post(endpoint.url, signedDelivery(paymentSucceeded('evt_bad'), 'whsec_attacker_guess'));
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({ type: 'verification_failed', reason: 'no_matching_signature' });
      expect(answer.text).not.toContain(SECRET);
      expect(runs).toEqual([]);
      expect(errors).toHaveLength(1);
    });

    it('answers 400 to a delivery with no signature header', async () => {
      const { endpoint, runs } = await setup();
      const answer = await post(endpoint.url, {
        body: JSON.stringify(paymentSucceeded('evt_nosig')),
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({ reason: 'missing_header' });
      expect(runs).toEqual([]);
    });

    it("answers 500 when a handler fails, without the handler's message, and 200 when the provider redelivers", async () => {
      const { endpoint, runs, errors, failOnce } = await setup();
      failOnce();
      const delivery = signedDelivery(paymentSucceeded('evt_fail'));
      const first = await post(endpoint.url, delivery);
      expect(first.status).toBe(500);
      expect(first.json.error?.type).toBe('handler_failed');
      expect(first.text).not.toContain('internal detail');
      expect(errors).toHaveLength(1);
      const second = await post(endpoint.url, delivery);
      expect(second.status).toBe(200);
      expect(second.json).toEqual({ ok: true, handled: 1, duplicates: 0 });
      expect(runs.map((r) => r.id)).toEqual(['evt_fail', 'evt_fail']);
    });

    it('answers 200 to a duplicate without running the handler again', async () => {
      const { endpoint, runs } = await setup();
      const delivery = signedDelivery(paymentSucceeded('evt_dup'));
      expect((await post(endpoint.url, delivery)).status).toBe(200);
      const again = await post(endpoint.url, delivery);
      expect(again.status).toBe(200);
      expect(again.json).toEqual({ ok: true, handled: 0, duplicates: 1 });
      expect(runs).toHaveLength(1);
    });

    it('answers 413 to a body over the limit (declared length), running nothing', async () => {
      const { endpoint, runs, errors } = await setup();
      const big = signedDelivery({ ...paymentSucceeded('evt_big'), padding: 'x'.repeat(LIMIT) });
      const answer = await post(endpoint.url, big);
      expect(answer.status).toBe(413);
      expect(answer.json.error).toMatchObject({ reason: 'too_large' });
      expect(runs).toEqual([]);
      expect(errors).toHaveLength(1);
    });

    it('answers 413 to a streamed body (no declared length) once it passes the limit', async () => {
      const { endpoint, runs } = await setup();
      const chunk = new TextEncoder().encode('x'.repeat(1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          // Far more than the limit: a body that is buffered whole before the check would take a while.
          if (sent++ < 64) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const response = await fetch(endpoint.url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      await response.text();
      expect(runs).toEqual([]);
    });

    it('answers 405 to anything but POST', async () => {
      const { endpoint } = await setup();
      const response = await fetch(endpoint.url, { method: 'GET' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });

    it('passes the method and full URL, so a batch whose signature covers the URL verifies and is split', async () => {
      const receiver = createWebhookReceiver(crmWebhooks, { secrets: { clientSecret: CLIENT_SECRET } });
      const objects: number[] = [];
      receiver.on('contact.creation', (e) => {
        objects.push(e.payload.objectId);
      });
      const endpoint = await start(receiver, { onError: () => {} }, '/hooks/crm');
      open.push(endpoint);
      const url = `${endpoint.url}?portal=62515`;
      const body = JSON.stringify([contactEvent(1), contactEvent(2), contactEvent(1)]);
      const answer = await post(url, { body, headers: batchHeaders(url, body) });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ ok: true, handled: 2, duplicates: 1 });
      expect(objects.sort()).toEqual([10, 20]);
    });
  });
}

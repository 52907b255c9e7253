import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookReceiver } from '../../src/webhooks/index.js';
import { isWebhookVerificationError, type WebhookInput } from '../../src/webhooks/verify/index.js';
import { paymentSucceeded, paymentsWebhooks, SECRET, stripeSignature } from './support/payments-webhooks.js';
import { type Endpoint, startNode } from './support/servers.js';

// Signed long ago, so only an injected clock can make it fresh.
const SIGNED_AT_SEC = Math.floor(Date.UTC(2025, 0, 15, 12, 0, 0) / 1000);
const body = JSON.stringify(paymentSucceeded('evt_clock'));
const headers = { 'content-type': 'application/json', 'stripe-signature': stripeSignature(body, SECRET, SIGNED_AT_SEC) };

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(isWebhookVerificationError(error), String(error)).toBe(true);
  return error as { reason: string; ageMs?: number };
}

describe('createWebhookReceiver({ now })', () => {
  it("judges each delivery's timestamp against the injected clock, to the second at the tolerance edge", async () => {
    let nowMs = SIGNED_AT_SEC * 1000 + 300_999;
    const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET }, now: () => nowMs });
    const first = await receiver.receive({ body, headers });
    expect(first.events).toEqual([{ id: 'evt_clock', type: 'payment_intent.succeeded', outcome: 'handled' }]);
    nowMs = SIGNED_AT_SEC * 1000 + 301_000;
    const late = await refusal(receiver.receive({ body, headers }));
    expect(late).toMatchObject({ reason: 'timestamp_out_of_tolerance', ageMs: 301_000 });
  });

  it('uses the real clock without one, so the same delivery is refused as stale', async () => {
    const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET } });
    expect((await refusal(receiver.receive({ body, headers }))).reason).toBe('timestamp_out_of_tolerance');
  });

  it("hands a verifier of your own the clock's time as receivedAt, and leaves one you set alone", async () => {
    const seen: (number | undefined)[] = [];
    const verifier = { verify: (input: WebhookInput) => void seen.push(input.receivedAt) };
    const receiver = createWebhookReceiver(paymentsWebhooks, { verifier, now: () => 42_000 });
    await receiver.receive({ body, headers });
    await receiver.receive({ body: JSON.stringify(paymentSucceeded('evt_2')), headers, receivedAt: 7 });
    expect(seen).toEqual([42_000, 7]);
  });

  describe('over HTTP', () => {
    let endpoint: Endpoint | undefined;
    afterEach(async () => {
      await endpoint?.close();
      endpoint = undefined;
    });

    it('answers 200 at the injected clock and 400 once it has moved past the tolerance', async () => {
      let nowMs = SIGNED_AT_SEC * 1000 + 60_000;
      const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET }, now: () => nowMs });
      const errors: unknown[] = [];
      endpoint = await startNode(receiver, { onError: (error) => void errors.push(error) });
      const fresh = await fetch(endpoint.url, { method: 'POST', body, headers });
      expect(fresh.status).toBe(200);
      nowMs = SIGNED_AT_SEC * 1000 + 3_600_000;
      const stale = await fetch(endpoint.url, { method: 'POST', body, headers });
      expect(stale.status).toBe(400);
      expect(await stale.json()).toMatchObject({ error: { reason: 'timestamp_out_of_tolerance' } });
      expect(errors).toHaveLength(1);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { createFetchHandler, createWebhookReceiver } from '../../src/webhooks/index.js';
import { adapterContract } from './support/adapter-contract.js';
import { paymentSucceeded, paymentsWebhooks, SECRET, signedDelivery } from './support/payments-webhooks.js';
import { startHono } from './support/servers.js';

adapterContract('Fetch API (Hono on @hono/node-server)', startHono);

describe('createFetchHandler', () => {
  it('works as a plain (Request) => Response handler, as in a Next.js route or Bun.serve', async () => {
    const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET } });
    let calls = 0;
    receiver.onAny(() => {
      calls++;
    });
    const POST = createFetchHandler(receiver);
    const delivery = signedDelivery(paymentSucceeded('evt_next'));
    const response = await POST(new Request('https://app.example.com/api/webhooks', { method: 'POST', ...delivery }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, handled: 1, duplicates: 0 });
    expect(calls).toBe(1);
  });

  it('refuses a Request whose body was already read, saying the raw body is required', async () => {
    const errors: unknown[] = [];
    const POST = createFetchHandler(createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET } }), {
      onError: (e) => errors.push(e),
    });
    const request = new Request('https://app.example.com/api/webhooks', {
      method: 'POST',
      ...signedDelivery(paymentSucceeded('evt_read')),
    });
    await request.json();
    const response = await POST(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { reason: 'body_not_raw' } });
    expect(errors).toHaveLength(1);
  });
});

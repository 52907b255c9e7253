import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import { startLoopbackServer } from '@junction/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createResendClient, resendConnector } from '../src/resend/index.js';
import { createResendSandbox } from '../src/resend/sandbox/index.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('the Resend sandbox delivers as Svix may', () => {
  it('out of order and twice: the receiver handles each event once, whatever came first', async () => {
    const receiver = createWebhookReceiver(resendConnector, { secrets: { secret: SECRET } });
    const handled: string[] = [];
    receiver.onAny((event) => {
      handled.push(event.type);
    });
    const http = createServer(createNodeMiddleware(receiver, { onError: () => {} }));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    const sandbox = createResendSandbox({
      webhook: { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, secret: SECRET, reversed: true, duplicates: true },
    });
    const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
    closers.push(() => server.close());
    await createResendClient({ apiKey: sandbox.apiKey, baseUrl: server.url }).sendEmail({
      from: 'app@example.com',
      to: 'ok@example.com',
      subject: 'Hi',
      text: 'Hello',
    });
    await sandbox.webhooks.flush();
    // Sent newest first, each twice.
    expect(sandbox.webhooks.deliveries.map((delivery) => delivery.type)).toEqual([
      'email.delivered',
      'email.delivered',
      'email.sent',
      'email.sent',
    ]);
    expect([...handled].sort()).toEqual(['email.delivered', 'email.sent']);
  });
});

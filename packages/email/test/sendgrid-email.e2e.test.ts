import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver, type WebhookReceiver } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmailEvent } from '../src/index.js';
import {
  createSendgridClient,
  SENDGRID_IDEMPOTENCY_CUSTOM_ARG,
  type SendgridClient,
  sendgridConnector,
  sendgridEmail,
} from '../src/sendgrid/index.js';
import { createSendgridSandbox, type SendgridSandbox } from '../src/sendgrid/sandbox/index.js';
import { describeEmailProvider } from './support/email-provider-suite.js';

let sandbox: SendgridSandbox;
let server: LoopbackServer;
let sendgrid: SendgridClient;
let closeHook: () => Promise<void>;
let received: EmailEvent[] = [];

// The sandbox signs with a key pair it makes; the receiver is built once that key exists.
beforeAll(async () => {
  let receiver: WebhookReceiver | undefined;
  const normalize = sendgridEmail({ apiKey: 'SG.unused' }).events.normalize;
  const http = createServer((req, res) => {
    receiver ??= (() => {
      const made = createWebhookReceiver(sendgridConnector, { secrets: { publicKey: sandbox.publicKey ?? '' } });
      made.onAny((event) => {
        received.push(...normalize(event.payload));
      });
      return made;
    })();
    return createNodeMiddleware(receiver, { onError: () => {} })(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closeHook = () =>
    new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  sandbox = createSendgridSandbox({
    webhook: { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` },
    quirks: { duplicateEvery: 3 },
  });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
});
afterAll(async () => {
  await server.close();
  await closeHook();
});
beforeEach(() => {
  sandbox.reset();
  server.faults.clear();
  server.requests.length = 0;
  received = [];
  sendgrid = createSendgridClient({ apiKey: sandbox.apiKey, baseUrl: server.url, retry: { minDelayMs: 10 } });
});

describe('the SendGrid adapter', () => {
  it('builds one personalization, text before HTML, categories, custom_args with the idempotency key, send_at', async () => {
    await sendgridEmail(sendgrid).send(
      {
        from: { email: 'app@example.com', name: 'App' },
        to: 'jenny@example.com',
        cc: { email: 'boss@example.com', name: 'Boss' },
        subject: 'Hello',
        text: 'Hi',
        html: '<p>Hi</p>',
        tags: ['welcome'],
        metadata: { order: '42' },
        scheduledAt: '2030-01-01T00:00:00Z',
        attachments: [{ filename: 'logo.png', content: new Uint8Array([1, 2, 3]), contentType: 'image/png', contentId: 'logo' }],
      },
      { idempotencyKey: 'welcome-42' },
    );
    expect(sandbox.outbox[0]?.mail).toMatchObject({
      personalizations: [{ to: [{ email: 'jenny@example.com' }], cc: [{ email: 'boss@example.com', name: 'Boss' }] }],
      from: { email: 'app@example.com', name: 'App' },
      content: [
        { type: 'text/plain', value: 'Hi' },
        { type: 'text/html', value: '<p>Hi</p>' },
      ],
      categories: ['welcome'],
      custom_args: { order: '42', [SENDGRID_IDEMPOTENCY_CUSTOM_ARG]: 'welcome-42' },
      send_at: Date.UTC(2030, 0, 1) / 1000,
      attachments: [{ content: 'AQID', filename: 'logo.png', type: 'image/png', disposition: 'inline', content_id: 'logo' }],
    });
  });
});

describeEmailProvider('sendgrid', {
  provider: () => sendgridEmail(sendgrid),
  requestCount: () => server.requests.length,
  outbox: () =>
    sandbox.outbox.map((entry) => ({
      to: entry.mail.personalizations.flatMap((p) => p.to.map((a) => a.email)),
      subject: entry.mail.subject ?? null,
      metadata: entry.mail.custom_args ?? {},
    })),
  events: async () => {
    await sandbox.webhooks.flush();
    return received;
  },
  suppressions: true,
});

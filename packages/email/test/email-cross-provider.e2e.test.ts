import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import { startLoopbackServer } from '@junction/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { EmailEvent, EmailMessageInput, EmailProvider } from '../src/index.js';
import { createResendClient, resendConnector, resendEmail } from '../src/resend/index.js';
import { createResendSandbox } from '../src/resend/sandbox/index.js';
import { createSendgridClient, sendgridConnector, sendgridEmail } from '../src/sendgrid/index.js';
import { createSendgridSandbox } from '../src/sendgrid/sandbox/index.js';

const RESEND_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
});

const message: EmailMessageInput = {
  from: { email: 'app@example.com', name: 'The App' },
  to: ['ok@example.com', 'bounce@example.com', 'complaint@example.com'],
  subject: 'Your weekly digest',
  text: 'Here is what happened this week.',
  metadata: { digest: 'w49' },
};

describe('one message, two providers, one webhook endpoint', () => {
  it('gives the same unified events whichever provider sent it', async () => {
    const events: EmailEvent[] = [];
    let sendgridKey = '';
    const providers: Record<string, EmailProvider> = {};
    // One endpoint for both providers' webhooks: each path verifies its provider's signature, and both feed the same list.
    const resendReceiver = createWebhookReceiver(resendConnector, { secrets: { secret: RESEND_SECRET } });
    resendReceiver.onAny((event) => {
      events.push(...(providers.resend as EmailProvider).events.normalize(event.payload));
    });
    // SendGrid's is made on its first delivery, once the sandbox's key pair exists.
    let sendgridReceiver: ReturnType<typeof createWebhookReceiver<typeof sendgridConnector>> | undefined;
    const http = createServer((req, res) => {
      if (req.url?.startsWith('/webhooks/resend')) return createNodeMiddleware(resendReceiver, { onError: () => {} })(req, res);
      if (!sendgridReceiver) {
        sendgridReceiver = createWebhookReceiver(sendgridConnector, { secrets: { publicKey: sendgridKey } });
        sendgridReceiver.onAny((event) => {
          events.push(...(providers.sendgrid as EmailProvider).events.normalize(event.payload));
        });
      }
      return createNodeMiddleware(sendgridReceiver, { onError: () => {} })(req, res);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        }),
    );

    const resendSandbox = createResendSandbox({ webhook: { url: `${hook}/webhooks/resend`, secret: RESEND_SECRET, retries: 0 } });
    const sendgridSandbox = createSendgridSandbox({ webhook: { url: `${hook}/webhooks/sendgrid` } });
    sendgridKey = sendgridSandbox.publicKey ?? '';
    const resendServer = await startLoopbackServer({ handlers: resendSandbox.handlers, origin: resendSandbox.origin });
    const sendgridServer = await startLoopbackServer({ handlers: sendgridSandbox.handlers, origin: sendgridSandbox.origin });
    closers.push(
      () => resendServer.close(),
      () => sendgridServer.close(),
    );
    providers.resend = resendEmail(createResendClient({ apiKey: resendSandbox.apiKey, baseUrl: resendServer.url }));
    providers.sendgrid = sendgridEmail(createSendgridClient({ apiKey: sendgridSandbox.apiKey, baseUrl: sendgridServer.url }));

    const ids: Record<string, string> = {};
    for (const [name, provider] of Object.entries(providers)) ids[name] = (await provider.send(message)).id;
    await Promise.all([resendSandbox.webhooks.flush(), sendgridSandbox.webhooks.flush()]);

    // What a product acts on: who got it, who bounced, who complained; each with the message id and the metadata.
    const outcomes = (provider: string) =>
      events
        .filter((event) => event.provider === provider && ['email.delivered', 'email.bounced', 'email.complained'].includes(event.type))
        .map((event) => {
          expect(event).toMatchObject({ messageId: ids[provider], metadata: { digest: 'w49' } });
          return `${event.recipient} ${event.type}${event.bounce ? ` ${event.bounce.kind}` : ''}`;
        })
        .sort();
    expect(outcomes('resend')).toEqual([
      'bounce@example.com email.bounced hard',
      'complaint@example.com email.complained',
      'complaint@example.com email.delivered',
      'ok@example.com email.delivered',
    ]);
    expect(outcomes('sendgrid')).toEqual(outcomes('resend'));
  });
});

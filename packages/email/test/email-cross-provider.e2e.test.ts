import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import { startLoopbackServer } from '@junction/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmailEvent, type EmailMessageInput, type EmailProvider, emailWebhooks } from '../src/index.js';
import { createResendClient, resendEmail, resendEmailWebhooks } from '../src/resend/index.js';
import { createResendSandbox } from '../src/resend/sandbox/index.js';
import { createSendgridClient, sendgridEmail, sendgridEmailWebhooks } from '../src/sendgrid/index.js';
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

/** An HTTP endpoint on 127.0.0.1 whose handler is set once the sandboxes (and so the SendGrid key) exist. */
async function endpoint(): Promise<{ url: string; serve(listener: RequestListener): void }> {
  let listener: RequestListener = (_req, res) => res.writeHead(503).end();
  const http = createServer((req, res) => listener(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  );
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/webhooks/email`,
    serve: (next) => {
      listener = next;
    },
  };
}

describe('one message, two providers, one webhook receiver', () => {
  it('gives the same unified events whichever provider sent it, each handled once', async () => {
    const hook = await endpoint();
    // Both providers redeliver: Resend sends each event twice, SendGrid repeats every second event in its batch.
    const resendSandbox = createResendSandbox({ webhook: { url: hook.url, secret: RESEND_SECRET, retries: 0, duplicates: true } });
    const sendgridSandbox = createSendgridSandbox({ webhook: { url: hook.url }, quirks: { duplicateEvery: 2 } });
    const receiver = createWebhookReceiver(emailWebhooks({ resend: resendEmailWebhooks, sendgrid: sendgridEmailWebhooks }), {
      secrets: { resend: { secret: RESEND_SECRET }, sendgrid: { publicKey: sendgridSandbox.publicKey ?? '' } },
    });
    const events: EmailEvent[] = [];
    const failures: unknown[] = [];
    receiver.onAny(({ payload }) => {
      events.push(payload as EmailEvent);
    });
    hook.serve(createNodeMiddleware(receiver, { onError: (error) => failures.push(error) }));

    const resendServer = await startLoopbackServer({ handlers: resendSandbox.handlers, origin: resendSandbox.origin });
    const sendgridServer = await startLoopbackServer({ handlers: sendgridSandbox.handlers, origin: sendgridSandbox.origin });
    closers.push(
      () => resendServer.close(),
      () => sendgridServer.close(),
    );
    const providers: Record<string, EmailProvider> = {
      resend: resendEmail(createResendClient({ apiKey: resendSandbox.apiKey, baseUrl: resendServer.url })),
      sendgrid: sendgridEmail(createSendgridClient({ apiKey: sendgridSandbox.apiKey, baseUrl: sendgridServer.url })),
    };

    const ids: Record<string, string> = {};
    for (const [name, provider] of Object.entries(providers)) ids[name] = (await provider.send(message)).id;
    await Promise.all([resendSandbox.webhooks.flush(), sendgridSandbox.webhooks.flush()]);
    expect(failures).toEqual([]);

    // Every delivery was taken, and each event reached the handlers once, whatever the redeliveries.
    const keys = events.map((event) => `${event.provider}:${event.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const sent = resendSandbox.webhooks.deliveries.map((delivery) => delivery.svixId);
    expect(new Set(sent).size * 2).toBe(sent.length);

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

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createSendgridClient, messageIdOf, sendgridConnector } from '../src/sendgrid/index.js';
import { createSendgridSandbox } from '../src/sendgrid/sandbox/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sendgrid`;
}

describe("the sandbox's signed Event Webhook, received through core's receiver", () => {
  it('splits each array into events, dedupes on sg_event_id, and types them', async () => {
    const seen: { event: string; email: string; messageId: string | undefined; key: unknown }[] = [];
    let publicKey = '';
    const receiver = () => createWebhookReceiver(sendgridConnector, { secrets: { publicKey } });
    let active: ReturnType<typeof receiver> | undefined;
    const url = await listen((req, res) => {
      // Built on first delivery, once the sandbox's key pair exists.
      active ??= (() => {
        const r = receiver();
        r.onAny((event) => {
          const payload = event.payload as Record<string, unknown>;
          seen.push({
            event: String(payload.event),
            email: String(payload.email),
            messageId: messageIdOf(String(payload.sg_message_id)),
            key: payload.junction_idempotency_key,
          });
        });
        return r;
      })();
      return createNodeMiddleware(active, { onError: () => {} })(req, res);
    });
    const sandbox = createSendgridSandbox({ webhook: { url }, quirks: { duplicateEvery: 2, shuffle: false } });
    publicKey = sandbox.publicKey ?? '';
    const server: LoopbackServer = await startLoopbackServer({ handlers: sandbox.handlers, origin: 'https://api.sendgrid.com' });
    closers.push(() => server.close());
    const sendgrid = createSendgridClient({ apiKey: sandbox.apiKey, baseUrl: server.url });
    const { messageId } = await sendgrid.sendMail({
      personalizations: [{ to: [{ email: 'ada@example.com' }, { email: 'bounce@example.com' }, { email: 'complaint@example.com' }] }],
      from: { email: 'shop@example.com' },
      subject: 'Hi',
      content: [{ type: 'text/plain', value: 'Hello' }],
      custom_args: { junction_idempotency_key: 'k-1' },
    });
    await sandbox.webhooks.flush();
    expect(sandbox.webhooks.deliveries.every((d) => d.delivered)).toBe(true);
    const sent = JSON.parse(sandbox.webhooks.deliveries[0]?.payload ?? '[]') as unknown[];
    // 8 events, every second one sent twice: the receiver drops the copies.
    expect(sent).toHaveLength(12);
    expect(seen.map((e) => `${e.email.split('@')[0]}:${e.event}`)).toEqual([
      'ada:processed',
      'ada:delivered',
      'bounce:processed',
      'bounce:deferred',
      'bounce:bounce',
      'complaint:processed',
      'complaint:delivered',
      'complaint:spamreport',
    ]);
    expect(new Set(seen.map((e) => e.messageId))).toEqual(new Set([messageId]));
    expect(new Set(seen.map((e) => e.key))).toEqual(new Set(['k-1']));
    // The bounce and the complaint reached the suppression lists.
    expect(await sendgrid.getBounce({ email: 'bounce@example.com' })).toHaveLength(1);
    expect((await sendgrid.listSpamReports()).map((s) => s.email)).toEqual(['complaint@example.com']);
    await sendgrid.deleteBounce({ email: 'bounce@example.com' });
    expect(await sendgrid.getBounce({ email: 'bounce@example.com' })).toEqual([]);
  });

  it('reorders events within a delivery when told to (seeded), as SendGrid does, without losing or adding any', async () => {
    const delivered = async (shuffle: boolean) => {
      const bodies: string[] = [];
      const url = await listen((req, res) => {
        let body = '';
        req.on('data', (chunk) => {
          body += chunk;
        });
        req.on('end', () => {
          bodies.push(body);
          res.end();
        });
      });
      const sandbox = createSendgridSandbox({ webhook: { url }, quirks: { shuffle, seed: 7 } });
      const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: 'https://api.sendgrid.com' });
      closers.push(() => server.close());
      await createSendgridClient({ apiKey: sandbox.apiKey, baseUrl: server.url }).sendMail({
        personalizations: [{ to: [{ email: 'ada@example.com' }, { email: 'bounce@example.com' }, { email: 'complaint@example.com' }] }],
        from: { email: 'shop@example.com' },
        subject: 'Hi',
        content: [{ type: 'text/plain', value: 'Hello' }],
      });
      await sandbox.webhooks.flush();
      return bodies.flatMap((body) => (JSON.parse(body) as { email: string; event: string }[]).map((e) => `${e.email} ${e.event}`));
    };
    const inOrder = await delivered(false);
    const shuffled = await delivered(true);
    expect(shuffled).not.toEqual(inOrder);
    expect([...shuffled].sort()).toEqual([...inOrder].sort());
  });
});

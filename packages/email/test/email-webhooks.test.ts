import { generateKeyPairSync } from 'node:crypto';
import { createWebhookReceiver, isWebhookPayloadError, isWebhookVerificationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { type EmailEvent, emailWebhooks } from '../src/index.js';
import { resendEmailWebhooks, resendSigner } from '../src/resend/index.js';
import { sendgridEmailWebhooks, sendgridSigner } from '../src/sendgrid/index.js';

const RESEND_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const resend = resendSigner({ secret: RESEND_SECRET });
const sendgrid = sendgridSigner({ privateKey: keys.privateKey });

const resendBody = (type: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type,
    created_at: '2026-12-01T10:00:00.000Z',
    data: {
      email_id: 'em_1',
      created_at: '2026-12-01T10:00:00.000Z',
      from: 'app@example.com',
      to: ['jo@example.com'],
      subject: 'Hi',
      tags: { order: '42' },
      ...extra,
    },
  });
const sendgridBody = JSON.stringify([
  {
    sg_event_id: 'sg1',
    event: 'bounce',
    type: 'blocked',
    reason: 'mailbox full',
    email: 'jo@example.com',
    timestamp: 1_764_583_200,
    sg_message_id: 'msg1.filter',
    order: '42',
  },
  { sg_event_id: 'sg2', event: 'group_resubscribe', email: 'jo@example.com', timestamp: 1_764_583_200 },
]);

function receiverWithLog() {
  const receiver = createWebhookReceiver(emailWebhooks({ resend: resendEmailWebhooks, sendgrid: sendgridEmailWebhooks }), {
    secrets: { resend: { secret: RESEND_SECRET }, sendgrid: { publicKey } },
  });
  const bounces: EmailEvent[] = [];
  const unknown: string[] = [];
  receiver.on('email.bounced', ({ payload }) => {
    bounces.push(payload);
  });
  receiver.onUnknown((event) => {
    unknown.push(event.type);
  });
  return { receiver, bounces, unknown };
}

describe('emailWebhooks: one receiver for every email provider', () => {
  it('tells the providers apart by their signature headers and hands over the same unified events', async () => {
    const { receiver, bounces, unknown } = receiverWithLog();
    const fromResend = resendBody('email.bounced', {
      bounce: { type: 'Transient', subType: 'MailboxFull', message: 'mailbox full', diagnosticCode: [] },
    });
    await receiver.receive({ body: fromResend, headers: resend.sign({ body: fromResend }) });
    await receiver.receive({ body: sendgridBody, headers: sendgrid.sign({ body: sendgridBody }) });
    expect(bounces.map((e) => [e.provider, e.recipient, e.bounce, e.metadata])).toEqual([
      ['resend', 'jo@example.com', { kind: 'soft', reason: 'mailbox full' }, { order: '42' }],
      ['sendgrid', 'jo@example.com', { kind: 'soft', reason: 'mailbox full' }, { order: '42' }],
    ]);
    // A type the unified set lacks reaches onUnknown under the provider's own name.
    expect(unknown).toEqual(['group_resubscribe']);
  });

  it('drops a redelivery, per provider, and never confuses two providers’ ids', async () => {
    const { receiver } = receiverWithLog();
    const body = resendBody('email.delivered');
    const headers = resend.sign({ body, id: 'msg_1' });
    const first = await receiver.receive({ body, headers });
    const again = await receiver.receive({ body, headers: resend.sign({ body, id: 'msg_1' }) });
    expect([first.events[0]?.outcome, again.events[0]?.outcome]).toEqual(['handled', 'duplicate']);
    expect(first.events[0]?.id).toMatch(/^resend:/);
    const result = await receiver.receive({ body: sendgridBody, headers: sendgrid.sign({ body: sendgridBody }) });
    expect(result.events.map((e) => [e.id, e.outcome])).toEqual([
      ['sendgrid:sg1', 'handled'],
      ['sendgrid:sg2', 'handled'],
    ]);
    expect(result.verified).toMatchObject({ source: 'sendgrid' });
  });

  it('refuses a delivery with no provider’s signature header, naming the headers it looked for', async () => {
    const { receiver } = receiverWithLog();
    const error = await receiver.receive({ body: sendgridBody, headers: { 'content-type': 'application/json' } }).catch((e: unknown) => e);
    expect(isWebhookVerificationError(error) && error.reason).toBe('missing_header');
    expect((error as Error).message).toContain('svix-signature (resend) or X-Twilio-Email-Event-Webhook-Signature (sendgrid)');
  });

  it('checks a delivery with the provider its header names: another provider’s signature does not pass', async () => {
    const { receiver, bounces } = receiverWithLog();
    // Signed as Resend, but dressed as SendGrid: verified with SendGrid's key, and refused.
    const headers = { ...resend.sign({ body: sendgridBody }), ...sendgrid.sign({ body: '[]' }) };
    const forged = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('svix')));
    const error = await receiver.receive({ body: sendgridBody, headers: forged }).catch((e: unknown) => e);
    expect(isWebhookVerificationError(error) && error.reason).toBe('no_matching_signature');
    expect(bounces).toEqual([]);
  });

  it('refuses an authentic body it cannot read as email events, running no handler', async () => {
    const { receiver } = receiverWithLog();
    const body = JSON.stringify({ hello: 'world' });
    const error = await receiver.receive({ body, headers: resend.sign({ body }) }).catch((e: unknown) => e);
    expect(isWebhookPayloadError(error) && error.reason).toBe('invalid_envelope');
  });

  it('remembers ids for the longest redelivery window of its providers (one URL takes every provider’s redeliveries)', () => {
    const both = emailWebhooks({ resend: resendEmailWebhooks, sendgrid: sendgridEmailWebhooks }).redeliveryMs;
    const windows = [resendEmailWebhooks.redeliveryMs, sendgridEmailWebhooks.redeliveryMs];
    expect(windows.every((ms) => typeof ms === 'number' && ms > 0)).toBe(true);
    expect(both).toBe(Math.max(...(windows as number[])));
    const undeclared = { ...sendgridEmailWebhooks, redeliveryMs: undefined };
    expect(emailWebhooks({ sendgrid: undeclared }).redeliveryMs).toBeUndefined();
  });

  it('needs each provider’s secrets', () => {
    const definition = emailWebhooks({ resend: resendEmailWebhooks, sendgrid: sendgridEmailWebhooks });
    // @ts-expect-error: sendgrid's public key is missing
    expect(() => createWebhookReceiver(definition, { secrets: { resend: { secret: RESEND_SECRET } } })).toThrow(/secrets\.sendgrid/);
  });
});

import { isRateLimitError } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSendgridClient,
  isSendgridError,
  isSendgridMessageTooLargeError,
  isSendgridOutcomeUnknownError,
  isSendgridValidationError,
  type SendgridClient,
  type SendMailInput,
} from '../src/sendgrid/index.js';
import { createSendgridSandbox, type SendgridSandbox } from '../src/sendgrid/sandbox/index.js';

let sandbox: SendgridSandbox;
let server: LoopbackServer;

async function start(options: Parameters<typeof createSendgridSandbox>[0] = {}): Promise<void> {
  sandbox = createSendgridSandbox(options);
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: 'https://api.sendgrid.com' });
}
const client = (extra: Partial<Parameters<typeof createSendgridClient>[0]> = {}): SendgridClient =>
  createSendgridClient({ apiKey: sandbox.apiKey, baseUrl: server.url, retry: { minDelayMs: 1 }, ...extra });

const MAIL: SendMailInput = {
  personalizations: [{ to: [{ email: 'ada@example.com', name: 'Ada' }] }],
  from: { email: 'shop@example.com' },
  subject: 'Your order',
  content: [{ type: 'text/plain', value: 'It shipped.' }],
  custom_args: { junction_idempotency_key: 'order-42' },
};
const sends = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/v3/mail/send');

beforeEach(() => start());
afterEach(() => server.close());

describe('sendMail against the sandbox over loopback', () => {
  it('answers 202 with X-Message-Id, which reaches the caller, and keeps the message in the outbox', async () => {
    const { messageId } = await client().sendMail(MAIL);
    expect(messageId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(sandbox.outbox).toHaveLength(1);
    expect(sandbox.outbox[0]?.messageId).toBe(messageId);
    expect(sandbox.outbox[0]?.mail.custom_args).toEqual({ junction_idempotency_key: 'order-42' });
    expect(sends()[0]?.headers.authorization).toBe(`Bearer ${sandbox.apiKey}`);
  });

  it("maps SendGrid's validation errors per field", async () => {
    const error = await client()
      .sendMail({ personalizations: [{ to: [] }], from: { email: 'shop@example.com' } })
      .catch((e: unknown) => e);
    expect(isSendgridValidationError(error)).toBe(true);
    if (!isSendgridValidationError(error)) return;
    expect(error.status).toBe(400);
    expect(error.details.fields.map((f) => f.field)).toEqual(['personalizations.0.to', 'subject', 'content']);
    expect(error.details.fields[1]?.message).toMatch(/^The subject is required/);
    expect(error.details.fields[0]?.help).toMatch(/^http:\/\/sendgrid\.com\/docs/);
    expect(error.providerMessage).toMatch(/^personalizations\.0\.to: The to array is required/);
    expect(sandbox.outbox).toHaveLength(0);
  });

  it('refuses a message over 30 MB with 413, mapped to a clear message-too-large error', async () => {
    const huge = 'x'.repeat(31 * 1024 * 1024);
    const error = await client()
      .sendMail({ ...MAIL, attachments: [{ content: huge, filename: 'big.bin' }] })
      .catch((e: unknown) => e);
    expect(isSendgridMessageTooLargeError(error)).toBe(true);
    expect((error as Error).message).toMatch(/too large/);
    expect(sandbox.outbox).toHaveLength(0);
  });

  it('refuses a wrong key with 401', async () => {
    const error = await client({ apiKey: 'SG.wrong.key' })
      .sendMail(MAIL)
      .catch((e: unknown) => e);
    expect(isSendgridError(error) && error.status).toBe(401);
  });
});

describe('faults injected on the loopback server', () => {
  it('retries a 429 and sends one email', async () => {
    server.faults.set({
      match: { method: 'POST', path: '/v3/mail/send' },
      plan: { 1: { kind: 'serverError', status: 429, when: 'before' } },
    });
    const { messageId } = await client().sendMail(MAIL);
    expect(sends()).toHaveLength(2);
    expect(sandbox.outbox.map((m) => m.messageId)).toEqual([messageId]);
  });

  it("the sandbox's own rate limit answers SendGrid's 429 body with X-RateLimit-* headers", async () => {
    await server.close();
    await start({ rateLimit: { requests: 1, intervalMs: 200 } });
    const sendgrid = client();
    await sendgrid.sendMail(MAIL);
    const raw = await fetch(`${server.url}/v3/mail/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(MAIL),
    });
    expect(raw.status).toBe(429);
    expect(await raw.json()).toEqual({ errors: [{ field: null, message: 'too many requests' }] });
    expect(raw.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(raw.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    expect(sandbox.outbox).toHaveLength(1);
  });

  it('counts X-RateLimit-Remaining down on every answer, and the client waits for the reset instead of meeting a 429', async () => {
    await server.close();
    await start({ rateLimit: { requests: 3, intervalMs: 1000 } });
    const post = () =>
      fetch(`${server.url}/v3/mail/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(MAIL),
      });
    const remaining = [];
    for (let i = 0; i < 3; i += 1) remaining.push((await post()).headers.get('x-ratelimit-remaining'));
    expect(remaining).toEqual(['2', '1', '0']);

    sandbox.reset();
    const strict = createSendgridClient({ apiKey: sandbox.apiKey, baseUrl: server.url, retry: false });
    // One after another, with retries off: each answer's budget holds the next call back until the reset.
    for (let i = 0; i < 5; i += 1) await strict.sendMail(MAIL);
    expect(sandbox.outbox).toHaveLength(5);
  });

  for (const [name, fault] of [
    ['a reset after the handler ran', { kind: 'reset', when: 'after' }],
    ['a 500 after the handler ran', { kind: 'serverError', status: 500, when: 'after' }],
  ] as const) {
    it(`${name}: one email in the outbox, not sent again, a typed error saying the outcome is unknown`, async () => {
      server.faults.set({ match: { method: 'POST', path: '/v3/mail/send' }, plan: { 1: fault } });
      const error = await client()
        .sendMail(MAIL)
        .catch((e: unknown) => e);
      expect(isSendgridOutcomeUnknownError(error)).toBe(true);
      expect((error as Error).message).toMatch(/outcome of the send is unknown/);
      expect(isRateLimitError(error)).toBe(false);
      expect(sends()).toHaveLength(1);
      expect(sandbox.outbox).toHaveLength(1);
    });

    it(`${name}, with retryUnsafeSends: retried, so the message is in the outbox twice`, async () => {
      server.faults.set({ match: { method: 'POST', path: '/v3/mail/send' }, plan: { 1: fault } });
      const { messageId } = await client({ retryUnsafeSends: true }).sendMail(MAIL);
      expect(sends()).toHaveLength(2);
      expect(sandbox.outbox).toHaveLength(2);
      expect(sandbox.outbox[1]?.messageId).toBe(messageId);
      // Both copies carry the caller's key, so their events can be matched and deduplicated.
      expect(sandbox.outbox.map((m) => m.mail.custom_args?.junction_idempotency_key)).toEqual(['order-42', 'order-42']);
    });
  }
});

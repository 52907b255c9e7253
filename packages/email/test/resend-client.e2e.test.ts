import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver, isApiError, isInputValidationError } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { type EmailEvent, type EmailMessageInput, parseMessage } from '../src/index.js';
import {
  createResendClient,
  isResendIdempotencyError,
  isResendValidationError,
  type ResendClient,
  resendConnector,
  resendEmail,
  toResendEmail,
} from '../src/resend/index.js';
import { createResendSandbox, type ResendSandbox } from '../src/resend/sandbox/index.js';
import { describeEmailProvider } from './support/email-provider-suite.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let sandbox: ResendSandbox;
let server: LoopbackServer;
let resend: ResendClient;
let hook: { url: string; close(): Promise<void> };
let received: EmailEvent[] = [];

beforeAll(async () => {
  const receiver = createWebhookReceiver(resendConnector, { secrets: { secret: SECRET } });
  const provider = resendEmail({ apiKey: 'unused' });
  receiver.onAny((event) => {
    received.push(...provider.events.normalize(event.payload));
  });
  const http = createServer(createNodeMiddleware(receiver, { onError: () => {} }));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  hook = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
  sandbox = createResendSandbox({ webhook: { url: hook.url, secret: SECRET, duplicates: true, retries: 0 } });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
});
afterAll(async () => {
  await server.close();
  await hook.close();
});
beforeEach(() => {
  sandbox.reset();
  server.faults.clear();
  server.requests.length = 0;
  received = [];
  resend = createResendClient({ apiKey: sandbox.apiKey, baseUrl: server.url, retry: { minDelayMs: 10 } });
});

const email = { from: 'App <app@example.com>', to: 'jenny@example.com', subject: 'Hello', text: 'Hi Jenny' };
const toResendEmailFor = (message: EmailMessageInput) => toResendEmail(parseMessage(message));

describe('the Resend client against the sandbox', () => {
  it('sends an email: its id, one outbox entry, and retrieves it', async () => {
    const { id } = await resend.sendEmail(email);
    expect(sandbox.outbox.map((e) => [e.id, e.to, e.email.subject])).toEqual([[id, ['jenny@example.com'], 'Hello']]);
    expect(await resend.retrieveEmail({ id })).toMatchObject({ id, subject: 'Hello', last_event: 'sent' });
  });

  it('answers invalid sends Resend’s way: 422 with { statusCode, name, message }', async () => {
    const noBody = await resend.sendEmail({ ...email, text: undefined }).catch((e: unknown) => e);
    expect(isResendValidationError(noBody) && [noBody.status, noBody.code, noBody.providerMessage]).toEqual([
      422,
      'missing_required_field',
      'Missing `html` or `text` field.',
    ]);
    const badFrom = await resend.sendEmail({ ...email, from: 'not an address' }).catch((e: unknown) => e);
    expect(isResendValidationError(badFrom) && badFrom.code).toBe('validation_error');
    const big = 'A'.repeat(Math.ceil((41 * 1024 * 1024 * 4) / 3));
    const tooBig = await resend.sendEmail({ ...email, attachments: [{ filename: 'x.bin', content: big }] }).catch((e: unknown) => e);
    expect(isResendValidationError(tooBig) && tooBig.providerMessage).toMatch(/40 MB/);
    // 51 recipients: refused by the spec's schema before sending; raw, by the sandbox.
    const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`);
    expect(await resend.sendEmail({ ...email, to: many }).catch((e: unknown) => isInputValidationError(e))).toBe(true);
    const raw = await fetch(`${server.url}/emails`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...email, to: many }),
    });
    expect([raw.status, await raw.json()]).toEqual([
      422,
      { statusCode: 422, name: 'validation_error', message: expect.stringMatching(/50/) },
    ]);
    expect(sandbox.outbox).toEqual([]);
  });

  it.each([
    ['a reset after the handler ran', { kind: 'reset', when: 'after' }],
    ['a 500 after the handler ran', { kind: 'serverError', status: 500, when: 'after' }],
    ['a 429 before', { kind: 'rateLimit', retryAfter: 0 }],
  ] as const)('sends exactly one email through %s', async (_name, fault) => {
    server.faults.set({ match: { method: 'POST', path: '/emails' }, plan: { 1: fault } });
    const { id } = await resend.sendEmail(email, { idempotencyKey: 'welcome-jenny' });
    const posts = server.requests.filter((r) => r.method === 'POST' && r.path === '/emails');
    expect(posts).toHaveLength(2);
    expect(posts.map((r) => r.headers['idempotency-key'])).toEqual(['welcome-jenny', 'welcome-jenny']);
    expect(sandbox.outbox.map((e) => e.id)).toEqual([id]);
  });

  it('replays the same key and body, and refuses the same key with another body', async () => {
    const first = await resend.sendEmail(email, { idempotencyKey: 'k1' });
    const again = await resend.sendEmail(email, { idempotencyKey: 'k1' });
    expect(again.id).toBe(first.id);
    const other = await resend.sendEmail({ ...email, subject: 'Other' }, { idempotencyKey: 'k1' }).catch((e: unknown) => e);
    expect(isResendIdempotencyError(other) && [other.status, other.code]).toEqual([409, 'invalid_idempotent_request']);
    expect(sandbox.outbox).toHaveLength(1);
  });

  it('refuses a batch of more than 100 before sending, and sends one of 100 in one request', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ ...email, to: `r${i}@example.com` }));
    const error = await resend.sendBatch(many).catch((e: unknown) => e);
    expect(isInputValidationError(error) && error.message).toMatch(/100/);
    expect(server.requests).toHaveLength(0);
    const { data } = await resend.sendBatch(many.slice(0, 100));
    expect(data).toHaveLength(100);
    expect(sandbox.requests.map((r) => r.operation)).toEqual(['sendBatch']);
  });

  it('takes a batch whole or not at all, and replays it by its key', async () => {
    const unlimited = createResendSandbox({ rateLimit: false });
    const local = await startLoopbackServer({ handlers: unlimited.handlers, origin: unlimited.origin });
    onTestFinished(() => local.close());
    const post = (body: unknown, key: string) =>
      fetch(`${local.url}/emails/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${unlimited.apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
    const refused = await post([email, { ...email, from: 'not an address' }], 'b1');
    expect([refused.status, ((await refused.json()) as { name: string }).name]).toEqual([422, 'validation_error']);
    const unknown = await post([email, { ...email, colour: 'blue' }], 'b2');
    expect(((await unknown.json()) as { message: string }).message).toContain('1.colour');
    expect(unlimited.outbox).toHaveLength(0);

    const batch = [email, { ...email, to: 'sam@example.com' }];
    const first = (await (await post(batch, 'b3')).json()) as { data: { id: string }[] };
    const again = (await (await post(batch, 'b3')).json()) as { data: { id: string }[] };
    expect(again.data).toEqual(first.data);
    expect(unlimited.outbox.map((entry) => [entry.id, entry.via])).toEqual(first.data.map(({ id }) => [id, 'sendBatch']));
  });

  it('answers 429 with Resend’s headers past 2 requests/s', async () => {
    const fast = createResendClient({ apiKey: sandbox.apiKey, baseUrl: server.url, retry: false, rateLimit: false });
    const results = await Promise.all([1, 2, 3].map(() => fast.retrieveEmail({ id: 'none' }).catch((e: unknown) => e)));
    const limited = results.find((r) => isApiError(r) && r.status === 429);
    expect(isApiError(limited) && [limited.code, limited.headers?.['ratelimit-remaining'], limited.headers?.['retry-after']]).toEqual([
      'rate_limit_exceeded',
      '0',
      '1',
    ]);
  });
});

describe('the unified adapter over Resend', () => {
  it('sends 250 messages in chunks of 100, within 2 requests/s, no 429 reaching the caller', async () => {
    const provider = resendEmail(resend);
    const messages = Array.from({ length: 250 }, (_, i) => ({
      from: 'app@example.com',
      to: `r${i}@example.com`,
      subject: `#${i}`,
      text: 'x',
    }));
    const results = await provider.sendBatch(messages, { idempotencyKey: 'digest' });
    expect(results.map((r) => [r.index, r.status])).toEqual(messages.map((_, i) => [i, 'accepted']));
    const batches = sandbox.requests.filter((r) => r.operation === 'sendBatch');
    expect(batches.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(batches.map((r) => r.idempotencyKey)).toEqual(['digest-0', 'digest-1', 'digest-2']);
    expect(sandbox.outbox.filter((e) => e.via === 'sendBatch')).toHaveLength(250);
    expect(sandbox.outbox.map((e) => e.to[0])).toEqual(messages.map((m) => m.to));
    // No second in the sandbox's clock saw more than 2 requests.
    for (const r of sandbox.requests)
      expect(sandbox.requests.filter((o) => o.at > r.at - 1000 && o.at <= r.at).length).toBeLessThanOrEqual(2);
  });

  it('sends messages with attachments or a schedule one by one, since Resend’s batch endpoint would drop them', async () => {
    const provider = resendEmail(resend);
    const plain = { from: 'app@example.com', to: 'a@example.com', subject: 'Hi', text: 'x' };
    const results = await provider.sendBatch(
      [
        plain,
        { ...plain, to: 'b@example.com', attachments: [{ filename: 'a.txt', content: new TextEncoder().encode('hello') }] },
        { ...plain, to: 'c@example.com', scheduledAt: new Date(Date.now() + 3_600_000) },
        { ...plain, to: 'd@example.com' },
      ],
      { idempotencyKey: 'mixed' },
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(sandbox.requests.map((r) => [r.operation, r.idempotencyKey])).toEqual([
      ['sendEmail', 'mixed-m1'],
      ['sendEmail', 'mixed-m2'],
      ['sendBatch', 'mixed-0'],
    ]);
    const sent = Object.fromEntries(
      sandbox.outbox.map((e) => [e.to[0], [e.via, e.email.attachments?.length ?? 0, e.scheduledAt !== null]]),
    );
    expect(sent).toEqual({
      'a@example.com': ['sendBatch', 0, false],
      'b@example.com': ['sendEmail', 1, false],
      'c@example.com': ['sendEmail', 0, true],
      'd@example.com': ['sendBatch', 0, false],
    });
    // The client refuses them in a batch before anything is sent, naming the field.
    const error = await resend
      .sendBatch([{ ...toResendEmailFor(plain), attachments: [{ filename: 'a.txt', content: 'aGVsbG8=' }] }])
      .catch((e: unknown) => e);
    expect(isInputValidationError(error) && error.message).toMatch(
      /\[0\]\.attachments: is not taken by Resend’s batch endpoint: send this email with sendEmail/,
    );
  });

  it('maps a refused chunk to refused results, message by message', async () => {
    const provider = resendEmail(resend);
    server.faults.set({
      match: { method: 'POST', path: '/emails/batch' },
      plan: { 1: { kind: 'serverError', status: 400, body: '{"statusCode":400,"name":"validation_error","message":"nope"}' } },
    });
    const unified = { from: 'app@example.com', to: 'a@example.com', subject: 'Hi', text: 'x' };
    const results = await provider.sendBatch([unified, { ...unified, to: 'b@example.com' }]);
    expect(results.map((r) => r.status === 'refused' && [r.index, r.error.code])).toEqual([
      [0, 'validation_error'],
      [1, 'validation_error'],
    ]);
  });

  it('maps metadata, tags, cc, reply-to, headers, schedule and inline attachments to Resend fields', async () => {
    const provider = resendEmail(resend);
    await provider.send({
      from: { email: 'app@example.com', name: 'App' },
      to: 'jenny@example.com',
      subject: 'Hello',
      text: 'Hi',
      cc: { email: 'boss@example.com', name: 'Boss' },
      replyTo: 'help@example.com',
      metadata: { order: '42' },
      tags: ['welcome'],
      headers: { 'List-Unsubscribe': '<mailto:u@example.com>' },
      scheduledAt: '2030-01-01T00:00:00Z',
      attachments: [{ filename: 'logo.png', content: new Uint8Array([1, 2, 3]), contentType: 'image/png', contentId: 'logo' }],
    });
    expect(sandbox.outbox[0]?.email).toMatchObject({
      cc: ['Boss <boss@example.com>'],
      reply_to: ['help@example.com'],
      tags: [
        { name: 'order', value: '42' },
        { name: 'welcome', value: 'true' },
      ],
      headers: { 'List-Unsubscribe': '<mailto:u@example.com>' },
      scheduled_at: '2030-01-01T00:00:00.000Z',
      attachments: [{ filename: 'logo.png', content: 'AQID', content_type: 'image/png', content_id: 'logo' }],
    });
  });
});

describeEmailProvider('resend', {
  provider: () => resendEmail(resend),
  requestCount: () => server.requests.length,
  outbox: () => sandbox.outbox.map((e) => ({ to: e.to, subject: e.email.subject, metadata: e.tags })),
  events: async () => {
    await sandbox.webhooks.flush();
    return received;
  },
  suppressions: true,
});

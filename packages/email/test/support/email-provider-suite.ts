import { isInputValidationError, isUnsupportedFeatureError } from '@junction/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmailEvent, type EmailProvider, isSuppressedRecipientError } from '../../src/index.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** One message as the provider's sandbox kept it, in terms every sandbox can give. */
export interface OutboxEntry {
  to: string[];
  subject: string | null;
  metadata: Record<string, string>;
}

/**
 * What the shared suite needs from a provider's sandbox; everything else it
 * does through the unified interface alone, so each provider is held to the
 * same behaviour.
 */
export interface EmailProviderHarness {
  /** The provider under test, against a sandbox reset before each test. */
  provider(): EmailProvider;
  /** Requests the sandbox has received since the reset. */
  requestCount(): number;
  /** What the sandbox accepted for delivery, oldest first. */
  outbox(): OutboxEntry[];
  /** The sandbox's webhooks delivered so far, verified by the provider's receiver and normalized. */
  events(): Promise<EmailEvent[]>;
  /** Whether the provider has suppression lists (otherwise the suite expects `UnsupportedFeatureError`). */
  suppressions: boolean;
}

const message = (to: string, extra: Record<string, unknown> = {}) => ({
  from: { email: 'app@example.com', name: 'The App' },
  to,
  subject: `Hello ${to}`,
  text: 'Plain body',
  html: '<p>HTML body</p>',
  ...extra,
});

/** The unified email interface's behaviour, run against one provider. */
export function describeEmailProvider(name: string, harness: EmailProviderHarness): void {
  let email: EmailProvider;
  beforeEach(() => {
    email = harness.provider();
  });

  describe(`${name}: the unified email interface`, () => {
    it('sends one message: the id, and exactly one email in the outbox with its metadata', async () => {
      const sent = await email.send(message('jenny@example.com', { metadata: { order: '42' } }), { idempotencyKey: 'welcome-jenny' });
      expect(sent.id).toEqual(expect.any(String));
      expect(harness.outbox()).toEqual([
        { to: ['jenny@example.com'], subject: 'Hello jenny@example.com', metadata: expect.objectContaining({ order: '42' }) },
      ]);
    });

    it('refuses an invalid message before sending anything, naming the field', async () => {
      const error = await email.send(message('not-an-address')).catch((e: unknown) => e);
      expect(isInputValidationError(error) && error.issues.map((issue) => issue.path.join('.'))).toEqual(['to.0.email']);
      expect(
        await email
          .send({ ...message('a@example.com'), text: undefined, html: undefined })
          .catch((e: unknown) => isInputValidationError(e)),
      ).toBe(true);
      expect(harness.requestCount()).toBe(0);
    });

    it('answers a batch message by message: a bad one is refused, the rest are sent', async () => {
      const results = await email.sendBatch([message('a@example.com'), message('bad address'), message('c@example.com')]);
      expect(results.map((result) => [result.index, result.status])).toEqual([
        [0, 'accepted'],
        [1, 'refused'],
        [2, 'accepted'],
      ]);
      expect(results[1]?.status === 'refused' && results[1].error.field).toBe('to.0.email');
      expect(harness.outbox().map((entry) => entry.to)).toEqual([['a@example.com'], ['c@example.com']]);
    });

    it('reports delivery, bounces and complaints as the same unified events, tied to the message and its metadata', async () => {
      const ok = await email.send(message('ok@example.com', { metadata: { user: 'u1' } }));
      const bounced = await email.send(message('bounce@example.com'));
      const complained = await email.send(message('complaint@example.com'));
      const events = await harness.events();
      for (const event of events) expect(EmailEvent.parse(event)).toBeTruthy();
      const of = (id: string) => events.filter((event) => event.messageId === id);
      expect(of(ok.id).map((event) => event.type)).toEqual(expect.arrayContaining(['email.delivered']));
      expect(of(ok.id).find((event) => event.type === 'email.delivered')).toMatchObject({
        recipient: 'ok@example.com',
        metadata: expect.objectContaining({ user: 'u1' }),
      });
      expect(of(bounced.id).find((event) => event.type === 'email.bounced')?.bounce).toMatchObject({ kind: 'hard' });
      expect(of(complained.id).map((event) => event.type)).toEqual(expect.arrayContaining(['email.complained']));
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    });

    it('reads and changes the suppression lists, or says the provider has none', async () => {
      if (!harness.suppressions) {
        expect(isUnsupportedFeatureError(await email.suppressions.get('x@example.com').catch((e: unknown) => e))).toBe(true);
        expect(
          isUnsupportedFeatureError(await email.send(message('x@example.com'), { checkSuppressions: true }).catch((e: unknown) => e)),
        ).toBe(true);
        return;
      }
      await email.suppressions.add('gone@example.com');
      expect(await email.suppressions.get('gone@example.com')).toMatchObject({ email: 'gone@example.com', reason: expect.any(String) });
      const refused = await email.send(message('gone@example.com'), { checkSuppressions: true }).catch((e: unknown) => e);
      expect(isSuppressedRecipientError(refused) && refused.suppressions.map((entry) => entry.email)).toEqual(['gone@example.com']);
      expect(harness.outbox()).toEqual([]);
      await email.suppressions.remove('gone@example.com');
      expect(await email.suppressions.get('gone@example.com')).toBeNull();

      // A hard bounce puts the address on the bounce list by itself.
      await email.send(message('bounce@example.com'));
      await harness.events();
      expect(await email.suppressions.get('bounce@example.com')).toMatchObject({ reason: 'bounce' });
      expect((await collect(email.suppressions.list('bounce'))).map((entry) => entry.email)).toEqual(['bounce@example.com']);
    });
  });
}

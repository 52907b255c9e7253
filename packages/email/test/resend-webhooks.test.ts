import { createWebhookReceiver, isWebhookVerificationError } from '@junction/core';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { resendConnector, resendSigner, resendVerifier } from '../src/resend/index.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NOW = 1_700_000_000;
const body = JSON.stringify({
  type: 'email.delivered',
  created_at: '2023-11-14T22:13:20.000Z',
  data: { email_id: 'e1', created_at: '2023-11-14T22:13:20.000Z', from: 'a@example.com', to: ['b@example.com'], subject: 'Hi' },
});
// The svix-* names as the standardwebhooks library's webhook-* ones, and back.
const toWebhook = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.replace(/^svix-/, 'webhook-'), v]));
const toSvix = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.replace(/^webhook-/, 'svix-'), v]));

function verdictOurs(headers: Record<string, string>, payload: string): boolean {
  try {
    resendVerifier({ secret: SECRET, now: () => NOW * 1000 }).verify({ body: payload, headers });
    return true;
  } catch (error) {
    if (!isWebhookVerificationError(error)) throw error;
    return false;
  }
}
function verdictTheirs(headers: Record<string, string>, payload: string): boolean {
  const realNow = Date.now;
  Date.now = () => NOW * 1000;
  try {
    new Webhook(SECRET).verify(payload, toWebhook(headers));
    return true;
  } catch {
    return false;
  } finally {
    Date.now = realNow;
  }
}

describe('Resend webhook signatures (Standard Webhooks, svix-* headers)', () => {
  it('reproduces the Standard Webhooks test vector', () => {
    const headers = resendSigner({ secret: SECRET }).sign({
      body: '{"test": 2432232314}',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330_000,
    });
    expect(headers).toEqual({
      'svix-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'svix-timestamp': '1614265330',
      'svix-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('signs what the standardwebhooks library accepts, and accepts what it signs', () => {
    const ours = resendSigner({ secret: SECRET }).sign({ body, id: 'msg_1', timestamp: NOW * 1000 });
    expect(verdictTheirs(ours, body)).toBe(true);
    const theirs = toSvix(
      (() => {
        const signature = new Webhook(SECRET).sign('msg_2', new Date(NOW * 1000), body);
        return { 'webhook-id': 'msg_2', 'webhook-timestamp': String(NOW), 'webhook-signature': signature };
      })(),
    );
    expect(verdictOurs(theirs, body)).toBe(true);
  });

  it('gives the same verdicts as the library on tampered, stale, future and malformed deliveries', () => {
    const good = resendSigner({ secret: SECRET }).sign({ body, id: 'msg_3', timestamp: NOW * 1000 });
    const at = (seconds: number) => resendSigner({ secret: SECRET }).sign({ body, id: 'msg_3', timestamp: seconds * 1000 });
    const cases: [string, Record<string, string>, string][] = [
      ['good', good, body],
      ['body changed', good, `${body} `],
      ['id changed', { ...good, 'svix-id': 'msg_other' }, body],
      ['10 minutes old', at(NOW - 600), body],
      ['4 minutes old', at(NOW - 240), body],
      ['10 minutes ahead', at(NOW + 600), body],
      [
        'other secret',
        resendSigner({ secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }).sign({ body, id: 'msg_3', timestamp: NOW * 1000 }),
        body,
      ],
      ['no v1 entry', { ...good, 'svix-signature': 'v2,abc' }, body],
      ['several signatures, one good', { ...good, 'svix-signature': `v1,bm90IGl0 ${good['svix-signature']}` }, body],
      ['timestamp not a number', { ...good, 'svix-timestamp': 'soon' }, body],
    ];
    for (const [name, headers, payload] of cases) {
      expect([name, verdictOurs(headers, payload)]).toEqual([name, verdictTheirs(headers, payload)]);
    }
  });

  it('is received by core’s receiver through the connector: typed, deduped on svix-id', async () => {
    const receiver = createWebhookReceiver(resendConnector, { secrets: { secret: SECRET }, now: () => NOW * 1000 });
    const seen: string[] = [];
    receiver.on('email.delivered', (event) => {
      seen.push(event.payload.data.email_id);
    });
    const headers = resendSigner({ secret: SECRET }).sign({ body, id: 'msg_4', timestamp: NOW * 1000 });
    const first = await receiver.receive({ body, headers });
    const again = await receiver.receive({ body, headers });
    expect(seen).toEqual(['e1']);
    expect(first.events[0]).toMatchObject({ id: 'msg_4', type: 'email.delivered' });
    expect(again.events[0]?.outcome).not.toBe(first.events[0]?.outcome);
  });
});

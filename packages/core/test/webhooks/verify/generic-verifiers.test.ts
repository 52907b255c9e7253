import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isConfigurationError } from '../../../src/errors/configuration-error.js';
import {
  ecdsaVerifier,
  fromHeaders,
  hmacVerifier,
  part,
  standardWebhooksSecret,
  stripeStyleFields,
} from '../../../src/webhooks/verify/index.js';
import { expectRejection, fixedClock, NOW } from './support/expect-rejection.js';

const seconds = String(Math.floor(NOW / 1000) - 10);

describe('hmacVerifier() with a custom template', () => {
  // A Slack-style scheme: `X-Signature: v0=<hex>` over `v0:<timestamp>:<body>`.
  const secret = 'slack-like-signing-secret';
  const slack = hmacVerifier({
    name: 'slack-like',
    secret,
    fields: fromHeaders({ signature: 'X-Signature', prefix: 'v0=', timestamp: 'X-Request-Timestamp' }),
    template: ['v0:', part.timestamp, ':', part.body],
    encoding: 'hex',
    now: fixedClock,
  });
  const body = 'token=abc&team_id=T1&text=hello%20world';
  const hex = createHmac('sha256', secret).update(`v0:${seconds}:${body}`).digest('hex');

  it('accepts a signature over literals, timestamp and body', () => {
    const result = slack.verify({ body, headers: { 'x-signature': `v0=${hex}`, 'x-request-timestamp': seconds } });
    expect(result).toEqual({ keyIndex: 0, timestamp: new Date(Number(seconds) * 1000) });
    expect(slack.name).toBe('slack-like');
  });

  it('accepts upper-case hex, and rejects a changed literal in the template', () => {
    expect(slack.verify({ body, headers: { 'x-signature': `v0=${hex.toUpperCase()}`, 'x-request-timestamp': seconds } }).keyIndex).toBe(0);
    const otherTemplate = hmacVerifier({
      secret,
      fields: fromHeaders({ signature: 'X-Signature', prefix: 'v0=', timestamp: 'X-Request-Timestamp' }),
      template: ['v1:', part.timestamp, ':', part.body],
      encoding: 'hex',
      now: fixedClock,
    });
    expectRejection(
      () => otherTemplate.verify({ body, headers: { 'x-signature': `v0=${hex}`, 'x-request-timestamp': seconds } }),
      'no_matching_signature',
    );
  });

  it('rejects a signature without the expected prefix as malformed', () => {
    const error = expectRejection(
      () => slack.verify({ body, headers: { 'x-signature': hex, 'x-request-timestamp': seconds } }),
      'malformed_header',
    );
    expect(error.message).toMatch(/no signature starting with "v0="/);
  });

  it('signs method, URL, a header and the id, in base64url, with a raw-bytes key and without a timestamp', () => {
    const key = new Uint8Array(32).map((_, i) => i * 7);
    const verifier = hmacVerifier({
      secrets: [new Uint8Array([1, 2, 3]), key],
      fields: fromHeaders({ signature: 'X-Sig', id: 'X-Delivery' }),
      template: [part.method, ' ', part.url, '\n', part.header('X-Tenant'), '\n', part.id, '\n', part.body],
      encoding: 'base64url',
      now: fixedClock,
    });
    const url = 'https://example.com/hooks?x=1';
    const body = new Uint8Array([0xff, 0x00, 0x7b, 0x7d]); // not valid UTF-8: must be signed byte for byte
    const signed = Buffer.concat([Buffer.from(`POST ${url}\nacme\ndlv_1\n`), body]);
    const signature = createHmac('sha256', key).update(signed).digest('base64url');
    const headers = { 'X-Sig': signature, 'X-Tenant': 'acme', 'X-Delivery': 'dlv_1' };
    expect(verifier.verify({ body, headers, method: 'POST', url })).toEqual({ keyIndex: 1, id: 'dlv_1' });
    expectRejection(
      () => verifier.verify({ body, headers: { ...headers, 'X-Tenant': 'other' }, method: 'POST', url }),
      'no_matching_signature',
    );
    expectRejection(
      () => verifier.verify({ body, headers: { 'X-Sig': signature, 'X-Delivery': 'dlv_1' }, method: 'POST', url }),
      'missing_header',
    );
  });

  it('reads a Stripe-style header under another name and scheme', () => {
    const verifier = hmacVerifier({
      secret,
      fields: stripeStyleFields({ header: 'Acme-Signature', scheme: 's1' }),
      template: [part.timestamp, '.', part.body],
      encoding: 'base64',
      now: fixedClock,
    });
    const b64 = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('base64');
    expect(verifier.verify({ body, headers: { 'acme-signature': `t=${seconds}, s1=${b64}` } }).keyIndex).toBe(0);
  });

  it('decodes a Standard Webhooks secret when asked to', () => {
    const verifier = hmacVerifier({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      decodeSecret: standardWebhooksSecret,
      fields: fromHeaders({
        signature: 'webhook-signature',
        prefix: 'v1,',
        separator: ' ',
        timestamp: 'webhook-timestamp',
        id: 'webhook-id',
      }),
      template: [part.id, '.', part.timestamp, '.', part.body],
      encoding: 'base64',
      now: () => 1614265330_000,
    });
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    expect(verifier.verify({ body: '{"test": 2432232314}', headers }).id).toBe('msg_p5jXN8AQM9LWM0D4loKWxJek');
  });

  it('counts a milliseconds timestamp when told to', () => {
    const ms = String(NOW - 400_000);
    const verifier = (toleranceSec: number) =>
      hmacVerifier({
        secret,
        fields: fromHeaders({ signature: 'X-Sig', timestamp: 'X-Ts' }),
        template: [part.timestamp, part.body],
        encoding: 'hex',
        timestampUnit: 'milliseconds',
        toleranceSec,
        now: fixedClock,
      });
    const headers = { 'x-sig': createHmac('sha256', secret).update(`${ms}${body}`).digest('hex'), 'x-ts': ms };
    expect(verifier(500).verify({ body, headers }).timestamp?.getTime()).toBe(NOW - 400_000);
    expect(expectRejection(() => verifier(300).verify({ body, headers }), 'timestamp_out_of_tolerance').message).toMatch(
      /6m 40s ago, 1m 40s beyond the 5m tolerance/,
    );
  });

  it('says what to pass when the template needs a part the delivery lacks', () => {
    const verifier = hmacVerifier({
      secret,
      fields: fromHeaders({ signature: 'X-Sig' }),
      template: [part.url, part.body],
      encoding: 'hex',
    });
    const headers = { 'x-sig': 'ab'.repeat(32) };
    try {
      verifier.verify({ body, headers });
      expect.unreachable();
    } catch (error) {
      expect(isConfigurationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/pass `url`/);
    }
  });
});

describe('ecdsaVerifier() with a custom template', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const body = '{"event":"shipment.created"}';
  const signedContent = `dlv_9|${seconds}|${body}`;

  it('verifies Web Crypto style (IEEE P1363) signatures in base64url, with a PEM key', () => {
    const verifier = ecdsaVerifier({
      publicKey: pem,
      fields: fromHeaders({ signature: 'X-Signature', timestamp: 'X-Timestamp', id: 'X-Id' }),
      template: [part.id, '|', part.timestamp, '|', part.body],
      encoding: 'base64url',
      signatureFormat: 'ieee-p1363',
      now: fixedClock,
    });
    const signature = sign('sha256', Buffer.from(signedContent), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    const headers = { 'x-signature': signature, 'x-timestamp': seconds, 'x-id': 'dlv_9' };
    expect(verifier.verify({ body, headers })).toEqual({ keyIndex: 0, id: 'dlv_9', timestamp: new Date(Number(seconds) * 1000) });
    expectRejection(() => verifier.verify({ body, headers: { ...headers, 'x-id': 'dlv_8' } }), 'no_matching_signature');
    const derSignature = sign('sha256', Buffer.from(signedContent), privateKey).toString('base64url');
    expectRejection(() => verifier.verify({ body, headers: { ...headers, 'x-signature': derSignature } }), 'malformed_header');
  });

  it('accepts DER key bytes and picks the right key among several', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const verifier = ecdsaVerifier({
      publicKeys: [other, der],
      fields: fromHeaders({ signature: 'X-Signature', timestamp: 'X-Timestamp', id: 'X-Id' }),
      template: [part.id, '|', part.timestamp, '|', part.body],
      now: fixedClock,
    });
    const signature = sign('sha256', Buffer.from(signedContent), privateKey).toString('base64');
    expect(verifier.verify({ body, headers: { 'x-signature': signature, 'x-timestamp': seconds, 'x-id': 'dlv_9' } }).keyIndex).toBe(1);
  });
});

import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isConfigurationError } from '../../../src/errors/configuration-error.js';
import {
  ecdsaVerifier,
  fromHeaders,
  type HmacVerifierOptions,
  hmacVerifier,
  parseStripeSignatureHeader,
  parseTimestampedSignatureHeader,
  part,
  standardWebhooksSecret,
  stripeStyleFields,
  timestampedSignatureFields,
} from '../../../src/webhooks/verify/index.js';
import { stripeSigner } from '../support/provider-signers.js';
import { expectRejection, fixedClock, NOW } from './support/expect-rejection.js';
import { type KeyName, presetContract } from './support/preset-contract.js';

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

  it('reads a timestamped signature header (t=…,s1=…) under any name and scheme', () => {
    const verifier = hmacVerifier({
      secret,
      fields: timestampedSignatureFields({ header: 'Acme-Signature', scheme: 's1' }),
      template: [part.timestamp, '.', part.body],
      encoding: 'base64',
      now: fixedClock,
    });
    const b64 = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('base64');
    expect(verifier.verify({ body, headers: { 'acme-signature': `t=${seconds}, s1=${b64}` } }).keyIndex).toBe(0);
    const twoTimes = expectRejection(
      () => verifier.verify({ body, headers: { 'acme-signature': `t=${seconds},t=${seconds},s1=${b64}` } }),
      'malformed_header',
    );
    expect(twoTimes.message).toMatch(/more than one t= timestamp/);
    expect(
      expectRejection(() => verifier.verify({ body, headers: { 'acme-signature': `t=${seconds}` } }), 'malformed_header').message,
    ).toMatch(/no s1= signature/);
  });

  it('keeps the old names of the timestamped header reader for one release', () => {
    expect(stripeStyleFields).toBe(timestampedSignatureFields);
    expect(parseStripeSignatureHeader).toBe(parseTimestampedSignatureHeader);
    expect(parseTimestampedSignatureHeader(' t=1 , v0=a, v1=b,v1=c,junk')).toEqual({ timestamps: ['1'], signatures: ['b', 'c'] });
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

  it('reads the timestamp as Number() does when told, signed as sent, and accepts a future one with refuseFuture: false', () => {
    const options = {
      publicKey: pem,
      fields: fromHeaders({ signature: 'X-Signature', timestamp: 'X-Timestamp' }),
      template: [part.timestamp, part.body],
      now: fixedClock,
    } as const;
    const sent = ` ${Math.floor(NOW / 1000) + 3600}`;
    const headers = { 'x-signature': sign('sha256', Buffer.from(`${sent}${body}`), privateKey).toString('base64'), 'x-timestamp': sent };
    expectRejection(() => ecdsaVerifier(options).verify({ body, headers }), 'malformed_header');
    expectRejection(
      () => ecdsaVerifier({ ...options, timestampParsing: 'number' }).verify({ body, headers }),
      'timestamp_out_of_tolerance',
    );
    const lenient = ecdsaVerifier({ ...options, timestampParsing: 'number', refuseFuture: false });
    expect(lenient.verify({ body, headers }).timestamp?.getTime()).toBe(Number(sent) * 1000);
  });

  it("reads signatures with the scheme's own decoder when given signatureReading", () => {
    const content = `${seconds}${body}`;
    const p1363 = sign('sha256', Buffer.from(content), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const verifier = ecdsaVerifier({
      publicKey: pem,
      fields: fromHeaders({ signature: 'X-Signature', timestamp: 'X-Timestamp' }),
      template: [part.timestamp, part.body],
      signatureFormat: 'ieee-p1363',
      // A made-up scheme that writes r‖s reversed, in hex.
      signatureReading: { decode: (text) => Buffer.from(text, 'hex').reverse(), expectedFormat: 'reversed hex' },
      now: fixedClock,
    });
    const headers = { 'x-signature': Buffer.from(p1363).reverse().toString('hex'), 'x-timestamp': seconds };
    expect(verifier.verify({ body, headers }).keyIndex).toBe(0);
  });
});

describe('hmacVerifier(): reading signatures and timestamps as a provider library does', () => {
  const secret = 'timestamped-scheme-secret';
  const body = '{"id":"evt_9"}';
  const t = Math.floor(NOW / 1000) - 10;
  const hex = (content: string) => createHmac('sha256', secret).update(content).digest('hex');
  const timestamped = (options: Partial<HmacVerifierOptions> = {}) =>
    hmacVerifier({
      secret,
      fields: fromHeaders({ signature: 'X-Sig', timestamp: 'X-Ts' }),
      template: [part.timestamp, '.', part.body],
      encoding: 'hex',
      now: fixedClock,
      ...options,
    } as HmacVerifierOptions);
  const deliver = (ts: string, signature = hex(`${ts}.${body}`)) => ({ body, headers: { 'x-sig': signature, 'x-ts': ts } });

  it('canonicalSignatures reads only lower-case hex and padded base64, saying so; by default any case and padding pass', () => {
    const upper = deliver(String(t), hex(`${t}.${body}`).toUpperCase());
    expect(timestamped().verify(upper).keyIndex).toBe(0);
    const error = expectRejection(() => timestamped({ canonicalSignatures: true }).verify(upper), 'malformed_header');
    expect(error.message).toMatch(/64 lower-case hex characters/);
    expect(timestamped({ canonicalSignatures: true }).verify(deliver(String(t))).keyIndex).toBe(0);

    const b64 = createHmac('sha256', secret).update(`${t}.${body}`).digest('base64');
    const base64 = (canonicalSignatures: boolean) => timestamped({ encoding: 'base64', canonicalSignatures });
    expect(base64(false).verify(deliver(String(t), b64.replace(/=+$/, ''))).keyIndex).toBe(0);
    expect(base64(true).verify(deliver(String(t), b64)).keyIndex).toBe(0);
    expectRejection(() => base64(true).verify(deliver(String(t), b64.replace(/=+$/, ''))), 'malformed_header');
  });

  it("timestampParsing 'parseInt' reads the time as parseInt does and signs the number it read", () => {
    const lenient = timestamped({ timestampParsing: 'parseInt' });
    // Zero-padded, a leading space, a fraction: each signed as the number parseInt reads.
    for (const sent of [`0${t}`, ` ${t}`, `${t}.9`]) {
      expect(lenient.verify(deliver(sent, hex(`${t}.${body}`))).timestamp?.getTime()).toBe(t * 1000);
      expectRejection(() => lenient.verify(deliver(sent, hex(`${sent}.${body}`))), 'no_matching_signature');
    }
    const error = expectRejection(() => lenient.verify(deliver('soon', hex(`NaN.${body}`))), 'malformed_header');
    expect(error.message).toMatch(/X-Ts timestamp is not a number of seconds since 1970/);
  });

  it('by default reads digits only and signs the timestamp as sent', () => {
    const digits = timestamped();
    expect(digits.verify(deliver(`0${t}`)).timestamp?.getTime()).toBe(t * 1000);
    expectRejection(() => digits.verify(deliver(`0${t}`, hex(`${t}.${body}`))), 'no_matching_signature');
    expectRejection(() => digits.verify(deliver(` ${t}`)), 'malformed_header');
    expectRejection(() => digits.verify(deliver(`${t}.9`)), 'malformed_header');
  });

  it('refuseFuture: false accepts a timestamp ahead of the clock by more than the tolerance; by default it is refused', () => {
    const ahead = String(Math.floor(NOW / 1000) + 3600);
    const error = expectRejection(() => timestamped().verify(deliver(ahead)), 'timestamp_out_of_tolerance');
    expect(error.message).toMatch(/dated in the future/);
    expectRejection(() => timestamped({ refuseFuture: true }).verify(deliver(ahead)), 'timestamp_out_of_tolerance');
    expect(timestamped({ refuseFuture: false }).verify(deliver(ahead)).timestamp?.getTime()).toBe(Number(ahead) * 1000);
    // Only the future: an old delivery is still refused.
    const old = String(Math.floor(NOW / 1000) - 3600);
    expectRejection(() => timestamped({ refuseFuture: false }).verify(deliver(old)), 'timestamp_out_of_tolerance');
  });

  it('refuses an unknown timestampParsing at set-up', () => {
    try {
      timestamped({ timestampParsing: 'float' as never });
      expect.unreachable();
    } catch (error) {
      expect(isConfigurationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/`timestampParsing` must be 'digits', 'parseInt' or 'number'/);
    }
  });
});

// A Stripe-shaped scheme (t=…,v1=<hex> over `${t}.${body}`) built from the public options alone, through every shared case.
const SECRETS: Record<KeyName, string> = {
  primary: 'whsec_generic_primary_0a1b2c3d4e5f',
  secondary: 'whsec_generic_secondary_6a7b8c9d0e',
  wrong: 'whsec_generic_wrong_000000000000000',
};

presetContract({
  title: 'hmacVerifier() with timestampedSignatureFields, parseInt timestamps and refuseFuture: false',
  toleranceMs: 300_000,
  verifier: (keys) =>
    hmacVerifier({
      secrets: keys.map((key) => SECRETS[key]),
      fields: timestampedSignatureFields({ header: 'Acme-Signature' }),
      template: [part.timestamp, '.', part.body],
      encoding: 'hex',
      canonicalSignatures: true,
      timestampParsing: 'parseInt',
      refuseFuture: false,
      now: fixedClock,
    }),
  sign: (body, key, atMs) => {
    const signed = stripeSigner(SECRETS[key]).sign({ body, timestamp: atMs });
    return { headers: { 'acme-signature': signed['Stripe-Signature'] as string } };
  },
  signatureHeader: 'Acme-Signature',
  garbledSignature: 'not a timestamped signature',
  secrets: Object.values(SECRETS),
  truncate: (ms) => Math.floor(ms / 1000) * 1000,
  refusesFuture: false,
});

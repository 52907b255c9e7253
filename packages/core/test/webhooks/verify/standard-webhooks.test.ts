import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { isConfigurationError } from '../../../src/errors/configuration-error.js';
import { standardWebhooks } from '../../../src/webhooks/verify/index.js';
import { expectRejection, fixedClock, NOW } from './support/expect-rejection.js';
import { type KeyName, presetContract } from './support/preset-contract.js';

const SECRETS: Record<KeyName, string> = {
  primary: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
  secondary: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  wrong: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
};

const MSG_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';

for (const family of ['webhook', 'svix'] as const) {
  presetContract({
    title: `standardWebhooks() with ${family}-* headers`,
    toleranceMs: 300_000,
    verifier: (keys) => standardWebhooks({ secrets: keys.map((key) => SECRETS[key]), now: fixedClock }),
    sign: (body, key, atMs) => ({
      headers: {
        [`${family}-id`]: MSG_ID,
        [`${family}-timestamp`]: String(Math.floor(atMs / 1000)),
        // The reference library signs; it only knows the webhook-* names, the scheme is the same.
        [`${family}-signature`]: new Webhook(SECRETS[key]).sign(MSG_ID, new Date(atMs), body),
      },
    }),
    signatureHeader: `${family}-signature`,
    timestampHeader: `${family}-timestamp`,
    garbledSignature: 'garbage-without-a-version',
    secrets: Object.values(SECRETS),
    truncate: (ms) => Math.floor(ms / 1000) * 1000,
    refusesFuture: true,
  });
}

describe("standardWebhooks(): the spec's published test vector", () => {
  // From the Standard Webhooks specification's test vector.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };
  const verifier = standardWebhooks({ secret: vector.secret, now: () => vector.timestamp * 1000 + 5_000 });

  for (const family of ['webhook', 'svix'] as const) {
    it(`verifies under ${family}-* header names and returns the id and time`, () => {
      const result = verifier.verify({
        body: vector.body,
        headers: {
          [`${family}-id`]: vector.id,
          [`${family}-timestamp`]: String(vector.timestamp),
          [`${family}-signature`]: vector.signature,
        },
      });
      expect(result).toEqual({ id: vector.id, timestamp: new Date(vector.timestamp * 1000), keyIndex: 0 });
    });
  }

  it('rejects the vector with its id changed (the id is signed)', () => {
    const headers = { 'webhook-id': 'msg_other', 'webhook-timestamp': String(vector.timestamp), 'webhook-signature': vector.signature };
    expectRejection(() => verifier.verify({ body: vector.body, headers }), 'no_matching_signature');
  });

  it('finds the matching entry among several, skipping other versions', () => {
    const signature = `v1a,aGVsbG8= v1,${'A'.repeat(43)}= ${vector.signature}`;
    const headers = { 'webhook-id': vector.id, 'webhook-timestamp': String(vector.timestamp), 'webhook-signature': signature };
    expect(verifier.verify({ body: vector.body, headers }).keyIndex).toBe(0);
  });

  it('agrees with the reference library on the same delivery', () => {
    const headers = { 'webhook-id': vector.id, 'webhook-timestamp': String(vector.timestamp), 'webhook-signature': vector.signature };
    expect(new Webhook(vector.secret).sign(vector.id, new Date(vector.timestamp * 1000), vector.body)).toBe(vector.signature);
    expect(verifier.verify({ body: Buffer.from(vector.body), headers }).id).toBe(vector.id);
  });
});

describe('standardWebhooks(): specifics', () => {
  const body = '{"type":"email.delivered"}';
  const at = NOW - 1_000;
  const verifier = standardWebhooks({ secret: SECRETS.primary, name: 'resend', now: fixedClock });
  const signed = (family: string) => ({
    [`${family}-id`]: MSG_ID,
    [`${family}-timestamp`]: String(Math.floor(at / 1000)),
    [`${family}-signature`]: new Webhook(SECRETS.primary).sign(MSG_ID, new Date(at), body),
  });

  it('accepts a secret without the whsec_ prefix, as the reference library does', () => {
    const bare = standardWebhooks({ secret: SECRETS.primary.slice('whsec_'.length), now: fixedClock });
    expect(bare.verify({ body, headers: signed('webhook') }).id).toBe(MSG_ID);
  });

  it('never mixes header families: svix-* headers cannot complete a webhook-* set', () => {
    const { 'webhook-id': _id, ...rest } = signed('webhook');
    const headers = { ...rest, 'svix-id': MSG_ID };
    const error = expectRejection(() => verifier.verify({ body, headers }), 'missing_header');
    expect(error.header).toBe('webhook-id');
  });

  it('names both header families when none is present, and the sender by its name', () => {
    const error = expectRejection(() => verifier.verify({ body, headers: { 'content-type': 'application/json' } }), 'missing_header');
    expect(error.message).toMatch(/webhook-signature header \(or svix-signature/);
    expect(error.message).toMatch(/coming from resend/);
    expect(verifier.name).toBe('resend');
  });

  it('reports a header with only unknown versions as malformed', () => {
    const headers = { ...signed('svix'), 'svix-signature': 'v2,abc v1a,def' };
    expect(expectRejection(() => verifier.verify({ body, headers }), 'malformed_header').message).toMatch(
      /no signature starting with "v1,"/,
    );
  });

  it('refuses a secret that is not base64 at set-up, without echoing it', () => {
    try {
      standardWebhooks({ secret: 'whsec_not*base64*at*all' });
      expect.unreachable();
    } catch (error) {
      expect(isConfigurationError(error)).toBe(true);
      expect((error as Error).message).not.toContain('not*base64');
    }
  });
});

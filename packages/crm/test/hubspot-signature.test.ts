import { Signature } from '@hubspot/api-client';
import { isConfigurationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { expectRejection, fixedClock, NOW } from '../../core/test/webhooks/verify/support/expect-rejection.js';
import { type KeyName, presetContract } from '../../core/test/webhooks/verify/support/preset-contract.js';
import { hubspotSignedUri, hubspotV3, hubspotV3Signer } from '../src/hubspot/index.js';

const SECRETS: Record<KeyName, string> = {
  primary: 'b6f1e2d3-aaaa-4bbb-8ccc-0123456789ab',
  secondary: 'c7a2f3e4-dddd-4eee-9fff-ba9876543210',
  wrong: '00000000-0000-4000-8000-000000000000',
};

// What our server sees, and what HubSpot signed: HubSpot decodes %3A and %2C (among others) first.
const RECEIVED_URL = 'https://hooks.example.com/webhooks/hubspot?portal=62515&tag=a%3Ab%2Cc';
const SIGNED_URI = 'https://hooks.example.com/webhooks/hubspot?portal=62515&tag=a:b,c';

/** A v3 signature from HubSpot's own client library. */
function hubspotSignature(body: string, secret: string, atMs: number, method = 'POST', uri = SIGNED_URI): string {
  return Signature.getSignature(method, 'v3', { clientSecret: secret, url: uri, requestBody: body, timestamp: atMs, signature: '' });
}

presetContract({
  title: 'hubspotV3()',
  toleranceMs: 300_000,
  verifier: (keys) => hubspotV3({ clientSecrets: keys.map((key) => SECRETS[key]), now: fixedClock }),
  sign: (body, key, atMs) => ({
    method: 'POST',
    url: RECEIVED_URL,
    headers: {
      'x-hubspot-signature-v3': hubspotSignature(body, SECRETS[key], atMs),
      'x-hubspot-request-timestamp': String(atMs),
    },
  }),
  signatureHeader: 'X-HubSpot-Signature-v3',
  timestampHeader: 'X-HubSpot-Request-Timestamp',
  garbledSignature: 'not base64!',
  secrets: Object.values(SECRETS),
  truncate: (ms) => ms,
  refusesFuture: false,
});

describe('hubspotV3(): specifics', () => {
  const body =
    '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","objectId":123}]';
  const at = NOW - 2_000;
  const verifier = hubspotV3({ clientSecret: SECRETS.primary, now: fixedClock });
  const headers = (signature: string, timestamp = at) => ({
    'X-HubSpot-Signature-v3': signature,
    'X-HubSpot-Request-Timestamp': String(timestamp),
  });

  it("decodes exactly the characters in HubSpot's table, in either hex case, and nothing else", () => {
    expect(hubspotSignedUri('https://x.test/p%3Aq%2fr?a=%40%21%24%27%28%29%2A%2C%3B%3f')).toBe("https://x.test/p:q/r?a=@!$'()*,;?");
    expect(hubspotSignedUri('https://x.test/a?q=one%20two%2Bthree%26four%3D')).toBe('https://x.test/a?q=one%20two%2Bthree%26four%3D');
  });

  it('accepts the URL as a URL object, and keeps %20 encoded as HubSpot does', () => {
    const url = new URL('https://hooks.example.com/webhooks/hubspot?q=one%20two');
    const signature = hubspotSignature(body, SECRETS.primary, at, 'POST', 'https://hooks.example.com/webhooks/hubspot?q=one%20two');
    expect(verifier.verify({ body, method: 'POST', url, headers: headers(signature) }).keyIndex).toBe(0);
  });

  it('rejects a delivery checked against another URL or method than HubSpot called', () => {
    const signature = hubspotSignature(body, SECRETS.primary, at);
    const other = { body, headers: headers(signature) };
    expectRejection(
      () => verifier.verify({ ...other, method: 'POST', url: 'https://hooks.example.com/webhooks/hubspot?tag=a%3Ab%2Cc&portal=62515' }),
      'no_matching_signature',
    );
    expectRejection(
      () => verifier.verify({ ...other, method: 'POST', url: 'http://hooks.example.com/webhooks/hubspot?portal=62515&tag=a%3Ab%2Cc' }),
      'no_matching_signature',
    );
    const error = expectRejection(() => verifier.verify({ ...other, method: 'PUT', url: RECEIVED_URL }), 'no_matching_signature');
    expect(error.message).toMatch(/URL must be the one HubSpot called/);
  });

  it('verifies GET requests with an empty body (HubSpot signs those too)', () => {
    const signature = hubspotSignature('', SECRETS.primary, at, 'GET');
    expect(verifier.verify({ body: '', method: 'GET', url: RECEIVED_URL, headers: headers(signature) }).keyIndex).toBe(0);
  });

  it('treats the timestamp as milliseconds and honours toleranceSec, in seconds like every preset', () => {
    const old = NOW - 301_000;
    const signature = hubspotSignature(body, SECRETS.primary, old);
    const input = { body, method: 'POST', url: RECEIVED_URL, headers: headers(signature, old) };
    const error = expectRejection(() => verifier.verify(input), 'timestamp_out_of_tolerance');
    expect(error.ageMs).toBe(301_000);
    expect(error.message).toMatch(/raise `toleranceSec`/);
    const lenient = hubspotV3({ clientSecret: SECRETS.primary, toleranceSec: 600, now: fixedClock });
    expect(lenient.verify(input).timestamp.getTime()).toBe(old);
  });

  it('asks for an absolute URL and for the method, at the first delivery', () => {
    const signature = hubspotSignature(body, SECRETS.primary, at);
    const configError = (input: Parameters<typeof verifier.verify>[0]): string => {
      try {
        verifier.verify(input);
      } catch (error) {
        expect(isConfigurationError(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigurationError');
    };
    expect(configError({ body, method: 'POST', url: '/webhooks/hubspot', headers: headers(signature) })).toMatch(/absolute public URL/);
    expect(configError({ body, method: 'POST', headers: headers(signature) })).toMatch(/pass `method` and `url`/);
    expect(configError({ body, url: RECEIVED_URL, headers: headers(signature) })).toMatch(/pass `method`/);
  });
});

describe('hubspotV3Signer(): against @hubspot/api-client, both ways', () => {
  const BODY = '[{"eventId":1,"subscriptionType":"contact.creation","objectId":10,"note":"ünïcode ✓"}]';
  const clientSecret = 'hubspot-signer-secret';
  const url = 'https://hooks.example.com/webhooks/hubspot?portal=62515&tag=a%3Ab%2Cc';
  // HubSpot's library checks the timestamp against the real clock, so sign at the real time and give our verifier that instant.
  const at = Date.now();
  const clock = () => at;

  it("writes what HubSpot's library accepts and our verifier accepts; another URL or body fails both", () => {
    const headers = hubspotV3Signer({ clientSecret }).sign({ body: BODY, url, timestamp: at });
    const official = (signedUrl: string, body = BODY) =>
      Signature.isValid({
        signatureVersion: 'v3',
        signature: headers['X-HubSpot-Signature-v3'] as string,
        clientSecret,
        requestBody: body,
        url: signedUrl,
        method: 'POST',
        timestamp: Number(headers['X-HubSpot-Request-Timestamp']),
      });
    // HubSpot's library signs the URL it is given; HubSpot decodes %3A and %2C before signing.
    expect(official(hubspotSignedUri(url))).toBe(true);
    expect(hubspotV3({ clientSecret, now: clock }).verify({ body: BODY, headers, method: 'POST', url }).timestamp.getTime()).toBe(at);
    expect(official('https://hooks.example.com/other')).toBe(false);
    expect(official(hubspotSignedUri(url), BODY.replace('10', '11'))).toBe(false);
    expectRejection(
      () => hubspotV3({ clientSecret, now: clock }).verify({ body: BODY, headers, method: 'POST', url: `${url}&x=1` }),
      'no_matching_signature',
    );
  });

  it('signs the configured URL when a delivery names none (as the sandbox sends)', () => {
    const headers = hubspotV3Signer({ clientSecret, url }).sign({ body: BODY, timestamp: at });
    expect(hubspotV3({ clientSecret, now: clock }).verify({ body: BODY, headers, method: 'POST', url }).keyIndex).toBe(0);
  });
});

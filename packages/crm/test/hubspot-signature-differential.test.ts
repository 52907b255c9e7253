import { createHmac } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import {
  DIFFERENTIAL_BODY as BODY,
  type DifferentialCase,
  differentialTable,
  type PlainDelivery,
  SIGNED_AT,
  sharedCases,
} from '../../core/test/webhooks/verify/support/differential.js';
import type { KeyName } from '../../core/test/webhooks/verify/support/preset-contract.js';
import { hubspotV3 } from '../src/hubspot/index.js';

const SECRETS: Record<KeyName, string> = {
  primary: 'b6f1e2d3-aaaa-4bbb-8ccc-0123456789ab',
  secondary: 'c7a2f3e4-dddd-4eee-9fff-ba9876543210',
  wrong: '00000000-0000-4000-8000-000000000000',
};

// What our server sees, and what HubSpot signed (HubSpot decodes %3A and %2C first). The
// library signs whatever URL it is given, so it gets the decoded one, as HubSpot's docs say.
const RECEIVED_URL = 'https://hooks.example.com/webhooks/hubspot?portal=62515&tag=a%3Ab%2Cc';
const SIGNED_URI = 'https://hooks.example.com/webhooks/hubspot?portal=62515&tag=a:b,c';
const SIGNATURE = 'x-hubspot-signature-v3';
const TIMESTAMP = 'x-hubspot-request-timestamp';

function sign(body: string | Buffer, atMs: number, key: KeyName = 'primary'): PlainDelivery {
  const signature = Signature.getSignature('POST', 'v3', {
    clientSecret: SECRETS[key],
    url: SIGNED_URI,
    requestBody: body.toString(),
    timestamp: atMs,
    signature: '',
  });
  return { method: 'POST', url: RECEIVED_URL, body, headers: { [SIGNATURE]: signature, [TIMESTAMP]: String(atMs) } };
}

/** A v3 signature over any timestamp text, for headers the library cannot produce. */
function hmac(timestamp: string): string {
  return createHmac('sha256', SECRETS.primary).update(`POST${SIGNED_URI}${BODY}${timestamp}`).digest('base64');
}

const at = String(SIGNED_AT);
const good = hmac(at);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const nonCanonical = `${good.slice(0, 42)}${ALPHABET[ALPHABET.indexOf(good[42] ?? 'A') ^ 1]}=`;
const delivery = (signature: string, timestamp = at, method = 'POST'): PlainDelivery => ({
  method,
  url: RECEIVED_URL,
  body: BODY,
  headers: { [SIGNATURE]: signature, [TIMESTAMP]: timestamp },
});

const specific: DifferentialCase[] = [
  { name: 'unpadded base64', delivery: delivery(good.replace(/=+$/, '')), expected: 'reject' },
  { name: 'non-canonical base64 (an unused bit set)', delivery: delivery(nonCanonical), expected: 'reject' },
  { name: 'a zero-padded timestamp, signed as the number', delivery: delivery(good, `0${at}`), expected: 'accept' },
  { name: 'a zero-padded timestamp, signed as sent', delivery: delivery(hmac(`0${at}`), `0${at}`), expected: 'reject' },
  { name: 'a timestamp in exponent form, signed as the number', delivery: delivery(good, `${SIGNED_AT / 1e12}e12`), expected: 'accept' },
  { name: 'another method than was signed', delivery: delivery(good, at, 'PUT'), expected: 'reject' },
  {
    name: 'a timestamp that is not a number, signed with "NaN"',
    delivery: delivery(hmac('NaN'), 'soon'),
    divergence: { ours: 'reject', why: "HubSpot's library skips the replay check for a NaN time, so such a delivery verifies forever" },
  },
].map((c) => ({ nowMs: SIGNED_AT, ...c }) as DifferentialCase);

differentialTable(
  {
    title: 'hubspotV3()',
    ours: (d, nowMs, keys) => hubspotV3({ clientSecrets: keys.map((key) => SECRETS[key]), now: () => nowMs }).verify(d),
    // Reads Date.now(), which the table sets to nowMs. It takes the timestamp as a number, as a TypeScript caller must pass it.
    official: (d, _nowMs, key) =>
      Signature.isValid({
        signatureVersion: 'v3',
        signature: d.headers[SIGNATURE] as string,
        clientSecret: SECRETS[key],
        requestBody: d.body.toString(),
        url: SIGNED_URI,
        method: d.method,
        timestamp: d.headers[TIMESTAMP] === undefined ? undefined : Number(d.headers[TIMESTAMP]),
      }),
  },
  [
    ...sharedCases({
      sign,
      signatureHeader: SIGNATURE,
      timestampHeader: TIMESTAMP,
      tamper: (value) => `${value[0] === 'A' ? 'B' : 'A'}${value.slice(1)}`,
      toleranceMs: 300_000,
      refusesFuture: false,
    }),
    ...specific,
  ],
);
